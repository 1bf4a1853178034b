import Foundation
import Plot
import ChorusCore

/// Editing the plan: each section's questions, then the compliance screening (consultation period and the Gunning
/// checklist, VCSE funding notice, equality impact assessment, DPIA screening).
enum PlanFormView {
    static func render(_ plan: PlanningPages.Editor, _ ctx: PageContext) -> Page {
        let (id, input, errors) = (plan.activityID, plan.input, plan.errors)
        let f = ValidationFailure(errors)
        let content = plan.content
        func value(_ name: String, _ stored: String?) -> String? { input.map { $0[name] } ?? stored }
        var fields: [HNode] = []
        for section in PlanSection.allCases {
            fields.append(H.el("h2", ["class": "heading-m"], [.text(section.label)]))
            fields.append(H.el("p", ["class": "hint"], [.text(section.hint)]))
            for field in section.fields {
                let control: Form.Control = field.isDate ? .text(type: "date") : .textarea(rows: field.maxLength > 500 ? 3 : 2)
                fields.append(
                    Form.field(
                        field.rawValue, label: field.label, control: control, value: value(field.rawValue, content.text(field)),
                        error: f.message(for: field.rawValue), required: field.isRequired))
            }
        }
        let consultation = input.map { Input.isTrue($0["is_consultation"]) } ?? plan.isConsultation
        fields.append(H.el("h2", ["class": "heading-m"], [.text("Compliance")]))
        fields.append(
            Form.checkbox(
                "is_consultation", label: "This is a consultation (the Gunning principles and consultation length apply)",
                checked: consultation,
                hint:
                    "The consultation period is the activity's start and end dates: \(DayText.long(plan.starts)) to \(plan.ends.map { DayText.long($0) } ?? "no end date")."
            ))
        fields.append(
            Form.field(
                ConsultationDuration.reasonField, label: "If the consultation runs for less than 12 weeks, why is that long enough?",
                control: .textarea(rows: 2), value: value(ConsultationDuration.reasonField, plan.shortPeriodReason),
                error: f.message(for: ConsultationDuration.reasonField)))
        let gunning = plan.gunning
        for p in GunningPrinciple.allCases {
            let check = gunning[p]
            fields.append(
                H.el(
                    "fieldset", ["class": "fieldset"],
                    [
                        H.el("legend", ["class": "legend"], [.text("Gunning: " + p.title)]),
                        H.el("p", ["class": "hint"], [.text(p.explanation)]),
                        Form.field(
                            GunningChecklist.field(p, "status"), label: "Status",
                            control: .select(GunningStatus.allCases.map { Form.Option($0.rawValue, $0.label) }, placeholder: nil),
                            value: value(GunningChecklist.field(p, "status"), check.status.rawValue),
                            error: f.message(for: GunningChecklist.field(p, "status"))),
                        Form.field(
                            GunningChecklist.field(p, "evidence"), label: "Evidence link", control: .text(type: "url"),
                            value: value(GunningChecklist.field(p, "evidence"), check.evidenceLink),
                            error: f.message(for: GunningChecklist.field(p, "evidence")),
                            hint: p.evidenceHint),
                        Form.field(
                            GunningChecklist.field(p, "note"), label: "Note", control: .textarea(rows: 2),
                            value: value(GunningChecklist.field(p, "note"), check.note), error: f.message(for: GunningChecklist.field(p, "note"))),
                    ]))
        }
        fields.append(
            Form.field(
                VCSENotice.changeField, label: "If VCSE funding is cut: the date the change takes effect", control: .text(type: "date"),
                value: value(VCSENotice.changeField, plan.vcseChangeDay.map { $0.description }),
                error: f.message(for: VCSENotice.changeField),
                hint: "Voluntary and community organisations need at least three months' notice of a funding reduction."))
        fields.append(
            Form.field(
                "eia_recorded_on", label: "Date the equality impact assessment was recorded", control: .text(type: "date"),
                value: value("eia_recorded_on", plan.eiaRecordedDay.map { $0.description }), error: f.message(for: "eia_recorded_on"),
                hint: "The equality duty needs due regard before the decision (Equality Act 2010 s.149)."))
        fields.append(
            Form.field(
                "dpia_personal_data", label: "Will the engagement collect personal data?",
                control: .select([Form.Option("yes", "Yes"), Form.Option("no", "No")], placeholder: "Not decided"),
                value: value("dpia_personal_data", plan.dpiaPersonalData.map { $0 ? "yes" : "no" }), error: f.message(for: "dpia_personal_data")))
        fields.append(
            Form.checkboxes(
                "dpia_criteria", legend: "Does any of these apply? (data protection impact assessment screening)",
                options: DPIACriterion.allCases.map { Form.Option($0.rawValue, $0.label) },
                selected: Set(input?.list("dpia_criteria") ?? plan.dpiaCriteria.map(\.rawValue)), error: f.message(for: "dpia_criteria"),
                columns: false))
        let title = "Edit the engagement plan"
        let body: [HNode] = [
            H.el("a", ["href": SiteURL.Plan.show(id), "class": "back-link"], [.text("Back to the plan")]),
            Form.errorSummary(errors, ctx),
            H.el("span", ["class": "caption"], [.text(plan.activityTitle)]),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            .if(
                plan.status == .signedOff || plan.status == .inChallenge,
                H.el(
                    "div", ["class": "warning-panel"],
                    [.text("Saving changes reopens the plan: it will need to be sent for challenge and signed off again.")])),
            Form.post(SiteURL.Plan.edit(id), ctx, fields + [Form.button("Save the plan")]),
        ]
        return Page(title: title, body: body, status: errors.isEmpty ? .ok : .badRequest, englishOnly: true)
    }
}
