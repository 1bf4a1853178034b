import Foundation
import Plot
import ChorusCore

/// The register-an-activity form (also used to edit).
enum ActivityFormView {
    static func render(_ m: RegisterPages.ActivityForm, _ ctx: PageContext) -> Page {
        let (c, input, errors) = (m.choices, m.input, m.errors)
        let title = m.activityTitle.map { ctx.t("activity.edit_title", $0) } ?? ctx.t("activity.register")
        let f = ValidationFailure(errors)
        let orgOptions = m.organisations
        func sel(_ name: String) -> Set<String> { Set(input.list(name)) }
        let fields: [HNode] = [
            Form.field(
                "title", label: ctx.t("activity.title"), control: .text(), value: input["title"], error: f.message(for: "title"), required: true),
            Form.field(
                "purpose", label: ctx.t("activity.purpose"), control: .textarea(rows: 4), value: input["purpose"],
                error: f.message(for: "purpose"), hint: ctx.t("activity.purpose_hint"), required: true),
            Form.field(
                "organisation_id", label: ctx.t("activity.organisation"), control: .select(orgOptions, placeholder: nil),
                value: input["organisation_id"] ?? m.defaultOrganisation, error: f.message(for: "organisation_id"), required: true),
            Form.field(
                "lead_person_id", label: ctx.t("activity.lead"), control: .select(c.people, placeholder: ctx.t("form.none")),
                value: input["lead_person_id"] ?? m.defaultLead, error: f.message(for: "lead_person_id"), hint: ctx.t("activity.lead_hint")),
            Form.checkboxes(
                "partner_ids", legend: ctx.t("activity.partners"), options: c.organisations, selected: sel("partner_ids"),
                error: f.message(for: "partner_ids")),
            Form.checkbox("borough_wide", label: ctx.t("activity.borough_wide"), checked: Input.isTrue(input["borough_wide"])),
            Form.checkboxes(
                "place_ids", legend: ctx.t("activity.places"), options: c.places, selected: sel("place_ids"),
                error: f.message(for: "place_ids"), hint: ctx.t("activity.places_hint")),
            Form.checkboxes(
                "theme_ids", legend: ctx.t("activity.themes"), options: c.themes, selected: sel("theme_ids"),
                error: f.message(for: "theme_ids")),
            Form.checkboxes(
                "audience_ids", legend: ctx.t("activity.audiences"), options: c.audiences, selected: sel("audience_ids"),
                error: f.message(for: "audience_ids"), hint: ctx.t("activity.audiences_hint")),
            Form.field(
                "new_audience", label: "Add another audience", control: .text(), value: input["new_audience"],
                error: f.message(for: "new_audience"),
                hint: "Not in the list? Type its name, like \u{201C}Private renters\u{201D}: it is added to the audiences when you save."),
            Form.field(
                "new_audience_kind", label: "Kind of new audience",
                control: .select(AudienceKind.allCases.map { Form.Option($0.rawValue, ctx.t("choice.\($0.rawValue)")) }, placeholder: nil),
                value: input["new_audience_kind"] ?? AudienceKind.interest.rawValue, error: f.message(for: "new_audience_kind")),
            Form.checkboxes(
                "methods", legend: ctx.t("activity.methods"),
                options: EngagementMethod.allCases.map { Form.Option($0.rawValue, ctx.t("method.\($0.rawValue)")) },
                selected: sel("methods"), error: f.message(for: "methods")),
            Form.field(
                "ladder_level", label: ctx.t("activity.ladder_level"),
                control: .select(
                    LadderLevel.allCases.map { Form.Option($0.rawValue, ctx.t("level.\($0.rawValue)")) }, placeholder: ctx.t("form.select")),
                value: input["ladder_level"], error: f.message(for: "ladder_level"), hint: ctx.t("activity.ladder_hint"), required: true),
            Form.field(
                "status", label: ctx.t("activity.status"),
                control: .select(ActivityStatus.allCases.map { Form.Option($0.rawValue, ctx.t("status.\($0.rawValue)")) }, placeholder: nil),
                value: input["status"] ?? ActivityStatus.planned.rawValue, error: f.message(for: "status"), required: true),
            Form.field(
                "starts_on", label: ctx.t("activity.starts_on"), control: .text(type: "date"), value: input["starts_on"],
                error: f.message(for: "starts_on"), hint: ctx.t("activity.date_hint"), required: true),
            Form.field(
                "ends_on", label: ctx.t("activity.ends_on"), control: .text(type: "date"), value: input["ends_on"],
                error: f.message(for: "ends_on"), hint: ctx.t("activity.ends_hint")),
            Form.field(
                "expected_reach", label: ctx.t("activity.expected_reach"), control: .text(width: "10"), value: input["expected_reach"],
                error: f.message(for: "expected_reach"), hint: ctx.t("activity.reach_hint")),
            Form.field(
                "public_summary", label: ctx.t("activity.public_summary"), control: .textarea(rows: 3), value: input["public_summary"],
                error: f.message(for: "public_summary"), hint: ctx.t("activity.summary_hint")),
            Form.checkbox(
                "is_public", label: ctx.t("activity.is_public"), checked: Input.isTrue(input["is_public"]),
                hint: ctx.t("activity.is_public_hint")),
        ]
        let action = m.activityID.map(SiteURL.Register.update) ?? SiteURL.Register.list
        let body: [HNode] = [
            H.el(
                "a", ["href": m.activityID.map(SiteURL.Register.show) ?? SiteURL.Register.list, "class": "back-link"], [.text(ctx.t("activity.back"))]
            ),
            Form.errorSummary(errors, ctx),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            Form.post(action, ctx, fields + [Form.button(ctx.t("form.save"))]),
        ]
        return Page(title: title, body: body, status: errors.isEmpty ? .ok : .badRequest)
    }
}
