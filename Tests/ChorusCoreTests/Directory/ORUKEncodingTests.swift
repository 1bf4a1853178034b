import Foundation
import Testing

@testable import ChorusCore

@Suite struct ORUKEncodingTests {
    static let full = ORUK.Service(
        id: "5b8f2a7e-2c1d-4f9a-9e3b-1a2b3c4d5e6f", name: "Knit and Natter", status: .temporarilyClosed,
        organizationID: "0c4b9d1e-0000-4000-8000-000000000001",
        description: "Knitting.", url: "https://knit.example.org/a/b", email: "hello@knit.example.org", assuredDate: ORUK.Day("2024-02-29"),
        lastModified: ORUK.parseDateTime("2024-03-15T10:30:45.123Z"),
        organization: ORUK.Organization(
            id: "0c4b9d1e-0000-4000-8000-000000000001", name: "Knit CIC", description: "A CIC.", website: "https://knit.example.org"),
        serviceAtLocations: [
            ORUK.ServiceAtLocation(
                id: "sal", serviceID: "s", locationID: "l",
                location: ORUK.Location(
                    id: "l", locationType: .physical, name: "Library", latitude: 51.5, longitude: -0.12, externalIdentifier: "100023336956",
                    externalIdentifierType: "uprn",
                    addresses: [ORUK.Address(id: "ad", address1: "1 River Road", city: "Town", stateProvince: "Kent", postalCode: "ME1 1AA")],
                    accessibility: [ORUK.Accessibility(id: "ac", description: "Step-free.")]))
        ],
        serviceAreas: [ORUK.ServiceArea(id: "sa", name: "Riverside", extent: "E05013796", extentType: "gss")],
        languages: [ORUK.Language(id: "la", name: "English", code: "en")],
        contacts: [ORUK.Contact(id: "c", name: "Ann", phones: [ORUK.Phone(id: "cp", number: "01632 960001")])],
        phones: [ORUK.Phone(id: "p", number: "01632 960000")],
        attributes: [
            ORUK.Attribute(
                id: "at", taxonomyTermID: "tt", linkID: "s", linkEntity: "service",
                taxonomyTerm: ORUK.TaxonomyTerm(id: "tt", name: "Crafts", description: "Crafts.", taxonomyID: "tx"))
        ])

    static func json(_ value: some Encodable) throws -> [String: Any] {
        let data = try ORUK.encoder.encode(value)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func propertiesUseTheSpecificationsSnakeCaseNames() throws {
        let object = try Self.json(Self.full)
        #expect(
            Set(object.keys) == [
                "id", "organization_id", "name", "description", "url", "email", "status", "assured_date", "last_modified", "organization",
                "service_at_locations", "service_areas", "languages", "contacts", "phones", "attributes",
            ])
        let link = try #require((object["service_at_locations"] as? [[String: Any]])?.first)
        #expect(Set(link.keys) == ["id", "service_id", "location_id", "location"])
        let location = try #require(link["location"] as? [String: Any])
        #expect(location["location_type"] as? String == "physical")
        #expect(location["external_identifier_type"] as? String == "uprn")
        let address = try #require((location["addresses"] as? [[String: Any]])?.first)
        #expect(Set(address.keys) == ["id", "address_1", "city", "state_province", "postal_code", "country", "address_type"])
        #expect(address["country"] as? String == "GB")
        let attribute = try #require((object["attributes"] as? [[String: Any]])?.first)
        #expect(attribute["taxonomy_term_id"] as? String == "tt")
        #expect((attribute["taxonomy_term"] as? [String: Any])?["taxonomy_id"] as? String == "tx")
        #expect((object["service_areas"] as? [[String: Any]])?.first?["extent_type"] as? String == "gss")
    }

    @Test func datesAreDaysAndDateTimesAreISOWithMilliseconds() throws {
        let object = try Self.json(Self.full)
        #expect(object["assured_date"] as? String == "2024-02-29")
        #expect(object["last_modified"] as? String == "2024-03-15T10:30:45.123Z")
        #expect(object["status"] as? String == "temporarily closed")
    }

    @Test func absentPropertiesAreLeftOutNotNull() throws {
        let text = String(decoding: try ORUK.encoder.encode(ORUK.Service(id: "s", name: "N", status: .active)), as: UTF8.self)
        #expect(text == #"{"id":"s","name":"N","status":"active"}"#)
    }

    @Test func outputIsSortedAndKeepsSlashes() throws {
        let text = String(decoding: try ORUK.encoder.encode(Self.full.listed), as: UTF8.self)
        #expect(text.hasPrefix(#"{"assured_date":"2024-02-29","description":"Knitting.","email""#))
        #expect(text.contains("https://knit.example.org/a/b"))
        #expect(!text.contains("service_at_locations"))
    }

    @Test func aServiceRoundTripsThroughTheDecoder() throws {
        let data = try ORUK.encoder.encode(Self.full)
        #expect(try ORUK.decoder.decode(ORUK.Service.self, from: data) == Self.full)
    }

    @Test func aFeedWrittenByChorusReadsBackAsTheSameEntry() throws {
        let page = ORUK.Page(contents: [Self.full], totalItems: 1, pageNumber: 1, perPage: 50)
        let result = ORUKFeed.read(try ORUK.encoder.encode(page))
        #expect(result.problems == [])
        let record = try #require(result.records.first)
        #expect(record.name == "Knit and Natter")
        #expect(record.organizationName == "Knit CIC")
        #expect(record.phone == "01632 960000")
        #expect(record.areaCodes == ["E05013796"])
        #expect(record.termNames == ["Crafts"])
        #expect(record.locations.first?.postcode == "ME1 1AA")
        #expect(record.lastModified == Self.full.lastModified)
    }

    @Test func pagesUseTheEnvelopeNamesAndConsistentCounts() throws {
        let all = (1...5).map { ORUK.Taxonomy(id: "t\($0)", name: "T\($0)", description: "D") }
        let second = ORUK.Page(paging: all, pageNumber: 2, perPage: 2)
        let object = try Self.json(second)
        #expect(Set(object.keys) == ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"])
        #expect(second.totalItems == 5 && second.totalPages == 3 && second.pageNumber == 2 && second.size == 2)
        #expect(!second.firstPage && !second.lastPage && !second.empty)
        let last = ORUK.Page(paging: all, pageNumber: 3, perPage: 2)
        #expect(last.size == 1 && last.lastPage)
        let beyond = ORUK.Page(paging: all, pageNumber: Int.max, perPage: 2)
        #expect(beyond.empty && beyond.lastPage && beyond.totalItems == 5)
        let none = ORUK.Page(paging: [ORUK.Taxonomy](), pageNumber: 1, perPage: 2)
        #expect(none.totalPages == 1 && none.firstPage && none.lastPage && none.empty)
    }

    @Test func daysAcceptOnlyRealDatesWrittenYYYYMMDD() {
        #expect(ORUK.Day("2023-02-29") == nil)
        #expect(ORUK.Day("2024-1-05") == nil)
        #expect(ORUK.Day("2024-12-31")?.description == "2024-12-31")
        #expect(ORUK.Day(utc: Date(timeIntervalSince1970: 0)).description == "1970-01-01")
    }

    @Test func statusValuesAreTheSpecificationsFour() {
        #expect(ORUK.ServiceStatus.specValues == ["active", "inactive", "defunct", "temporarily closed"])
    }
}
