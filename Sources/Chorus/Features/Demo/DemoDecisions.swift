import Vapor
import Fluent
import ChorusCore

/// Decision spaces, a year of their meetings, decisions, actions and "You said, we did" reports for the demo
/// borough, made through the features' own services (so the demo runs the same rules as a user would):
///
/// - three spaces: the Harbourside Partnership Board (public; run by secretary@harbourside.example), the Health and
///   Wellbeing Scrutiny Panel (public; run by an NHS secretary) and the Quayside Estate Steering Group (private; run
///   by a Quayside Homes secretary with secretary@harbourside.example), each with staff, an external community
///   representative and a chair;
/// - monthly meetings over the last year (six-weekly for the panel) and one upcoming meeting each, with plain items
///   and insight items: a bundle of what residents said in a closed activity, decided on with actions in every
///   status (proposed, agreed, in progress, done on time, done late, overdue, not doing with a reason) and dated
///   progress notes, owned by demo staff (officer@harbourside.example among them);
/// - "You said, we did" reports for six of those activities, published by comms (one also in Urdu; publishing
///   queues emails to residents who asked to hear back, and actions done later queue "done" emails), and one draft;
///   and one report for the "Cost of living" theme across every activity of the last year.
///
/// Deterministic apart from "today": every date is an offset from the day it runs.
enum DemoDecisions {
    struct Summary: Sendable { var spaces = 0, meetings = 0, decisions = 0, actions = 0, reports = 0, published = 0 }

    /// What a space decides about one kind of activity (by the register topic its title starts with).
    struct Script: Sendable {
        let topic: String
        let reportTitle: String
        let asked: String
        let heard: String
        let decision: String
        /// (what will be done, owner's organisation)
        let actions: [(String, String)]
    }

    static let council = "Harbourside Borough Council", nhs = "Harbourside & District NHS Trust", icb = "North Coast Integrated Care Board"
    static let cvs = "Harbourside CVS", homes = "Quayside Homes", police = "North Coast Police", youth = "Harbourside Youth Trust"

    static let scripts: [Script] = [
        Script(
            topic: "Cost of living listening sessions", reportTitle: "You said, we did: help with the cost of living",
            asked: "We asked how rising prices are affecting your household, and what help makes the most difference.",
            heard:
                "Many of you told us you are choosing between heating and eating, that the food bank and the warm spaces are a lifeline, and that advice is hard to find if English is not your first language.",
            decision:
                "Keep the warm spaces open five days a week through the winter, and publish the cost-of-living help guide in Urdu and Polish as well as English.",
            actions: [
                ("Extend warm space opening to five days a week at five community venues", cvs),
                ("Publish the cost-of-living help guide in Urdu and Polish", council),
                ("Add benefits advice sessions to the food bank rota", cvs),
            ]),
        Script(
            topic: "Bus routes consultation", reportTitle: "You said, we did: evening and Sunday buses",
            asked: "We asked which bus routes and times matter most to you, before changes to routes and timetables are agreed.",
            heard:
                "You told us that the 42 stopping at 7pm leaves people stranded after work, that the hospital is hard to reach on Sundays, and that many stops have no shelter or seat.",
            decision:
                "Ask the operator to restore evening services on the 42, trial a Sunday hospital shuttle for a year, and add shelters at the busiest stops.",
            actions: [
                ("Write to the bus operator asking to restore the 42 after 7pm", council),
                ("Fund a one-year trial of a Sunday shuttle to Harbourside General Hospital", icb),
                ("Add a shelter and seating at the ten busiest stops without one", council),
            ]),
        Script(
            topic: "Litter and fly-tipping", reportTitle: "You said, we did: litter and fly-tipping",
            asked: "We asked where litter and fly-tipping are worst, and what would help keep your streets clean.",
            heard:
                "You named the streets and corners where rubbish builds up, told us bins are missed, and said fly-tipping behind the shops is a health hazard.",
            decision:
                "Add bins at the hotspots residents named, install cameras at the three worst fly-tipping sites and support volunteer clean-ups.",
            actions: [
                ("Add 30 bins at the litter hotspots residents named", council),
                ("Install cameras at the three worst fly-tipping sites", council),
                ("Run a volunteer clean-up in every ward each quarter", cvs),
            ]),
        Script(
            topic: "Climate action plan", reportTitle: "You said, we did: the climate action plan",
            asked: "We asked what should be in the borough's next climate action plan.",
            heard:
                "You told us homes are too hot in summer and too cold in winter, that you want the council to lead by example, and that you would use an electric car club nearby.",
            decision: "Put a community energy fund and home insulation for private renters into the climate action plan.",
            actions: [
                ("Set up a community energy fund with £50,000 from the climate budget", council),
                ("Offer free insulation surveys to 500 private-rented homes", council),
                ("Fit solar panels on two council buildings", council),
            ]),
        Script(
            topic: "Walking and cycling routes", reportTitle: "You said, we did: safer walking and cycling",
            asked: "We asked where new safe walking and cycling routes should go.",
            heard:
                "You told us the cycle lane stops at the roundabout, that there is nowhere safe to lock a bike in town, and that the canal path is too dark at night.",
            decision: "Close the gap in the cycle lane at the roundabout, light the canal path and add secure cycle parking in the town centre.",
            actions: [
                ("Design a safe route for cyclists through the roundabout", council),
                ("Light the canal path between the station and Canal Wharf", council),
                ("Fit secure cycle parking in the town centre", council),
            ]),
        Script(
            topic: "GP access survey", reportTitle: "You said, we did: seeing a GP",
            asked: "We asked how easy it is to see a GP, and what would help.",
            heard:
                "You told us about ringing at 8am and still not getting an appointment, that online booking is confusing, and that some reception staff are not kind on the phone.",
            decision: "Pilot bookable evening appointments at two practices, and help people book online in their own language.",
            actions: [
                ("Pilot bookable evening GP appointments at two practices", icb),
                ("Publish a plain-English guide to booking online, in five languages", nhs),
                ("Offer customer care training to every practice reception team", icb),
            ]),
        Script(
            topic: "Mental health support drop-ins", reportTitle: "You said, we did: mental health support",
            asked: "We asked what would make mental health support easier to reach.",
            heard:
                "You told us the wait for talking therapy is over six months, that help often comes only at crisis point, and that the peer support group at the library made a real difference.",
            decision:
                "Fund the library peer support group for two more years, publish talking therapy waiting times every month and open a weekend crisis café.",
            actions: [
                ("Fund the library peer support group for two more years", icb),
                ("Publish talking therapy waiting times every month", nhs),
                ("Open a weekend crisis café in the town centre", nhs),
            ]),
        Script(
            topic: "Loneliness in later life", reportTitle: "You said, we did: loneliness in later life",
            asked: "We asked older residents about loneliness and what would help.",
            heard:
                "You told us some people speak to no one for days, that the lunch club closing left neighbours alone, and that a weekly phone call would help.",
            decision: "Restart the lunch club and start a weekly befriending call for older people who live alone.",
            actions: [
                ("Restart the lunch club at the community centre", cvs),
                ("Start a weekly befriending phone call for older people living alone", cvs),
                ("Ask GP practices to refer lonely patients to social prescribing", nhs),
            ]),
        Script(
            topic: "Damp and mould conversations", reportTitle: "You said, we did: damp and mould",
            asked: "We asked tenants about damp and mould in their homes.",
            heard: "You told us mould keeps coming back, that it is making children's asthma worse, and that it was painted over instead of fixed.",
            decision: "Inspect every home where tenants reported mould within 14 days, and treat the cause rather than painting over it.",
            actions: [
                ("Inspect the 40 homes where tenants reported mould", homes),
                ("Fit extractor fans in the worst-affected flats", homes),
                ("Check first the homes where a child has asthma", council),
            ]),
        Script(
            topic: "Safer streets walkabout", reportTitle: "You said, we did: feeling safe at night",
            asked: "We walked the estate with residents after dark to find where people feel unsafe.",
            heard: "You showed us broken street lights, a dark path to the parade and places where groups gather late at night.",
            decision: "Repair the street lights found on the walkabout, cut back the hedges on the path to the parade and add evening foot patrols.",
            actions: [
                ("Repair every street light reported on the walkabout", council),
                ("Add evening foot patrols on the Quayside estate on Fridays and Saturdays", police),
                ("Cut back the hedges on the path to the parade", homes),
            ]),
    ]

    /// The Urdu text of the cost-of-living report.
    static let urdu = (
        title: "آپ نے کہا، ہم نے کیا: مہنگائی میں مدد",
        asked: "ہم نے پوچھا کہ بڑھتی ہوئی قیمتیں آپ کے گھرانے پر کیسے اثر ڈال رہی ہیں، اور کون سی مدد سب سے زیادہ فرق ڈالتی ہے۔",
        said:
            "آپ میں سے بہت سے لوگوں نے ہمیں بتایا کہ انہیں گھر گرم رکھنے اور کھانے میں سے ایک کو چننا پڑتا ہے، کہ فوڈ بینک اور گرم جگہیں بہت بڑا سہارا ہیں، اور یہ کہ اگر انگریزی آپ کی پہلی زبان نہ ہو تو مشورہ ڈھونڈنا مشکل ہے۔",
        did:
            "ہاربر سائیڈ پارٹنرشپ بورڈ نے آپ کی باتوں پر غور کیا اور فیصلہ کیا کہ سردیوں میں گرم جگہیں ہفتے میں پانچ دن کھلی رہیں گی، اور مہنگائی میں مدد کی گائیڈ انگریزی کے ساتھ ساتھ اردو اور پولش میں بھی شائع کی جائے گی۔\n\nنیچے دیکھیں کہ ہر ادارے نے کیا کرنے کا وعدہ کیا اور اب ہر وعدہ کہاں تک پہنچا ہے۔ جب کام آگے بڑھے گا تو یہ صفحہ بھی بدل جائے گا۔"
    )

    enum Report: Sendable { case none, draft, published, publishedWithUrdu }

    /// Which space hears which topic, roughly how many days ago the activity closed, and what report it gets.
    static let plan: [(space: Int, topic: String, closedAgo: Int, report: Report)] = [
        (0, "Cost of living listening sessions", 300, .publishedWithUrdu),
        (0, "Bus routes consultation", 250, .published),
        (0, "Litter and fly-tipping", 200, .published),
        (0, "Climate action plan", 150, .published),
        (0, "Walking and cycling routes", 90, .draft),
        (1, "GP access survey", 290, .published),
        (1, "Mental health support drop-ins", 190, .published),
        (1, "Loneliness in later life", 90, .none),
        (2, "Damp and mould conversations", 250, .none),
        (2, "Safer streets walkabout", 120, .none),
    ]

    /// How each action turns out, in turn, so every status appears.
    enum Fate: CaseIterable, Sendable { case doneOnTime, inProgress, overdue, doneLate, agreed, notDoing, proposed }

    static let reasons = [
        "The partners costed it and it cannot be funded this year; it goes into next year's budget bid and we will say here what is decided.",
        "A better option came up: the same money now pays for something residents asked for more often (see the other actions).",
        "The landowner refused permission, so this cannot go ahead where residents asked; we are looking for another site.",
    ]
    static let startNotes = [
        "Work has started; the first phase is booked.", "Funding confirmed and a contractor appointed.",
        "Plan agreed with the partners and residents' group.", "Staff named to lead it; first meeting held.",
    ]
    static let delayNotes = [
        "Delayed: the supplier has not delivered yet.", "Delayed while the funding bid is decided.",
        "Held up by the contractor's other work; a new date is being agreed.",
    ]
    static let doneNotes = [
        "Done. Residents who took part have been told.", "Finished and checked with the residents' group.",
        "Done, and the result is on the public page.",
    ]

    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    static func monthYear(_ d: Day) -> String { "\(months[d.components.month - 1]) \(d.components.year)" }

    // MARK: - Seeding

    static func seed(on db: any Database, today: Day, mail: MailContext) async throws -> Summary {
        var rng = DemoActivities.Seeded(state: 8_2026)
        var summary = Summary()
        let orgs = try await Organisation.query(on: db).all()
        let orgByName = Dictionary(uniqueKeysWithValues: orgs.map { ($0.name, $0) })
        let orgNames = Dictionary(uniqueKeysWithValues: orgs.map { ($0.id!, $0.name) })
        let people = try await Person.query(on: db).filter(\.$active == true).sort(\.$email).all()
        func user(_ p: Person) -> CurrentUser {
            CurrentUser(
                id: p.id!, name: p.name, email: p.email, role: p.roleValue, organisationID: p.$organisation.id,
                organisationName: orgNames[p.$organisation.id] ?? "")
        }
        func person(_ email: String) -> Person? { people.first { $0.email == email } }
        func staff(_ org: String, _ roles: [Role]) -> [Person] {
            people.filter { $0.$organisation.id == orgByName[org]?.id && roles.contains($0.roleValue) }
        }
        guard let sam = person("secretary@harbourside.example"), let olu = person("officer@harbourside.example"),
            let comms = person("comms@harbourside.example")
        else { return summary }
        let officers = [Role.officer, .insightAnalyst, .partnershipAdmin]
        // Owners by organisation; the council's demo officer comes first so "My actions" has plenty.
        var owners: [String: [Person]] = [:]
        for o in orgs { owners[o.name] = staff(o.name, [.officer]).nilIfEmpty ?? staff(o.name, officers).nilIfEmpty ?? [sam] }
        owners[council] = [olu] + (owners[council] ?? []).filter { $0.id != olu.id }
        var turn: [String: Int] = [:]
        func owner(_ org: String) -> Person {
            let list = owners[org] ?? [olu]
            defer { turn[org, default: 0] += 1 }
            return list[turn[org, default: 0] % list.count]
        }
        func firstOfficer(_ org: String) -> [Person] { Array((staff(org, [.officer]).nilIfEmpty ?? staff(org, officers)).prefix(1)) }
        let themes = Dictionary(try await Theme.query(on: db).all().map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        func ids(_ list: [Person]) -> [String] { list.map { $0.id!.uuidString } }

        // The spaces.
        let nhsSecretary = staff(nhs, [.secretary]).first ?? sam
        let homesSecretary = staff(homes, [.secretary]).first ?? sam
        struct SpaceSetup {
            let user: Person; let fields: [(String, String)]; let location: String; let first: Int; let every: Int; let count: Int; let next: Int
        }
        let setups: [SpaceSetup] = [
            SpaceSetup(
                user: sam,
                fields: [
                    ("name", "Harbourside Partnership Board"), ("kind", DecisionSpaceKind.board.rawValue), ("is_public", "true"),
                    (
                        "remit",
                        "Brings the council, the NHS, the police, housing and the voluntary sector together to act on what residents tell us across the borough, and to check that the promises made to residents are kept."
                    ),
                    ("external_members", "Cllr Yusuf Rahman - Chair\nBernadette O'Connor - Community representative, Harbourside Residents' Network"),
                ] + [council, nhs, icb, cvs, homes, police, youth].compactMap { orgByName[$0] }.map { ("organisation_ids", $0.id!.uuidString) }
                    + [
                        "Cost of living", "Buses", "Streets and litter", "Climate change", "Walking and cycling", "Parks and green spaces",
                        "Youth services",
                    ]
                    .compactMap { themes[$0] }.map { ("theme_ids", $0.id!.uuidString) }
                    + ids([olu] + [nhs, icb, cvs, homes, police, youth].flatMap(firstOfficer)).map { ("member_ids", $0) },
                location: "Council Chamber, Harbourside Civic Centre", first: -352, every: 30, count: 12, next: 16),
            SpaceSetup(
                user: nhsSecretary,
                fields: [
                    ("name", "Health and Wellbeing Scrutiny Panel"), ("kind", DecisionSpaceKind.scrutinyPanel.rawValue), ("is_public", "true"),
                    (
                        "remit",
                        "Scrutinises health and care services in the borough on behalf of residents, hears what patients and carers say, and asks the NHS and the council to act on it."
                    ),
                    (
                        "external_members",
                        "Joan Whitfield - Community representative, Healthwatch Harbourside\nTariq Mahmood - Unpaid carers' representative"
                    ),
                    ("secretary_ids", nhsSecretary.id!.uuidString),
                ] + [nhs, icb, council, cvs].compactMap { orgByName[$0] }.map { ("organisation_ids", $0.id!.uuidString) }
                    + ["Access to GP services", "Mental health", "Social isolation", "SEND support", "Healthy weight"]
                    .compactMap { themes[$0] }.map { ("theme_ids", $0.id!.uuidString) }
                    + ids([olu] + [nhs, icb, cvs].flatMap(firstOfficer)).map { ("member_ids", $0) },
                location: "Boardroom, Harbourside General Hospital", first: -345, every: 42, count: 9, next: 25),
            SpaceSetup(
                user: homesSecretary,
                fields: [
                    ("name", "Quayside Estate Steering Group"), ("kind", DecisionSpaceKind.steeringGroup.rawValue),
                    (
                        "remit",
                        "Steers the repairs and safety programme on the Quayside estate with its tenants. Private: case details about named homes are discussed."
                    ),
                    ("external_members", "Precious Mensah - Chair, Quayside Tenants' and Residents' Association"),
                    ("secretary_ids", homesSecretary.id!.uuidString), ("secretary_ids", sam.id!.uuidString),
                ] + [homes, council, police].compactMap { orgByName[$0] }.map { ("organisation_ids", $0.id!.uuidString) }
                    + ["Damp and mould", "Repairs", "Anti-social behaviour", "Feeling safe at night"].compactMap { themes[$0] }.map {
                        ("theme_ids", $0.id!.uuidString)
                    }
                    + ids([homes, police].flatMap(firstOfficer) + staff(council, [.officer]).filter { $0.id != olu.id }.prefix(1)).map {
                        ("member_ids", $0)
                    },
                location: "Community room, Quayside estate", first: -340, every: 30, count: 12, next: 9),
        ]
        var spaces: [(DecisionSpace, CurrentUser, DecisionSpaceService.Access)] = []
        for s in setups {
            let u = user(s.user)
            let space = try await step("space") { try await DecisionSpaceService.create(form(s.fields), user: u, on: db) }
            spaces.append((space, u, try await DecisionSpaceService.access(space, user: u, db)))
            summary.spaces += 1
        }

        // The activities each space hears: the closed one of that topic nearest the planned age, one each.
        let candidates = try await Activity.query(on: db).filter(\.$status ~~ [ActivityStatus.closed.rawValue, ActivityStatus.reported.rawValue])
            .filter(\.$boroughWide == false).filter(\.$endDay >= today.ordinal - 340).filter(\.$endDay <= today.ordinal - 45)
            .sort(\.$endDay).sort(\.$title).all()
        var used = Set<UUID>()
        var heard: [Int: [(Activity, Script, Report)]] = [:]
        for p in plan {
            guard let script = scripts.first(where: { $0.topic == p.topic }) else { continue }
            let target = today.ordinal - p.closedAgo
            let pick = candidates.filter { $0.title.hasPrefix(p.topic + " ") && !used.contains($0.id!) }
                .min { abs(($0.endDay ?? 0) - target) < abs(($1.endDay ?? 0) - target) }
            guard let pick else { continue }
            // The draft report is left for the council's demo comms login to finish and publish, which only the comms
            // of an organisation that leads or partners in the activity may do: the council partners in it.
            if case .draft = p.report, let councilID = orgByName[council]?.id, pick.$organisation.id != councilID,
                try await ActivityPartner.query(on: db).filter(\.$activity.$id == pick.id!).filter(\.$organisation.$id == councilID).count() == 0
            {
                try await ActivityPartner(activity: pick.id!, organisation: councilID).create(on: db)
            }
            used.insert(pick.id!)
            heard[p.space, default: []].append((pick, script, p.report))
        }

        // Meetings, agendas, decisions and actions.
        var events: [(day: Int, seq: Int, run: Event)] = []
        var decided: [(Activity, Script, Report, Decision, DecisionSpace)] = []
        var fateTurn = 0
        for (index, s) in setups.enumerated() {
            let (space, secretary, access) = spaces[index]
            var days = (0..<s.count).map { today.adding(days: s.first + $0 * s.every + rng.int(-3...3)) }.filter { $0 < today.adding(days: -7) }
            days.append(today.adding(days: s.next))
            var waiting = (heard[index] ?? []).sorted { ($0.0.endDay ?? 0) < ($1.0.endDay ?? 0) }
            for (n, day) in days.enumerated() {
                let upcoming = day > today
                let name = space.name.replacingOccurrences(of: "Harbourside ", with: "")
                let meeting = try await step("meeting") {
                    try await DecisionSpaceService.addMeeting(
                        space, access: access,
                        form([
                            ("title", "\(name): \(monthYear(day))"), ("meets_on", day.description),
                            ("location", s.location),
                        ]), user: secretary, on: db)
                }
                summary.meetings += 1
                func item(_ fields: [(String, String)]) async throws -> AgendaItem {
                    try await step("agenda item") {
                        try await DecisionSpaceService.addItem(meeting, access: access, form(fields), user: secretary, on: db)
                    }
                }
                _ = try await item([
                    ("title", n == 0 ? "Welcome, apologies and terms of reference" : "Minutes of the last meeting and matters arising")
                ])
                if n == 0 {
                    let plainItem = try await item([
                        ("title", "Forward plan for the year"),
                        ("notes", "The chair's proposal: what residents tell us is a standing item at every meeting."),
                    ])
                    _ = try await step("decision") {
                        try await ActionService.decide(
                            plainItem, meeting: meeting, access: access,
                            form([("text", "Agreed the forward plan, with an insight briefing from residents as a standing item at every meeting.")]),
                            user: secretary, on: db)
                    }
                    summary.decisions += 1
                }
                if upcoming {
                    // What is coming up: a theme briefing and a saved search by theme, not decided yet.
                    let (themeName, searchTheme): (String, String) = [
                        ("Parks and green spaces", "Youth services"), ("Access to GP services", "Mental health"),
                        ("Damp and mould", "Repairs"),
                    ][index]
                    if let t = themes[themeName] { _ = try await item([("theme_id", t.id!.uuidString)]) }
                    if let t = themes[searchTheme] {
                        let bundle = try await step("bundle") {
                            try await InsightBundleService.createSearch(
                                title: "\(searchTheme): what residents said in the last year",
                                query: "theme=\(t.id!.uuidString)&from=\(today.adding(days: -365).description)", user: secretary, on: db)
                        }
                        _ = try await item([("bundle_id", bundle.id!.uuidString), ("notes", "For discussion; no decision is asked for yet.")])
                    }
                    continue
                }
                // Activities closed at least two weeks before this meeting are heard now.
                let due = waiting.filter { ($0.0.endDay ?? 0) + 14 <= day.ordinal }
                waiting.removeAll { w in due.contains { $0.0.id == w.0.id } }
                for (activity, script, report) in due {
                    let bundle = try await step("bundle") { () async throws -> InsightBundle in
                        if index == 2 {
                            // A hand-picked selection: the first 25 things residents said (that the secretary may see).
                            var f = try InsightQueries.filter(["activity": activity.id!.uuidString], viewer: secretary)
                            f.bundle = nil
                            let picked = try await InsightQueries.query(db, f).sort(\.$heardDay).sort(\.$id).limit(25).all().map { $0.id!.uuidString }
                            return try await InsightBundleService.addSelection(
                                bundleID: nil, title: "Selected comments: \(activity.title)", insightIDs: picked,
                                user: secretary, on: db)
                        }
                        return try await InsightBundleService.createSearch(
                            title: "What residents told us: \(activity.title)", query: "activity=\(activity.id!.uuidString)",
                            user: secretary, on: db)
                    }
                    let agendaItem = try await item([
                        ("bundle_id", bundle.id!.uuidString),
                        ("title", script.reportTitle.replacingOccurrences(of: "You said, we did: ", with: "What residents said: ")),
                        (
                            "notes",
                            "Briefing on \"\(activity.title)\", which closed on \(DayText.long(Day(ordinal: activity.endDay ?? day.ordinal)))."
                        ),
                    ])
                    let decision = try await step("decision") {
                        try await ActionService.decide(
                            agendaItem, meeting: meeting, access: access, form([("text", script.decision)]), user: secretary, on: db)
                    }
                    summary.decisions += 1
                    decided.append((activity, script, report, decision, space))
                    for (title, org) in script.actions {
                        let fate = Fate.allCases[fateTurn % Fate.allCases.count]
                        fateTurn += 1
                        // The demo officer gets the council's overdue ones, so "My actions" shows one highlighted.
                        let who = fate == .overdue && org == council ? olu : owner(org)
                        let plan = outcome(fate, meeting: day, today: today, rng: &rng)
                        let action = try await step("action") {
                            try await ActionService.addAction(
                                decision, access: access,
                                form([
                                    ("title", title), ("owner_id", who.id!.uuidString), ("due_on", plan.due.description),
                                    (
                                        "status",
                                        plan.steps.isEmpty && fate == .proposed ? ActionStatus.proposed.rawValue : ActionStatus.agreed.rawValue
                                    ),
                                ]), user: secretary, today: day, on: db)
                        }
                        summary.actions += 1
                        let ownerUser = user(who)
                        let ownerAccess = try await DecisionSpaceService.access(space, user: ownerUser, db)
                        for stepPlan in plan.steps {
                            // "Not doing" is the space's decision, so its secretary records it; progress comes from the owner.
                            let bySecretary = stepPlan.status == .notDoing
                            events.append(
                                (
                                    stepPlan.day.ordinal, events.count,
                                    .update(
                                        action, bySecretary ? secretary : ownerUser,
                                        bySecretary ? access : ownerAccess, stepPlan.fields(rng: &rng))
                                ))
                        }
                    }
                }
            }
        }

        // Reports: comms start each from the trail, rewrite it in plain language, and publish some weeks after the decision.
        // Each is written by the comms of the activity's lead organisation or of a partner (the rule in
        // docs/feedback.md), else by the partnership admin.
        let commsUser = user(comms)
        let adminUser = people.first { $0.roleValue == .partnershipAdmin }.map(user) ?? commsUser
        func writer(_ activity: Activity) async throws -> CurrentUser {
            let partners = try await ActivityPartner.query(on: db).filter(\.$activity.$id == activity.id!).all().map { $0.$organisation.id }
            for org in [activity.$organisation.id] + partners.sorted(by: { $0.uuidString < $1.uuidString }) {
                if org == comms.$organisation.id { return commsUser }
                if let p = people.first(where: { $0.$organisation.id == org && $0.roleValue == .comms }) { return user(p) }
            }
            return adminUser
        }
        for (activity, script, report, decision, space) in decided {
            if case .none = report { continue }
            let commsUser = try await writer(activity)
            let r = try await step("report") { try await FeedbackService.start(activityID: activity.id, user: commsUser, on: db) }
            summary.reports += 1
            try await step("report text") {
                try await FeedbackService.update(
                    r,
                    form([
                        ("title", script.reportTitle), ("what_we_asked", script.asked),
                        // The draft's "You told us most about …" where the counts lead; its plainer line would only
                        // say again what the script says.
                        ("what_you_said", (r.whatYouSaid.hasPrefix("You told us most") ? r.whatYouSaid + "\n\n" : "") + script.heard),
                        (
                            "what_we_did",
                            "On \(DayText.long(Day(ordinal: decision.decidedDay))), the \(space.name) looked at what you told us and agreed: \(script.decision)\n\n"
                                + "Below you can see what each partner promised to do and where each promise is now. This page changes when they do."
                        ),
                    ]), user: commsUser, on: db)
            }
            if case .publishedWithUrdu = report {
                try await step("translation") {
                    try await FeedbackService.saveTranslation(
                        r, language: "ur",
                        form([
                            ("title", urdu.title), ("what_we_asked", urdu.asked),
                            ("what_you_said", urdu.said), ("what_we_did", urdu.did),
                        ]),
                        user: commsUser, on: db)
                }
            }
            if case .draft = report { continue }
            let day = min(decision.decidedDay + rng.int(14...35), today.ordinal - 2)
            events.append((day, events.count, .publish(r, commsUser)))
        }

        // One theme across activities: what residents said about the cost of living anywhere in the last year,
        // published a few days ago (its page gathers every activity that heard it and the decisions on it).
        if let theme = try await Theme.query(on: db).filter(\.$name == "Cost of living").first() {
            let heardBy = try await FeedbackService.organisations(ofTheme: theme.id!, from: today.adding(days: -365), to: today, db)
            let themeWriter = FeedbackService.canEdit(commsUser, organisations: heardBy) ? commsUser : adminUser
            let r = try await step("theme report") {
                try await FeedbackService.startTheme(
                    form([
                        ("theme_id", theme.id!.uuidString), ("from", today.adding(days: -365).description),
                        ("to", today.description),
                    ]), user: themeWriter, on: db)
            }
            summary.reports += 1
            events.append((today.ordinal - 3, events.count, .publish(r, themeWriter)))
        }

        // Everything dated happens in date order, so an action done after its report is out tells the residents.
        for e in events.sorted(by: { ($0.day, $0.seq) < ($1.day, $1.seq) }) {
            switch e.run {
            case let .update(action, who, access, fields):
                try await step("action update") {
                    try await ActionService.update(action, access: access, form(fields), user: who, today: today, on: db, mail: mail)
                }
            case let .publish(report, writer):
                _ = try await step("publish") {
                    try await FeedbackService.publish(report, confirmed: true, user: writer, today: Day(ordinal: e.day), on: db, mail: mail)
                }
                summary.published += 1
            }
        }
        // One resident has already used the unsubscribe link: their waiting email is cancelled.
        if let first = try await OutboxEmail.query(on: db).filter(\.$kind == FeedbackNotifier.reportKind).sort(\.$toAddress).first() {
            try await OutboxService.unsubscribe(first.toAddress, on: db)
        }
        return summary
    }

    enum Event: Sendable {
        case update(DecisionAction, CurrentUser, DecisionSpaceService.Access, [(String, String)])
        case publish(FeedbackReport, CurrentUser)
    }

    // MARK: - How an action turns out

    struct Step: Sendable {
        let day: Day
        let status: ActionStatus
        let kind: Int  // 0 start, 1 delay, 2 done, 3 not doing, 4 note only
        func fields(rng: inout DemoActivities.Seeded) -> [(String, String)] {
            var out: [(String, String)] = [("status", status.rawValue), ("note_on", day.description)]
            switch kind {
            case 0: out.append(("note", rng.pick(startNotes)))
            case 1: out.append(("note", rng.pick(delayNotes)))
            case 2: out.append(("note", rng.pick(doneNotes)))
            case 3: out.append(("reason", rng.pick(reasons)))
            default: out.append(("note", "Budget confirmed; the work is booked for later in the year."))
            }
            return out
        }
    }

    /// The due day and the dated steps that give an action its fate. A fate the dates cannot give (a meeting too
    /// recent for anything to be late yet) becomes the nearest one they can.
    static func outcome(_ fate: Fate, meeting: Day, today: Day, rng: inout DemoActivities.Seeded) -> (due: Day, steps: [Step]) {
        let yesterday = today.adding(days: -1)
        func clamp(_ d: Day) -> Day { min(d, yesterday) }
        let start = clamp(meeting.adding(days: rng.int(5...15)))
        switch fate {
        case .doneOnTime:
            let due = meeting.adding(days: rng.int(60...150))
            let done = clamp(min(due.adding(days: -rng.int(0...20)), today.adding(days: -rng.int(2...10))))
            guard start < done else { return outcome(.inProgress, meeting: meeting, today: today, rng: &rng) }
            return (due, [Step(day: start, status: .inProgress, kind: 0), Step(day: done, status: .done, kind: 2)])
        case .doneLate:
            let due = meeting.adding(days: rng.int(30...70))
            let done = due.adding(days: rng.int(10...45))
            guard done <= yesterday, start < due else { return outcome(.overdue, meeting: meeting, today: today, rng: &rng) }
            return (
                due,
                [
                    Step(day: start, status: .inProgress, kind: 0), Step(day: due.adding(days: rng.int(1...5)), status: .inProgress, kind: 1),
                    Step(day: done, status: .done, kind: 2),
                ]
            )
        case .overdue:
            let due = meeting.adding(days: rng.int(30...60))
            guard due < today.adding(days: -2), start < due else { return outcome(.inProgress, meeting: meeting, today: today, rng: &rng) }
            return (
                due,
                [Step(day: start, status: .inProgress, kind: 0), Step(day: clamp(due.adding(days: rng.int(1...10))), status: .inProgress, kind: 1)]
            )
        case .inProgress:
            let due = max(meeting.adding(days: 60), today.adding(days: rng.int(20...120)))
            return (due, [Step(day: start, status: .inProgress, kind: 0)])
        case .agreed:
            return (today.adding(days: rng.int(30...180)), [Step(day: start, status: .agreed, kind: 4)])
        case .notDoing:
            return (meeting.adding(days: rng.int(60...120)), [Step(day: clamp(meeting.adding(days: rng.int(20...50))), status: .notDoing, kind: 3)])
        case .proposed:
            // Waiting for the partner's budget to be confirmed before it is agreed.
            return (max(meeting.adding(days: 90), today.adding(days: rng.int(30...90))), [])
        }
    }

    // MARK: - Helpers

    /// Form input as a browser would send it (repeated names become lists).
    static func form(_ pairs: [(String, String)]) -> Input {
        var input = Input(values: [:], lists: [:])
        for (k, v) in pairs { input.values[k] = v; input.lists[k, default: []].append(v) }
        return input
    }

    /// Runs one service call; a validation failure names the step and the fields (a demo that cannot be built says why).
    static func step<T>(_ what: String, _ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let f as ValidationFailure {
            throw Abort(
                .internalServerError, reason: "demo decisions, \(what): " + f.errors.map { "\($0.field): \($0.message)" }.joined(separator: "; "))
        }
    }
}

private extension Array {
    var nilIfEmpty: [Element]? { isEmpty ? nil : self }
}
