import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// The Open Referral UK read API and feed import through HTTP: every endpoint's output checked against the standard's
/// rules (`ORUKConformance`), paging and filters by taxonomy term and `modified_after`, bad parameters named; a feed
/// with bad records reported record by record with nothing saved, then its valid records only when asked, and a
/// second import updating rather than duplicating.
@Suite(.serialized) struct DirectoryORUKHTTPTests {
    static func json(_ res: TestingHTTPResponse) throws -> Any { try JSONSerialization.jsonObject(with: Data(res.body.string.utf8)) }
    static func object(_ res: TestingHTTPResponse) throws -> [String: Any] { try json(res) as? [String: Any] ?? [:] }

    @Test func everyEndpointConformsToTheStandardPagesAndFilters() async throws {
        try await TestApp.run { app, f in
            let w = try await DirectoryHTTPTests.world(app)
            let officer = try await DirectoryHTTPTests.staff(app, f.officer)
            for i in 1...3 {
                try await DirectoryHTTPTests.add(
                    officer, .group,
                    [
                        ("name", "Group \(i)"), ("summary", "Does things \(i)"), ("category", "charity"), ("place_ids", w.harbour.uuidString),
                        ("theme_ids", i == 2 ? w.theme.uuidString : ""), ("audience_ids", w.audience.uuidString), ("languages", "Urdu, Klingon"),
                        ("email", "g\(i)@groups.test"), ("phone", "0161 496 000\(i)"), ("website", "https://g\(i).groups.test"),
                    ])
            }
            try await DirectoryHTTPTests.add(
                officer, .venue,
                [
                    ("name", "Harbour Hall"), ("summary", "A hall"), ("address", "1 Dock Street\nHarbourside"), ("postcode", "HS1 2AB"),
                    ("facts", "step_free_entrance"), ("facts", "changing_places"),
                ])
            let api = Browser(app)
            let page = try await api.get(SiteURL.Directory.orukServices + "?per_page=2")
            #expect(page.status == .ok && page.headers.contentType == .json)
            let body = try Self.json(page)
            #expect(ORUKConformance.page(body, item: ORUKConformance.service).isEmpty, "\(ORUKConformance.page(body, item: ORUKConformance.service))")
            let env = try Self.object(page)
            #expect(env["total_items"] as? Int == 4 && env["total_pages"] as? Int == 2 && (env["contents"] as? [Any])?.count == 2)
            let second = try Self.object(try await api.get(SiteURL.Directory.orukServices + "?per_page=2&page=2"))
            #expect(second["last_page"] as? Bool == true && second["page_number"] as? Int == 2)

            // One service, fully nested: its ward as a service area with the GSS code, languages with codes, terms.
            let g2 = try #require(try await DirectoryEntry.query(on: app.db).filter(\.$name == "Group 2").first()).id!
            let one = try await api.get(SiteURL.Directory.orukService(g2))
            let service = try Self.object(one)
            #expect(ORUKConformance.service(service).isEmpty, "\(ORUKConformance.service(service))")
            let areas = service["service_areas"] as? [[String: Any]] ?? []
            #expect(areas.first?["extent"] as? String == "E05009999" && areas.first?["name"] as? String == "Harbour")
            let languages = service["languages"] as? [[String: Any]] ?? []
            #expect(languages.map { $0["code"] as? String } == ["ur", nil])
            let terms = (service["attributes"] as? [[String: Any]] ?? []).compactMap { ($0["taxonomy_term"] as? [String: Any])?["name"] as? String }
            #expect(Set(terms) == ["Parks", "Older people"])

            // The venue: a location with its accessibility and address, offered at itself.
            let hall = try #require(try await DirectoryEntry.query(on: app.db).filter(\.$name == "Harbour Hall").first()).id!
            let venue = try Self.object(try await api.get(SiteURL.Directory.orukService(hall)))
            #expect(ORUKConformance.service(venue).isEmpty, "\(ORUKConformance.service(venue))")
            let sal = try #require((venue["service_at_locations"] as? [[String: Any]])?.first)
            let location = try #require(sal["location"] as? [String: Any])
            let access = (location["accessibility"] as? [[String: Any]] ?? []).compactMap { $0["description"] as? String }
            #expect(Set(access) == ["Step-free entrance", "Changing Places toilet"])
            let address = try #require((location["addresses"] as? [[String: Any]])?.first)
            #expect(
                address["postal_code"] as? String == "HS1 2AB" && address["city"] as? String == "Harbourside" && address["country"] as? String == "GB"
            )
            let sals = try Self.json(try await api.get(SiteURL.Directory.Route.orukServiceAtLocations.link()))
            #expect(ORUKConformance.page(sals, item: ORUKConformance.serviceAtLocation).isEmpty)
            let salID = try #require(sal["id"] as? String)
            let salOne = try Self.object(try await api.get(SiteURL.Directory.Route.orukServiceAtLocations.link() + "/" + salID))
            #expect(ORUKConformance.serviceAtLocation(salOne).isEmpty && (salOne["location"] as? [String: Any])?["name"] as? String == "Harbour Hall")

            // Organizations, taxonomies and terms.
            let orgs = try Self.json(try await api.get(SiteURL.Directory.Route.orukOrganizations.link()))
            #expect(ORUKConformance.page(orgs, item: ORUKConformance.organization).isEmpty)
            let orgID = try #require((service["organization"] as? [String: Any])?["id"] as? String)
            let org = try Self.object(try await api.get(SiteURL.Directory.Route.orukOrganizations.link() + "/" + orgID))
            #expect(org["name"] as? String == "Group 2" && ORUKConformance.organization(org).isEmpty)
            let taxonomies = try Self.json(try await api.get(SiteURL.Directory.Route.orukTaxonomies.link()))
            #expect(ORUKConformance.page(taxonomies, item: ORUKConformance.taxonomy).isEmpty)
            let termsPage = try await api.get(SiteURL.Directory.Route.orukTaxonomyTerms.link() + "?taxonomy_id=\(DirectoryORUK.themesTaxonomy)")
            let termsJSON = try Self.json(termsPage)
            #expect(ORUKConformance.page(termsJSON, item: ORUKConformance.taxonomyTerm).isEmpty)
            #expect(((termsJSON as? [String: Any])?["contents"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["Parks"])

            // Filters: a term, a taxonomy, text, modified_after.
            let byTerm = try Self.object(try await api.get(SiteURL.Directory.orukServices + "?taxonomy_term_id=\(w.theme)"))
            #expect((byTerm["contents"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["Group 2"])
            let byTaxonomy = try Self.object(try await api.get(SiteURL.Directory.orukServices + "?taxonomy_id=\(DirectoryORUK.audiencesTaxonomy)"))
            #expect(byTaxonomy["total_items"] as? Int == 3)
            let bySearch = try Self.object(try await api.get(SiteURL.Directory.orukServices + "?search=hall"))
            #expect(bySearch["total_items"] as? Int == 1)
            let future = try Self.object(try await api.get(SiteURL.Directory.orukServices + "?modified_after=2999-01-01T00:00:00Z"))
            #expect(future["total_items"] as? Int == 0 && future["empty"] as? Bool == true)
            #expect(ORUKConformance.page(future, item: ORUKConformance.service).isEmpty)
            let past = try Self.object(try await api.get(SiteURL.Directory.orukServices + "?modified_after=2020-01-01"))
            #expect(past["total_items"] as? Int == 4)

            // Bad parameters: 400 naming each; unknown ids: 404.
            for (query, field) in [
                ("page=0", "page"), ("per_page=100000", "per_page"), ("taxonomy_id=nope", "taxonomy_id"),
                ("modified_after=yesterday", "modified_after"),
            ] {
                let res = try await api.get(SiteURL.Directory.orukServices + "?" + query)
                #expect(res.status == .badRequest && res.body.string.contains("\"field\":\"\(field)\""), "\(query): \(res.body.string)")
            }
            #expect(try await api.get(SiteURL.Directory.orukService(UUID())).status == .notFound)
            #expect(try await api.get(SiteURL.Directory.orukServices + "/not-a-uuid").status == .notFound)
        }
    }

    static let goodService = """
        {"id": "svc-1", "name": "Riverside Lunch Club", "status": "active", "description": "Hot lunches for older people.",
         "email": "lunch@club.test", "url": "https://club.test",
         "organization": {"id": "org-1", "name": "Riverside Trust", "description": "A charity"},
         "service_areas": [{"id": "a1", "name": "Harbour", "extent": "E05009999"}],
         "languages": [{"id": "l1", "name": "Polish", "code": "pl"}],
         "attributes": [{"id": "t1", "taxonomy_term": {"id": "tt1", "name": "Older people", "description": "x"}}],
         "service_at_locations": [{"id": "s1", "location": {"id": "loc1", "location_type": "physical", "name": "Riverside Hall",
            "addresses": [{"id": "ad1", "address_1": "2 River Road", "city": "Harbourside", "state_province": "Harbourside",
                           "postal_code": "HS2 1AB", "country": "GB", "address_type": "physical"}],
            "accessibility": [{"id": "ac1", "description": "Hearing loop"}, {"id": "ac2", "description": "Lift to all floors"}]}}]}
        """

    static func feed(_ services: [String]) -> String {
        "{\"total_items\": \(services.count), \"total_pages\": 1, \"page_number\": 1, \"size\": \(services.count), \"first_page\": true, "
            + "\"last_page\": true, \"empty\": false, \"contents\": [\(services.joined(separator: ","))]}"
    }

    @Test func aFeedWithBadRecordsIsReportedAndNothingSavedUnlessValidOnlyAndReimportUpdates() async throws {
        try await TestApp.run { app, f in
            _ = try await DirectoryHTTPTests.world(app)
            let officer = try await DirectoryHTTPTests.staff(app, f.officer)
            let bad = [
                #"{"id": "svc-2", "status": "active"}"#,
                #"{"id": "svc-3", "name": "Bad mail", "status": "active", "email": "nobody"}"#,
                #"{"id": "svc-4", "name": "Evil link", "status": "active", "url": "javascript:alert(1)"}"#,
            ]
            _ = try await officer.get(SiteURL.Directory.importFeed)
            let refused = try await officer.upload(
                SiteURL.Directory.importFeed, field: "file", filename: "feed.json", content: Self.feed([Self.goodService] + bad))
            #expect(refused.status == .unprocessableEntity, "\(refused.body.string.prefix(1000))")
            let text = refused.body.string
            #expect(text.contains("svc-2") && text.contains("svc-3") && text.contains("svc-4") && text.contains("Nothing was saved"))
            #expect(text.contains("<code>name</code>") && text.contains("<code>email</code>") && text.contains("<code>url</code>"))
            #expect(try await DirectoryEntry.query(on: app.db).count() == 0)

            // Not JSON: one problem for the document, nothing saved.
            _ = try await officer.get(SiteURL.Directory.importFeed)
            let notJSON = try await officer.upload(SiteURL.Directory.importFeed, field: "file", filename: "feed.json", content: "name,email\nA,b")
            #expect(notJSON.status == .unprocessableEntity)
            #expect(try await DirectoryEntry.query(on: app.db).count() == 0)

            _ = try await officer.get(SiteURL.Directory.importFeed)
            let partial = try await officer.upload(
                SiteURL.Directory.importFeed, field: "file", filename: "feed.json", content: Self.feed([Self.goodService] + bad),
                fields: ["valid_only": "yes"])
            #expect(
                partial.status == .ok && partial.body.string.contains("1 groups added, 0 updated, 1 venues"), "\(partial.body.string.prefix(1500))")
            let group = try #require(try await DirectoryEntry.query(on: app.db).filter(\.$kind == "group").first())
            #expect(group.name == "Riverside Lunch Club" && group.sourceID == "oruk:svc-1" && group.$owner.id == f.councilID)
            #expect(group.languages == ",Polish," && group.email == "lunch@club.test")
            let venue = try #require(try await DirectoryEntry.query(on: app.db).filter(\.$kind == "venue").first())
            #expect(venue.facts == ",hearing_loop," && venue.summary.contains("Lift to all floors") && venue.postcode == "HS2 1AB")

            // The same feed again, changed: updated, not duplicated.
            _ = try await officer.get(SiteURL.Directory.importFeed)
            let again = try await officer.upload(
                SiteURL.Directory.importFeed, field: "file", filename: "feed.json",
                content: Self.feed([Self.goodService.replacingOccurrences(of: "Hot lunches", with: "Warm lunches")]))
            #expect(again.status == .ok && again.body.string.contains("0 groups added, 1 updated"))
            #expect(try await DirectoryEntry.query(on: app.db).count() == 2)
            #expect(try await DirectoryEntry.find(group.id!, on: app.db)?.summary == "Warm lunches for older people.")
            // Imported entries are published again in the standard.
            let out = try Self.object(try await Browser(app).get(SiteURL.Directory.orukService(group.id!)))
            #expect(ORUKConformance.service(out).isEmpty && out["name"] as? String == "Riverside Lunch Club")
        }
    }

    @Test func theRootNamesAnOpenAPIDocumentOfEveryPath() async throws {
        try await TestApp.run { app, _ in
            let root = try Self.object(try await Browser(app).get(SiteURL.Directory.Route.orukBase))
            let url = try #require(root["openapi_url"] as? String)
            #expect(url.hasSuffix(SiteURL.Directory.orukOpenAPI) && root["version"] as? String == "3.0")
            let doc = try Self.object(try await Browser(app).get(SiteURL.Directory.orukOpenAPI))
            let paths = try #require(doc["paths"] as? [String: Any])
            for path in ["/", "/services", "/services/{id}", "/organizations", "/service_at_locations", "/taxonomies", "/taxonomy_terms/{id}"] {
                #expect(paths[path] != nil, "\(path) documented")
            }
            let services = try #require((paths["/services"] as? [String: Any])?["get"] as? [String: Any])
            let names = (services["parameters"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(Set(names).isSuperset(of: ["page", "per_page", "taxonomy_id", "modified_after"]))
        }
    }
}
