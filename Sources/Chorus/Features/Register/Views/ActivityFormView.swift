import Vapor
import Fluent
import Plot
import ChorusCore

/// The register-an-activity form (also used to edit).
enum ActivityFormView {
    struct Choices: Sendable {
        let organisations: [Form.Option]
        let people: [Form.Option]
        let places: [Form.Option]
        let themes: [Form.Option]
        let audiences: [Form.Option]

        /// `people: false` for the list's filter bar, which has no lead-officer select (every active person and
        /// their organisation is two statements and many rows).
        static func load(_ req: Request, people withPeople: Bool = true) async throws -> Choices {
            let themeTree = try await ThemesResource.hierarchy(on: req.db)
            return Choices(
                organisations: try await Organisation.query(on: req.db).sort(\.$name).all().map { Form.Option($0.id!.uuidString, $0.name) },
                people: !withPeople ? [] : try await Person.query(on: req.db).filter(\.$active == true).sort(\.$name).with(\.$organisation).all()
                    .map { Form.Option($0.id!.uuidString, "\($0.name) (\($0.organisation.name))") },
                places: try await Place.query(on: req.db).filter(\.$kind != PlaceKind.localAuthority.rawValue).sort(\.$name).all()
                    .map { Form.Option($0.id!.uuidString, $0.name) },
                themes: themeTree.ordered().map { Form.Option($0.entry.id.uuidString, themeTree.label($0.entry.id)) },
                audiences: try await Audience.query(on: req.db).sort(\.$name).all().map { Form.Option($0.id!.uuidString, $0.name) })
        }
    }

    static func render(_ req: Request, activityID: UUID?, title: String, input: Input, errors: [FieldError]) async throws -> Response {
        let c = try await Choices.load(req)
        let f = ValidationFailure(errors)
        let user = try req.requireUser()
        let orgOptions = user.role.canAdministerPartnership ? c.organisations : c.organisations.filter { $0.value == user.organisationID.uuidString }
        func sel(_ name: String) -> Set<String> { Set(input.list(name)) }
        let fields: [HNode] = [
            Form.field("title", label: req.t("activity.title"), control: .text(), value: input["title"], error: f.message(for: "title"), required: true),
            Form.field("purpose", label: req.t("activity.purpose"), control: .textarea(rows: 4), value: input["purpose"],
                       error: f.message(for: "purpose"), hint: req.t("activity.purpose_hint"), required: true),
            Form.field("organisation_id", label: req.t("activity.organisation"), control: .select(orgOptions, placeholder: nil),
                       value: input["organisation_id"] ?? user.organisationID.uuidString, error: f.message(for: "organisation_id"), required: true),
            Form.field("lead_person_id", label: req.t("activity.lead"), control: .select(c.people, placeholder: req.t("form.none")),
                       value: input["lead_person_id"] ?? user.id.uuidString, error: f.message(for: "lead_person_id"), hint: req.t("activity.lead_hint")),
            Form.checkboxes("partner_ids", legend: req.t("activity.partners"), options: c.organisations, selected: sel("partner_ids"),
                            error: f.message(for: "partner_ids")),
            Form.checkbox("borough_wide", label: req.t("activity.borough_wide"), checked: Input.isTrue(input["borough_wide"])),
            Form.checkboxes("place_ids", legend: req.t("activity.places"), options: c.places, selected: sel("place_ids"),
                            error: f.message(for: "place_ids"), hint: req.t("activity.places_hint")),
            Form.checkboxes("theme_ids", legend: req.t("activity.themes"), options: c.themes, selected: sel("theme_ids"),
                            error: f.message(for: "theme_ids")),
            Form.checkboxes("audience_ids", legend: req.t("activity.audiences"), options: c.audiences, selected: sel("audience_ids"),
                            error: f.message(for: "audience_ids"), hint: req.t("activity.audiences_hint")),
            Form.checkboxes("methods", legend: req.t("activity.methods"), options: EngagementMethod.allCases.map { Form.Option($0.rawValue, req.t("method.\($0.rawValue)")) },
                            selected: sel("methods"), error: f.message(for: "methods")),
            Form.field("ladder_level", label: req.t("activity.ladder_level"),
                       control: .select(LadderLevel.allCases.map { Form.Option($0.rawValue, req.t("level.\($0.rawValue)")) }, placeholder: req.t("form.select")),
                       value: input["ladder_level"], error: f.message(for: "ladder_level"), hint: req.t("activity.ladder_hint"), required: true),
            Form.field("status", label: req.t("activity.status"),
                       control: .select(ActivityStatus.allCases.map { Form.Option($0.rawValue, req.t("status.\($0.rawValue)")) }, placeholder: nil),
                       value: input["status"] ?? ActivityStatus.planned.rawValue, error: f.message(for: "status"), required: true),
            Form.field("starts_on", label: req.t("activity.starts_on"), control: .text(type: "date"), value: input["starts_on"],
                       error: f.message(for: "starts_on"), hint: req.t("activity.date_hint"), required: true),
            Form.field("ends_on", label: req.t("activity.ends_on"), control: .text(type: "date"), value: input["ends_on"],
                       error: f.message(for: "ends_on"), hint: req.t("activity.ends_hint")),
            Form.field("expected_reach", label: req.t("activity.expected_reach"), control: .text(width: "10"), value: input["expected_reach"],
                       error: f.message(for: "expected_reach"), hint: req.t("activity.reach_hint")),
            Form.field("public_summary", label: req.t("activity.public_summary"), control: .textarea(rows: 3), value: input["public_summary"],
                       error: f.message(for: "public_summary"), hint: req.t("activity.summary_hint")),
            Form.checkbox("is_public", label: req.t("activity.is_public"), checked: Input.isTrue(input["is_public"]),
                          hint: req.t("activity.is_public_hint")),
        ]
        let action = activityID.map(SiteURL.Register.update) ?? SiteURL.Register.list
        let body: [HNode] = [
            H.el("a", ["href": activityID.map(SiteURL.Register.show) ?? SiteURL.Register.list, "class": "back-link"], [.text(req.t("activity.back"))]),
            Form.errorSummary(errors, req),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            Form.post(action, req, fields + [Form.button(req.t("form.save"))]),
        ]
        return Page(title: title, body: body, status: errors.isEmpty ? .ok : .badRequest).response(for: req)
    }
}
