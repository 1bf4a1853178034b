import Vapor
import Fluent
import SQLKit
import ChorusCore

/// Synthetic insights for the insight-store benchmark: `chorus seed-bench --insights 1000000 --years 5` adds insights
/// over the demo's wards, organisations, themes, audiences and activities, through `InsightService.insert` (the same
/// redaction and multi-row INSERTs as the API), in transactions of 10,000. Deterministic for a given count and day,
/// ids included, so SQLite and PostgreSQL hold the same rows.
///
/// The text is the demo's earlier resident comments (`voices`, openers, closers, kept here unchanged when the demo's
/// own comments were rewritten per theme and ward, so benchmark data and results stay comparable; personal data in
/// one in eight) and adds detail so search words have a realistic spread of selectivity: a topic word from a list drawn
/// with Zipf weights (the commonest in about 1 in 12 insights, the rarest in about 1 in 2,000) and, in one in
/// twenty, a made-up local place name from 1,600 (each in about 30 insights per million).
enum BenchInsights {
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

    /// Topic words, commonest first (Zipf: weight 1/rank).
    static let topics = [
        "rubbish", "noise", "potholes", "rent", "heating", "library", "trains", "doctors", "pavements", "lighting",
        "speeding", "benches", "playground", "allotments", "toilets", "graffiti", "puddles", "foxes", "pigeons", "scaffolding",
        "roadworks", "ambulance", "pharmacy", "dentist", "nursery", "childminder", "carers", "pensioners", "volunteers", "wardens",
        "skateboarding", "fireworks", "barbecues", "bonfire", "festival", "carnival", "mosque", "synagogue", "gurdwara", "chapel",
        "launderette", "bakery", "butcher", "greengrocer", "hairdresser", "takeaway", "betting", "vaping", "scooters", "minicabs",
        "ferry", "harbour", "lighthouse", "pier", "promenade", "seagulls", "jetty", "marina", "lifeboat", "breakwater",
        "orchard", "meadow", "hedgerow", "woodland", "pond", "stream", "towpath", "bridleway", "stile", "footbridge",
        "loneliness", "bereavement", "dementia", "autism", "dyslexia", "epilepsy", "diabetes", "arthritis", "asthma", "hearing",
        "interpreter", "braille", "wheelchair", "ramp", "lift", "escalator", "handrail", "kerb", "bollard", "underpass",
        "mural", "bandstand", "fountain", "statue", "clocktower", "almshouse", "workhouse", "tannery", "brewery", "gasworks",
    ]
    static let detailFrames = [
        ("There is also the problem of the ", "."), ("Nobody mentions the ", "."), ("And the ", " needs looking at."), ("What about the ", "?"),
        ("The ", " came up again."), ("People kept talking about the ", "."),
    ]
    static let syllablesA = [
        "Kel", "Ash", "Brin", "Cor", "Dun", "Ell", "Fen", "Gar", "Hol", "Ink", "Jar", "Kirk", "Lang", "Mor", "Nor",
        "Ost", "Pen", "Quen", "Ros", "Sel", "Tarn", "Ulls", "Ven", "Wick", "Yar", "Zel", "Thorn", "Brack", "Clay", "Drum",
        "Elm", "Frog", "Glen", "Hart", "Ivy", "Kings", "Lark", "Marsh", "Nettle", "Oak",
    ]
    static let syllablesB = [
        "brook", "by", "combe", "dale", "den", "field", "ford", "gate", "ham", "hurst", "ington", "ley", "low",
        "mere", "more", "ness", "port", "stead", "stoke", "thorpe", "ton", "wall", "well", "wich", "wold", "worth",
        "garth", "haven", "holme", "land", "mouth", "ridge", "shaw", "side", "stow", "wood", "bury", "cote", "hay", "lee",
    ]
    static let placeKinds = ["Court", "House", "Estate", "Gardens", "Parade", "Walk", "Green", "Rise"]

    struct Context {
        let wards: [UUID]
        let orgs: [UUID]
        /// Someone who records insights, per organisation.
        let recorder: [UUID: UUID]
        let themes: [String: UUID]
        let audiences: [UUID]
        /// Demo activities (id, organisation, start day), by start day.
        let activities: [(UUID, UUID, Int)]

        static func load(_ db: any Database) async throws -> Context {
            let wards = try await Place.query(on: db).filter(\.$kind == PlaceKind.ward.rawValue).sort(\.$code).all().compactMap(\.id)
            let orgs = try await Organisation.query(on: db).sort(\.$name).all().compactMap(\.id)
            var recorder: [UUID: UUID] = [:]
            for p in try await Person.query(on: db).filter(
                \.$role ~~ [Role.officer.rawValue, Role.partnershipAdmin.rawValue, Role.insightAnalyst.rawValue]
            )
            .sort(\.$email).all() where recorder[p.$organisation.id] == nil {
                recorder[p.$organisation.id] = p.id
            }
            let themes = Dictionary(try await Theme.query(on: db).all().map { ($0.name, $0.id!) }, uniquingKeysWith: { a, _ in a })
            let audiences = try await Audience.query(on: db).sort(\.$name).all().compactMap(\.id)
            let activities = try await Activity.query(on: db).filter(\.$status != ActivityStatus.draft.rawValue).sort(\.$startDay).sort(\.$title)
                .all()
                .map { ($0.id!, $0.$organisation.id, $0.startDay) }
            return Context(wards: wards, orgs: orgs, recorder: recorder, themes: themes, audiences: audiences, activities: activities)
        }
    }

    /// Adds `count` insights heard over `years` years up to `today`. Returns the seconds taken.
    static func seed(on db: any Database, count: Int, years: Int, today: Day, log: (String) -> Void) async throws -> Double {
        let c = try await Context.load(db)
        guard !c.wards.isEmpty, !c.orgs.isEmpty, !c.themes.isEmpty else {
            throw CommandFailure(message: "Run seed-demo first: benchmarks need wards, themes and organisations")
        }
        var rng = DemoActivities.Seeded(state: 0xC40_0000 &+ UInt64(count))
        // Zipf weights for topic words, as a cumulative table.
        var cumulative: [Double] = [], sum = 0.0
        for r in 1...topics.count { sum += 1.0 / Double(r); cumulative.append(sum) }
        let span = years * 365
        let started = Date()
        let batch = 10_000
        for offset in stride(from: 0, to: count, by: batch) {
            var items: [InsightService.Clean] = []
            items.reserveCapacity(batch)
            for i in offset..<min(count, offset + batch) {
                items.append(make(i, &rng, c, cumulative: cumulative, span: span, today: today))
            }
            let rows = items
            try await db.transaction { tx in try await InsightService.insert(rows, on: tx) }
            let done = min(count, offset + batch)
            if done % 100_000 == 0 || done == count {
                log("  \(done) insights, \(String(format: "%.0f", Date().timeIntervalSince(started))) s")
            }
        }
        return Date().timeIntervalSince(started)
    }

    static func make(_ i: Int, _ rng: inout DemoActivities.Seeded, _ c: Context, cumulative: [Double], span: Int, today: Day) -> InsightService.Clean
    {
        let (themeName, lines) = voices[rng.int(0...(voices.count - 1))]
        var themeNames = [themeName]
        var text = rng.pick(openers) + rng.pick(lines)
        if rng.int(0...2) == 0 {
            let (second, more) = voices[rng.int(0...(voices.count - 1))]
            text += ", and " + rng.pick(more)
            if second != themeName { themeNames.append(second) }
        }
        text += rng.pick(closers)
        if !text.hasSuffix(".") { text += "." }
        text = text.prefix(1).uppercased() + text.dropFirst()
        // A topic word (Zipf) in about half of them; a made-up local place in one in twenty.
        if rng.int(0...1) == 0 {
            let u = Double(rng.next() % 1_000_000) / 1_000_000 * cumulative[cumulative.count - 1]
            let word = topics[cumulative.firstIndex { $0 >= u } ?? (topics.count - 1)]
            let (before, after) = rng.pick(detailFrames)
            text += " " + before + word + after
        }
        if i % 20 == 7 {
            text += " Especially around \(rng.pick(syllablesA))\(rng.pick(syllablesB)) \(rng.pick(placeKinds))."
        }
        let wardIndex = rng.int(0...(c.wards.count - 1))
        switch i % 40 {  // one in eight carries personal data for redaction to take out, as in the demo
        case 0: text = "My name is \(rng.pick(DemoSeed.firstNames)) \(rng.pick(DemoSeed.lastNames)). " + text
        case 5: text += " Email me at \(rng.pick(DemoSeed.firstNames).lowercased()).\(rng.int(10...99))@example.com"
        case 10: text += " Call me on 07700 900\(rng.int(100...999))."
        case 15: text += " I live at \(rng.int(1...120)) \(rng.pick(streets))."
        case 20: text += " Postcode HS\(wardIndex + 1) \(rng.int(1...9))\(rng.pick(["AB", "QT", "XY", "DN"]))."
        default: break
        }
        let heard = today.adding(days: -rng.int(0...(span - 1)))
        // About a quarter were heard during a register activity that started in the month before.
        var activity: (UUID, UUID, Int)? = nil
        if rng.int(0...3) == 0, !c.activities.isEmpty {
            let lo = c.activities.partitionPoint { $0.2 < heard.ordinal - 30 }
            let hi = c.activities.partitionPoint { $0.2 <= heard.ordinal }
            if hi > lo { activity = c.activities[lo + rng.int(0...(hi - lo - 1))] }
        }
        let org = activity?.1 ?? c.orgs[i % c.orgs.count]
        let kind: InsightKind = rng.pick([.quote, .quote, .surveyAnswer, .surveyAnswer, .conversationNote, .groupSummary, .observation, .complaint])
        var equality: [String: String] = [:]
        if rng.int(0...1) == 0 {
            for q in EqualityMonitoring.questions where rng.int(0...3) > 0 { equality[q.field] = rng.pick(q.options).code }
        }
        let audiences = !c.audiences.isEmpty && rng.int(0...3) == 0 ? [rng.pick(c.audiences)] : []
        let optIn = i % 9 == 0
        let id = UUID(uuid: uuidBytes(rng.next(), rng.next()))
        return InsightService.Clean(
            id: id, organisationID: org, recordedBy: c.recorder[org], activityID: activity?.0, kind: kind,
            sharing: i % 10 == 3 ? .organisation : (i % 4 == 0 ? .public : .partnership), heard: heard,
            redaction: PIIRedactor.redact(text), originalText: text,
            placeID: i % 20 == 11 ? nil : c.wards[wardIndex], postcodeSector: nil,
            themeIDs: themeNames.compactMap { c.themes[$0] }, audienceIDs: audiences,
            peopleCount: kind == .groupSummary ? rng.int(4...30) : 1,
            contactEmail: optIn ? "resident\(i)@example.com" : nil, feedbackOptIn: optIn, equality: equality, sourceRef: "bench-\(i)")
    }

    /// A version-4 UUID from two random words (deterministic for the benchmark).
    static func uuidBytes(_ a: UInt64, _ b: UInt64) -> uuid_t {
        var x = [UInt8](repeating: 0, count: 16)
        for k in 0..<8 { x[k] = UInt8((a >> (8 * k)) & 0xFF); x[8 + k] = UInt8((b >> (8 * k)) & 0xFF) }
        x[6] = (x[6] & 0x0F) | 0x40
        x[8] = (x[8] & 0x3F) | 0x80
        return (x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], x[8], x[9], x[10], x[11], x[12], x[13], x[14], x[15])
    }
}

private extension Array {
    /// The first index whose element is not `belowPivot` (the array is partitioned by it).
    func partitionPoint(_ belowPivot: (Element) -> Bool) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if belowPivot(self[mid]) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
