import Vapor
import Fluent
import ChorusCore

/// One record of an admin list as plain values: its id, label, fields as text (`AdminResource.rowValues`) and the
/// names of the records its ids point to (`AdminResource.lookup`). List columns read these, never the Fluent record.
struct AdminRow: Sendable {
    let id: UUID
    let label: String
    let values: [String: String]
    let names: [UUID: String]

    /// The field as text ("" when absent).
    subscript(_ field: String) -> String { values[field] ?? "" }

    /// The looked-up name of the record a uuid field points to ("" when none).
    func name(_ field: String) -> String { UUID(uuidString: self[field]).flatMap { names[$0] } ?? "" }
}

/// Extra sections on an admin edit page (people: status, invitation): plain values that render themselves purely.
protocol AdminEditExtras: Sendable {
    func nodes(_ ctx: PageContext) -> [HNode]
}

/// The page models of an admin resource's HTML pages, built from the database here so the views stay pure.
enum AdminPages {
    /// What the views need to know about the resource itself.
    struct Resource: Sendable {
        let slug: String
        let entity: String
        let specs: [FieldSpec]
        let filters: [FieldSpec]
        let deletable: Bool
        var urls: SiteURL.Admin { SiteURL.admin(slug) }

        init<R: AdminResource>(_ r: R) {
            slug = r.slug; entity = r.entity; specs = r.specs; filters = r.filters; deletable = r.deletable
        }
    }

    /// The list: one page of rows, the filters as given, the filters' choices and a notice after a change.
    struct List: Sendable {
        let resource: Resource
        let rows: PageOf<AdminRow>
        let filters: [String: String]
        let filterOptions: [String: [Form.Option]]
        let notice: String?
    }

    /// The new or edit form: the record being edited (if any), the values shown, the problems, each choice field's
    /// options and the resource's extra sections.
    struct Editor: Sendable {
        struct Record: Sendable { let id: UUID; let label: String }
        let resource: Resource
        let record: Record?
        let values: [String: String]
        let errors: [FieldError]
        let options: [String: [Form.Option]]
        let extras: (any AdminEditExtras)?
    }

    static func list<R: AdminResource>(
        _ resource: R, filters: [String: String], page window: PageWindow,
        db: any Database, ctx: PageContext
    ) async throws -> List {
        let page = try await AdminStore(resource: resource).page(db, filters: filters, page: window)
        let lookup = try await resource.lookup(page.items, on: db)
        var notice: String? = nil
        if let saved = filters["saved"].flatMap(UUID.init(uuidString:)), let r = try await R.Record.find(saved, on: db) {
            notice = ctx.t("admin.saved", resource.label(r))
        } else if filters["deleted"] != nil {
            notice = ctx.t("admin.deleted")
        }
        var filterOptions: [String: [Form.Option]] = [:]
        for f in resource.filters { filterOptions[f.name] = try await options(resource, f, db: db, ctx: ctx) }
        return List(
            resource: Resource(resource), rows: page.map { row(resource, $0, lookup) }, filters: filters,
            filterOptions: filterOptions, notice: notice)
    }

    static func editor<R: AdminResource>(
        _ resource: R, record: R.Record?, values: [String: String], errors: [FieldError],
        db: any Database, ctx: PageContext
    ) async throws -> Editor {
        var options: [String: [Form.Option]] = [:]
        for spec in resource.specs {
            switch spec.kind {
            case .string, .email, .integer: continue
            case .choice, .uuid, .date, .boolean, .uuidList, .choiceList:
                options[spec.name] = try await self.options(resource, spec, db: db, ctx: ctx)
            }
        }
        let editing = record.flatMap { r in r.id.map { Editor.Record(id: $0, label: resource.label(r)) } }
        return Editor(
            resource: Resource(resource), record: editing, values: values, errors: errors, options: options,
            extras: record.flatMap { resource.editExtras($0) })
    }

    static func row<R: AdminResource>(_ resource: R, _ r: R.Record, _ lookup: [UUID: String]) -> AdminRow {
        AdminRow(id: r.id!, label: resource.label(r), values: resource.rowValues(r), names: lookup)
    }

    /// A choice field's own options unless the resource labels them; a uuid field's options from the resource.
    static func options<R: AdminResource>(_ resource: R, _ spec: FieldSpec, db: any Database, ctx: PageContext) async throws -> [Form.Option] {
        if case .choice(let values) = spec.kind {
            let custom = try await resource.options(spec.name, ctx: ctx, db: db)
            return custom.isEmpty ? values.map { Form.Option($0, ctx.t("choice.\($0)")) } : custom
        }
        return try await resource.options(spec.name, ctx: ctx, db: db)
    }
}
