import Vapor
import Fluent
import ChorusCore

/// The theme tree (Environment & place › Climate change).
struct ThemesResource: AdminResource {
    typealias Record = Theme
    struct Clean: Sendable { let name: String; let description: String?; let parentID: UUID? }

    let slug = "themes"
    let entity = "theme"
    let specs: [FieldSpec] = [
        FieldSpec(name: "name", kind: .string(maxLength: 120), required: true, description: "Theme name"),
        FieldSpec(name: "parent_id", kind: .uuid, required: false, description: "Broader theme this sits under"),
        FieldSpec(name: "description", kind: .string(maxLength: 1000), required: false, description: "What the theme covers", multiline: true),
    ]
    let searchFields: [FieldKey] = ["name", "description"]
    func sort(_ q: QueryBuilder<Theme>) { q.sort(\.$name) }

    func values(_ r: Theme) -> [String: String] {
        ["name": r.name, "parent_id": r.$parent.id?.uuidString ?? "", "description": r.description ?? ""]
    }
    func label(_ r: Theme) -> String { r.name }

    static func hierarchy(on db: any Database) async throws -> Hierarchy<UUID> {
        Hierarchy(try await Theme.query(on: db).all().map { .init(id: $0.id!, name: $0.name, parent: $0.$parent.id) })
    }

    func options(_ field: String, ctx: PageContext, db: any Database) async throws -> [Form.Option] {
        guard field == "parent_id" else { return [] }
        return try await Self.hierarchy(on: db).ordered().map { e in
            Form.Option(e.entry.id.uuidString, String(repeating: "— ", count: e.depth) + e.entry.name)
        }
    }

    func validate(_ input: Input, existing: Theme?, on db: any Database) async throws -> Clean {
        var v = Validator()
        let name = v.required("name", input["name"], label: "Name", max: 120)
        let description = v.optional("description", input["description"], label: "Description", max: 1000, multiline: true)
        var parentID: UUID? = nil
        if let raw = v.optional("parent_id", input["parent_id"], label: "Broader theme", max: 36) {
            if let id = UUID(uuidString: raw), try await Theme.find(id, on: db) != nil {
                parentID = id
            } else {
                v.add("parent_id", "Select a broader theme from the list")
            }
        }
        if let existing, let pid = parentID, try await Self.hierarchy(on: db).wouldCreateCycle(id: existing.id!, newParent: pid) {
            v.add("parent_id", "A theme cannot sit under itself or one of its own sub-themes")
        }
        if !name.isEmpty {
            let siblings = Theme.query(on: db).filter(\.$name == name)
            if let pid = parentID { siblings.filter(\.$parent.$id == pid) } else { siblings.filter(\.$parent.$id == nil) }
            if let other = try await siblings.first(), other.id != existing?.id {
                v.add("name", "There is already a theme called \(name) at this level")
            }
        }
        try v.check()
        return Clean(name: name, description: description, parentID: parentID)
    }

    func apply(_ c: Clean, to r: Theme) { r.name = c.name; r.description = c.description; r.$parent.id = c.parentID }

    func deleteBlocker(_ r: Theme, on db: any Database) async throws -> String? {
        let n = try await Theme.query(on: db).filter(\.$parent.$id == r.id!).count()
        if n > 0 { return "\(r.name) has \(n) sub-themes; move or delete them first" }
        return try await UsageRegistry.blocker(r.name, .theme, r.id!, on: db)
    }

    func lookup(_ records: [Theme], on db: any Database) async throws -> [UUID: String] {
        let tree = try await Self.hierarchy(on: db)
        return Dictionary(records.compactMap { r in r.$parent.id.map { ($0, tree.label($0)) } }, uniquingKeysWith: { a, _ in a })
    }

    func columns(_ ctx: PageContext) -> [Lists.Column<AdminRow>] {
        [
            .init(header: ctx.t("field.themes.name")) { .text($0["name"]) },
            .init(header: ctx.t("field.themes.parent_id")) { .text($0.name("parent_id")) },
            .init(header: ctx.t("field.themes.description")) { .text($0["description"]) },
        ]
    }
}

/// Communities of place, identity and interest.
struct AudiencesResource: AdminResource {
    typealias Record = Audience
    struct Clean: Sendable { let name: String; let kind: String; let description: String? }

    let slug = "audiences"
    let entity = "audience"
    let specs: [FieldSpec] = [
        FieldSpec(name: "name", kind: .string(maxLength: 120), required: true, description: "Audience name"),
        FieldSpec(
            name: "kind", kind: .choice(AudienceKind.allCases.map(\.rawValue)), required: true,
            description: "Community of place, identity or interest"),
        FieldSpec(name: "description", kind: .string(maxLength: 1000), required: false, description: "Who is in it", multiline: true),
    ]
    var filters: [FieldSpec] { [specs[1]] }
    let searchFields: [FieldKey] = ["name", "description"]

    func applyFilters(_ q: QueryBuilder<Audience>, _ f: [String: String]) {
        if let k = f["kind"] { q.filter(\.$kind == k) }
    }
    func sort(_ q: QueryBuilder<Audience>) { q.sort(\.$name) }
    func values(_ r: Audience) -> [String: String] { ["name": r.name, "kind": r.kind, "description": r.description ?? ""] }
    func label(_ r: Audience) -> String { r.name }

    func validate(_ input: Input, existing: Audience?, on db: any Database) async throws -> Clean {
        var v = Validator()
        let name = v.required("name", input["name"], label: "Name", max: 120)
        let kind = v.choice("kind", input["kind"], label: "Kind", as: AudienceKind.self)
        let description = v.optional("description", input["description"], label: "Description", max: 1000, multiline: true)
        if !name.isEmpty, let other = try await Audience.query(on: db).filter(\.$name == name).first(), other.id != existing?.id {
            v.add("name", "An audience called \(name) already exists")
        }
        try v.check()
        return Clean(name: name, kind: kind!.rawValue, description: description)
    }

    func apply(_ c: Clean, to r: Audience) { r.name = c.name; r.kind = c.kind; r.description = c.description }

    func deleteBlocker(_ r: Audience, on db: any Database) async throws -> String? {
        try await UsageRegistry.blocker(r.name, .audience, r.id!, on: db)
    }

    func columns(_ ctx: PageContext) -> [Lists.Column<AdminRow>] {
        [
            .init(header: ctx.t("field.audiences.name")) { .text($0["name"]) },
            .init(header: ctx.t("field.audiences.kind")) { .text(ctx.t("choice.\($0["kind"])")) },
            .init(header: ctx.t("field.audiences.description")) { .text($0["description"]) },
        ]
    }
}
