import Foundation
import Plot
import ChorusCore

/// A self-assessment: its results, each standard with Chorus's figures and the rating form, moderation, the action
/// plan; the printable report; an action of the plan. Staff pages are English.
enum AssessmentViews {
    typealias Model = StandardsPages.Assessment

    static func page(_ m: Model, _ ctx: PageContext) -> Page {
        let e = ValidationFailure(m.errors)
        var body: [HNode] = [
            H.el("a", ["href": SiteURL.Standards.home + "#assessments", "class": "back-link"], [.text("Back to self-assessments")]),
            Form.errorSummary(m.errors, ctx),
            .unwrap(m.notice) { H.el("p", ["class": "notice", "role": "status"], [.text($0)]) },
        ]
        body += heading(m)
        body.append(
            H.el(
                "p", [:],
                [
                    H.link("Printable report", SiteURL.Standards.report(m.id)), .text(" · "),
                    H.link("Ratings (CSV)", SiteURL.Standards.csv(m.id)),
                ]))
        body += results(m)
        body.append(H.el("h2", ["class": "heading-l", "id": "standards"], [.text("The standards")]))
        for s in m.standards.standards { body.append(standardSection(s, m, e, ctx)) }
        body.append(H.el("section", ["id": "moderation"], moderation(m, e, ctx)))
        body.append(H.el("section", ["id": "action-plan"], actionPlan(m, e, ctx)))
        return Page(title: m.title, body: body, status: m.errors.isEmpty ? .ok : .badRequest, englishOnly: true)
    }

    static func heading(_ m: Model) -> [HNode] {
        [
            H.el("span", ["class": "caption"], [H.bdi(m.whose)]),
            H.el("h1", ["class": "heading-xl"], [.text(m.title)]),
            H.el(
                "dl", ["class": "summary-list"],
                [
                    H.el("dt", [:], [.text("Status")]),
                    H.el(
                        "dd", [:],
                        [
                            StandardsViews.statusTag(m.status),
                            .unwrap(m.agreedBy) { by in .text(" by \(by)\(m.agreedOn.map { " on \(DayText.long($0))" } ?? "")") },
                        ]),
                    H.el("dt", [:], [.text("Period")]), H.el("dd", [:], [.text("\(DayText.long(m.from)) to \(DayText.long(m.to))")]),
                    H.el("dt", [:], [.text("Standards")]),
                    H.el(
                        "dd", [:],
                        [
                            H.link("Version \(m.standards.version)", SiteURL.Standards.version(m.standards.version)),
                            .unwrap(m.newerVersion) { .text(" (version \($0) is current; this assessment keeps its own wording)") },
                        ]),
                    H.el("dt", [:], [.text("Who can see it")]), H.el("dd", [:], [.text(m.sharing.label)]),
                ]),
        ]
    }

    /// The chart of levels with its data table, and the change since the last agreed assessment.
    static func results(_ m: Model) -> [HNode] {
        let rated = m.standards.standards.filter { m.ratings[$0.key] != nil }
        guard !rated.isEmpty else {
            return [
                H.el("h2", ["class": "heading-l", "id": "results"], [.text("Results")]), H.el("p", ["class": "empty"], [.text("Nothing rated yet.")]),
            ]
        }
        let counts = AssessmentRules.counts(m.levels)
        var columns: [Lists.Column<QualityStandard>] = [
            .init(header: "Standard") { .text($0.title) },
            .init(header: "Level") { s in StandardsViews.levelTag(m.ratings[s.key]?.level) },
        ]
        if m.previous != nil { columns.append(.init(header: "Change since last time") { s in .text(m.changes[s.key]?.label ?? "") }) }
        return [
            H.el("h2", ["class": "heading-l", "id": "results"], [.text("Results")]),
            H.el(
                "p", [:],
                [
                    .text(
                        StandardLevel.allCases.reversed().map { "\(counts[$0] ?? 0) \($0.label.lowercased())" }.joined(separator: ", ")
                            + " of \(m.standards.standards.count) standards.")
                ]),
            SVGChart.bars(
                rated.map { SVGChart.Bar(label: $0.title, value: m.ratings[$0.key]!.level.rank, shown: m.ratings[$0.key]!.level.label) },
                id: "levels-chart", title: "Level by standard",
                description: "Emerging is one third of the bar, Aspiring two thirds, Established all of it.",
                scale: 3),
            .unwrap(m.previous) { p in
                H.el(
                    "p", [:], [.text("Compared with the last agreed assessment, "), H.link(p.title, SiteURL.Standards.assessment(p.id)), .text(".")])
            },
            Lists.table(m.standards.standards, columns: columns, caption: "Level by standard", empty: ""),
        ]
    }

    static func figures(_ list: [StandardsEvidence.Figure]) -> HNode {
        H.el(
            "ul", ["class": "plain-list figures"],
            list.map { f in
                H.el(
                    "li", [:],
                    [
                        H.el("p", [:], [.text(f.statement)]),
                        H.el(
                            "details", ["class": "details"],
                            [H.el("summary", [:], [.text("How this is counted")]), H.el("p", [:], [.text(f.method)])]),
                    ])
            })
    }

    static func standardSection(_ s: QualityStandard, _ m: Model, _ e: ValidationFailure, _ ctx: PageContext) -> HNode {
        let rating = m.ratings[s.key]
        let figures = m.figures[s.key] ?? []
        let input = m.input
        let editing = m.canEdit && m.status == .draft
        return H.el(
            "section", ["class": "standard", "id": "standard-\(s.key)"],
            [
                H.el("h3", ["class": "heading-m"], [.text(s.title)]),
                H.el("p", [:], [.text(s.summary)]),
                StandardsViews.describe(s),
                H.el("h4", ["class": "heading-s"], [.text("What Chorus already holds")]),
                figures.isEmpty
                    ? H.el("p", ["class": "empty"], [.text("Chorus holds no figure for this standard; give your own evidence.")])
                    : self.figures(figures),
                H.el("h4", ["class": "heading-s"], [.text("Rating")]),
                rating.map { r in ratingSummary(r) } ?? H.el("p", ["class": "empty"], [.text("Not rated yet.")]),
                .if(
                    editing,
                    Form.post(
                        SiteURL.Standards.rating(m.id, s.key), ctx,
                        [
                            Form.radios(
                                "level_\(s.key)", legend: "Level for \(s.title)",
                                options: StandardLevel.allCases.map { .init($0.rawValue, $0.label) },
                                selected: input?["level_\(s.key)"] ?? rating?.level.rawValue, error: e.message(for: "level_\(s.key)")),
                            Form.field(
                                "evidence_\(s.key)", label: "Evidence for \(s.title)", control: .textarea(rows: 4),
                                value: input?["evidence_\(s.key)"] ?? rating?.evidence, error: e.message(for: "evidence_\(s.key)"),
                                hint: "What you saw, who agreed it, and where to find it"),
                            Form.field(
                                "links_\(s.key)", label: "Links to evidence (optional)", control: .textarea(rows: 2),
                                value: input?["links_\(s.key)"] ?? rating?.links.joined(separator: "\n"), error: e.message(for: "links_\(s.key)"),
                                hint: "One a line: activities, plans and reports in Chorus (/register/…) or documents (https://…)"),
                            .if(
                                !figures.isEmpty,
                                Form.checkbox(
                                    "include_figures_\(s.key)", label: "Include Chorus's figures above as evidence",
                                    checked: input.map { Input.isTrue($0["include_figures_\(s.key)"]) } ?? !(rating?.figures.isEmpty ?? true))),
                            Form.button("Save the rating for \(s.title)"),
                        ])),
            ])
    }

    static func ratingSummary(_ r: StandardsPages.Rating) -> HNode {
        H.el(
            "dl", ["class": "summary-list"],
            [
                H.el("dt", [:], [.text("Level")]), H.el("dd", [:], [StandardsViews.levelTag(r.level)]),
                H.el("dt", [:], [.text("Evidence")]), H.el("dd", ["class": "multiline"], [.text(r.evidence.isEmpty ? "—" : r.evidence)]),
                .if(
                    !r.links.isEmpty,
                    .group([
                        H.el("dt", [:], [.text("Links")]),
                        H.el("dd", [:], [H.el("ul", ["class": "plain-list"], r.links.map { H.el("li", [:], [H.link($0, $0)]) })]),
                    ])),
                .if(
                    !r.figures.isEmpty,
                    .group([
                        H.el("dt", [:], [.text("Chorus's figures, as kept")]),
                        H.el("dd", [:], [H.el("ul", ["class": "plain-list"], r.figures.map { H.el("li", [:], [.text($0.statement)]) })]),
                    ])),
                H.el("dt", [:], [.text("Rated by")]), H.el("dd", [:], [H.bdi(r.ratedBy)]),
            ])
    }

    static func challengeTable(_ m: Model) -> HNode {
        Lists.table(
            m.challenges,
            columns: [
                .init(header: "Standard") { .text(m.title(of: $0.standardKey)) },
                .init(header: "Proposed") { c in .text("\(c.from?.label ?? "Not rated") → \(c.proposed.label)") },
                .init(header: "Why") { .text($0.reason) },
                .init(header: "Raised by") { c in .group([H.bdi(c.raisedBy), .text(c.raisedAs == .community ? " (community member)" : "")]) },
                .init(header: "Outcome") { c in
                    .text(
                        c.status == .open
                            ? "Open"
                            : "\(c.status.label) by \(c.resolvedBy ?? "")\(c.resolvedOn.map { " on \(DayText.long($0))" } ?? "")"
                                + (c.response.map { ": \($0)" } ?? ""))
                },
            ], caption: "Challenges", empty: "No challenges.")
    }

    static func moderation(_ m: Model, _ e: ValidationFailure, _ ctx: PageContext) -> [HNode] {
        var out: [HNode] = [
            H.el("h2", ["class": "heading-l"], [.text("Moderation")]),
            H.el(
                "p", [:],
                [
                    .text(
                        "When every standard is rated, the assessment goes to moderation: a second reviewer, or community members of the "
                            + "steering group, may challenge any rating with a reason. The organisation upholds or dismisses each challenge, "
                            + "then someone other than the only rater agrees the assessment.")
                ]),
            .unwrap(e.message(for: "status")) { H.el("p", ["class": "error-message", "id": "f-status"], [.text($0)]) },
            .unwrap(e.message(for: "challenges")) { H.el("p", ["class": "error-message", "id": "f-challenges"], [.text($0)]) },
            challengeTable(m),
        ]
        if m.canEdit && m.status == .draft {
            out.append(Form.post(SiteURL.Standards.moderation(m.id), ctx, [Form.button("Send for moderation")]))
        }
        if m.status == .moderation {
            let input = m.input
            if m.canEdit {
                for c in m.challenges where c.status == .open {
                    out.append(
                        Form.post(
                            SiteURL.Standards.challenge(c.id), ctx,
                            [
                                H.el("h3", ["class": "heading-s"], [.text("Resolve the challenge to \(m.title(of: c.standardKey))")]),
                                Form.field(
                                    "outcome", label: "Outcome",
                                    control: .select(
                                        [
                                            .init("upheld", "Uphold: change the rating to \(c.proposed.label)"),
                                            .init("dismissed", "Dismiss: the rating stands"),
                                        ],
                                        placeholder: nil), value: nil, error: nil, id: "f-outcome-\(c.id.uuidString.lowercased())"),
                                Form.field(
                                    "response", label: "Response", control: .textarea(rows: 2), value: nil, error: nil,
                                    hint: "Needed when dismissing", id: "f-response-\(c.id.uuidString.lowercased())"),
                                Form.button("Save the outcome", secondary: true),
                            ]))
                }
            }
            out += [
                H.el("h3", ["class": "heading-m", "id": "challenge"], [.text("Challenge a rating")]),
                Form.post(
                    SiteURL.Standards.challenges(m.id), ctx,
                    [
                        Form.field(
                            "standard_key", label: "Standard",
                            control: .select(m.standards.standards.map { .init($0.key, $0.title) }, placeholder: "Choose a standard"),
                            value: input?["standard_key"], error: e.message(for: "standard_key"), required: true),
                        Form.radios(
                            "proposed_level", legend: "The level you think is right",
                            options: StandardLevel.allCases.map { .init($0.rawValue, $0.label) }, selected: input?["proposed_level"],
                            error: e.message(for: "proposed_level")),
                        Form.field(
                            "reason", label: "Why", control: .textarea(rows: 3), value: input?["reason"], error: e.message(for: "reason"),
                            required: true),
                        Form.radios(
                            "raised_as", legend: "Who is challenging",
                            options: AssessmentService.ChallengeSource.allCases.map { .init($0.rawValue, $0.label) },
                            selected: input?["raised_as"] ?? "reviewer", error: e.message(for: "raised_as")),
                        Form.field(
                            "community_name", label: "Community member's name (when recording for them)", control: .text(),
                            value: input?["community_name"], error: e.message(for: "community_name")),
                        Form.button("Record the challenge"),
                    ]),
            ]
            if m.canEdit {
                out.append(H.el("h3", ["class": "heading-m"], [.text("Agree the assessment")]))
                out.append(Form.post(SiteURL.Standards.agree(m.id), ctx, [Form.button("Agree the assessment")]))
            }
        }
        return out
    }

    static func actionTable(_ m: Model) -> HNode {
        Lists.table(
            m.actions,
            columns: [
                .init(header: "Action") { H.link($0.title, SiteURL.Standards.action($0.id)) },
                .init(header: "Standard") { .text(m.title(of: $0.standardKey)) },
                .init(header: "Owner") { r in .group([H.bdi(r.owner), .text(" (\(r.organisation))")]) },
                .init(header: "Due") { r in
                    r.overdue ? H.el("span", ["class": "hot"], [.text("Overdue: \(DayText.long(r.due))")]) : .text(DayText.long(r.due))
                },
                .init(header: "Status") { r in .group([ActionViews.statusTag(r.status), .text(" since \(DayText.long(r.statusDay))")]) },
            ], caption: "Action plan", empty: "No actions yet.")
    }

    static func actionPlan(_ m: Model, _ e: ValidationFailure, _ ctx: PageContext) -> [HNode] {
        let input = m.input
        let gapTitles = m.gaps.map(m.title(of:))
        var out: [HNode] = [
            H.el("h2", ["class": "heading-l"], [.text("Action plan")]),
            H.el(
                "p", [:],
                [
                    .text(
                        gapTitles.isEmpty
                            ? "No gaps: no standard is rated below Established." : "Gaps (below Established): \(gapTitles.joined(separator: ", ")).")
                ]),
            actionTable(m),
        ]
        if m.canEdit {
            let ordered = m.gaps.compactMap { m.standards.standard($0) } + m.standards.standards.filter { !m.gaps.contains($0.key) }
            out += [
                H.el("h3", ["class": "heading-m", "id": "add-action"], [.text("Add an action")]),
                Form.post(
                    SiteURL.Standards.actions(m.id), ctx,
                    [
                        Form.field(
                            "standard_key", label: "Standard it improves",
                            control: .select(ordered.map { .init($0.key, $0.title) }, placeholder: nil),
                            value: input?["standard_key"], error: e.message(for: "standard_key"), id: "f-action-standard"),
                        Form.field(
                            "title", label: "What will be done", control: .text(), value: input?["title"], error: e.message(for: "title"),
                            required: true),
                        Form.field(
                            "owner_id", label: "Owner", control: .select(m.people, placeholder: "Choose a person"), value: input?["owner_id"],
                            error: e.message(for: "owner_id"), required: true),
                        Form.field(
                            "due_on", label: "Due", control: .text(type: "date"), value: input?["due_on"], error: e.message(for: "due_on"),
                            required: true),
                        Form.button("Add the action"),
                    ]),
            ]
        }
        return out
    }

    /// The report for scrutiny: everything on one page, no forms.
    static func report(_ m: Model, _ ctx: PageContext) -> Page {
        var body: [HNode] = [
            H.el("a", ["href": SiteURL.Standards.assessment(m.id), "class": "back-link no-print"], [.text("Back to the assessment")])
        ]
        body += heading(m)
        body += results(m)
        body.append(H.el("h2", ["class": "heading-l"], [.text("Evidence by standard")]))
        for s in m.standards.standards {
            body.append(
                H.el(
                    "section", ["class": "standard"],
                    [
                        H.el("h3", ["class": "heading-m"], [.text(s.title)]),
                        m.ratings[s.key].map(ratingSummary) ?? H.el("p", [:], [.text("Not rated.")]),
                        .if(
                            !(m.figures[s.key] ?? []).isEmpty,
                            .group([H.el("h4", ["class": "heading-s"], [.text("Chorus's figures now")]), figures(m.figures[s.key] ?? [])])),
                    ]))
        }
        body += [
            H.el("h2", ["class": "heading-l"], [.text("Moderation")]), challengeTable(m),
            H.el("h2", ["class": "heading-l"], [.text("Action plan")]), actionTable(m),
        ]
        return Page(title: "Report: \(m.title)", body: body, englishOnly: true)
    }

    static func action(_ m: StandardsPages.ActionPage, _ ctx: PageContext) -> Page {
        let e = ValidationFailure(m.errors)
        let r = m.row
        var body: [HNode] = [
            H.el(
                "a", ["href": SiteURL.Standards.assessment(m.assessmentID) + "#action-plan", "class": "back-link"], [.text("Back to the action plan")]
            ),
            Form.errorSummary(m.errors, ctx),
            H.el("span", ["class": "caption"], [.text("Action plan: \(m.assessmentTitle)")]),
            H.el("h1", ["class": "heading-xl"], [.text(r.title)]),
            H.el(
                "dl", ["class": "summary-list"],
                [
                    H.el("dt", [:], [.text("Standard")]), H.el("dd", [:], [.text(m.standardTitle)]),
                    H.el("dt", [:], [.text("Status")]),
                    H.el(
                        "dd", [:],
                        [
                            ActionViews.statusTag(r.status), .text(" since \(DayText.long(r.statusDay))"),
                            .if(r.overdue, H.el("span", ["class": "hot"], [.text(" Overdue")])),
                        ]),
                    H.el("dt", [:], [.text("Owner")]), H.el("dd", [:], [H.bdi(r.owner), .text(" (\(r.organisation))")]),
                    H.el("dt", [:], [.text("Due")]), H.el("dd", [:], [.text(DayText.long(r.due))]),
                    .unwrap(r.reason) { .group([H.el("dt", [:], [.text("Why not")]), H.el("dd", [:], [.text($0)])]) },
                    .unwrap(r.progress) { .group([H.el("dt", [:], [.text("Latest progress")]), H.el("dd", ["class": "multiline"], [.text($0)])]) },
                ]),
        ]
        if m.canUpdate {
            body += [
                H.el("h2", ["class": "heading-m"], [.text("Update")]),
                Form.post(
                    SiteURL.Standards.action(r.id), ctx,
                    [
                        Form.field(
                            "status", label: "Status",
                            control: .select(
                                [.init(r.status.rawValue, "\(r.status.label) (no change)")] + r.status.next.map { .init($0.rawValue, $0.label) },
                                placeholder: nil),
                            value: m.input?["status"], error: e.message(for: "status")),
                        Form.field(
                            "reason", label: "Reason (when not doing it)", control: .textarea(rows: 2), value: m.input?["reason"],
                            error: e.message(for: "reason")),
                        Form.field(
                            "note", label: "Progress note", control: .textarea(rows: 3), value: m.input?["note"], error: e.message(for: "note")),
                        Form.button("Save"),
                    ]),
            ]
        }
        return Page(title: r.title, body: body, status: m.errors.isEmpty ? .ok : .badRequest, englishOnly: true)
    }
}
