import Vapor
import Fluent
import ChorusCore

/// The fictional borough of Harbourside: wards, partners, staff, themes and audiences. Deterministic: the same
/// names, codes and populations every time. Later features extend this seeder.
public enum DemoSeed {
    public static let password = "chorus-demo-2026"
    public static let adminEmail = "admin@harbourside.example"

    /// Demo logins printed at start-up: (role, email).
    public static let logins: [(String, String)] = [
        ("partnership admin", adminEmail),
        ("officer", "officer@harbourside.example"),
        ("insight analyst", "analyst@harbourside.example"),
        ("decision-space secretary", "secretary@harbourside.example"),
        ("comms", "comms@harbourside.example"),
        ("viewer", "viewer@harbourside.example"),
        ("community champion", "champion@harbourside.example"),
    ]

    static let wards: [(String, Int)] = [
        ("Quayside", 11_240), ("Old Town", 9_870), ("Northgate", 12_105), ("Millbrook", 10_430),
        ("St Anne's", 8_960), ("Foxhill", 13_220), ("Riverside East", 11_780), ("Brickfields", 12_640),
        ("Westcliff", 9_315), ("Ashby Park", 10_905), ("Hollins", 8_470), ("Canal Wharf", 11_060),
    ]

    static let organisations: [(String, OrganisationType, String)] = [
        ("Harbourside Borough Council", .council, "engagement@harbourside.example"),
        ("Harbourside & District NHS Trust", .nhsTrust, "involvement@hdnhs.example"),
        ("North Coast Integrated Care Board", .icb, "engage@ncicb.example"),
        ("Harbourside CVS", .vcse, "hello@harbourcvs.example"),
        ("Quayside Homes", .housing, "tenants@quaysidehomes.example"),
        ("North Coast Police", .police, "neighbourhoods@ncpolice.example"),
        ("Harbourside Youth Trust", .vcse, "voice@hyt.example"),
        ("Harbourside College", .education, "community@hcollege.example"),
    ]

    static let themeTree: [(String, [String])] = [
        ("Environment & place", ["Climate change", "Parks and green spaces", "Streets and litter", "Flooding"]),
        ("Health & wellbeing", ["Mental health", "Access to GP services", "Healthy weight", "Social isolation"]),
        ("Housing", ["Repairs", "Affordability", "Damp and mould", "Homelessness"]),
        ("Transport", ["Buses", "Walking and cycling", "Road safety", "Parking"]),
        ("Community safety", ["Anti-social behaviour", "Drugs", "Feeling safe at night"]),
        ("Children & young people", ["Youth services", "Schools", "SEND support"]),
        ("Economy & skills", ["Jobs", "Cost of living", "High streets"]),
    ]

    static let audiences: [(String, AudienceKind, String)] = [
        ("Residents of Quayside estate", .place, "Households on the Quayside estate"),
        ("Town centre traders", .interest, "Businesses in Old Town and Canal Wharf"),
        ("Young people (11–25)", .identity, "Young residents and students"),
        ("Older people (65+)", .identity, "Older residents, including those living alone"),
        ("Disabled people", .identity, "Disabled residents and their carers"),
        ("Unpaid carers", .identity, "People caring for family or friends"),
        ("Urdu and Punjabi speakers", .identity, "Residents whose first language is Urdu or Punjabi"),
        ("Polish-speaking community", .identity, "Residents whose first language is Polish"),
        ("Council tenants", .interest, "Tenants of Quayside Homes"),
        ("Cyclists and walkers", .interest, "People who walk or cycle in the borough"),
        ("Parents of children with SEND", .interest, "Families of children with special educational needs"),
        ("Faith communities", .identity, "Members of the borough's churches, mosques, gurdwaras and temples"),
        ("Private renters", .interest, "Households renting from a private landlord"),
    ]

    static let firstNames = [
        "Amina", "Ben", "Chloe", "Dev", "Ewa", "Farid", "Grace", "Hassan", "Isla", "Jamal", "Katie",
        "Liam", "Maya", "Nadia", "Owen", "Priya", "Rhys", "Sana", "Tom", "Usha",
    ]
    static let lastNames = [
        "Ahmed", "Brown", "Clarke", "Dhillon", "Evans", "Fraser", "Green", "Hussain", "Iqbal", "Jones",
        "Khan", "Lewis", "Morgan", "Nowak", "Osei", "Patel", "Quinn", "Roberts", "Singh", "Taylor",
    ]

    /// Seeds when the database has no organisations yet. Returns whether it seeded.
    @discardableResult
    public static func seedIfEmpty(_ app: Application) async throws -> Bool {
        guard try await Organisation.query(on: app.db).count() == 0 else { return false }
        try await seed(app)
        return true
    }

    public static func seed(_ app: Application) async throws {
        let cost = app.chorusConfig.bcryptCost
        let hash = try await app.threadPool.runIfActive { try Bcrypt.hash(password, cost: cost) }
        let mail = MailContext(baseURL: app.chorusConfig.baseURL.absoluteString.trimmingSuffix("/"), secret: app.sessionSecret)
        try await app.db.transaction { db in
            let borough = Place()
            borough.code = "E09000099"; borough.name = "Harbourside"; borough.kind = PlaceKind.localAuthority.rawValue
            borough.population = wards.reduce(0) { $0 + $1.1 }
            try await borough.create(on: db)
            for (i, (name, population)) in wards.enumerated() {
                let w = Place()
                w.code = String(format: "E05099%03d", i + 1); w.name = name; w.kind = PlaceKind.ward.rawValue
                w.population = population; w.$parent.id = borough.id
                w.postcodeDistricts = "HS\(i + 1)"
                try await w.create(on: db)
            }
            var orgs: [Organisation] = []
            for (name, type, email) in organisations {
                let o = Organisation()
                o.name = name; o.type = type.rawValue; o.contactEmail = email
                o.contactName = "Engagement lead"
                o.website = "https://" + email.split(separator: "@")[1]
                try await o.create(on: db)
                orgs.append(o)
            }
            // Named demo logins (council), then ~34 more staff spread over partners and roles.
            let named: [(String, String, Role)] = [
                ("Alex Admin", adminEmail, .partnershipAdmin), ("Olu Officer", "officer@harbourside.example", .officer),
                ("Ana Analyst", "analyst@harbourside.example", .insightAnalyst),
                ("Sam Secretary", "secretary@harbourside.example", .secretary), ("Cal Comms", "comms@harbourside.example", .comms),
                ("Vic Viewer", "viewer@harbourside.example", .viewer),
            ]
            var people: [(String, String, Role, Organisation)] = named.map { ($0.0, $0.1, $0.2, orgs[0]) }
            let roles: [Role] = [.officer, .officer, .officer, .insightAnalyst, .secretary, .comms, .viewer]
            for i in 0..<34 {
                let first = firstNames[i % firstNames.count], last = lastNames[(i * 7 + 3) % lastNames.count]
                let org = orgs[(i + 1) % orgs.count]
                let domain = org.contactEmail!.split(separator: "@")[1]
                people.append(("\(first) \(last)", "\(first).\(last)\(i)@\(domain)".lowercased(), roles[i % roles.count], org))
            }
            // Added after the generated staff so their order (and everything the demo derives from it) stays as it was.
            people.append(("Chris Champion", "champion@harbourside.example", .champion, orgs[0]))
            for (name, email, role, org) in people {
                let p = Person()
                p.name = name; p.email = email; p.role = role.rawValue; p.$organisation.id = org.id!
                p.active = true; p.passwordHash = hash
                p.jobTitle = role == .officer ? "Engagement officer" : nil
                try await p.create(on: db)
            }
            for (parentName, children) in themeTree {
                let parent = Theme()
                parent.name = parentName
                try await parent.create(on: db)
                for child in children {
                    let t = Theme()
                    t.name = child; t.$parent.id = parent.id
                    try await t.create(on: db)
                }
            }
            for (name, kind, description) in audiences {
                let a = Audience()
                a.name = name; a.kind = kind.rawValue; a.description = description
                try await a.create(on: db)
            }
            try await DemoWardShapes.seed(on: db)
            let activities = try await DemoActivities.seed(on: db, today: Day(Date()))
            let insights = try await DemoInsights.seed(on: db, today: Day(Date()))
            _ = try await DemoPlans.seed(on: db, today: Day(Date()))
            _ = try await DemoDecisions.seed(on: db, today: Day(Date()), mail: mail)
            try await DemoDashboard.seed(on: db, today: Day(Date()))
            try await DemoSurveys.seed(on: db, today: Day(Date()))
            try await DemoBudgeting.seed(on: db, today: Day(Date()))
            try await DemoPanels.seed(on: db, mail: mail)
            try await DemoCrowdfunding.seed(on: db, today: Day(Date()))
            try await DemoCampaigns.seed(on: db, today: Day(Date()))
            try await DemoDirectory.seed(on: db, today: Day(Date()))
            try await DemoDirectoryUse.seed(on: db, today: Day(Date()))
            try await DemoStandards.seed(on: db, today: Day(Date()))
            try await DemoGuidance.seed(on: db, today: Day(Date()))
            try await AuditService.record(
                db, actor: .system, action: .importFile, entity: "demo", id: nil,
                label: "Seeded the Harbourside demo borough with \(activities) activities and \(insights) insights")
        }
        // After the commit: the analysis runner reads and writes through the application's database.
        try await DemoAnalysis.seed(app)
        try await DemoCrowdfunding.settle(app)
    }

    /// The council's officer, as the demo's features act when they seed through their services; nil before the
    /// organisations and people are seeded.
    static func councilOfficer(_ db: any Database) async throws -> CurrentUser? {
        guard let council = try await Organisation.query(on: db).filter(\.$name == "Harbourside Borough Council").first(),
            let officer = try await Person.query(on: db).filter(\.$email == "officer@harbourside.example").first()
        else { return nil }
        return CurrentUser(
            id: officer.id!, name: officer.name, email: officer.email, role: officer.roleValue, organisationID: council.id!,
            organisationName: council.name)
    }
}
