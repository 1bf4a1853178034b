import Foundation
import Testing

@testable import ChorusCore

@Suite struct ORUKFeedTests {
    /// A fully nested service as `/services/{id}` returns it.
    static func service(id: String = "5b8f2a7e-2c1d-4f9a-9e3b-1a2b3c4d5e6f", name: String = "Tuesday Knit and Natter") -> [String: Any] {
        [
            "id": id,
            "name": name,
            "status": "active",
            "description": "  A friendly knitting group.\r\nAll welcome.  ",
            "url": "https://knit.example.org/",
            "last_modified": "2024-03-15T10:30:45.123Z",
            "organization": [
                "id": "o1", "name": "Knit Together CIC", "description": "A community interest company.", "email": "hello@knit.example.org",
            ],
            "contacts": [["id": "c1", "email": "ann@knit.example.org", "phones": [["id": "p1", "number": "01632 960 001"]]]],
            "service_areas": [
                ["id": "a1", "name": "Riverside ward", "extent": "E05013796", "extent_type": "gss"],
                ["id": "a2", "name": "Hill ward", "uri": "https://statistics.data.gov.uk/id/statistical-geography/E05013797"],
            ],
            "languages": [["id": "l1", "name": "English", "code": "en"], ["id": "l2", "code": "cy"]],
            "attributes": [
                ["id": "t1", "taxonomy_term": ["id": "tt1", "name": "Crafts", "description": "Crafts."]],
                ["id": "t2", "taxonomy_term": ["id": "tt2", "name": "Loneliness", "description": "Loneliness."]],
                ["id": "t3", "taxonomy_term": ["id": "tt1", "name": "Crafts", "description": "Crafts."]],
            ],
            "service_at_locations": [
                [
                    "id": "s1",
                    "location": [
                        "id": "loc1", "location_type": "physical", "name": "Riverside Library", "latitude": 51.5074, "longitude": -0.1278,
                        "addresses": [
                            ["id": "ad0", "address_1": "PO Box 12", "city": "Town", "postal_code": "ab1 2cd", "address_type": "postal"],
                            [
                                "id": "ad1", "address_1": "1 River Road", "address_2": "Upper floor", "city": "Town", "postal_code": "sw1a1aa",
                                "address_type": "physical",
                            ],
                        ],
                        "accessibility": [["id": "x1", "description": "Step-free entrance."], ["id": "x2", "accessibility": "Hearing loop."]],
                    ],
                ]
            ],
        ]
    }

    static func data(_ value: Any) -> Data {
        (try? JSONSerialization.data(withJSONObject: value)) ?? Data()
    }

    @Test func aGoodPagedFeedReadsEveryField() throws {
        let page: [String: Any] = [
            "total_items": 1, "total_pages": 1, "page_number": 1, "size": 1, "first_page": true, "last_page": true, "empty": false,
            "contents": [Self.service()],
        ]
        let result = ORUKFeed.read(Self.data(page))
        #expect(result.problems == [])
        #expect(result.recordCount == 1)
        let record = try #require(result.records.first)
        #expect(record.sourceID == "5b8f2a7e-2c1d-4f9a-9e3b-1a2b3c4d5e6f")
        #expect(record.name == "Tuesday Knit and Natter")
        #expect(record.description == "A friendly knitting group.\nAll welcome.")
        #expect(record.organizationName == "Knit Together CIC")
        #expect(record.url == "https://knit.example.org/")
        #expect(record.email == "ann@knit.example.org")
        #expect(record.phone == "01632 960 001")
        #expect(record.areaNames == ["Riverside ward", "Hill ward"])
        #expect(record.areaCodes == ["E05013796", "E05013797"])
        #expect(record.termNames == ["Crafts", "Loneliness"])
        #expect(record.languages == ["English", "cy"])
        #expect(
            record.locations == [
                ORUKFeedLocation(
                    name: "Riverside Library", addressLines: ["1 River Road", "Upper floor"], city: "Town", postcode: "SW1A 1AA", latitude: 51.5074,
                    longitude: -0.1278, accessibility: ["Step-free entrance.", "Hearing loop."])
            ])
        #expect(record.lastModified == ORUK.parseDateTime("2024-03-15T10:30:45.123Z"))
    }

    @Test func aPlainArrayOfServicesIsReadToo() {
        let result = ORUKFeed.read(Self.data([Self.service(id: "a"), Self.service(id: "b")]))
        #expect(result.problems == [])
        #expect(result.records.map(\.sourceID) == ["a", "b"])
    }

    @Test func aMinimalServiceNeedsOnlyIdNameAndStatus() {
        let result = ORUKFeed.read(Data(#"[{"id":"x","name":"Choir","status":"temporarily closed"}]"#.utf8))
        #expect(result.problems == [])
        #expect(result.records == [ORUKFeedRecord(sourceID: "x", name: "Choir")])
    }

    @Test func badRecordsAreReportedByIndexIdAndFieldAndLeftOut() {
        var noName = Self.service(id: "n1")
        noName["name"] = nil
        var badStatus = Self.service(id: "n2")
        badStatus["status"] = "open"
        var badOrg = Self.service(id: "n3")
        badOrg["organization"] = ["id": "o", "name": 42, "description": "d"]
        var badPostcode = Self.service(id: "n4")
        var link = (badPostcode["service_at_locations"] as? [[String: Any]])?.first ?? [:]
        var location = link["location"] as? [String: Any] ?? [:]
        location["addresses"] = [["id": "a", "address_1": "x", "city": "y", "postal_code": "12345"]]
        location["latitude"] = 123.0
        link["location"] = location
        badPostcode["service_at_locations"] = [link]
        var badContact = Self.service(id: "n5")
        badContact["email"] = "not an email"
        badContact["url"] = "ftp://files.example.org"
        badContact["description"] = "Bell\u{07}here"
        let result = ORUKFeed.read(Self.data([Self.service(id: "ok"), noName, badStatus, badOrg, badPostcode, badContact, Self.service(id: "ok")]))

        #expect(result.recordCount == 7)
        let found = Set(result.problems.map { "\($0.index)|\($0.sourceID ?? "-")|\($0.field)" })
        #expect(found.contains("1|n1|name"))
        #expect(found.contains("2|n2|status"))
        #expect(found.contains("3|n3|organization.name"))
        #expect(found.contains("4|n4|service_at_locations[0].location.addresses[0].postal_code"))
        #expect(found.contains("4|n4|service_at_locations[0].location.latitude"))
        #expect(found.contains("5|n5|email"))
        #expect(found.contains("5|n5|url"))
        #expect(found.contains("5|n5|description"))
        #expect(found.contains("6|ok|id"))
        #expect(result.records.map(\.sourceID) == ["ok"])
        for problem in result.problems {
            #expect(problem.message.hasSuffix("."))
            #expect(problem.message.first?.isUppercase == true)
        }
    }

    @Test func wrongTypesEverywhereAreProblemsNotCrashes() {
        let hostile: [Any] = [
            ["id": 7, "name": ["x"], "status": true, "service_areas": "everywhere", "languages": [1, 2], "organization": "Org"],
            ["id": "y", "name": "Y", "status": "active", "service_at_locations": [["location": ["latitude": true, "longitude": "0"]]]],
            "just text", 12, NSNull(),
        ]
        let result = ORUKFeed.read(Self.data(hostile))
        #expect(result.records == [])
        let fields = Set(result.problems.map { "\($0.index)|\($0.field)" })
        for expected in [
            "0|id", "0|name", "0|status", "0|service_areas", "0|languages[0]", "0|organization", "1|service_at_locations[0].location.latitude",
            "1|service_at_locations[0].location.longitude", "2|", "3|", "4|",
        ] {
            #expect(fields.contains(expected), "missing \(expected)")
        }
    }

    @Test func overlongTextAndControlCharactersInNamesAreRefused() {
        var long = Self.service(id: "l")
        long["name"] = String(repeating: "n", count: 201)
        long["description"] = String(repeating: "d", count: 5001)
        var tabbed = Self.service(id: "t")
        tabbed["name"] = "Tab\there"
        tabbed["description"] = "Tabs\tand\nnewlines are fine."
        let result = ORUKFeed.read(Self.data([long, tabbed]))
        #expect(Set(result.problems.map(\.field)) == ["name", "description"] as Set)
        #expect(result.problems.allSatisfy { $0.index == 0 || $0.field == "name" })
        #expect(result.records.isEmpty)
    }

    @Test func notJSONIsOneDocumentProblem() {
        for text in ["", "<html>", "{\"contents\": [", "[1e999]"] {
            let result = ORUKFeed.read(Data(text.utf8))
            #expect(result.records.isEmpty)
            #expect(result.problems.count == 1)
            #expect(result.problems.first?.index == -1)
            #expect(result.problems.first?.field == "")
            #expect(result.problems.first?.message.contains("not valid JSON") == true)
        }
    }

    @Test func wrongShapedDocumentsAreOneDocumentProblem() {
        for text in [#"{"services": []}"#, #"{"contents": {"id": "x"}}"#, #""a string""#, "42", "null", "true"] {
            let result = ORUKFeed.read(Data(text.utf8))
            #expect(result.problems.count == 1, "\(text)")
            #expect(result.problems.first?.index == -1)
            #expect(result.problems.first?.field == "")
        }
    }

    @Test func deepNestingIsRefusedWithoutCrashing() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(ORUKFeed.read(Data(deep.utf8)).problems.first?.index == -1)
        let deepInRecord =
            #"[{"id":"d","name":"D","status":"active","organization":"# + String(repeating: "{\"a\":", count: 5000) + "1"
            + String(repeating: "}", count: 5000) + "}]"
        #expect(ORUKFeed.read(Data(deepInRecord.utf8)).records.isEmpty)
    }

    @Test func moreThanTheLimitIsOneProblemAndOnlyTheFirstAreRead() {
        let feed = (0..<5).map { Self.service(id: "s\($0)") }
        let result = ORUKFeed.read(Self.data(feed), maxRecords: 3)
        #expect(result.recordCount == 5)
        #expect(result.records.map(\.sourceID) == ["s0", "s1", "s2"])
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.index == -1)
    }

    @Test func postcodeShapesFollowTheUKPattern() {
        #expect(DirectoryRules.fullPostcode("sw1a 1aa") == "SW1A 1AA")
        #expect(DirectoryRules.fullPostcode("M1 1AE") == "M1 1AE")
        #expect(DirectoryRules.fullPostcode("B338TH") == "B33 8TH")
        #expect(DirectoryRules.fullPostcode("CR2 6XH") == "CR2 6XH")
        #expect(DirectoryRules.fullPostcode("DN55 1PT") == "DN55 1PT")
        #expect(DirectoryRules.fullPostcode("12345") == nil)
        #expect(DirectoryRules.fullPostcode("SW1A 1A") == nil)
        #expect(DirectoryRules.fullPostcode("ABC 1234") == nil)
    }
}
