import Foundation
import Plot
import ChorusCore

/// Actions: as a table (overdue ones highlighted, in words and not by colour alone), one action's page with its
/// dated progress notes and the update form, and the "my actions" and "all actions of a space" lists.
enum ActionViews {
    typealias Row = DecisionsPages.ActionRow

    static func statusTag(_ s: ActionStatus) -> HNode {
        H.el("strong", ["class": "tag" + (s == .done ? "" : " tag-grey")], [.text(s.label)])
    }

    static func table(_ rows: [Row], caption: String, showSpace: Bool = false) -> HNode {
        var columns: [Lists.Column<Row>] = [
            .init(header: "Action") { H.link($0.title, $0.href ?? SiteURL.Decisions.action($0.id)) },
            .init(header: "Owner") { r in .group([H.bdi(r.owner), .text(" (\(r.organisation))")]) },
            .init(header: "Due") { r in
                r.overdue
                    ? H.el("span", ["class": "hot"], [.text("Overdue: \(r.due.map(DayText.long) ?? "")")]) : .text(r.due.map(DayText.long) ?? "—")
            },
            .init(header: "Status") { r in .group([statusTag(r.status), .text(" since \(DayText.long(r.statusDay))")]) },
        ]
        if showSpace { columns.insert(.init(header: "Decision space or plan") { .text($0.space) }, at: 1) }
        return Lists.table(rows, columns: columns, caption: caption, empty: "No actions.")
    }

    static func list(_ m: DecisionsPages.ActionList, _ ctx: PageContext) -> Page {
        let (title, intro, rows, back) = (m.title, m.intro, m.rows, m.back)
        let overdue = rows.filter(\.overdue).count
        let body: [HNode] = [
            .unwrap(back) { H.el("a", ["href": $0.href ?? "", "class": "back-link"], [.text($0.label)]) },
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            H.el("p", ["class": "lead"], [.text(intro)]),
            .if(overdue > 0, H.el("p", ["class": "warning-panel", "id": "overdue"], [.text("\(overdue) of \(rows.count) actions are overdue.")])),
            table(rows, caption: title, showSpace: true),
        ]
        return Page(title: title, body: body, englishOnly: true)
    }

    static func page(_ m: DecisionsPages.ActionPage, _ ctx: PageContext) -> Page {
        let (row, notes, canUpdate, errors, input, notice) = (m.row, m.notes, m.canUpdate, m.errors, m.input, m.notice)
        let e = ValidationFailure(errors)
        var body: [HNode] = [
            .unwrap(m.itemID) { H.el("a", ["href": SiteURL.Decisions.item($0), "class": "back-link"], [.text("Back to the agenda item")]) },
            Form.errorSummary(errors, ctx),
            H.el("span", ["class": "caption"], [.text(row.space)]),
            H.el("h1", ["class": "heading-xl"], [.text(row.title)]),
            H.el(
                "p", [:],
                [
                    statusTag(row.status), .text(" since \(DayText.long(row.statusDay))"),
                    .if(row.overdue, H.el("span", ["class": "hot"], [.text(" Overdue")])),
                ]),
            H.el(
                "dl", ["class": "summary-list"],
                [
                    H.el("dt", [:], [.text("Owner")]), H.el("dd", [:], [H.bdi(row.owner), .text(" (\(row.organisation))")]),
                    H.el("dt", [:], [.text("Due")]), H.el("dd", [:], [.text(row.due.map(DayText.long) ?? "—")]),
                    H.el("dt", [:], [.text("Decision")]), H.el("dd", [:], [.text(m.decisionText)]),
                    .if(m.reason != nil, .group([H.el("dt", [:], [.text("Why not")]), H.el("dd", [:], [.text(m.reason ?? "")])])),
                ]),
            H.el("h2", ["class": "heading-m"], [.text("Progress")]),
            notes.isEmpty
                ? H.el("p", ["class": "empty"], [.text("No progress notes yet.")])
                : H.el(
                    "ol", ["class": "plain-list", "id": "notes"],
                    notes.map { n in
                        H.el(
                            "li", [:],
                            [
                                H.el("strong", [:], [.text(DayText.long(n.day))]),
                                .text(" — "), H.bdi(n.personName),
                                .unwrap(n.toStatus) { s in .text(" (now \(s.label.lowercased()))") },
                                .text(": " + n.text),
                            ])
                    }),
        ]
        if canUpdate {
            let current = row.status
            body.append(
                H.el(
                    "div", ["class": "panel"],
                    [
                        H.el("h2", ["class": "heading-m", "id": "update"], [.text("Update this action")]),
                        Form.post(
                            SiteURL.Decisions.action(row.id), ctx,
                            [
                                Form.field(
                                    "status", label: "Status",
                                    control: .select(([current] + current.next).map { .init($0.rawValue, $0.label) }, placeholder: nil),
                                    value: input?["status"] ?? current.rawValue, error: e.message(for: "status")),
                                Form.field(
                                    "reason", label: "If not doing it, why?", control: .textarea(rows: 2), value: input?["reason"],
                                    error: e.message(for: "reason"),
                                    hint: "Residents are told the reason."),
                                Form.field(
                                    "note", label: "Progress note", control: .textarea(rows: 3), value: input?["note"], error: e.message(for: "note")),
                                Form.field(
                                    "note_on", label: "Date", control: .text(type: "date", width: "10"),
                                    value: input?["note_on"] ?? m.today.description,
                                    error: e.message(for: "note_on")),
                                Form.button("Save update"),
                            ]),
                    ]))
        }
        return Page(title: row.title, body: body, status: errors.isEmpty ? .ok : .badRequest, notice: notice, englishOnly: true)
    }
}
