import Foundation
import ChorusCore

/// "Check an outcome": the upload form, and each project's result with the reason in plain words (staff pages are
/// English, docs/development.md).
enum BudgetCheckViews {
    static func form(rule: BudgetCheck.Rule, seed: String, errors: [FieldError], _ ctx: PageContext) -> Page {
        let e = ValidationFailure(errors)
        return Page(
            title: "Check a participatory budgeting outcome",
            body: [
                Form.errorSummary(errors, ctx),
                H.el("h1", ["class": "heading-xl"], [.text("Check a participatory budgeting outcome")]),
                H.el(
                    "p", ["class": "lead"],
                    [
                        .text(
                            "Count any vote in the Pabulib format (a city's published election, or a round run elsewhere) with greedy by votes or "
                                + "the Method of Equal Shares, and see why each project was or was not funded. When the file gives the official "
                                + "outcome, Chorus compares the two. The file is read once and not kept.")
                    ]),
                Form.post(
                    SiteURL.Budgeting.check, ctx,
                    [
                        Form.field(
                            "file", label: "Pabulib file (.pb)", control: .file(accept: ".pb,text/plain"), value: nil, error: e.message(for: "file"),
                            hint: "META, PROJECTS and VOTES sections, as published on pabulib.org. Up to 64 MB.", required: true),
                        Form.field(
                            "rule", label: "Rule",
                            control: .select(BudgetCheck.Rule.allCases.map { Form.Option($0.rawValue, $0.label) }, placeholder: nil),
                            value: rule.rawValue, error: e.message(for: "rule")),
                        Form.field(
                            "seed", label: "Tie seed (optional)", control: .text(width: "20"), value: seed, error: e.message(for: "seed"),
                            hint: "Exact ties go to the lower project id; with a seed, to the order the seed draws (docs/pb-rules.md)."),
                        Form.button("Count the votes"),
                    ], multipart: true),
            ],
            status: errors.isEmpty ? .ok : .badRequest)
    }

    static func result(_ r: BudgetCheck.Result, _ ctx: PageContext) -> Page {
        func money(_ x: Double) -> String { BudgetCheck.money(x, r.currency) }
        let funded = r.rows.filter(\.funded).count
        let comparison: HNode = .unwrap(r.differences) { d in
            d.onlyHere.isEmpty && d.onlyOfficial.isEmpty
                ? H.el("p", ["class": "notice"], [.text("Same as the official outcome in the file.")])
                : H.el(
                    "div", ["class": "warning-panel"],
                    [
                        H.el("h2", ["class": "heading-m"], [.text("Different from the official outcome in the file")]),
                        H.el(
                            "ul", ["class": "list"],
                            [
                                .if(
                                    !d.onlyHere.isEmpty,
                                    H.el("li", [:], [.text("Funded here, not officially: " + d.onlyHere.joined(separator: ", "))])),
                                .if(
                                    !d.onlyOfficial.isEmpty,
                                    H.el("li", [:], [.text("Funded officially, not here: " + d.onlyOfficial.joined(separator: ", "))])),
                            ]),
                        H.el("p", [:], [.text("The city may have used another rule or completion, or decided some projects otherwise.")]),
                    ])
        }
        let hasPoints = r.rows.contains { $0.points != nil }
        var columns: [Lists.Column<BudgetCheck.Row>] = [
            .init(header: "Project") { .text($0.id + ($0.name.isEmpty ? "" : ": " + $0.name)) },
            .init(header: "Cost") { .text(money($0.cost)) },
            .init(header: "Voters for it") { .text(NumberText.grouped($0.supporters)) },
        ]
        if hasPoints { columns.append(.init(header: "Points") { .text(BudgetCheck.number($0.points ?? 0)) }) }
        columns += [
            .init(header: "Funded") { .text($0.funded ? "Yes" : "No") },
            .init(header: "Why") { .text($0.why) },
        ]
        if r.differences != nil { columns.append(.init(header: "Officially") { .text($0.official == true ? "Funded" : "Not funded") }) }
        // Funded first in the order bought, then the rest by votes.
        let rows = r.rows.filter(\.funded) + r.rows.filter { !$0.funded }.sorted { $0.supporters > $1.supporters }
        return Page(
            title: "Outcome: " + r.title,
            body: [
                H.el("a", ["href": SiteURL.Budgeting.check, "class": "back-link"], [.text("Check another file")]),
                H.el("h1", ["class": "heading-xl"], [.text("Outcome: " + r.title)]),
                H.el(
                    "dl", ["class": "summary-list"],
                    [
                        ("File", r.fileName), ("Rule", r.rule.label), ("Ties", r.seed.map { "seed “\($0)”" } ?? "lower project id first"),
                        ("Ballot", r.voteType), ("Budget", money(r.budget)), ("Voters", NumberText.grouped(r.voters)),
                        (
                            "Funded",
                            "\(NumberText.grouped(funded)) of \(NumberText.grouped(r.rows.count)) projects, \(money(r.spent)) (\(money(r.budget - r.spent)) left)"
                        ),
                        (
                            "Each voter's share",
                            r.endowment.map { money($0) + (r.add1Steps > 0 ? " (raised \(NumberText.grouped(r.add1Steps)) times by Add1)" : "") }
                                ?? "Not used by greedy"
                        ),
                        ("Counted in", String(format: "%.2f s to read the file, %.3f s to count", r.parseSeconds, r.ruleSeconds)),
                    ].flatMap { k, v in [H.el("dt", [:], [.text(k)]), H.el("dd", [:], [.text(v)])] }),
                comparison,
                Lists.table(rows, columns: columns, caption: "Projects: funded first, in the order bought", empty: "The file has no projects."),
            ])
    }
}
