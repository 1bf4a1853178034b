import Vapor
import Fluent
import ChorusCore

/// About 300 demo activities over the last two years and the next six months, across partners, with some
/// deliberate overlaps (the same ward, theme and audience within weeks) so the warnings show on first run.
enum DemoActivities {
    /// The seeded generator, so the demo is the same on every machine.
    typealias Seeded = SeededRandom

    static let topics: [(String, String, [String])] = [
        ("Parks and play areas review", "Decide which parks get new play equipment next year", ["Parks and green spaces"]),
        ("Climate action plan", "Shape the borough's next climate action plan", ["Climate change"]),
        ("Bus routes consultation", "Changes to bus routes and timetables", ["Buses"]),
        ("Safer streets walkabout", "Find where people feel unsafe after dark", ["Feeling safe at night", "Anti-social behaviour"]),
        ("GP access survey", "How easy it is to see a GP and what would help", ["Access to GP services"]),
        ("Damp and mould conversations", "Hear from tenants about damp and mould in their homes", ["Damp and mould", "Repairs"]),
        ("Youth voice forum", "What young people want from youth services", ["Youth services"]),
        ("Cost of living listening sessions", "How rising costs affect households and what support helps", ["Cost of living"]),
        ("High street renewal workshops", "Co-design the future of the high street", ["High streets"]),
        ("Mental health support drop-ins", "What would make mental health support easier to reach", ["Mental health"]),
        ("Flood resilience meetings", "Plan flood defences and emergency help with residents", ["Flooding"]),
        ("Walking and cycling routes", "Where new safe walking and cycling routes should go", ["Walking and cycling", "Road safety"]),
        ("Loneliness in later life", "Understand social isolation among older residents", ["Social isolation"]),
        ("SEND support review", "Improve support for children with special educational needs", ["SEND support"]),
        ("Litter and fly-tipping", "Tackle litter and fly-tipping hotspots", ["Streets and litter"]),
    ]

    static func seed(on db: any Database, today: Day) async throws -> Int {
        var rng = Seeded(state: 2026)
        let wards = try await Place.query(on: db).filter(\.$kind == PlaceKind.ward.rawValue).sort(\.$code).all()
        let themes = Dictionary(try await Theme.query(on: db).all().map { ($0.name, $0.id!) }, uniquingKeysWith: { a, _ in a })
        let audiences = try await Audience.query(on: db).sort(\.$name).all().compactMap(\.id)
        let orgs = try await Organisation.query(on: db).sort(\.$name).all()
        let people = try await Person.query(on: db).filter(\.$role ~~ [Role.officer.rawValue, Role.partnershipAdmin.rawValue]).sort(\.$email).all()
        let methods = EngagementMethod.allCases.map(\.rawValue)
        var count = 0
        // Every fourth activity in the second half repeats one from the first half (same topic, wards and audiences)
        // a few days later: the overlaps partners should spot.
        var plans: [(start: Day, wards: Set<Int>, audiences: [UUID])] = []
        for i in 0..<300 {
            let topic = topics[i % topics.count]
            let org = orgs[rng.int(0...(orgs.count - 1))]
            let lead = people.filter { $0.$organisation.id == org.id }.first ?? people[0]
            let twin = i >= 150 && i % 4 == 0 ? plans[i - 150] : nil
            let start = twin.map { $0.start.adding(days: rng.int(3...20)) } ?? today.adding(days: rng.int(-730...180))
            let length = rng.pick([0, 7, 14, 28, 42, 56, 84])
            var status: ActivityStatus = start.adding(days: length) < today ? rng.pick([.closed, .reported]) : (start <= today ? .open : .planned)
            if i % 37 == 0 { status = .draft }
            let a = Activity()
            a.title = "\(topic.0) \(i / topics.count + 1)"
            a.purpose = topic.1
            a.$organisation.id = org.id!
            a.$lead.id = lead.id
            a.boroughWide = twin == nil && i % 11 == 0
            a.methods = Activity.encodeMethods(rng.sample(methods, rng.int(1...3)).sorted())
            a.ladderLevel = rng.pick([LadderLevel.inform, .consult, .consult, .involve, .involve, .collaborate, .empower]).rawValue
            a.status = status.rawValue
            a.startDay = start.ordinal
            a.endDay = i % 23 == 0 ? nil : start.adding(days: length).ordinal
            a.expectedReach = rng.pick([20, 50, 120, 300, 800, 2000])
            a.publicSummary = topic.1 + ". Come and have your say."
            a.isPublic = i % 5 != 0
            try await a.create(on: db)
            let id = a.id!
            let seedWard = rng.int(0...(wards.count - 1))
            let wardSet = twin?.wards ?? Set([seedWard, (seedWard + rng.int(0...2)) % wards.count])
            let audienceList = twin?.audiences ?? rng.sample(audiences, rng.int(0...2))
            plans.append((start, wardSet, audienceList))
            if !a.boroughWide {
                for w in wardSet { try await ActivityPlace(activity: id, place: wards[w].id!).create(on: db) }
            }
            for t in topic.2.compactMap({ themes[$0] }) { try await ActivityTheme(activity: id, theme: t).create(on: db) }
            for x in audienceList { try await ActivityAudience(activity: id, audience: x).create(on: db) }
            if rng.int(0...2) == 0, let partner = orgs.filter({ $0.id != org.id }).first {
                try await ActivityPartner(activity: id, organisation: partner.id!).create(on: db)
            }
            count += 1
        }
        return count
    }
}
