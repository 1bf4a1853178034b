import Fluent
import Foundation
import Vapor
import ChorusCore

/// The demo's crowdfunding: the council's Greener Streets match fund (pound for pound up to half a project's target,
/// weighted towards the wards of highest need) and five projects at every stage: two taking pledges (one matched),
/// one waiting for checking, one refused with the reasons, and one funded, paid out and reported. Pledges are cash,
/// cheques and transfers staff recorded or residents promised (the demo has no card provider). Deterministic.
enum DemoCrowdfunding {
    struct Plan {
        let title, summary, story, group, category, ward: String
        let kind: CreatorKind
        let model: FundingModel
        let items: String
        let pledges: Int
    }

    static let plans: [Plan] = [
        Plan(
            title: "Quay Street planters", summary: "Twelve planters and spring bulbs along Quay Street, looked after by the neighbours.",
            story:
                "Quay Street is all tarmac. The residents' association will build and plant twelve planters with the primary school, and water them through the summer.\nEvery household on the street has been asked; forty have said they will help.",
            group: "Quay Street Residents' Association", category: "green_spaces", ward: "E05099001", kind: .group, model: .allOrNothing,
            items: "Twelve timber planters, £960\nCompost and bulbs, £240\nTwo water butts, £120", pledges: 14),
        Plan(
            title: "Mill Lane community fridge", summary: "A fridge where shops and neighbours share food that would be thrown away.",
            story: "The community centre has space and volunteers. The fridge, a year's electricity and food hygiene training are what we need.",
            group: "Mill Lane Community Centre", category: "food", ward: "E05099003", kind: .charity, model: .keepWhatYouRaise,
            items: "Commercial fridge, £1,100\nElectricity for a year, £300\nFood hygiene training for 8 volunteers, £400", pledges: 22),
        Plan(
            title: "Canal Side litter pickers' kit", summary: "Pickers, hoops and hi-vis for monthly canal clean-ups.",
            story: "We have been picking litter along the canal for two years with borrowed kit.", group: "Canal Side Clean-up",
            category: "streets_and_safety",
            ward: "E05099005", kind: .group, model: .allOrNothing, items: "Twenty litter pickers, £240\nHoops and bags, £90\nHi-vis vests, £110",
            pledges: 0),
        Plan(
            title: "Harbour Road play street", summary: "Close Harbour Road to cars one Sunday a month so children can play.",
            story: "Parents on Harbour Road want a monthly play street.", group: "Harbour Road parents", category: "play_and_sport",
            ward: "E05099002",
            kind: .resident, model: .allOrNothing, items: "Road closure signs, £600", pledges: 0),
        Plan(
            title: "Park View mural", summary: "A mural by local young people on the underpass wall.",
            story: "Young people from the youth club designed a mural of the harbour's history. An artist will lead six sessions to paint it.",
            group: "Park View Youth Club", category: "arts_and_culture", ward: "E05099004", kind: .group, model: .allOrNothing,
            items: "Artist for six sessions, £900\nPaint and materials, £350\nAnti-graffiti coating, £250", pledges: 41),
    ]

    static let names = ["Asha", "Ben", "Chloe", "Dev", "Ella", "Femi", "Grace", "Hamza", "Isla", "Jack", "Kiran", "Leah", "Maya", "Noah", ""]

    static func seed(on db: any Database, today: Day) async throws {
        guard let user = try await DemoSeed.councilOfficer(db) else { return }
        let wards = try await PlacesReads.wards(db)
        guard wards.count >= 5 else { return }
        let now = Date()
        let need = wards.enumerated().map {
            "\($0.element.code), \([12.1, 38.4, 45.9, 21.7, 30.2, 16.8, 27.5, 41.3, 19.9, 33.0, 24.6, 35.8][$0.offset % 12])"
        }
        let fund = try await MatchFundService.create(
            Input(
                values: [
                    "name": "Greener Streets Match Fund",
                    "description": "The council matches residents' pledges to projects that make streets greener, cleaner and friendlier.",
                    "funder_identifier": "GB-LAE-HBR", "budget": "10000", "pence_per_pound": "100", "percent_of_target": "50", "need_weighting": "20",
                    "cap_per_project": "2000", "cap_per_creator": "3000", "opens": today.adding(days: -60).description,
                    "closes": today.adding(days: 60).description, "need_index": "ward,score\n" + need.joined(separator: "\n"),
                ], lists: ["categories": ["green_spaces", "food", "streets_and_safety", "arts_and_culture"]]), user: user, on: db)
        var random = SeededRandom(state: 20_261_207)
        for (n, plan) in plans.enumerated() {
            let creator = try await ResidentAccountService.create(email: "project\(n + 1)@harbourside.example", language: "en", now: now, db)
            let resident = CurrentResident(id: creator.id!, reference: creator.reference, email: creator.email, displayName: nil, language: "en")
            let fields = try await CrowdfundProjectService.read(
                Input(values: [
                    "title": plan.title, "summary": plan.summary, "story": plan.story, "creator_kind": plan.kind.rawValue, "group_name": plan.group,
                    "ward": plan.ward, "category": plan.category, "funding_model": plan.model.rawValue, "items": plan.items,
                    "deadline": today.adding(days: 21 + 7 * n).description, "overfunding_days": n == 1 ? "14" : "0",
                    "overfunding_uses": n == 1 ? "A second fridge for the school" : "",
                ]), today: today, db)
            let p = try await CrowdfundProjectService.create(fields, resident: resident, actor: resident.actor, now: now, on: db)
            switch n {
            case 2: continue
            case 3:
                try await CrowdfundProjectService.refuse(
                    p,
                    Input(values: [
                        "reasons":
                            "A road closure needs the highways team's agreement first: ask them for a play street order, then send the project again."
                    ]),
                    user: user, on: db)
                continue
            default:
                try await CrowdfundProjectService.verify(
                    p, Input(values: Dictionary(uniqueKeysWithValues: CrowdfundProjectService.checklist.map { ("check_\($0)", "true") })),
                    choices: PickerChoices([]), user: user, on: db)
            }
            if n != 1 {
                try await MatchFundService.decide(
                    fund, project: p.id, Input(values: ["decision": "approve", "reason": "Meets the fund's rules."]), user: user, on: db)
            }
            for i in 0..<plan.pledges {
                let standing = try await CrowdfundLedgerService.totals(of: p.id!, db).standing
                let room = p.targetPence - standing
                let amount = min(Int64(random.pick([500, 1000, 1000, 2000, 2500, 5000, 10_000])), room)
                guard amount >= CrowdfundPledgeService.minimum else { break }
                let name = names[random.int(0...(names.count - 1))]
                let values = ["amount": MoneyText.decimal(amount), "shown_name": name, "contact": "backer\(n)-\(i)@harbourside.example"]
                if i % 3 == 0 && n != 4 {
                    let backer = try await ResidentAccountService.create(email: "backer\(n)-\(i)@harbourside.example", language: "en", now: now, db)
                    let r = CurrentResident(id: backer.id!, reference: backer.reference, email: backer.email, displayName: nil, language: "en")
                    _ = try await CrowdfundPledgeService.pledge(
                        p, Input(values: values.merging(["method": "offline"]) { _, b in b }), resident: r, card: nil, returnURL: "", cancelURL: "",
                        on: db)
                } else {
                    _ = try await CrowdfundPledgeService.record(
                        p, Input(values: values.merging(["received": "true"]) { _, b in b }), user: user, on: db)
                }
            }
            if n == 4 {
                // Closed last month: the close job (run after the demo is committed) charges and pays it out.
                p.deadlineDay = today.adding(days: -30).ordinal
                try await p.save(on: db)
            }
        }
    }

    /// Closes the demo's past project through the close job, then reports its delivery.
    static func settle(_ app: Application) async throws {
        _ = try await CrowdfundCloseJob.sweep(app, now: Date())
        guard let p = try await CrowdfundProject.query(on: app.db).filter(\.$title == "Park View mural").first(), p.stageValue == .funded else {
            return
        }
        try await CrowdfundProjectService.postUpdate(
            p, Input(values: ["body": "Funded! The first painting session is on Saturday at 10am at the youth club."]), actor: .system,
            by: "Park View Youth Club", mail: MailContext(baseURL: "", secret: ""), on: app.db)
        try await CrowdfundProjectService.report(
            p,
            Input(values: [
                "report":
                    "Eighteen young people painted the mural over six Saturdays. It shows the harbour from the first fishing boats to the ferry, and has its anti-graffiti coat."
            ]), actor: .system, on: app.db)
    }
}
