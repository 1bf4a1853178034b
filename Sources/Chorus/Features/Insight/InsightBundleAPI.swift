import Vapor
import Fluent
import ChorusCore

/// /api/v1/insight-bundles: the bundles every staff member may open, read-only. A bundle's insights are only those
/// the caller's wall lets through: another organisation's organisation-level insight is never listed or counted.
enum InsightBundleAPI {
    static let listFilters: [FieldSpec] =
        [
            FieldSpec(
                name: "kind", kind: .choice(InsightBundleDTO.Kind.allCases.map(\.rawValue)), required: false, description: "Saved search or selection"
            ),
            FieldSpec(name: "organisation", kind: .uuid, required: false, description: "The organisation that made it"),
        ] + APIParameters.paging

    static func register(_ api: any RoutesBuilder, docs: APIDocs) {
        docs.route(
            api, .GET, "/insight-bundles", summary: "Insight bundles (saved searches and selections), last changed first", tag: "insight-bundles",
            response: docs.schema(APIPage<InsightBundleDTO.Summary>.self), query: APIParameters.documented(listFilters)
        ) { req in
            _ = try req.requireUser()
            let q = try APIParameters.read(req, listFilters)
            let page = try await InsightBundleService.page(
                kind: q["kind"].flatMap(InsightBundleService.Kind.init(rawValue:)),
                organisation: q["organisation"].flatMap(UUID.init(uuidString:)), APIParameters.window(q), req.db)
            let orgs = try await names(page.items, req.db)
            return try APIResponse.json(
                APIPage(page) { b in
                    InsightBundleDTO.Summary(
                        id: b.id!, title: b.title, description: b.description, kind: b.query == nil ? .selection : .search,
                        organisation_id: b.$organisation.id, organisation_name: orgs[b.$organisation.id] ?? "",
                        created_at: b.createdAt, updated_at: b.updatedAt)
                })
        }
        docs.route(
            api, .GET, "/insight-bundles/{id}", summary: "One bundle: its saved search, or the ids of its insights you may see",
            tag: "insight-bundles",
            response: docs.schema(InsightBundleDTO.Bundle.self)
        ) { req in
            let user = try req.requireUser()
            let b = try await InsightBundleService.find(req.parameters.get("id", as: UUID.self), req.db)
            let c = try await InsightBundleService.contents(of: b, viewer: user, req.db)
            let orgs = try await names([b], req.db)
            return try APIResponse.json(
                InsightBundleDTO.Bundle(
                    id: b.id!, title: b.title, description: b.description, kind: b.query == nil ? .selection : .search,
                    organisation_id: b.$organisation.id,
                    organisation_name: orgs[b.$organisation.id] ?? "", query: b.query, insight_ids: c.ids, total: c.total.value,
                    total_capped: c.totalIsCapped,
                    total_suppressed: c.total.isHidden, can_edit: InsightBundleService.canEdit(b, user: user), created_at: b.createdAt,
                    updated_at: b.updatedAt))
        }
    }

    static func names(_ bundles: [InsightBundle], _ db: any Database) async throws -> [UUID: String] {
        try await NameLookup.names(Organisation.self, Array(Set(bundles.map { $0.$organisation.id })), db) { $0.name }
    }
}
