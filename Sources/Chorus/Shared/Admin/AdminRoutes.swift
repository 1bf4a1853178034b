import Vapor
import Fluent
import ChorusCore

/// Registers the HTML pages and the /api/v1 endpoints of one admin resource. The HTML half is a route table of the
/// resource's `SiteURL.Admin.Route` patterns (the same ones build its links) and named handlers that build an
/// `AdminPages` model and render a pure `AdminView`.
struct AdminRoutes<R: AdminResource>: Sendable {
    let resource: R
    var store: AdminStore<R> { AdminStore(resource: resource) }
    var urls: SiteURL.Admin.Route { resource.urls.route }

    /// The HTML pages, on the partnership admins' routes (the patterns start with `/admin`).
    func registerHTML(_ admin: any RoutesBuilder) {
        admin.get(urls.list, use: list)
        admin.get(urls.csv, use: csv)
        admin.get(urls.new, use: newForm)
        admin.post(urls.list, use: create)
        admin.get(urls.edit, use: editForm)
        admin.post(urls.record, use: update)
        if resource.deletable { admin.post(urls.delete, use: delete) }
    }

    @Sendable func list(_ req: Request) async throws -> Response {
        let page = try await AdminPages.list(resource, filters: req.queryValues, page: req.pageRequest, db: req.db, ctx: req.page)
        return AdminView.list(page, columns: resource.columns(req.page), req.page).response(req.page)
    }

    @Sendable func csv(_ req: Request) async throws -> Response {
        let body = try await store.csv(req.db, filters: req.queryValues)
        return CSVDownload.response(body, filename: "\(resource.slug).csv")
    }

    @Sendable func newForm(_ req: Request) async throws -> Response {
        try await form(req, record: nil, values: [:], errors: [])
    }

    @Sendable func create(_ req: Request) async throws -> Response {
        let input = try Input.form(req)
        do {
            let r = try await store.create(req.db, input, actor: try req.requireUser().actor)
            return req.redirect(to: resource.afterCreate(r) ?? SiteURL.with(resource.urls.list, ["saved": r.id?.uuidString]))
        } catch let failure as ValidationFailure {
            return try await form(req, record: nil, values: input.values, errors: failure.errors)
        }
    }

    @Sendable func editForm(_ req: Request) async throws -> Response {
        let r = try await store.find(req.db, req.parameters.get("id", as: UUID.self))
        return try await form(req, record: r, values: resource.values(r), errors: [])
    }

    @Sendable func update(_ req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: UUID.self)
        let input = try Input.form(req)
        do {
            _ = try await store.update(req.db, id, input, partial: false, actor: try req.requireUser().actor)
            return req.redirect(to: SiteURL.with(resource.urls.list, ["saved": id?.uuidString]))
        } catch let failure as ValidationFailure {
            let r = try await store.find(req.db, id)
            return try await form(req, record: r, values: input.values, errors: failure.errors)
        }
    }

    @Sendable func delete(_ req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: UUID.self)
        do {
            try await store.delete(req.db, id, actor: try req.requireUser().actor)
            return req.redirect(to: SiteURL.with(resource.urls.list, ["deleted": "1"]))
        } catch let abort as Abort where abort.status == .conflict {
            let r = try await store.find(req.db, id)
            return try await form(req, record: r, values: resource.values(r), errors: [FieldError("delete", abort.reason)])
        }
    }

    /// The new or edit form with these values and problems (400 when there are problems).
    func form(_ req: Request, record: R.Record?, values: [String: String], errors: [FieldError]) async throws -> Response {
        let page = try await AdminPages.editor(resource, record: record, values: values, errors: errors, db: req.db, ctx: req.page)
        return AdminView.form(page, req.page).response(req.page)
    }

    func registerAPI(_ api: any RoutesBuilder, docs: APIDocs) {
        let tag = resource.slug
        let item = Schema.ref(resource.entity.capitalized)
        docs.addSchema(resource.entity.capitalized, resource.outputSchema)
        docs.addSchema(resource.entity.capitalized + "Input", resource.inputSchema)
        docs.addSchema(resource.entity.capitalized + "Patch", resource.patchSchema)
        let listSchema = Schema.object(
            [
                "items": .array(item), "page": .integer(minimum: 1), "size": .integer(minimum: 1),
                "total": .integer(minimum: 0),
            ], required: ["items", "page", "size", "total"])
        var query: [(name: String, schema: Schema, description: String)] = [
            ("q", .string(), "Text to look for"),
            ("page", .integer(minimum: 1), "Page number, from 1"),
            ("size", .integer(minimum: 1, maximum: PageWindow.maxSize), "Items per page"),
        ]
        query += resource.filters.map { ($0.name, $0.schema(nullable: false), $0.description) }
        let path = "/" + resource.slug
        docs.route(api, .GET, path, summary: "List \(resource.slug)", tag: tag, response: listSchema, query: query) { req in
            try requireReader(req)
            let filters = try APIQuery.validated(req, resource.filters)
            let page = try await store.page(req.db, filters: filters, page: req.pageRequest)
            return try APIResponse.json(APIListBody(items: page.items.map(resource.dto), page: page.page, size: page.size, total: page.total))
        }
        docs.route(api, .GET, path + "/{id}", summary: "One \(resource.entity)", tag: tag, response: item) { req in
            try requireReader(req)
            return try APIResponse.json(resource.dto(try await store.find(req.db, req.parameters.get("id", as: UUID.self))))
        }
        docs.route(
            api, .POST, path, summary: "Create a \(resource.entity)", tag: tag, request: .ref(resource.entity.capitalized + "Input"),
            response: item, success: .created
        ) { req in
            let user = try APIResponse.requireAdmin(req)
            let input = try Input.json(req, specs: resource.specs)
            // Beyond each field's declared shape, these records' rules all concern other records (a name or code
            // already used, an unknown parent or organisation, a cycle, the last admin): refused, they are a 409.
            let r = try await APIWrite.run(input, specs: resource.specs, dependsOnStore: { _ in true }) {
                try await store.create(req.db, input, actor: user.actor)
            }
            return try APIResponse.json(resource.dto(r), status: .created)
        }
        docs.route(
            api, .PATCH, path + "/{id}", summary: "Change a \(resource.entity) (only the fields sent)", tag: tag,
            request: .ref(resource.entity.capitalized + "Patch"), response: item
        ) { req in
            let user = try APIResponse.requireAdmin(req)
            let id = req.parameters.get("id", as: UUID.self)
            _ = try await store.find(req.db, id)
            let input = try Input.json(req, specs: resource.specs)
            let r = try await APIWrite.run(input, specs: resource.specs, partial: true, dependsOnStore: { _ in true }) {
                try await store.update(req.db, id, input, partial: true, actor: user.actor)
            }
            return try APIResponse.json(resource.dto(r))
        }
        if resource.deletable {
            docs.route(
                api, .DELETE, path + "/{id}", summary: "Delete a \(resource.entity) that nothing uses", tag: tag,
                response: nil, success: .noContent
            ) { req in
                let user = try APIResponse.requireAdmin(req)
                try await store.delete(req.db, req.parameters.get("id", as: UUID.self), actor: user.actor)
                return Response(status: .noContent)
            }
        }
    }
}

extension AdminRoutes {
    func requireReader(_ req: Request) throws {
        if resource.readableByAllStaff { _ = try req.requireUser() } else { _ = try APIResponse.requireAdmin(req) }
    }
}

struct APIListBody: Encodable {
    let items: [[String: OutValue]]
    let page: Int
    let size: Int
    let total: Int
}

enum APIResponse {
    static func json<T: Encodable>(_ value: T, status: HTTPResponseStatus = .ok) throws -> Response {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        enc.dateEncodingStrategy = .iso8601
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: status, headers: headers, body: .init(data: try enc.encode(value)))
    }

    static func requireAdmin(_ req: Request) throws -> CurrentUser {
        let user = try req.requireUser()
        guard user.role.canAdministerPartnership else { throw Abort(.forbidden, reason: "Only a partnership admin may change this") }
        return user
    }
}

enum APIQuery {
    /// Query parameters with the declared filters checked (a wrong value is a 400 naming the parameter).
    static func validated(_ req: Request, _ filters: [FieldSpec]) throws -> [String: String] {
        let q = req.queryValues
        var v = Validator()
        for f in filters {
            guard let value = q[f.name] else { continue }
            switch f.kind {
            case .choice(let allowed) where !allowed.contains(value):
                v.add(f.name, "\(f.name) must be one of: \(allowed.joined(separator: ", "))")
            case .uuid where UUID(uuidString: value) == nil:
                v.add(f.name, "\(f.name) must be a UUID")
            default: break
            }
        }
        for key in ["page", "size"] { if let s = q[key], Int(s) == nil { v.add(key, "\(key) must be a whole number") } }
        try v.check()
        return q
    }
}
