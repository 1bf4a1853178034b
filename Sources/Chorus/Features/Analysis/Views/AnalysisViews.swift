import Foundation
import Plot
import ChorusCore

/// The analysis list with the form to run a new one, and a run's page: progress while it runs, then the overview
/// (theme table, bar chart of sizes, trend by month, ward table with small counts suppressed).
enum AnalysisViews {
    static let styleURL = SiteURL.Analysis.style
    static var styleLink: HNode { H.void("link", ["rel": "stylesheet", "href": styleURL]) }

    static func list(_ m: AnalysisPages.List, _ ctx: PageContext) -> Page {
        let input = m.input
        var body: [HNode] = [
            Form.errorSummary(m.errors, ctx), H.el("h1", ["class": "heading-xl"], [.text("Thematic analysis")]),
            H.el(
                "p", ["class": "lead"],
                [
                    .text(
                        "Chorus groups insights into themes on its own server: no resident's words are sent anywhere. Themes are suggestions for analysts to rename, merge, split and pin."
                    )
                ]),
            H.el("p", ["id": "engine-status"], [.text(m.engine)]),
        ]
        body.append(
            Lists.table(
                m.rows,
                columns: [
                    .init(header: "Analysis") { H.link($0.title, SiteURL.Analysis.run($0.id)) },
                    .init(header: "Run by") { .text($0.organisation) },
                    .init(header: "Status") { .text($0.status) },
                    .init(header: "Insights") { .text(NumberText.grouped($0.insights)) },
                    .init(header: "Themes") { .text(String($0.themes)) },
                    .init(header: "Started") { .text($0.created.map { Day($0).description } ?? "") },
                ], caption: "Analyses", empty: "No analysis has been run yet."))
        if let scope = m.scope { body.append(contentsOf: runForm(scope, input: input, errors: m.errors, ctx)) }
        body.append(
            H.el(
                "p", [:],
                [
                    H.link("Compare two runs", SiteURL.Analysis.compare), .text(" · "),
                    H.link("Map insights to given themes", SiteURL.Analysis.givenThemes),
                ]))
        return Page(title: "Thematic analysis", body: body, status: m.errors.isEmpty ? .ok : .badRequest, englishOnly: true)
    }

    /// "Run a new analysis": first a GET form with a bundle and the insight list's own filter controls, whose button
    /// counts the insights in scope (no script: the page comes back with the count); then, for a scope that checked
    /// out, the POST form that runs exactly that scope (its values as hidden fields) with its title and seed.
    static func runForm(_ s: AnalysisPages.ScopeForm, input: [String: String], errors: [FieldError], _ ctx: PageContext) -> [HNode] {
        let f = ValidationFailure(errors)
        var nodes: [HNode] = [
            H.el("h2", ["class": "heading-m", "id": "new"], [.text("Run a new analysis")]),
            H.el(
                "p", ["id": "scope-help"],
                [
                    .text(
                        "Choose the insights: one of your organisation\u{2019}s bundles, or the filters of the insights list (all optional; with a hand-picked bundle they narrow it). Then press \u{201C}Show how many insights\u{201D}."
                    )
                ]),
            H.el(
                "form",
                [
                    "method": "get", "action": SiteURL.Analysis.list + "#scope-count", "class": "filter-bar", "aria-label": "Insights to analyse",
                    "aria-describedby": "scope-help",
                ],
                [
                    Form.field(
                        "bundle_id", label: "Insight bundle", control: .select(s.choices.bundles, placeholder: "No bundle"), value: s.bundleID,
                        error: f.message(for: "bundle_id"))
                ]
                    + InsightListView.filterFields(ctx, s.values, s.choices.insight, activities: s.choices.activities, errors: errors) + [
                        H.el(
                            "div", ["class": "filter-actions"],
                            [
                                Form.button("Show how many insights", secondary: true),
                                H.link("Clear", SiteURL.Analysis.list + "#new", class: "link-clear"),
                            ])
                    ]),
        ]
        guard let c = s.counted else {
            nodes.append(
                H.el(
                    "p", ["id": "scope-count", "role": "status"],
                    [.text("Correct the problem above, then press \u{201C}Show how many insights\u{201D}.")]))
            return nodes
        }
        let everything = "Every insight \(s.organisation) can see"
        let words = AnalysisScope.sentence(c.parts, everything: everything, ctx.t)
        let max = AnalysisService.maxInsights
        let howMany: String
        if c.count > max {
            howMany = "More than \(NumberText.grouped(max)) insights in scope"
        } else if let n = c.shown.value {
            howMany = n == 1 ? "1 insight in scope" : "\(NumberText.grouped(n)) insights in scope"
        } else {
            howMany = "Fewer than 5 insights in scope"
        }
        nodes.append(
            H.el(
                "div", ["id": "scope-count", "role": "status", "class": "scope-count"],
                [
                    H.el("p", [:], [H.el("strong", [:], [.text(howMany)])]),
                    H.el("p", [:], [.text(words)]),
                ]))
        if c.count > max {
            nodes.append(H.el("p", [:], [.text("An analysis takes at most \(NumberText.grouped(max)) insights: narrow the filters.")]))
            return nodes
        }
        if c.count < 2 {
            nodes.append(H.el("p", [:], [.text("An analysis needs at least 2 insights: widen the filters or choose another bundle.")]))
            return nodes
        }
        let hidden: [HNode] =
            (c.values.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } + (c.bundleID.map { [("bundle_id", $0.uuidString)] } ?? []))
            .map { H.void("input", ["type": "hidden", "name": $0.0, "value": $0.1]) }
        let run = c.shown.value.map { "Run analysis on these \(NumberText.grouped($0)) insights" } ?? "Run analysis on these insights"
        nodes.append(
            Form.post(
                SiteURL.Analysis.create, ctx,
                hidden + [
                    Form.field("title", label: "Title", control: .text(), value: input["title"], error: f.message(for: "title"), required: true),
                    Form.field(
                        "seed", label: "Seed (optional)", control: .text(), value: input["seed"], error: f.message(for: "seed"),
                        hint: "The same seed and the same insights give the same themes."),
                    Form.button(run),
                ]))
        return nodes
    }

    /// "Insights: Ward: Quayside · Theme: Buses" for a run's pages.
    static func scopeLine(_ parts: [AnalysisScope.Part], organisation: String, _ ctx: PageContext) -> HNode {
        H.el(
            "p", ["class": "analysis-scope"],
            [.text("Insights in scope: " + AnalysisScope.sentence(parts, everything: "every insight \(organisation) can see", ctx.t))])
    }

    static func progress(_ m: AnalysisPages.Progress, _ ctx: PageContext) -> Page {
        let run = m.run, live = m.live, refresh = m.refresh
        let running = run.isUnfinished
        var body: [HNode] = []
        if running && refresh {
            body.append(H.el("noscript", [:], [H.void("meta", ["http-equiv": "refresh", "content": "2"])]))
            body.append(H.el("script", ["src": InsightImportView.progressScriptURL, "defer": ""], []))
        }
        body.append(H.el("a", ["href": SiteURL.Analysis.list, "class": "back-link"], [.text("All analyses")]))
        body.append(H.el("h1", ["class": "heading-xl"], [.text(run.title)]))
        body.append(scopeLine(m.scope, organisation: m.organisation, ctx))
        if running {
            let percent = Int(((live ?? run.progress) * 100).rounded())
            let text = run.isQueued ? "Waiting to start" : "Analysing: \(percent)% done"
            body.append(
                H.el(
                    "div", ["class": "import-progress", "role": "status", "data-import-running": refresh ? "" : nil],
                    [
                        H.el("label", ["for": "analysis-progress"], [.text(text)]),
                        H.el("progress", ["id": "analysis-progress", "max": "100", "value": String(percent)], [.text("\(percent)%")]),
                    ]))
            body.append(
                H.el(
                    "p", [:],
                    [
                        refresh
                            ? H.link("Stop updating this page", SiteURL.with(SiteURL.Analysis.run(run.id), ["refresh": "off"]))
                            : H.link("Check progress now", SiteURL.with(SiteURL.Analysis.run(run.id), ["refresh": "off"]))
                    ]))
        } else {
            body.append(
                H.el(
                    "div", ["class": "error-summary", "role": "alert", "tabindex": "-1"],
                    [
                        H.el("h2", ["class": "error-summary-title"], [.text("The analysis did not finish")]),
                        H.el("p", [:], [.text(run.error ?? "Unknown error")]),
                    ]))
        }
        return Page(title: run.title, body: body, englishOnly: true)
    }

    static func overview(_ o: AnalysisPages.Overview, _ ctx: PageContext) -> Page {
        let run = o.run, canEdit = o.canEdit, errors = o.errors
        var body: [HNode] = [
            styleLink, Form.errorSummary(errors, ctx), H.el("a", ["href": SiteURL.Analysis.list, "class": "back-link"], [.text("All analyses")]),
            H.el("h1", ["class": "heading-xl"], [.text(run.title)]), scopeLine(o.scope, organisation: o.organisation, ctx),
        ]
        body.append(
            H.el(
                "p", [:],
                [
                    .text(
                        "\(NumberText.grouped(run.insightCount)) insights analysed for \(o.organisation), in \(o.themes.count) themes; \(NumberText.grouped(run.unassignedCount)) of \(NumberText.grouped(run.insightCount)) insights were too unlike any theme and are left unassigned. Method: \(run.method ?? "")."
                    )
                ]))
        if run.privateToOrganisation {
            body.append(
                H.el("p", [:], [.text("This analysis includes insights shared within \(o.organisation) only, so only \(o.organisation) can see it.")])
            )
        }
        var actions: [HNode] = []
        if canEdit {
            actions.append(Form.post(SiteURL.Analysis.rerun(run.id), ctx, [Form.button("Run again", secondary: true)], class: "inline-form"))
        }
        if let p = o.previousRunID { actions.append(H.link("Compare with the previous run", SiteURL.Analysis.compare(p, run.id))) }
        body.append(H.el("div", ["class": "button-group"], actions))
        body.append(scheduleSection(o, ctx))
        body.append(H.el("h2", ["class": "heading-m"], [.text("Themes")]))
        body.append(
            Lists.table(
                o.themes,
                columns: [
                    .init(header: "Theme") { t in .group([H.link(t.label, SiteURL.Analysis.theme(run.id, t.id)), .if(t.pinned, .text(" (pinned)"))])
                    },
                    .init(header: "Insights") { .text(NumberText.grouped($0.size)) },
                    .init(header: "People") { .text(NumberText.grouped($0.people)) },
                    .init(header: "Positive / neutral / negative") { .text("\($0.positive) / \($0.neutral) / \($0.negative)") },
                    .init(header: "Since last run") { .text($0.status == "kept" ? "kept: pinned, no new match" : ($0.status ?? "first run")) },
                    .init(header: "By month") { t in
                        SVGChart.trend(
                            t.byMonth, id: "trend-\(t.id.uuidString.prefix(8))", title: "Insights by month: \(t.label)",
                            description: zip(o.months, t.byMonth).map { "\($0): \($1)" }.joined(separator: ", "))
                    },
                ], caption: "Themes of this analysis", empty: "No themes were found."))
        if !o.fading.isEmpty {
            body.append(H.el("p", [:], [.text("Fading since the previous run: " + o.fading.joined(separator: "; "))]))
        }
        body.append(H.el("h2", ["class": "heading-m"], [.text("Theme sizes")]))
        body.append(
            H.el(
                "figure", [:],
                [
                    SVGChart.bars(
                        o.themes.map { .init(label: $0.label, value: $0.size) }, id: "sizes", title: "Insights per theme",
                        description: o.themes.map { "\($0.label): \($0.size) insights" }.joined(separator: "; "))
                ]))
        if !o.months.isEmpty {
            body.append(H.el("h2", ["class": "heading-m"], [.text("Trend by month (insights heard)")]))
            body.append(
                H.el(
                    "div", ["class": "table-wrap", "tabindex": "0", "role": "region", "aria-label": "Trend by month table"],
                    [
                        H.el(
                            "table", ["class": "table"],
                            [
                                H.el("caption", ["class": "visually-hidden"], [.text("Insights per theme by month heard")]),
                                H.el(
                                    "thead", [:],
                                    [
                                        H.el(
                                            "tr", [:],
                                            [H.el("th", ["scope": "col"], [.text("Theme")])]
                                                + o.months.map { H.el("th", ["scope": "col"], [.text($0)]) })
                                    ]),
                                H.el(
                                    "tbody", [:],
                                    o.themes.map { t in
                                        H.el(
                                            "tr", [:],
                                            [H.el("th", ["scope": "row"], [.text(t.label)])] + t.byMonth.map { H.el("td", [:], [.text(String($0))]) })
                                    }),
                            ])
                    ]))
        }
        if !o.wards.isEmpty {
            body.append(H.el("h2", ["class": "heading-m"], [.text("By ward")]))
            body.append(
                H.el(
                    "p", [:],
                    [.text("Insights per theme by ward. Counts from 1 to 4 are shown as \u{201C}fewer than 5\u{201D} so no one can be identified.")]))
            let top = max(1, o.themes.flatMap(\.byWard).max() ?? 1)
            body.append(
                H.el(
                    "div", ["class": "table-wrap", "tabindex": "0", "role": "region", "aria-label": "By ward table"],
                    [
                        H.el(
                            "table", ["class": "table heat-table"],
                            [
                                H.el("caption", ["class": "visually-hidden"], [.text("Insights per theme by ward")]),
                                H.el(
                                    "thead", [:],
                                    [
                                        H.el(
                                            "tr", [:],
                                            [H.el("th", ["scope": "col"], [.text("Theme")])]
                                                + o.wards.map { H.el("th", ["scope": "col"], [.text($0)]) })
                                    ]),
                                H.el(
                                    "tbody", [:],
                                    o.themes.map { t in
                                        H.el(
                                            "tr", [:],
                                            [H.el("th", ["scope": "row"], [.text(t.label)])]
                                                + t.byWard.map { n in
                                                    let shown = SmallNumbers.shown(n)
                                                    let shade = shown == nil ? 1 : min(4, Int((Double(n) / Double(top) * 4).rounded(.up)))
                                                    return H.el(
                                                        "td", ["class": "heat-\(shade)"],
                                                        [.text(shown.map { NumberText.grouped($0) } ?? "fewer than 5")])
                                                })
                                    }),
                            ])
                    ]))
            body.append(themeMaps(o, ctx))
        }
        body.append(contentsOf: groupSections(o))
        return Page(title: run.title, body: body, status: errors.isEmpty ? .ok : .badRequest, notice: o.notice, englishOnly: true)
    }

    /// Small maps of the largest themes by ward (at most four, on one scale so they compare), after the table that
    /// holds their numbers; counts from 1 to 4 hidden as in the table. Nothing when the wards have no boundaries.
    static func themeMaps(_ o: AnalysisPages.Overview, _ ctx: PageContext) -> HNode {
        guard let shape = o.wardMap else { return .empty }
        let shown = Array(o.themes.sorted { $0.size > $1.size }.prefix(4))
        guard !shown.isEmpty else { return .empty }
        let counts = shown.map { t in Dictionary(zip(o.wardCodes, t.byWard), uniquingKeysWith: +) }
        let top = counts.flatMap(\.values).max() ?? 0
        return .group([
            H.el("h3", ["class": "heading-s"], [.text("The largest themes on the map")]),
            H.el(
                "p", [:],
                [.text("Insights in each of the \(shown.count) largest themes by ward, on one scale; the table above has every theme's numbers.")]),
            H.el(
                "div", ["class": "ward-maps"],
                shown.enumerated().map { i, t in
                    WardMap.counts(
                        shape, id: "theme-map-\(i + 1)", title: "\(t.label): insights by ward",
                        description: "Wards shaded by how many insights in this theme were heard there.", legendTitle: t.label,
                        counts: counts[i], suppress: true, top: top, ctx)
                }),
        ])
    }

    static func scheduleSection(_ o: AnalysisPages.Overview, _ ctx: PageContext) -> HNode {
        var nodes: [HNode] = [H.el("h2", ["class": "heading-m", "id": "schedule"], [.text("Running again by itself")])]
        if let newer = o.hasNewerRun {
            nodes.append(
                H.el(
                    "p", [:],
                    [
                        .text("This analysis has been run again since. "), H.link("Open the newer run", SiteURL.Analysis.run(newer)),
                        .text(" (its schedule, if any, is set there)."),
                    ]))
            return .group(nodes)
        }
        if let s = o.schedule {
            let when = s.next.formatted(
                Date.ISO8601FormatStyle().year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false).timeSeparator(.colon))
            nodes.append(
                H.el(
                    "p", [:],
                    [
                        .text(
                            "\(s.frequency.label). Next run: \(when.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: " UTC")). Each run is matched to the one before, so themes keep their names, pins, notes and mappings."
                        )
                    ]))
        } else {
            nodes.append(H.el("p", [:], [.text("Not scheduled: it runs again only when someone presses \u{201C}Run again\u{201D}.")]))
        }
        if o.canEdit {
            let f = ValidationFailure(o.errors)
            nodes.append(
                Form.post(
                    SiteURL.Analysis.schedule(o.run.id), ctx,
                    [
                        Form.field(
                            "frequency", label: "Run again",
                            control: .select(
                                [Form.Option("none", "Only when someone asks")]
                                    + AnalysisFrequency.allCases.map { Form.Option($0.rawValue, $0.label) }, placeholder: nil),
                            value: o.schedule?.frequency.rawValue ?? "none", error: f.message(for: "frequency")),
                        Form.button("Save schedule", secondary: true),
                    ]))
        }
        return .group(nodes)
    }

    /// Insights per theme by audience and by the answers to one equality question (chosen with a small GET form).
    static func groupSections(_ o: AnalysisPages.Overview) -> [HNode] {
        let note = H.el(
            "p", [:],
            [
                .text(
                    "Counts from 1 to 4 are shown as \u{201C}fewer than 5\u{201D}; where a row adds up to the theme's size, a second count is \u{201C}not shown\u{201D} so the first cannot be worked out."
                )
            ])
        func table(_ t: AnalysisDistribution.Table, caption: String) -> HNode {
            H.el(
                "div", ["class": "table-wrap", "tabindex": "0", "role": "region", "aria-label": caption],
                [
                    H.el(
                        "table", ["class": "table"],
                        [
                            H.el("caption", ["class": "visually-hidden"], [.text(caption)]),
                            H.el(
                                "thead", [:],
                                [
                                    H.el(
                                        "tr", [:],
                                        [H.el("th", ["scope": "col"], [.text("Theme")])] + t.columns.map { H.el("th", ["scope": "col"], [.text($0)]) }
                                    )
                                ]),
                            H.el(
                                "tbody", [:],
                                zip(o.themes, t.rows).map { theme, row in
                                    H.el(
                                        "tr", [:],
                                        [H.el("th", ["scope": "row"], [.text(theme.label)])]
                                            + row.map { c in
                                                H.el("td", [:], [.text(c.value.map { NumberText.grouped($0) } ?? c.text())])
                                            })
                                }),
                        ])
                ])
        }
        var nodes: [HNode] = [H.el("h2", ["class": "heading-m", "id": "audiences"], [.text("By audience")])]
        if o.groups.audiences.isEmpty {
            nodes.append(H.el("p", [:], [.text("None of these insights was recorded with an audience.")]))
        } else {
            nodes.append(H.el("p", [:], [.text("Insights per theme by the audience they were recorded with (an insight can have several).")]))
            nodes.append(table(o.groups.audiences, caption: "Insights per theme by audience"))
        }
        let q = o.groups.question
        nodes.append(H.el("h2", ["class": "heading-m", "id": "equality"], [.text("By equality group: \(q.question)")]))
        nodes.append(
            H.el(
                "form", ["method": "get", "action": SiteURL.Analysis.run(o.run.id) + "#equality", "class": "inline-form"],
                [
                    Form.field(
                        "group", label: "Equality question",
                        control: .select(EqualityMonitoring.questions.map { Form.Option($0.field, $0.question) }, placeholder: nil),
                        value: q.field, error: nil),
                    Form.button("Show", secondary: true),
                ]))
        nodes.append(
            H.el(
                "p", [:],
                [
                    .text(
                        "From the respondent profiles recorded with the insights; every question is optional, so most insights may be \u{201C}\(AnalysisDistribution.notAnswered.lowercased())\u{201D}."
                    )
                ]))
        nodes.append(note)
        nodes.append(table(o.groups.equality, caption: "Insights per theme by \(q.question.lowercased())"))
        return nodes
    }
}
