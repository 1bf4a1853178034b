import Vapor
import Fluent
import ChorusCore

/// About 20,000 demo insights over two years, across wards, partners and themes, written to read like residents'
/// comments (varied length; some with names, emails, phone numbers, postcodes or addresses that redaction takes out).
/// Deterministic for a given count and day.
enum DemoInsights {
    /// (sub-theme, what residents say about it).
    static let voices: [(String, [String])] = [
        (
            "Parks and green spaces",
            [
                "the swings in the play area have been broken for months", "the park gates are locked too early in summer",
                "we need more benches so older people can rest", "dog mess on the playing field is getting worse",
                "the new trees along the river walk are lovely",
            ]
        ),
        (
            "Climate change",
            [
                "solar panels on council buildings would show you mean it", "the heat last summer made our flat unbearable",
                "there is nowhere to recycle soft plastics", "we would use an electric car club if there was one nearby",
            ]
        ),
        (
            "Streets and litter",
            [
                "bins were not collected again this week", "fly-tipping behind the shops is a health hazard",
                "the pavement on the high road is cracked and people trip", "the street cleaners do a great job on our road",
            ]
        ),
        (
            "Flooding",
            [
                "the drains on our road flood every time it rains heavily", "we could not get insurance after the last flood",
                "sandbags arrived too late last winter",
            ]
        ),
        (
            "Mental health",
            [
                "the waiting list for talking therapy is over six months", "my son could not get help until he was in crisis",
                "the peer support group at the library saved me", "staff at the crisis line were kind but could not do much",
            ]
        ),
        (
            "Access to GP services",
            [
                "you have to ring at 8am and still cannot get an appointment", "the online booking system is confusing for my mum",
                "I waited three weeks to see a doctor", "the practice nurse was brilliant", "reception staff are rude when you call",
            ]
        ),
        (
            "Healthy weight",
            [
                "fresh food costs too much round here", "the leisure centre is too expensive for families",
                "the free swimming sessions for children are great",
            ]
        ),
        (
            "Social isolation",
            [
                "I do not speak to anyone for days at a time", "the lunch club closing has left my neighbour alone",
                "a befriending phone call once a week would help", "there is nothing in the evenings for older people",
            ]
        ),
        (
            "Repairs",
            [
                "we reported the leak in March and nobody has come", "the repairs line keeps you on hold for an hour",
                "the contractor did a good job once they turned up",
            ]
        ),
        (
            "Affordability",
            [
                "rent takes more than half of what we earn", "young people cannot afford to stay in the area they grew up in",
                "shared ownership is not affordable either",
            ]
        ),
        (
            "Damp and mould",
            [
                "black mould in the children's bedroom keeps coming back", "my daughter's asthma is worse because of the damp",
                "they painted over the mould instead of fixing it",
            ]
        ),
        (
            "Homelessness",
            ["more people are sleeping in the car park", "the hostel is not safe for women", "the outreach team found my brother a bed"]
        ),
        (
            "Buses",
            [
                "the bus to the hospital only runs once an hour", "the 42 stopped running after 7pm so I cannot get home from work",
                "buses never turn up on Sundays", "the new electric buses are quiet and clean", "the bus stop has no shelter or seat",
            ]
        ),
        (
            "Walking and cycling",
            [
                "the cycle lane just stops at the roundabout", "there is nowhere safe to lock a bike in town",
                "the canal path is too dark to walk at night",
            ]
        ),
        (
            "Road safety",
            ["cars speed past the school every morning", "we need a crossing near the shops", "the 20mph limit has made our street calmer"]
        ),
        ("Parking", ["commuters park on our street all day", "blue badge bays are always taken", "parking charges are killing the high street"]),
        (
            "Anti-social behaviour",
            [
                "groups of teenagers on bikes scare people at the parade", "noise from the flat upstairs goes on all night",
                "reporting it online goes nowhere",
            ]
        ),
        ("Drugs", ["there is dealing openly near the station", "needles left in the stairwell", "the young people's drug service is hard to find"]),
        (
            "Feeling safe at night",
            [
                "the street lights on our road are out", "I do not walk through the park after dark",
                "more police on foot would make a difference",
            ]
        ),
        (
            "Youth services",
            [
                "the youth club closed and there is nowhere to go", "young people want somewhere to just hang out that is free",
                "the summer activities programme was brilliant",
            ]
        ),
        ("Schools", ["class sizes are too big", "the school run traffic is dangerous", "breakfast club helps working parents"]),
        (
            "SEND support",
            [
                "we waited two years for an EHCP assessment", "my child has no school place that meets his needs",
                "the SEND parent forum is the only place we get answers",
            ]
        ),
        ("Jobs", ["there are no jobs that pay enough to live on", "the job club helped me write my CV", "apprenticeships are hard to find"]),
        (
            "Cost of living",
            [
                "we are choosing between heating and eating", "the food bank is the only reason we get by",
                "energy bills have doubled", "the warm space at the church hall was a lifeline",
            ]
        ),
        (
            "High streets",
            ["too many empty shops on the high street", "the market brings people in on Saturdays", "we need more places to sit and meet"]
        ),
    ]
    static let openers = [
        "", "", "", "Honestly, ", "To be fair, ", "As a parent, ", "As a carer, ", "I have lived here 30 years and ",
        "Speaking for our tenants group, ", "My neighbour asked me to say that ", "At the drop-in people said ",
    ]
    static let closers = [
        "", "", ".", ". Please do something about it.", ". It has been like this for ages.", ". Thank you for asking.",
        ". Nobody listens.", ". It would make a real difference.", ". We have said this before.",
    ]
    static let streets = ["Acacia Avenue", "Mill Lane", "High Street", "Station Road", "Canal Close", "Church Street", "Harbour Way"]

    static func seed(on db: any Database, count: Int = 20_000, today: Day) async throws -> Int {
        var rng = DemoActivities.Seeded(state: 20_261_125)
        let wards = try await Place.query(on: db).filter(\.$kind == PlaceKind.ward.rawValue).sort(\.$code).all()
        let themes = Dictionary(try await Theme.query(on: db).all().map { ($0.name, $0.id!) }, uniquingKeysWith: { a, _ in a })
        let audiences = try await Audience.query(on: db).sort(\.$name).all().compactMap(\.id)
        let orgs = try await Organisation.query(on: db).sort(\.$name).all().compactMap(\.id)
        let recorders = try await Person.query(on: db).filter(
            \.$role ~~ [Role.officer.rawValue, Role.partnershipAdmin.rawValue, Role.insightAnalyst.rawValue]
        )
        .sort(\.$email).all()
        let activities = try await Activity.query(on: db).filter(
            \.$status ~~ [ActivityStatus.closed.rawValue, ActivityStatus.reported.rawValue, ActivityStatus.open.rawValue]
        )
        .sort(\.$startDay).all()
        var items: [InsightService.Clean] = []
        items.reserveCapacity(count)
        for i in 0..<count {
            let (themeName, lines) = voices[rng.int(0...(voices.count - 1))]
            var text = rng.pick(openers) + rng.pick(lines)
            if rng.int(0...2) == 0 { text += ", and " + rng.pick(voices[rng.int(0...(voices.count - 1))].1) }
            text += rng.pick(closers)
            text = text.prefix(1).uppercased() + text.dropFirst()
            let ward = rng.int(0...(wards.count - 1))
            switch i % 40 {  // about one in eight carries personal data for redaction to take out
            case 0: text = "My name is \(rng.pick(DemoSeed.firstNames)) \(rng.pick(DemoSeed.lastNames)). " + text
            case 5: text += " Email me at \(rng.pick(DemoSeed.firstNames).lowercased()).\(rng.int(10...99))@example.com"
            case 10: text += " Call me on 07700 900\(rng.int(100...999))."
            case 15: text += " I live at \(rng.int(1...120)) \(rng.pick(streets))."
            case 20: text += " Postcode HS\(ward + 1) \(rng.int(1...9))\(rng.pick(["AB", "QT", "XY", "DN"]))."
            default: break
            }
            let activity: Activity? = rng.int(0...2) == 0 ? nil : activities.isEmpty ? nil : rng.pick(activities)
            let heard = activity.map { Day(ordinal: min(today.ordinal, $0.startDay + rng.int(0...20))) } ?? today.adding(days: -rng.int(0...730))
            let org = activity?.$organisation.id ?? orgs[rng.int(0...(orgs.count - 1))]
            let recorder = recorders.first { $0.$organisation.id == org } ?? recorders[0]
            let kind: InsightKind = rng.pick([
                .quote, .quote, .surveyAnswer, .surveyAnswer, .conversationNote, .groupSummary, .observation, .complaint,
            ])
            var equality: [String: String] = [:]
            if rng.int(0...1) == 0 {
                for q in EqualityMonitoring.questions where rng.int(0...3) > 0 { equality[q.field] = rng.pick(q.options).code }
            }
            let optIn = i % 9 == 0
            items.append(
                InsightService.Clean(
                    id: UUID(), organisationID: org, recordedBy: recorder.id, activityID: activity?.id, kind: kind,
                    sharing: i % 10 == 0 ? .organisation : (i % 4 == 0 ? .public : .partnership), heard: heard,
                    redaction: PIIRedactor.redact(text), originalText: text, placeID: wards[ward].id, postcodeSector: nil,
                    themeIDs: [themes[themeName]].compactMap { $0 }, audienceIDs: rng.int(0...3) == 0 ? [rng.pick(audiences)] : [],
                    peopleCount: kind == .groupSummary ? rng.int(4...30) : 1,
                    contactEmail: optIn ? "resident\(i)@example.com" : nil, feedbackOptIn: optIn, equality: equality, sourceRef: nil))
        }
        try await InsightService.insert(items, on: db)
        return items.count
    }
}
