import Vapor
import Fluent
import SQLKit
import ChorusCore

/// Synthetic directory for the directory benchmark (`bench/run_directory_bench.sh`, issue 25): after `chorus seed-demo`,
/// `chorus seed-directory-bench --services 20000 --locations 5000` adds that many groups and connectors (one in twenty
/// a connector; Open Referral UK publishes the groups, never connectors) and that many venues (ORUK locations, each also
/// published as a service), over the demo's wards, sub-themes, audiences and partners. Names and summaries come from
/// word lists, so a text search finds some entries and not others; venues have a postcode in their ward's district and
/// accessibility facts; every entry was last checked (and last changed) within the last two years. Rows go in with
/// multi-row inserts, 500 entries and their links to a transaction. Deterministic for the same counts on the same day,
/// ids included (`SeededRandom`, not the system's random numbers), so SQLite and PostgreSQL hold the same entries.
struct SeedDirectoryBench: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "services", help: "How many groups and connectors to add (default 20000)") var services: Int?
        @Option(name: "locations", help: "How many venues to add (default 5000)") var locations: Int?
    }
    var help: String { "Adds synthetic groups, connectors and venues for the directory benchmark (run seed-demo first)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.migrateUnderLock()
        guard let sql = app.db as? any SQLDatabase else { return }
        let services = max(0, signature.services ?? 20_000)
        let locations = max(0, signature.locations ?? 5_000)
        let world = try await DirectoryBench.World.load(app.db)
        let started = Date()
        let written = try await DirectoryBench.seed(services: services, locations: locations, world: world, today: Day(Date()), app.db)
        context.console.print(
            "Added \(written.groups) groups, \(written.connectors) connectors and \(written.venues) venues "
                + "(\(written.groups + written.connectors + written.venues) directory entries, \(written.links) links) in "
                + String(format: "%.1f", Date().timeIntervalSince(started)) + " s")
        let analyse = Date()
        // Planner statistics, as a long-running database would have; on PostgreSQL also the vacuum autovacuum would run
        // about a minute later, in the middle of the timed requests (as `seed-bench` does).
        try await sql.raw(sql.dialect.name == "postgresql" ? "VACUUM ANALYZE" : "ANALYZE").run()
        context.console.print("Analysed in \(String(format: "%.1f", Date().timeIntervalSince(analyse))) s")
    }
}

/// The rows `seed-directory-bench` writes, built from word lists and one seeded generator.
enum DirectoryBench {
    /// What the entries point at: the demo's wards (with the postcode district each covers), sub-themes, audiences
    /// and partners.
    struct World: Sendable {
        struct Ward: Sendable {
            let id: UUID
            let name: String
            let district: String
        }
        let wards: [Ward]
        let themes: [UUID]
        let audiences: [UUID]
        let organisations: [UUID]

        static func load(_ db: any Database) async throws -> World {
            let places = try await Place.query(on: db).filter(\.$kind == PlaceKind.ward.rawValue).sort(\.$code).all()
            let wards = places.enumerated().map { i, p in
                Ward(id: p.id!, name: p.name, district: Postcode.districts(p.postcodeDistricts ?? "").first ?? "HS\(i + 1)")
            }
            let themes = try await Theme.query(on: db).filter(\.$parent.$id != nil).sort(\.$name).all().compactMap(\.id)
            let audiences = try await Audience.query(on: db).sort(\.$name).all().compactMap(\.id)
            let organisations = try await Organisation.query(on: db).sort(\.$name).all().compactMap(\.id)
            guard !wards.isEmpty, !themes.isEmpty, !organisations.isEmpty else {
                throw CommandFailure(message: "Run seed-demo first: the directory benchmark needs wards, themes and organisations")
            }
            return World(wards: wards, themes: themes, audiences: audiences, organisations: organisations)
        }
    }

    struct Written: Sendable {
        var groups = 0
        var connectors = 0
        var venues = 0
        var links = 0
    }

    /// The columns of `directory_entries` (migration `CreateDirectory`), in the order `Entry.values` gives them.
    static let columns = [
        "id", "kind", "name", "summary", "category", "owner_organisation_id", "borough_wide", "languages", "contact_name", "email", "phone",
        "website", "approach", "open_to_partnering", "contact_sharing", "consent_day", "address", "postcode", "latitude", "longitude",
        "facts", "capacity", "cost", "opening_times", "assured_day", "source_id", "created_at", "updated_at",
    ]

    /// One entry as the model would store it (lists as `DirectoryEntry.encodeList` writes them), with its links.
    struct Entry {
        var id: UUID
        var kind: DirectoryKind
        var name = ""
        var summary = ""
        var category = ""
        var owner: UUID
        var boroughWide = false
        var languages: [String] = ["English"]
        var contactName: String? = nil
        var email: String? = nil
        var phone: String? = nil
        var website: String? = nil
        var approach: String? = nil
        var openToPartnering = false
        var contactSharing = ContactSharing.partners
        var consentDay: Int? = nil
        var address: String? = nil
        var postcode: String? = nil
        var latitude: Double? = nil
        var longitude: Double? = nil
        var facts: [VenueFact] = []
        var capacity: Int? = nil
        var cost: String? = nil
        var openingTimes: String? = nil
        var assuredDay: Int
        var createdAt: Date
        var updatedAt: Date
        var links: [(DirectoryLinkKind, UUID)] = []

        var values: [any Encodable & Sendable] {
            [
                id, kind.rawValue, name, summary, category, owner, boroughWide, DirectoryEntry.encodeList(languages), contactName, email, phone,
                website, approach, openToPartnering, contactSharing.rawValue, consentDay, address, postcode, latitude, longitude,
                DirectoryEntry.encodeList(facts.map(\.rawValue)), capacity, cost, openingTimes, assuredDay, String?.none, createdAt, updatedAt,
            ]
        }
    }

    // Word lists. Activities and venue features are what text searches look for ("choir", "kitchen"): each is one of
    // many, so a search matches a few hundred entries, not all of them.
    static let streets = [
        "Harbour Road", "Mill Lane", "Chapel Row", "Dock Street", "Kiln Street", "Park Lane", "Station Road", "Market Street", "Church Walk",
        "Victoria Street", "Albert Road", "Canal Side", "High Street", "Castle Hill", "Rope Walk", "Foundry Lane", "Orchard Way",
        "Fisher Street", "Bridge End", "Tannery Yard",
    ]
    static let activities: [(name: String, about: String)] = [
        ("Knit and Natter", "knitting, crochet and a chat over tea"), ("Walking", "gentle walks on flat routes, with a café stop"),
        ("Community Choir", "singing together; no auditions and no need to read music"), ("Chess", "chess and draughts for all levels"),
        ("Gardening", "growing vegetables and looking after shared beds"), ("Allotment", "plots, seed swaps and advice for new growers"),
        ("Football", "weekly football for mixed abilities"), ("Cooking", "cooking healthy meals on a budget"),
        ("Dementia Café", "a relaxed afternoon for people living with dementia and those who care for them"),
        ("Men's Shed", "woodwork, repairs and company"), ("Repair Café", "fixing clothes, toys and small appliances instead of throwing them away"),
        ("Language Exchange", "practising English and other languages in pairs"), ("Homework Club", "help with homework after school"),
        ("Boxing", "boxing fitness and mentoring"), ("Chair Yoga", "seated yoga and stretching"), ("Befriending", "regular calls and visits"),
        ("Food Share", "surplus food shared out fairly, no questions asked"), ("Parents and Toddlers", "play and song for under-fives"),
        ("Reading", "a monthly book club"), ("Art", "painting, drawing and printmaking"), ("Cycling", "led rides and bike maintenance"),
        ("Carers' Support", "peer support and advice for unpaid carers"), ("Tenants'", "raising repairs and estate issues with the landlord"),
        ("Litter Pick", "monthly litter picks and street clean-ups"), ("Bereavement", "a listening space after losing someone"),
        ("Youth Drama", "drama, film-making and performance for young people"), ("Swimming", "swimming lessons and aqua fit"),
        ("Mental Health Peer", "peer support for people with lived experience of mental ill health"),
        ("Digital Skills", "help with phones, tablets and getting online"),
        ("Sewing", "sewing, mending and upcycling"), ("Tai Chi", "slow movement for balance and calm"),
        ("Debt Advice", "drop-in advice on bills, benefits and debt"),
        ("Bowls", "indoor and lawn bowls"), ("Photography", "photo walks and workshops"), ("Wildlife", "wildlife surveys and nature walks"),
        ("Friends of the Park", "looking after the park and its events"), ("Breakfast", "a free community breakfast"),
        ("Refugee Welcome", "a welcome and practical help for people new to the area"), ("Cricket", "cricket for juniors and adults"),
        ("Baby Massage", "baby massage and a chat for new parents"),
    ]
    static let groupSuffixes: [GroupType: [String]] = [
        .residentsAssociation: ["Residents' Association", "Residents' Group"], .faithGroup: ["Fellowship", "Faith Group"],
        .charity: ["Trust", "Project"], .socialEnterprise: ["CIC", "Co-op"], .informalGroup: ["Group", "Circle", "Meet-up"],
        .sportsClub: ["Club", "Sports Club"], .mutualAid: ["Mutual Aid", "Network"], .publicService: ["Service", "Hub"],
        .other: ["Society", "Collective"],
    ]
    static let openers = [
        "A friendly", "A volunteer-led", "A small, welcoming", "A long-running", "A new", "A free", "A drop-in", "A lively",
    ]
    static let peoplePhrases = [
        "everyone", "older people", "young people", "families", "carers", "people new to the area", "adults of all ages", "women",
        "men", "parents", "disabled people and their friends", "people living alone",
    ]
    static let meets = [
        "Meets every Monday evening", "Meets on Tuesday mornings", "Meets on Wednesday afternoons", "Meets every Thursday",
        "Meets on Friday mornings", "Meets on Saturday mornings", "Meets on the first Sunday of the month", "Meets fortnightly",
    ]
    static let venueKinds = [
        "Community Centre", "Library Meeting Room", "Church Hall", "Scout Hut", "Sports Pavilion", "Methodist Hall", "School Hall",
        "Health Hub Community Room", "Tenants' Hall", "Arts Space", "Youth Centre", "Mosque Community Hall", "Gurdwara Hall",
        "Family Hub", "Village Hall", "Leisure Centre Studio",
    ]
    static let venueFeatures = [
        "a kitchen", "a stage", "a garden", "a sports hall", "a café", "a crèche room", "break-out rooms", "a projector and screen",
        "a sensory room", "storage for regular users",
    ]
    static let costs = [
        "Free", "Free to community groups", "£10 an hour", "£12 an hour", "£15 an hour", "£20 an hour", "From £25 an hour", "By donation",
    ]
    static let openingTimes = [
        "Monday to Friday, 9am to 5pm", "Monday to Saturday, 9am to 9pm", "Every day, 8am to 10pm", "Weekdays, 10am to 4pm",
        "Evenings and weekends", "By arrangement", "Tuesday to Saturday, 10am to 5pm",
    ]
    static let otherLanguages = [
        "Urdu", "Punjabi", "Polish", "Bengali", "Arabic", "Somali", "Romanian", "Portuguese", "Kurdish", "Farsi", "Tigrinya", "Ukrainian",
        "British Sign Language",
    ]
    static let firstNames = [
        "Amina", "Piotr", "Grace", "Tom", "Farida", "Leah", "Jamal", "Sophie", "Kwame", "Irena", "Daniel", "Priya", "Owen", "Halima",
        "Marek", "Chloe", "Yusuf", "Bethan", "Tariq", "Niamh",
    ]
    static let lastNames = [
        "Hussain", "Kowalski", "Osei", "Reilly", "Begum", "Morgan", "Ahmed", "Clarke", "Mensah", "Nowak", "Evans", "Patel", "Hughes", "Ali",
        "Lewandowski", "Wright", "Khan", "Jones", "Mahmood", "Doyle",
    ]
    /// Percent of venues with each fact (the rest are absent): most are step-free, few have a Changing Places toilet.
    static let factShare: [(VenueFact, Int)] = [
        (.stepFreeEntrance, 60), (.accessibleToilet, 50), (.changingPlaces, 5), (.hearingLoop, 30), (.quietRoom, 25), (.parking, 40),
        (.blueBadgeParking, 25), (.publicTransport, 60), (.babyChange, 30), (.prayerSpace, 10), (.freeWifi, 50),
    ]

    /// A version 4 UUID from the generator, so ids are the same on every run.
    static func uuid(_ rng: inout SeededRandom) -> UUID {
        let a = rng.next(), b = rng.next()
        var bytes = [UInt8](repeating: 0, count: 16)
        for k in 0..<8 {
            bytes[k] = UInt8(truncatingIfNeeded: a >> (8 * UInt64(k)))
            bytes[8 + k] = UInt8(truncatingIfNeeded: b >> (8 * UInt64(k)))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9], bytes[10], bytes[11],
                bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }

    static func slug(_ text: String) -> String {
        String(text.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }).split(separator: "-").joined(separator: "-")
    }

    /// Last checked within the last two years; created before that; last changed on the day it was checked.
    static func dates(_ rng: inout SeededRandom, today: Day, now: Date) -> (assured: Int, created: Date, updated: Date) {
        let assured = today.adding(days: -rng.int(0...729))
        let updated = min(now, assured.date.addingTimeInterval(Double(rng.int(8 * 3600...19 * 3600))))
        return (assured.ordinal, updated.addingTimeInterval(-86_400 * Double(rng.int(0...900))), updated)
    }

    static func group(_ i: Int, _ w: World, today: Day, now: Date, _ rng: inout SeededRandom) -> Entry {
        let type = GroupType.allCases[rng.int(0...(GroupType.allCases.count - 1))]
        let activity = rng.pick(activities)
        let ward = rng.pick(w.wards)
        let place = rng.int(0...2) == 0 ? rng.pick(streets) : ward.name
        let name = "\(place) \(activity.name) \(rng.pick(groupSuffixes[type] ?? ["Group"]))"
        let d = dates(&rng, today: today, now: now)
        var e = Entry(
            id: uuid(&rng), kind: .group, owner: rng.pick(w.organisations), assuredDay: d.assured, createdAt: d.created, updatedAt: d.updated)
        e.name = name
        e.summary = "\(rng.pick(openers)) group for \(rng.pick(peoplePhrases)) in \(ward.name): \(activity.about). \(rng.pick(meets))."
        e.category = type.rawValue
        e.boroughWide = i % 25 == 0
        if !e.boroughWide {
            e.links.append((.place, ward.id))
            for other in rng.sample(w.wards, rng.int(0...2)) where other.id != ward.id { e.links.append((.place, other.id)) }
        }
        e.links += rng.sample(w.themes, rng.int(1...3)).map { (.theme, $0) }
        if !w.audiences.isEmpty { e.links += rng.sample(w.audiences, rng.int(0...2)).map { (.audience, $0) } }
        if rng.int(0...3) == 0 { e.languages += rng.sample(otherLanguages, rng.int(1...2)) }
        let s = slug(name)
        e.contactName = "Secretary"
        e.email = "\(s)-\(i)@groups.example"
        e.website = rng.int(0...1) == 0 ? "https://\(s)-\(i).groups.example" : nil
        e.phone = rng.int(0...2) == 0 ? "01632 96\(String(format: "%04d", rng.int(0...999)))" : nil
        e.openToPartnering = rng.int(0...4) < 3
        e.approach = e.openToPartnering ? "Email the secretary two weeks ahead; they can host a session at their usual meeting." : nil
        return e
    }

    static func connector(_ i: Int, _ w: World, today: Day, now: Date, _ rng: inout SeededRandom) -> Entry {
        let role = ConnectorRole.allCases[rng.int(0...(ConnectorRole.allCases.count - 1))]
        let name = "\(rng.pick(firstNames)) \(rng.pick(lastNames))"
        let d = dates(&rng, today: today, now: now)
        var e = Entry(
            id: uuid(&rng), kind: .connector, owner: rng.pick(w.organisations), assuredDay: d.assured, createdAt: d.created, updatedAt: d.updated)
        let wards = rng.sample(w.wards, rng.int(1...2))
        e.name = name
        e.summary = "Connects \(rng.pick(peoplePhrases)) in \(wards.map(\.name).joined(separator: " and ")) with groups, services and each other."
        e.category = role.rawValue
        e.links = wards.map { (.place, $0.id) }
        if rng.int(0...1) == 0 { e.links.append((.theme, rng.pick(w.themes))) }
        if !w.audiences.isEmpty { e.links += rng.sample(w.audiences, rng.int(1...2)).map { (.audience, $0) } }
        if rng.int(0...2) == 0 { e.languages.append(rng.pick(otherLanguages)) }
        e.contactSharing = ContactSharing.allCases[i % ContactSharing.allCases.count]
        e.consentDay = d.assured - rng.int(0...60)
        e.email = "\(slug(name).replacingOccurrences(of: "-", with: ".")).\(i)@connectors.example"
        e.phone = "07700 900\(String(format: "%03d", rng.int(0...999)))"
        e.approach = rng.int(0...1) == 0 ? "A phone call first, please; they can introduce you to people they work with." : nil
        return e
    }

    static let inwardLetters = Array("ABDEFGHJLNPQRSTUWXYZ")

    static func venue(_ i: Int, _ w: World, today: Day, now: Date, _ rng: inout SeededRandom) -> Entry {
        let wardIndex = rng.int(0...(w.wards.count - 1))
        let ward = w.wards[wardIndex]
        let street = rng.pick(streets)
        let d = dates(&rng, today: today, now: now)
        var e = Entry(
            id: uuid(&rng), kind: .venue, owner: rng.pick(w.organisations), assuredDay: d.assured, createdAt: d.created, updatedAt: d.updated)
        e.name = "\(rng.int(0...1) == 0 ? ward.name : street) \(rng.pick(venueKinds))"
        let features = rng.sample(venueFeatures, rng.int(0...2))
        e.summary =
            "A room for meetings, drop-ins and events"
            + (features.isEmpty ? "." : ", with \(features.joined(separator: " and ")).") + " Ask about what else is on site."
        e.links = [(.place, ward.id)]
        if rng.int(0...2) == 0 { e.links.append((.theme, rng.pick(w.themes))) }
        e.address = "\(rng.int(1...240)) \(street)"
        e.postcode = "\(ward.district) \(rng.int(1...9))\(rng.pick(inwardLetters))\(rng.pick(inwardLetters))"
        // Around a point on the coast, each ward a few kilometres from the next.
        e.latitude = 54.55 + Double(wardIndex % 4) * 0.02 + Double(rng.int(0...999)) / 100_000
        e.longitude = -1.25 + Double(wardIndex / 4) * 0.03 + Double(rng.int(0...999)) / 100_000
        e.facts = factShare.filter { _, share in rng.int(0...99) < share }.map(\.0)
        e.capacity = rng.int(1...30) * 10
        e.cost = rng.pick(costs)
        e.openingTimes = rng.pick(openingTimes)
        e.phone = "01632 96\(String(format: "%04d", rng.int(0...999)))"
        e.contactName = rng.int(0...1) == 0 ? "Bookings" : nil
        e.email = e.contactName == nil ? nil : "bookings-\(i)@venues.example"
        return e
    }

    /// Writes `services` groups and connectors (every twentieth a connector) and `locations` venues, 500 entries and
    /// their links to a transaction.
    static func seed(services: Int, locations: Int, world w: World, today: Day, _ db: any Database) async throws -> Written {
        var rng = SeededRandom(state: 0xD1EC_7000 &+ UInt64(services) &* 31 &+ UInt64(locations))
        let now = Date()
        var written = Written()
        let total = services + locations
        let batch = 500
        for offset in stride(from: 0, to: total, by: batch) {
            var entries: [SQLQueryString] = [], links: [SQLQueryString] = []
            for i in offset..<min(total, offset + batch) {
                let e: Entry
                if i < services {
                    e = i % 20 == 19 ? connector(i, w, today: today, now: now, &rng) : group(i, w, today: today, now: now, &rng)
                    if e.kind == .connector { written.connectors += 1 } else { written.groups += 1 }
                } else {
                    e = venue(i - services, w, today: today, now: now, &rng)
                    written.venues += 1
                }
                entries.append("(\(binds: e.values))")
                for (kind, target) in e.links {
                    links.append("(\(bind: uuid(&rng)), \(bind: e.id), \(bind: kind.rawValue), \(bind: target))")
                }
            }
            written.links += links.count
            let statements: [SQLQueryString] =
                ["INSERT INTO directory_entries (\(unsafeRaw: columns.joined(separator: ", "))) VALUES \(entries.joined(separator: ", "))"]
                + (links.isEmpty ? [] : ["INSERT INTO directory_links (id, entry_id, link, target_id) VALUES \(links.joined(separator: ", "))"])
            try await db.transaction { tx in
                guard let sql = tx as? any SQLDatabase else { return }
                for statement in statements { try await sql.raw(statement).run() }
            }
        }
        return written
    }
}
