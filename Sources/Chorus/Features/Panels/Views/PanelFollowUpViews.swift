import Foundation
import Plot
import ChorusCore

/// A selected person's page for staff: what happened and access needs, the sessions attended, and payments.
enum PanelFollowUpViews {
    static func kind(_ k: String) -> String { k == PanelFollowUpService.PaymentKind.thankYou.rawValue ? "Thank-you payment" : "Expenses" }

    static func method(_ m: String) -> String {
        switch PanelFollowUpService.PaymentMethod(rawValue: m) {
        case .bankTransfer: return "Bank transfer"
        case .cash: return "Cash"
        case .voucher: return "Voucher"
        case .cheque: return "Cheque"
        case nil: return m
        }
    }

    static func person(_ m: PanelFollowUpService.PersonPage, errors: [FieldError], input: Input?, _ ctx: PageContext) -> Page {
        let e = ValidationFailure(errors)
        let p = m.person
        let statuses = PanelSelectionService.PersonStatus.allCases.filter { $0 != .pool }
        let title = "\(p.pseudonym): \(m.selection.title)"
        let body: [HNode] = [
            Form.errorSummary(errors, ctx),
            H.el("a", ["href": SiteURL.Panels.selection(m.selection.id) + "#selected", "class": "back-link"], [.text(m.selection.title)]),
            H.el(
                "h1", ["class": "heading-xl"],
                [.text(p.name ?? "Left the panel"), .text(" "), H.el("span", ["class": "caption"], [.text(p.pseudonym)])]),
            H.el("p", [:], [.text(m.contact.map { "Contact: \($0)" } ?? "No contact details (they left the panel).")]),
            H.el("h2", ["class": "heading-m"], [.text("What happened")]),
            Form.post(
                SiteURL.Panels.person(m.selection.id, p.id), ctx,
                [
                    Form.field(
                        "status", label: "Status",
                        control: .select(statuses.map { Form.Option($0.rawValue, PanelWording.personStatus($0.rawValue)) }, placeholder: nil),
                        value: input?["status"] ?? p.status, error: e.message(for: "status")),
                    Form.field(
                        "access_needs", label: "Access needs", control: .textarea(rows: 3), value: input?["access_needs"] ?? p.accessNeeds,
                        error: e.message(for: "access_needs"), hint: "Anything that makes it easier to take part: access, language, caring, travel."),
                    Form.button("Save"),
                ]),
            H.el("h2", ["class": "heading-m"], [.text("Sessions attended")]),
            m.sessions.isEmpty
                ? H.el("p", ["class": "empty"], [.text("The selection has no session dates.")])
                : Form.post(
                    SiteURL.Panels.attendance(m.selection.id, p.id), ctx,
                    [
                        Form.checkboxes(
                            "attended", legend: "Sessions attended", options: m.sessions.map { Form.Option($0.description, DayText.long($0)) },
                            selected: Set(m.attended.map(\.description)), error: e.message(for: "attended")),
                        Form.button("Save attendance", secondary: true),
                    ]),
            H.el("h2", ["class": "heading-m"], [.text("Payments")]),
            Lists.table(
                m.payments,
                columns: [
                    .init(header: "Paid on") { .text(DayText.long($0.day)) },
                    .init(header: "Payment") { .text(kind($0.kind)) },
                    .init(header: "Amount") { .text(MoneyText.pounds($0.pence)) },
                    .init(header: "How") { .text(method($0.method)) },
                    .init(header: "To") { .text($0.payee) },
                    .init(header: "Note") { .text($0.note ?? "") },
                    .init(header: "Recorded by") { .text($0.by) },
                ], caption: "Payments", empty: "No payments recorded.", scrolls: true),
            Form.post(
                SiteURL.Panels.payments(m.selection.id, p.id), ctx,
                [
                    Form.field(
                        "kind", label: "Payment",
                        control: .select(
                            PanelFollowUpService.PaymentKind.allCases.map { Form.Option($0.rawValue, kind($0.rawValue)) }, placeholder: nil),
                        value: input?["kind"], error: e.message(for: "kind")),
                    Form.field(
                        "amount", label: "Amount (£)", control: .text(width: "5"), value: input?["amount"], error: e.message(for: "amount"),
                        required: true),
                    Form.field(
                        "method", label: "How it was paid",
                        control: .select(
                            PanelFollowUpService.PaymentMethod.allCases.map { Form.Option($0.rawValue, method($0.rawValue)) }, placeholder: nil),
                        value: input?["method"], error: e.message(for: "method")),
                    Form.field(
                        "paid_on", label: "Paid on", control: .text(type: "date", width: "10"), value: input?["paid_on"],
                        error: e.message(for: "paid_on"),
                        required: true),
                    Form.field("note", label: "Note (optional)", control: .text(), value: input?["note"], error: e.message(for: "note")),
                    Form.button("Record the payment", secondary: true),
                ]),
        ]
        return Page(title: title, body: body, status: errors.isEmpty ? .ok : .badRequest)
    }
}
