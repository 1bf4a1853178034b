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
        let facts = plan.facts
        let errorFields = Set(errors.map(\.field))
        let firstGap = plan.gaps.first?.section
        var fields: [HNode] = []
        for section in PlanSection.allCases {
            let missing = plan.gaps.first { $0.section == section }?.missingFields.count ?? 0
            let hasError = section.fields.contains { errorFields.contains($0.rawValue) }
            var inner: [HNode] = [H.el("p", ["class": "hint"], [.text(section.hint)])]
            for field in section.fields {
                let control: Form.Control = field.isDate ? .text(type: "date") : .textarea(rows: field.maxLength > 500 ? 3 : 2)
                let fromActivity = PlanActivityLink.activityText(field, facts)
                inner.append(
                    Form.field(
                        field.rawValue, label: fromActivity == nil ? field.label : "\(field.label): the plan's own text (optional)",
                        control: control, value: value(field.rawValue, content.text(field)), error: f.message(for: field.rawValue),
                        hint: fromActivity.map {
                            "From the activity: \u{201C}\($0)\u{201D}. Leave this blank to use the activity's text, and change it on the activity so both stay in step."
                        }))
            }
            fields.append(
                details(
                    section.label + (missing == 0 ? " (complete)" : " (\(missing) to fill in before sending for challenge)"), inner,
                    open: hasError || (errors.isEmpty && section == firstGap), id: "section-\(section.rawValue)"))
        }
        let consultation = input.map { Input.isTrue($0["is_consultation"]) } ?? plan.isConsultation
        var consultationFields: [HNode] = []
        var screeningFields: [HNode] = []
        consultationFields.append(
            Form.checkbox(
                "is_consultation", label: "This is a consultation (the Gunning principles and consultation length apply)",
                checked: consultation,
                hint:
                    "The consultation period is the activity's start and end dates: \(DayText.long(plan.starts)) to \(plan.ends.map { DayText.long($0) } ?? "no end date")."
            ))
        consultationFields.append(
            Form.field(
                ConsultationDuration.reasonField, label: "If the consultation runs for less than 12 weeks, why is that long enough?",
                control: .textarea(rows: 2), value: value(ConsultationDuration.reasonField, plan.shortPeriodReason),
                error: f.message(for: ConsultationDuration.reasonField)))
        let gunning = plan.gunning
        for p in GunningPrinciple.allCases {
            let check = gunning[p]
            consultationFields.append(
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
        screeningFields.append(
            Form.field(
                VCSENotice.changeField, label: "If VCSE funding is cut: the date the change takes effect", control: .text(type: "date"),
                value: value(VCSENotice.changeField, plan.vcseChangeDay.map { $0.description }),
                error: f.message(for: VCSENotice.changeField),
                hint: "Voluntary and community organisations need at least three months' notice of a funding reduction."))
        screeningFields.append(
            Form.field(
                "eia_recorded_on", label: "Date the equality impact assessment was recorded", control: .text(type: "date"),
                value: value("eia_recorded_on", plan.eiaRecordedDay.map { $0.description }), error: f.message(for: "eia_recorded_on"),
                hint: "The equality duty needs due regard before the decision (Equality Act 2010 s.149)."))
        screeningFields.append(
            Form.field(
                "dpia_personal_data", label: "Will the engagement collect personal data?",
                control: .select([Form.Option("yes", "Yes"), Form.Option("no", "No")], placeholder: "Not decided"),
                value: value("dpia_personal_data", plan.dpiaPersonalData.map { $0 ? "yes" : "no" }), error: f.message(for: "dpia_personal_data")))
        screeningFields.append(
            Form.checkboxes(
                "dpia_criteria", legend: "Does any of these apply? (data protection impact assessment screening)",
                options: DPIACriterion.allCases.map { Form.Option($0.rawValue, $0.label) },
                selected: Set(input?.list("dpia_criteria") ?? plan.dpiaCriteria.map(\.rawValue)), error: f.message(for: "dpia_criteria"),
                columns: false))
        let consultationErrors = errorFields.contains(ConsultationDuration.reasonField) || errorFields.contains { $0.hasPrefix("gunning_") }
        fields.append(
            details(
                "Consultation and the Gunning principles" + (consultation ? " (this is a consultation)" : ""), consultationFields,
                open: consultationErrors, id: "compliance-consultation"))
        let screeningErrors = [VCSENotice.changeField, "eia_recorded_on", "dpia_personal_data", "dpia_criteria"].contains { errorFields.contains($0) }
        fields.append(details("Equality, data protection and VCSE notice", screeningFields, open: screeningErrors, id: "compliance-screening"))
        let title = "Edit the engagement plan"
        let body: [HNode] = [
            H.el("a", ["href": SiteURL.Plan.show(id), "class": "back-link"], [.text("Back to the plan")]),
            Form.errorSummary(errors, ctx),
            H.el("span", ["class": "caption"], [.text(plan.activityTitle)]),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            activitySummary(plan),
            .if(
                plan.status == .signedOff || plan.status == .inChallenge,
                H.el(
                    "div", ["class": "warning-panel"],
                    [.text("Saving changes reopens the plan: it will need to be sent for challenge and signed off again.")])),
            Form.post(SiteURL.Plan.edit(id), ctx, fields + [Form.button("Save the plan")]),
        ]
        return Page(title: title, body: body, status: errors.isEmpty ? .ok : .badRequest, englishOnly: true)
    }

    /// One step of the form, folded: `<details>` needs no script, and a closed step's fields are still sent.
    static func details(_ summary: String, _ content: [HNode], open: Bool, id: String) -> HNode {
        H.el(
            "details", ["class": "details plan-step", "id": id, "open": open ? "" : nil],
            [H.el("summary", [:], [H.el("span", ["class": "heading-s"], [.text(summary)])]), H.el("div", ["class": "details-text"], content)])
    }

    /// What the plan takes from the activity, and where it is still incomplete.
    static func activitySummary(_ plan: PlanningPages.Editor) -> HNode {
        let f = plan.facts
        let total = PlanSection.allCases.count
        let rows: [(String, String)] = [
            ("Dates", "\(DayText.long(f.starts)) to \(f.ends.map(DayText.long) ?? "no end date")"),
            (
                "Level of engagement",
                (f.level?.label ?? "Not chosen")
                    + (plan.planChoice.flatMap {
                        $0 == f.level ? nil : " (the plan chose \($0.label.lowercased()): change one of them so they match)"
                    }
                        ?? "")
            ),
            ("Purpose", f.purpose.isEmpty ? "—" : f.purpose),
            ("Methods", f.methods.isEmpty ? "—" : f.methods.joined(separator: ", ")),
            ("Audiences", f.audiences.isEmpty ? "—" : f.audiences.joined(separator: ", ")),
        ]
        return H.el(
            "div", ["class": "panel", "id": "plan-summary"],
            [
                H.el("h2", ["class": "heading-m"], [.text("From the activity")]),
                H.el(
                    "p", ["class": "hint"],
                    [
                        .text("The plan uses these; change them on the activity so the two stay in step. "),
                        H.link("Edit the activity", SiteURL.Register.edit(plan.activityID)),
                    ]),
                H.el("dl", ["class": "summary-list"], rows.flatMap { [H.el("dt", [:], [.text($0.0)]), H.el("dd", [:], [.text($0.1)])] }),
                H.el(
                    "p", [:],
                    [
                        .text(
                            plan.gaps.isEmpty
                                ? "All \(total) sections are complete."
                                : "\(total - plan.gaps.count) of \(total) sections complete. Still to fill in: "
                                    + plan.gaps.map(\.section.label).joined(separator: ", ") + ".")
                    ]),
            ])
    }
}
