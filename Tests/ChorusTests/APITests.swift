import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

@Suite struct APITests {
    @Test func withoutATokenTheAPIAnswers401InJSON() async throws {
        try await TestApp.run { app, _ in
            for (method, path) in [(HTTPMethod.GET, "/api/v1/places"), (.POST, "/api/v1/places"), (.GET, "/api/v1/me")] {
                let res = try await APIClient(app: app, token: nil).send(method, path)
                #expect(res.status == .unauthorized, "\(path)")
                #expect(res.headers.contentType == .json)
                #expect(res.headers.first(name: .wwwAuthenticate)?.hasPrefix("Bearer") == true)
            }
            #expect(try await APIClient(app: app, token: "chorus_madeup").send(.GET, "/api/v1/me").status == .unauthorized)
        }
    }

    @Test func invalidJSONIs400NamingTheField() async throws {
        try await TestApp.run { app, f in
            let api = try await APIClient.forUser(app, f.admin)
            func fields(_ json: String) async throws -> [String] {
                let res = try await api.send(.POST, "/api/v1/places", json: json)
                #expect(res.status == .badRequest, "\(json)")
                let error = try api.object(res)["error"] as? [String: Any]
                return ((error?["fields"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String }
            }
            #expect(try await fields("{not json") == ["body"])
            #expect(try await fields("[1,2]") == ["body"])
            #expect(try await fields(#"{"code":"E05000001","name":12,"kind":"ward"}"#) == ["name"])
            #expect(try await fields(#"{"code":"E05000001","name":"A","kind":"ward","population":"many"}"#) == ["population"])
            #expect(try await fields(#"{"code":"E05000001","name":"A","kind":"ward","population":1.5}"#) == ["population"])
            #expect(try await fields(#"{"code":"E05000001","name":"A","kind":"ward","colour":"red"}"#) == ["colour"])
            #expect(try await fields(#"{"code":"XYZ","kind":"castle"}"#) == ["code", "name", "kind"])
            // PostgreSQL cannot store NUL: refused as the field's problem, before any query.
            #expect(try await fields(#"{"code":"E05000001","name":"Quay\u0000side","kind":"ward"}"#) == ["name"])
            let theme = try await api.send(.POST, "/api/v1/themes", json: #"{"name":"Parks\u0000"}"#)
            #expect(theme.status == .badRequest)
            #expect(try await api.send(.GET, "/api/v1/places?q=a%00b").status == .ok)
            #expect(try await Place.query(on: app.db).count() == 0)
        }
    }

    @Test func createReadPatchListAndDeleteThroughTheAPI() async throws {
        try await TestApp.run { app, f in
            let api = try await APIClient.forUser(app, f.admin)
            let created = try await api.send(
                .POST, "/api/v1/places", json: #"{"code":"E05000001","name":"Quayside","kind":"ward","population":11240}"#)
            #expect(created.status == .created)
            let body = try api.object(created)
            let id = try #require(body["id"] as? String)
            #expect(body["population"] as? Int == 11240)
            #expect(body["parent_id"] is NSNull)

            let patched = try await api.send(.PATCH, "/api/v1/places/\(id)", json: #"{"name":"Quayside East"}"#)
            #expect(patched.status == .ok)
            #expect(try api.object(patched)["name"] as? String == "Quayside East")
            #expect(try api.object(patched)["population"] as? Int == 11240, "fields not sent are kept")

            let list = try api.object(try await api.send(.GET, "/api/v1/places?q=east"))
            #expect(list["total"] as? Int == 1)
            #expect(try await api.send(.GET, "/api/v1/places?kind=castle").status == .badRequest)
            #expect(try await api.send(.GET, "/api/v1/places/not-a-uuid").status == .notFound)

            let events = try api.object(try await api.send(.GET, "/api/v1/audit-events?entity=place"))
            #expect((events["items"] as? [[String: Any]])?.count == 2)

            #expect(try await api.send(.DELETE, "/api/v1/places/\(id)").status == .noContent)
            #expect(try await api.send(.GET, "/api/v1/places/\(id)").status == .notFound)
        }
    }

    @Test func concurrentWritesOnAFileDatabaseAllSucceed() async throws {
        try await TestApp.run(fileDatabase: true) { app, f in
            let api = try await APIClient.forUser(app, f.admin)
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for i in 0..<40 {
                    group.addTask {
                        try await api.send(.POST, "/api/v1/organisations", json: #"{"name":"Partner \#(i)","type":"vcse"}"#).status
                    }
                    group.addTask { try await api.send(.GET, "/api/v1/places").status }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == 40)
            #expect(statuses.allSatisfy { $0 == .created || $0 == .ok })
        }
    }

    @Test func revokedTokensStopWorking() async throws {
        try await TestApp.run { app, f in
            let b = Browser(app)
            try await b.signIn(f.officer)
            try await b.get("/account/tokens")
            let page = try await b.post("/account/tokens", ["name": "script"]).body.string
            let r = try #require(page.range(of: "id=\"new-token\">"))
            let token = String(page[r.upperBound...].prefix { $0 != "<" })
            #expect(token.hasPrefix("chorus_"))
            let api = APIClient(app: app, token: token)
            let me = try api.object(try await api.send(.GET, "/api/v1/me"))
            #expect(me["email"] as? String == f.officer && me["organisation_name"] as? String == "Test Council")
            // The secret is never stored: only its hash.
            let stored = try await APIToken.query(on: app.db).first()!
            #expect(stored.tokenHash != token && stored.tokenHash == Tokens.hash(token))
            try await b.post("/account/tokens/\(stored.id!.uuidString)/revoke", [:])
            #expect(try await api.send(.GET, "/api/v1/me").status == .unauthorized)
            #expect(try await b.get("/account/tokens").body.string.contains("Revoked"))
            #expect(try await b.post("/account/tokens", ["name": ""]).status == .badRequest)
        }
    }

    @Test func everyRouteInTheOpenAPIDocumentExists() async throws {
        try await TestApp.run { app, _ in
            let res = try await APIClient(app: app, token: nil).send(.GET, "/api/v1/openapi.json")
            #expect(res.status == .ok)
            let doc = try JSONSerialization.jsonObject(with: Data(res.body.string.utf8)) as! [String: Any]
            #expect(doc["openapi"] as? String == "3.1.0")
            let paths = try #require(doc["paths"] as? [String: [String: Any]])
            let served = Set(
                app.routes.all.map { route in
                    route.method.rawValue + " /"
                        + route.path.map { c -> String in
                            if case let .parameter(name) = c { return "{\(name)}" }
                            return c.description
                        }.joined(separator: "/")
                })
            var documented = 0
            for (path, ops) in paths {
                for method in ops.keys {
                    documented += 1
                    #expect(served.contains(method.uppercased() + " " + path), "\(method) \(path) is documented but not served")
                }
            }
            #expect(documented >= 26)
            // And every /api/v1 route is documented (except the document itself).
            let apiRoutes = served.filter { $0.contains(" /api/v1/") && !$0.hasSuffix("openapi.json") }
            #expect(apiRoutes.count == documented)
            let schemas = try #require((doc["components"] as? [String: Any])?["schemas"] as? [String: Any])
            for name in ["Place", "PlaceInput", "Organisation", "Person", "Theme", "Audience", "AuditEvent", "Error", "Me"] {
                #expect(schemas[name] != nil, "\(name)")
            }
        }
    }

    @Test func documentedOutputSchemasMatchWhatTheAPIReturns() async throws {
        try await TestApp.run { app, f in
            let api = try await APIClient.forUser(app, f.admin)
            let doc =
                try JSONSerialization.jsonObject(with: Data(try await api.send(.GET, "/api/v1/openapi.json").body.string.utf8)) as! [String: Any]
            let schemas = (doc["components"] as! [String: Any])["schemas"] as! [String: Any]
            for (path, schema) in [("organisations", "Organisation"), ("people", "Person")] {
                let list = try api.object(try await api.send(.GET, "/api/v1/\(path)"))
                let item = try #require((list["items"] as? [[String: Any]])?.first)
                let documented = ((schemas[schema] as! [String: Any])["properties"] as! [String: Any]).keys
                #expect(Set(item.keys) == Set(documented), "\(schema)")
            }
        }
    }
}
