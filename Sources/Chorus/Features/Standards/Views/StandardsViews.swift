import Foundation
import Plot
import ChorusCore

/// The standards area's list pages: the standards and self-assessments, editing a standard, an old version, and the
/// partnership view. Staff pages are English.
enum StandardsViews {
    static func levelTag(_ l: StandardLevel?) -> HNode {
        guard let l else { return H.el("strong", ["class": "tag tag-grey"], [.text("Not rated")]) }
        return H.el("strong", ["class": "tag" + (l == .established ? "" : l == .aspiring ? " tag-yellow" : " tag-red")], [.text(l.label)])
    }

    static func statusTag(_ s: AssessmentStatus) -> HNode {
        H.el("strong", ["class": "tag" + (s == .agreed ? "" : " tag-grey")], [.text(s.label)])
    }

    static func home(_ m: StandardsPages.Home, _ ctx: PageContext) -> Page {
        let e = ValidationFailure(m.errors)
        let input = m.input
        var body: [HNode] = [
            Form.errorSummary(m.errors, ctx),
            H.el("h1", ["class": "heading-xl"], [.text("Quality standards")]),
            H.el(
                "p", ["class": "lead"],
                [
                    .text(
                        "How are we doing? Each organisation, service or the whole partnership rates itself Emerging, Aspiring or "
                            + "Established against each standard, with evidence; a second reviewer or community members challenge the "
                            + "ratings; the gaps become an action plan.")
                ]),
            H.el("p", [:], [H.link("Compare organisations' latest agreed assessments", SiteURL.Standards.compare)]),
            H.el("h2", ["class": "heading-l", "id": "assessments"], [.text("Self-assessments")]),
            Lists.filterBar(
                action: SiteURL.Standards.home, ctx,
                fields: [
                    Form.field(
                        "organisation", label: "Organisation", control: .select(m.organisations, placeholder: "Any organisation"),
                        value: m.filterOrganisation, error: nil),
                    Form.field(
                        "status", label: "Status",
                        control: .select(AssessmentStatus.allCases.map { .init($0.rawValue, $0.label) }, placeholder: "Any status"),
                        value: m.filterStatus, error: nil),
                ]),
            Lists.table(
                m.assessments,
                columns: [
                    .init(header: "Assessment") { H.link($0.title, SiteURL.Standards.assessment($0.id)) },
                    .init(header: "Whose") { H.bdi($0.whose) },
                    .init(header: "Period") { .text("\(DayText.long($0.from)) to \(DayText.long($0.to))") },
                    .init(header: "Status") { r in .group([statusTag(r.status), .text(r.agreedOn.map { " on \(DayText.long($0))" } ?? "")]) },
                ], caption: "Self-assessments", empty: "No self-assessments you can see yet."),
        ]
        if m.canStart {
            var scope: [Form.Option] = [.init("organisation", "My organisation (or one of its services)")]
            if m.isAdmin { scope.append(.init("partnership", "The whole partnership (shared with every partner)")) }
            body += [
                H.el("h2", ["class": "heading-m", "id": "start"], [.text("Start a self-assessment")]),
                Form.post(
                    SiteURL.Standards.assessments, ctx,
                    [
                        Form.field(
                            "title", label: "Title", control: .text(), value: input?["title"], error: e.message(for: "title"),
                            hint: "For example: Council engagement self-assessment 2026–27", required: true),
                        Form.radios(
                            "scope", legend: "Whose practice is assessed", options: scope, selected: input?["scope"] ?? "organisation",
                            error: e.message(for: "scope")),
                        Form.field(
                            "service", label: "Service (optional)", control: .text(), value: input?["service"], error: e.message(for: "service"),
                            hint: "Leave empty to assess the whole organisation"),
                        Form.field(
                            "period_from", label: "Start of the period", control: .text(type: "date"), value: input?["period_from"],
                            error: e.message(for: "period_from"), hint: "Chorus counts its evidence figures over this period", required: true),
                        Form.field(
                            "period_to", label: "End of the period", control: .text(type: "date"), value: input?["period_to"],
                            error: e.message(for: "period_to"), required: true),
                        Form.radios(
                            "sharing", legend: "Who can see it",
                            options: AssessmentService.Sharing.allCases.map { .init($0.rawValue, $0.label) },
                            selected: input?["sharing"] ?? "organisation",
                            error: e.message(for: "sharing"), hint: "An assessment of the whole partnership is always shared with every partner"),
                        Form.button("Start the assessment"),
                    ]),
            ]
        }
        body += [
            H.el("h2", ["class": "heading-l", "id": "standards"], [.text("The standards (version \(m.standards.version))")]),
            .if(m.canEditStandards, H.el("p", [:], [H.link("Add a standard", SiteURL.Standards.newStandard)])),
            standardsList(m.standards, editable: m.canEditStandards),
            H.el("h2", ["class": "heading-m", "id": "versions"], [.text("Versions")]),
            H.el("p", [:], [.text("Every change makes a new version. An assessment keeps the wording of the version it was started against.")]),
            Lists.table(
                m.versions,
                columns: [
                    .init(header: "Version") { H.link("Version \($0.version)", SiteURL.Standards.version($0.version)) },
                    .init(header: "Change") { .text($0.note ?? "") },
                    .init(header: "By") { H.bdi($0.createdBy) },
                    .init(header: "When") { .text($0.createdAt.map { DayText.long(Day($0)) } ?? "") },
                ], caption: "Versions of the standards", empty: "No versions yet."),
        ]
        return Page(title: "Quality standards", body: body, status: m.errors.isEmpty ? .ok : .badRequest, englishOnly: true)
    }

    /// Each standard with what it asks, its indicators and its levels.
    static func standardsList(_ set: StandardSet, editable: Bool) -> HNode {
        .group(
            set.standards.map { s in
                H.el(
                    "section", ["class": "standard", "id": "standard-\(s.key)"],
                    [
                        H.el("h3", ["class": "heading-s"], [.text(s.title)]),
                        H.el("p", [:], [.text(s.summary)]),
                        describe(s),
                        .if(editable, H.el("p", [:], [H.link("Edit \(s.title)", SiteURL.Standards.edit(s.key))])),
                    ])
            })
    }

    /// The indicators and what each level looks like, folded away.
    static func describe(_ s: QualityStandard) -> HNode {
        H.el(
            "details", ["class": "details"],
            [
                H.el("summary", [:], [.text("Indicators and levels of \(s.title)")]),
                H.el("ul", ["class": "bullets"], s.indicators.map { H.el("li", [:], [.text($0)]) }),
                H.el(
                    "dl", ["class": "summary-list"],
                    StandardLevel.allCases.flatMap { l in [H.el("dt", [:], [.text(l.label)]), H.el("dd", [:], [.text(s.describe(l))])] }),
            ])
    }

    static func version(_ set: StandardSet, _ ctx: PageContext) -> Page {
        let title = "Standards, version \(set.version)"
        return Page(
            title: title,
            body: [
                H.el("a", ["href": SiteURL.Standards.home + "#versions", "class": "back-link"], [.text("Back to the standards")]),
                H.el("h1", ["class": "heading-xl"], [.text(title)]),
                standardsList(set, editable: false),
            ], englishOnly: true)
    }

    static func edit(_ m: StandardsPages.EditStandard, _ ctx: PageContext) -> Page {
        let e = ValidationFailure(m.errors)
        let draft = m.standard.map(StandardSetRevision.Draft.init)
        func value(_ name: String, _ fallback: String?) -> String? { m.input?[name] ?? fallback }
        let title = m.standard.map { "Edit \($0.title)" } ?? "Add a standard"
        let action = m.standard.map { SiteURL.Standards.edit($0.key) } ?? SiteURL.Standards.newStandard
        var body: [HNode] = [
            H.el("a", ["href": SiteURL.Standards.home + "#standards", "class": "back-link"], [.text("Back to the standards")]),
            Form.errorSummary(m.errors, ctx),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            H.el(
                "p", [:],
                [.text("Saving makes version \(m.version + 1) of the standards. Assessments already started keep version \(m.version) or earlier.")]),
            Form.post(
                action, ctx,
                [
                    Form.field(
                        "title", label: "Title", control: .text(), value: value("title", draft?.title), error: e.message(for: "title"), required: true
                    ),
                    Form.field(
                        "summary", label: "What the standard asks", control: .textarea(rows: 3), value: value("summary", draft?.summary),
                        error: e.message(for: "summary"), required: true),
                    Form.field(
                        "indicators", label: "Indicators", control: .textarea(rows: 5), value: value("indicators", draft?.indicators),
                        error: e.message(for: "indicators"), hint: "One a line, at most \(StandardSetRevision.maxIndicators)", required: true),
                    Form.field(
                        "emerging", label: "What Emerging looks like", control: .textarea(rows: 3), value: value("emerging", draft?.emerging),
                        error: e.message(for: "emerging"), required: true),
                    Form.field(
                        "aspiring", label: "What Aspiring looks like", control: .textarea(rows: 3), value: value("aspiring", draft?.aspiring),
                        error: e.message(for: "aspiring"), required: true),
                    Form.field(
                        "established", label: "What Established looks like", control: .textarea(rows: 3),
                        value: value("established", draft?.established), error: e.message(for: "established"), required: true),
                    Form.button("Save as a new version"),
                ]),
        ]
        if let s = m.standard {
            body += [
                H.el("h2", ["class": "heading-m"], [.text("Retire this standard")]),
                H.el("p", [:], [.text("New assessments will not include it. Assessments already made keep it.")]),
                .unwrap(e.message(for: "key")) { H.el("p", ["class": "error-message"], [.text($0)]) },
                Form.post(SiteURL.Standards.retire(s.key), ctx, [Form.button("Retire \(s.title)", warning: true)]),
            ]
        }
        return Page(title: title, body: body, status: m.errors.isEmpty ? .ok : .badRequest, englishOnly: true)
    }

    static func compare(_ m: StandardsPages.Compare, _ ctx: PageContext) -> Page {
        let title = "Compare organisations"
        var columns: [Lists.Column<StandardsPages.Compare.Row>] = [
            .init(header: "Organisation") { r in .group([H.link(r.whose, SiteURL.Standards.assessment(r.assessmentID))]) },
            .init(header: "Agreed") { .text($0.agreedOn.map(DayText.long) ?? "") },
        ]
        for s in m.standards.standards {
            columns.append(.init(header: s.title) { r in .text(r.levels[s.key]?.label ?? "—") })
        }
        return Page(
            title: title,
            body: [
                H.el("a", ["href": SiteURL.Standards.home, "class": "back-link"], [.text("Back to the standards")]),
                H.el("h1", ["class": "heading-xl"], [.text(title)]),
                H.el(
                    "p", ["class": "lead"],
                    [
                        .text(
                            "Each organisation's latest agreed self-assessment that you can see, against the current standards. "
                                + "\u{2014} means the standard was not in the version it was assessed against.")
                    ]),
                Lists.table(m.rows, columns: columns, caption: title, empty: "No agreed self-assessments you can see yet.", scrolls: true),
            ], englishOnly: true)
    }
}
