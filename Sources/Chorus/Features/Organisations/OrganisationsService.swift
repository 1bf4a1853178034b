import Vapor
import Fluent
import ChorusCore

/// Partners of the place: the rules for creating and changing them.
struct OrganisationsResource: AdminResource {
    typealias Record = Organisation
    struct Clean: Sendable { let name: String; let type: String; let contactName: String?; let contactEmail: String?; let website: String? }

    let slug = "organisations"
    let entity = "organisation"
    let specs: [FieldSpec] = [
        FieldSpec(name: "name", kind: .string(maxLength: 160), required: true, description: "Name of the partner"),
        FieldSpec(name: "type", kind: .choice(OrganisationType.allCases.map(\.rawValue)), required: true, description: "Kind of partner"),
        FieldSpec(name: "contact_name", kind: .string(maxLength: 120), required: false, description: "Engagement contact"),
        FieldSpec(name: "contact_email", kind: .email, required: false, description: "Contact email"),
        FieldSpec(
            name: "website", kind: .string(maxLength: 300), required: false, description: "Website (https://…)",
            pattern:
                "^https?://[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:[0-9]{1,4})?([/?#][A-Za-z0-9._~:/?#@!$&'()*+,;=-]*)?$"
        ),
    ]
    var filters: [FieldSpec] { [specs[1]] }
    let searchFields: [FieldKey] = ["name", "contact_name"]

    func applyFilters(_ q: QueryBuilder<Organisation>, _ f: [String: String]) {
        if let t = f["type"] { q.filter(\.$type == t) }
    }
    func sort(_ q: QueryBuilder<Organisation>) { q.sort(\.$name) }

    func values(_ r: Organisation) -> [String: String] {
        ["name": r.name, "type": r.type, "contact_name": r.contactName ?? "", "contact_email": r.contactEmail ?? "", "website": r.website ?? ""]
    }
    func label(_ r: Organisation) -> String { r.name }

    func validate(_ input: Input, existing: Organisation?, on db: any Database) async throws -> Clean {
        var v = Validator()
        let name = v.required("name", input["name"], label: "Name", max: 160)
        let type = v.choice("type", input["type"], label: "Type", as: OrganisationType.self)
        let contact = v.optional("contact_name", input["contact_name"], label: "Contact name", max: 120)
        let email = v.email("contact_email", input["contact_email"], label: "Contact email", required: false)
        let website = v.optional("website", input["website"], label: "Website", max: 300)
        if let w = website, !(w.hasPrefix("https://") || w.hasPrefix("http://")) || URL(string: w)?.host == nil {
            v.add("website", "Enter the website as a full address starting with https://")
        }
        if !name.isEmpty, let other = try await Organisation.query(on: db).filter(\.$name == name).first(), other.id != existing?.id {
            v.add("name", "An organisation called \(name) already exists")
        }
        try v.check()
        return Clean(name: name, type: type!.rawValue, contactName: contact, contactEmail: email, website: website)
    }

    func apply(_ c: Clean, to r: Organisation) {
        r.name = c.name; r.type = c.type; r.contactName = c.contactName; r.contactEmail = c.contactEmail; r.website = c.website
    }

    func deleteBlocker(_ r: Organisation, on db: any Database) async throws -> String? {
        let n = try await Person.query(on: db).filter(\.$organisation.$id == r.id!).count()
        if n > 0 {
            return
                "\(r.name) has \(n) staff accounts (active or deactivated); move them to another organisation first. Organisations with history are kept."
        }
        return try await UsageRegistry.blocker(r.name, .organisation, r.id!, on: db)
    }

    func columns(_ ctx: PageContext) -> [Lists.Column<AdminRow>] {
        [
            .init(header: ctx.t("field.organisations.name")) { .text($0["name"]) },
            .init(header: ctx.t("field.organisations.type")) { .text(ctx.t("choice.\($0["type"])")) },
            .init(header: ctx.t("field.organisations.contact_name")) { .text($0["contact_name"]) },
            .init(header: ctx.t("field.organisations.contact_email")) { .text($0["contact_email"]) },
        ]
    }
}
