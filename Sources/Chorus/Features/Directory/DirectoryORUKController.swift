import Vapor
import Fluent
import ChorusCore

/// The Open Referral UK read API at its standard paths under `/api/openreferral`: services (paged, filterable by
/// `search`, `taxonomy_id`, `taxonomy_term_id` and `modified_after`), one service fully nested, organizations,
/// service-at-locations, taxonomies and taxonomy terms. Public: what residents' pages show (no connectors). A bad
/// parameter is a 400 naming it.
enum DirectoryORUKController {
    typealias URLs = SiteURL.Directory.Route

    static func routes(_ r: FeatureRoutes) {
        r.publicPages.get(URLs.orukRoot, use: root)
        r.publicPages.get(URLs.orukOpenAPI, use: openAPI)
        r.publicPages.get(URLs.orukServices, use: services)
        r.publicPages.get(URLs.orukService, use: service)
        r.publicPages.get(URLs.orukOrganizations, use: organizations)
        r.publicPages.get(URLs.orukOrganization, use: organization)
        r.publicPages.get(URLs.orukServiceAtLocations, use: serviceAtLocations)
        r.publicPages.get(URLs.orukServiceAtLocation, use: serviceAtLocation)
        r.publicPages.get(URLs.orukTaxonomies, use: taxonomies)
        r.publicPages.get(URLs.orukTaxonomy, use: taxonomy)
        r.publicPages.get(URLs.orukTaxonomyTerms, use: taxonomyTerms)
        r.publicPages.get(URLs.orukTaxonomyTerm, use: taxonomyTerm)
    }

    /// The published kinds: groups and venues.
    static let published: [DirectoryKind] = [.group, .venue]
    static let defaultPerPage = 50

    static func json<T: Encodable>(_ value: T) throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: try ORUK.encoder.encode(value)))
    }

    /// `page` and `per_page` (1 to 200), checked.
    static func window(_ q: [String: String]) throws -> PageWindow {
        var v = Validator()
        func number(_ name: String, _ range: ClosedRange<Int>) -> Int? {
            guard let raw = q[name] else { return nil }
            guard let n = Int(raw), range.contains(n) else {
                v.add(name, "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
                return nil
            }
            return n
        }
        let page = number("page", 1...1_000_000)
        let size = number("per_page", 1...PageWindow.maxSize)
        try v.check()
        return PageWindow(page: page, size: size ?? defaultPerPage)
    }

    static func uuid(_ q: [String: String], _ name: String, _ v: inout ChorusCore.Validator) -> UUID? {
        guard let raw = q[name] else { return nil }
        guard let id = UUID(uuidString: raw) else { v.add(name, "\(name) must be a UUID"); return nil }
        return id
    }

    static func context(_ db: any Database) async throws -> DirectoryORUK {
        let wards = try await PlacesReads.wards(db)
        return DirectoryORUK(
            wardCodes: Dictionary(wards.map { ($0.id, $0.code) }, uniquingKeysWith: { a, _ in a }),
            localAuthority: try await PlacesReads.localAuthorityName(db) ?? "")
    }

    @Sendable static func root(_ req: Request) async throws -> Response {
        struct Root: Encodable {
            let version = "3.0"
            let profile = "https://openreferraluk.org"
            let openapi_url: String
        }
        return try json(Root(openapi_url: base(req) + SiteURL.Directory.orukOpenAPI))
    }

    static func base(_ req: Request) -> String { req.application.chorusConfig.baseURL.absoluteString.trimmingSuffix("/") }

    @Sendable static func openAPI(_ req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(
            status: .ok, headers: headers, body: .init(data: DirectoryORUKOpenAPI.document(base: base(req) + SiteURL.Directory.Route.orukBase)))
    }

    /// The directory filter a services list asks for: `search` (or `text`), `taxonomy_id`, `taxonomy_term_id`,
    /// `modified_after` (a date-time or a day).
    static func filter(_ q: [String: String], kinds: [DirectoryKind], _ db: any Database) async throws -> DirectoryQueries.Filter? {
        var v = Validator()
        var f = DirectoryQueries.Filter()
        f.kinds = kinds
        f.text = q["search"] ?? q["text"]
        let taxonomy = uuid(q, "taxonomy_id", &v)
        let term = uuid(q, "taxonomy_term_id", &v)
        if let raw = q["modified_after"] {
            if let d = ORUK.parseDateTime(raw) ?? Day(iso: raw)?.date {
                f.modifiedAfter = d
            } else {
                v.add("modified_after", "modified_after must be a date-time like 2026-01-31T09:00:00Z, or a day like 2026-01-31")
            }
        }
        try v.check()
        if let taxonomy {
            guard taxonomy == DirectoryORUK.themesTaxonomy || taxonomy == DirectoryORUK.audiencesTaxonomy else { return nil }
            f.anyLink = taxonomy == DirectoryORUK.themesTaxonomy ? .theme : .audience
        }
        if let term {
            if try await TaxonomyReads.theme(term, db) != nil { f.theme = term } else { f.audience = term }
        }
        return f
    }

    static func page<T: Sendable & Equatable & Codable>(
        _ filter: DirectoryQueries.Filter?, _ w: PageWindow, _ db: any Database, _ make: (DirectoryItem) -> T
    )
        async throws -> ORUK.Page<T>
    {
        guard let filter else { return ORUK.Page(contents: [], totalItems: 0, pageNumber: w.page, perPage: w.size) }
        let p = try await DirectoryQueries.page(filter, window: w, reader: .resident, db)
        return ORUK.Page(contents: p.items.map(make), totalItems: p.total, pageNumber: w.page, perPage: w.size)
    }

    @Sendable static func services(_ req: Request) async throws -> Response {
        let q = req.queryValues
        let w = try window(q)
        let f = try await filter(q, kinds: published, req.db)
        let oruk = try await context(req.db)
        return try json(try await page(f, w, req.db) { oruk.service($0).listed })
    }

    /// A published entry (a group or venue) by id, else 404.
    static func published(_ id: UUID?, kinds: [DirectoryKind] = published, _ db: any Database) async throws -> DirectoryItem {
        let item = try await DirectoryQueries.find(id, reader: .resident, db)
        guard kinds.contains(item.kind) else { throw Abort(.notFound) }
        return item
    }

    @Sendable static func service(_ req: Request) async throws -> Response {
        let item = try await published(req.parameters.get("id", as: UUID.self), req.db)
        return try json(try await context(req.db).service(item))
    }

    /// Every group as an organization (venues' keepers appear embedded in their services).
    @Sendable static func organizations(_ req: Request) async throws -> Response {
        let q = req.queryValues
        let w = try window(q)
        let f = try await filter(q, kinds: [.group], req.db)
        let oruk = try await context(req.db)
        return try json(try await page(f, w, req.db) { oruk.organization($0) })
    }

    @Sendable static func organization(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw Abort(.notFound) }
        let oruk = try await context(req.db)
        if let item = try? await published(ORUKIDs.entry(of: id, .organization), kinds: [.group], req.db) {
            return try json(oruk.organization(item))
        }
        // A partner that keeps a published venue.
        var f = DirectoryQueries.Filter()
        f.kinds = [.venue]
        f.owner = id
        guard let venue = try await DirectoryQueries.page(f, window: PageWindow(page: 1, size: 1), reader: .resident, req.db).items.first else {
            throw Abort(.notFound)
        }
        return try json(oruk.organization(venue))
    }

    @Sendable static func serviceAtLocations(_ req: Request) async throws -> Response {
        let q = req.queryValues
        let w = try window(q)
        let f = try await filter(q, kinds: [.venue], req.db)
        let oruk = try await context(req.db)
        return try json(try await page(f, w, req.db) { oruk.serviceAtLocation($0, nested: false) })
    }

    @Sendable static func serviceAtLocation(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw Abort(.notFound) }
        let item = try await published(ORUKIDs.entry(of: id, .serviceAtLocation), kinds: [.venue], req.db)
        return try json(try await context(req.db).serviceAtLocation(item, nested: true))
    }

    @Sendable static func taxonomies(_ req: Request) async throws -> Response {
        let w = try window(req.queryValues)
        return try json(ORUK.Page(paging: DirectoryORUK.taxonomies, pageNumber: w.page, perPage: w.size))
    }

    @Sendable static func taxonomy(_ req: Request) async throws -> Response {
        let id = req.parameters.get("id")?.lowercased()
        guard let t = DirectoryORUK.taxonomies.first(where: { $0.id == id }) else { throw Abort(.notFound) }
        return try json(t)
    }

    /// Every theme and audience as a term of its taxonomy (`taxonomy_id` narrows to one).
    static func terms(_ db: any Database) async throws -> [ORUK.TaxonomyTerm] {
        let themes = try await TaxonomyReads.themes(db).map {
            DirectoryORUK.term(.init(id: $0.id, name: $0.name), taxonomy: DirectoryORUK.themesTaxonomy)
        }
        let audiences = try await TaxonomyReads.audiences(db).map {
            DirectoryORUK.term(.init(id: $0.id, name: $0.name), taxonomy: DirectoryORUK.audiencesTaxonomy)
        }
        return themes + audiences
    }

    @Sendable static func taxonomyTerms(_ req: Request) async throws -> Response {
        let q = req.queryValues
        let w = try window(q)
        var v = Validator()
        let taxonomy = uuid(q, "taxonomy_id", &v)
        try v.check()
        let all = try await terms(req.db).filter { t in taxonomy.map { t.taxonomyID == DirectoryORUK.id($0) } ?? true }
        return try json(ORUK.Page(paging: all, pageNumber: w.page, perPage: w.size))
    }

    @Sendable static func taxonomyTerm(_ req: Request) async throws -> Response {
        let id = req.parameters.get("id")?.lowercased()
        guard let t = try await terms(req.db).first(where: { $0.id == id }) else { throw Abort(.notFound) }
        return try json(t)
    }
}
