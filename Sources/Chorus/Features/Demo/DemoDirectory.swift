import Fluent
import Foundation
import ChorusCore

/// The demo's directory: community groups (some open to partnering), accessible venues with their facts, and
/// connectors (some sharing contact details only with their own organisation, one listed for residents), kept by
/// different partners, a few due for a check or out of date. Deterministic.
enum DemoDirectory {
    /// Name, type, ward indexes (empty: borough-wide), themes, audiences, languages, open to partnering, keeper index.
    static let groups: [(String, GroupType, [Int], [String], [String], String, Bool, Int)] = [
        (
            "Harbour Road Residents' Association", .residentsAssociation, [0], ["Streets and litter", "Anti-social behaviour"],
            ["Residents of Quayside estate"], "English", true, 3
        ),
        (
            "Quayside Mosque", .faithGroup, [0, 11], ["Social isolation", "Cost of living"], ["Urdu and Punjabi speakers"], "Urdu, Punjabi, English",
            true, 3
        ),
        ("St Anne's Parish Church", .faithGroup, [4], ["Social isolation"], ["Older people (65+)"], "English", false, 3),
        ("Mill Lane Allotment Society", .informalGroup, [3], ["Parks and green spaces", "Healthy weight"], [], "English", true, 0),
        (
            "Northgate Polish Saturday School", .charity, [2], ["Schools"], ["Polish-speaking community", "Young people (11–25)"], "Polish, English",
            true, 3
        ),
        ("Foxhill Carers' Circle", .informalGroup, [5], ["Mental health", "Social isolation"], ["Unpaid carers"], "English", true, 1),
        (
            "Harbourside Disability Forum", .charity, [], ["Walking and cycling", "Access to GP services"], ["Disabled people"],
            "English, British Sign Language", true, 3
        ),
        ("Brickfields Youth Club", .charity, [7], ["Youth services", "Feeling safe at night"], ["Young people (11–25)"], "English", true, 6),
        ("Canal Wharf Traders", .other, [11, 1], ["High streets", "Parking"], ["Town centre traders"], "English", false, 0),
        (
            "Riverside East Tenants' Forum", .residentsAssociation, [6], ["Repairs", "Damp and mould"], ["Council tenants"], "English, Somali", true,
            4
        ),
        ("Westcliff Walking Group", .sportsClub, [8], ["Walking and cycling", "Healthy weight"], ["Older people (65+)"], "English", false, 0),
        ("Ashby Park Food Share", .mutualAid, [9], ["Cost of living"], [], "English, Arabic", true, 3),
        ("Hollins SEND Parents Network", .informalGroup, [10], ["SEND support"], ["Parents of children with SEND"], "English", true, 1),
        ("Old Town Cycle Club", .sportsClub, [1], ["Walking and cycling", "Road safety"], ["Cyclists and walkers"], "English", false, 0),
        ("Harbourside Bangladeshi Women's Group", .charity, [0, 2], ["Mental health", "Jobs"], [], "Bengali, English", true, 3),
        ("Northgate Mutual Aid", .mutualAid, [2, 3], ["Cost of living", "Social isolation"], ["Older people (65+)"], "English, Polish", true, 3),
    ]

    /// Name, ward index, address, postcode, facts, capacity, cost, opening times, keeper index.
    static let venues: [(String, Int, String, String, [VenueFact], Int, String, String, Int)] = [
        (
            "Quayside Community Centre", 0, "1 Dock Street", "HS1 2AB",
            [.stepFreeEntrance, .accessibleToilet, .hearingLoop, .babyChange, .freeWifi, .publicTransport, .prayerSpace], 120,
            "Free to community groups; £20 an hour otherwise", "Monday to Saturday, 9am to 9pm", 0
        ),
        (
            "Old Town Library: Meeting Room", 1, "Market Place", "HS2 1LB",
            [.stepFreeEntrance, .accessibleToilet, .hearingLoop, .quietRoom, .freeWifi],
            30, "Free", "Tuesday to Saturday, 10am to 5pm", 0
        ),
        ("Northgate Methodist Hall", 2, "14 Chapel Row", "HS3 4QT", [.parking, .babyChange], 80, "£12 an hour", "By arrangement", 3),
        (
            "Millbrook Sports Pavilion", 3, "Millbrook Rec, Park Lane", "HS4 6PL",
            [.stepFreeEntrance, .accessibleToilet, .parking, .blueBadgeParking],
            60, "£15 an hour", "Every day, 8am to 10pm", 0
        ),
        (
            "Foxhill Health Hub: Community Room", 5, "Foxhill Road", "HS6 2HH",
            [.stepFreeEntrance, .accessibleToilet, .changingPlaces, .hearingLoop, .quietRoom, .blueBadgeParking, .publicTransport], 40,
            "Free for partners",
            "Monday to Friday, 8am to 6pm", 1
        ),
        (
            "Riverside East Tenants' Hall", 6, "Block C, Riverside Court", "HS7 3RC", [.stepFreeEntrance, .freeWifi], 50, "Free to tenants",
            "Weekdays, 10am to 4pm", 4
        ),
        (
            "Brickfields Youth Centre", 7, "22 Kiln Street", "HS8 1YC", [.accessibleToilet, .freeWifi, .publicTransport], 70, "Free to youth groups",
            "Weekdays, 3pm to 9pm", 6
        ),
        ("Westcliff Scout Hut", 8, "Cliff Road", "HS9 2SH", [.parking], 35, "£10 an hour", "By arrangement", 3),
        (
            "Ashby Park Children's Centre", 9, "Ashby Park", "HS10 1CC", [.stepFreeEntrance, .accessibleToilet, .babyChange, .quietRoom], 25, "Free",
            "Monday to Friday, 9am to 3pm", 0
        ),
        (
            "Canal Wharf Arts Space", 11, "Unit 4, The Wharf", "HS12 4AW",
            [.stepFreeEntrance, .accessibleToilet, .hearingLoop, .freeWifi, .publicTransport],
            150, "From £25 an hour", "Wednesday to Sunday, 11am to 11pm", 3
        ),
    ]

    /// Name, role, ward indexes, audiences, languages, sharing, keeper index.
    static let connectors: [(String, ConnectorRole, [Int], [String], String, ContactSharing, Int)] = [
        ("Amina Hussain", .communityConnector, [0, 11], ["Urdu and Punjabi speakers"], "Urdu, Punjabi, English", .partners, 3),
        ("Piotr Kowalski", .champion, [2, 3], ["Polish-speaking community"], "Polish, English", .residents, 0),
        ("Grace Osei", .socialPrescriber, [5, 6], ["Older people (65+)", "Unpaid carers"], "English", .ownOrganisation, 1),
        ("Tom Reilly", .linkWorker, [7, 8], ["Young people (11–25)"], "English", .partners, 6),
        ("Farida Begum", .champion, [0, 2], ["Disabled people"], "Bengali, English", .partners, 3),
        ("Leah Morgan", .communityConnector, [9, 10], ["Parents of children with SEND"], "English", .ownOrganisation, 0),
    ]

    static func seed(on db: any Database, today: Day) async throws {
        let wards = try await PlacesReads.wards(db)
        let wardByName = Dictionary(
            uniqueKeysWithValues: DemoSeed.wards.enumerated().compactMap { i, w in
                wards.first { $0.name == w.0 }.map { (i, $0.id) }
            })
        let themes = Dictionary(try await TaxonomyReads.themes(db).map { ($0.name, $0.id) }, uniquingKeysWith: { a, _ in a })
        let audiences = Dictionary(try await TaxonomyReads.audiences(db).map { ($0.name, $0.id) }, uniquingKeysWith: { a, _ in a })
        let orgs = try await Organisation.query(on: db).all()
        let orgByName = Dictionary(orgs.map { ($0.name, $0.id!) }, uniquingKeysWith: { a, _ in a })
        func keeper(_ i: Int) -> UUID { orgByName[DemoSeed.organisations[i].0]! }
        // Most were checked in the last ten months; every fifth is due for a check, every seventh out of date.
        func assured(_ i: Int) -> Day {
            if i % 7 == 6 { return today.adding(days: -(DirectoryFreshness.staleAfterDays + 20 + i)) }
            if i % 5 == 4 { return today.adding(days: -(DirectoryFreshness.staleAfterDays - 10)) }
            return today.adding(days: -(15 + (i * 37) % 290))
        }
        func clean(
            _ name: String, _ summary: String, category: String, keeper k: Int, wards w: [Int], themes t: [String], audiences a: [String],
            languages: String, index: Int
        ) -> DirectoryService.Clean {
            DirectoryService.Clean(
                name: name, summary: summary, category: category, owner: keeper(k), boroughWide: w.isEmpty, placeIDs: w.compactMap { wardByName[$0] },
                themeIDs: t.compactMap { themes[$0] }, audienceIDs: a.compactMap { audiences[$0] }, languages: DirectoryLanguages.parse(languages),
                contactName: nil, email: nil, phone: nil, website: nil, approach: nil, openToPartnering: false, contactSharing: .partners,
                consentDay: nil, address: nil, postcode: nil, facts: [], capacity: nil, cost: nil, openingTimes: nil, assuredDay: assured(index))
        }
        var index = 0
        for g in groups {
            let slug = g.0.lowercased().filter { $0.isLetter }.prefix(18)
            var c = clean(
                g.0, "\(g.0) meets regularly and welcomes new members. Ask them about \(g.3.first?.lowercased() ?? "local life").",
                category: g.1.rawValue, keeper: g.7, wards: g.2, themes: g.3, audiences: g.4, languages: g.5, index: index)
            c.contactName = "Secretary"
            c.email = "\(slug)@groups.example"
            c.website = "https://\(slug).groups.example"
            c.openToPartnering = g.6
            c.approach = g.6 ? "Email the secretary two weeks ahead; they can host a session at their usual meeting." : nil
            try await insert(.group, c, db)
            index += 1
        }
        for v in venues {
            var c = clean(
                v.0, "A room for meetings, drop-ins and events. Ask about what else is on site.", category: "", keeper: v.8, wards: [v.1],
                themes: [], audiences: [], languages: "English", index: index)
            c.boroughWide = false
            c.address = v.2
            c.postcode = v.3
            c.facts = v.4
            c.capacity = v.5
            c.cost = v.6
            c.openingTimes = v.7
            c.phone = "01632 96\(String(format: "%04d", 100 + index))"
            try await insert(.venue, c, db)
            index += 1
        }
        for p in connectors {
            var c = clean(
                p.0, "Connects people in these wards with groups, services and each other.", category: p.1.rawValue, keeper: p.6, wards: p.2,
                themes: ["Social isolation"], audiences: p.3, languages: p.4, index: index)
            c.contactSharing = p.5
            c.consentDay = today.adding(days: -(60 + index))
            c.email = p.0.lowercased().replacingOccurrences(of: " ", with: ".") + "@connectors.example"
            c.phone = "07700 900\(String(format: "%03d", index))"
            try await insert(.connector, c, db)
            index += 1
        }
    }

    static func insert(_ kind: DirectoryKind, _ c: DirectoryService.Clean, _ db: any Database) async throws {
        let e = DirectoryEntry()
        e.kind = kind.rawValue
        try await DirectoryService.save(c, into: e, isNew: true, db)
    }
}
