import Fluent
import Vapor
import Foundation
import ChorusCore

/// Crowdfunded projects from idea to delivery: a resident (signed in) or staff for a group write one and send it for
/// checking; staff verify it against the checklist (their name recorded) or refuse it with reasons; verified, it takes
/// pledges until its deadline; the project posts updates (emailed to backers) and, funded, reports what it delivered.
/// Every read and write of the project, item and update tables is here.
enum CrowdfundProjectService {
    static let entity = "crowdfund_project"

    /// What projects may be for (keys; the catalogue has their names).
    static let categories = ["green_spaces", "play_and_sport", "arts_and_culture", "food", "community_buildings", "streets_and_safety", "other"]

    /// What a verifier confirms before a project goes live (keys; the catalogue has the questions).
    static let checklist = ["group_real", "costs_realistic", "permissions", "safeguarding", "public_benefit"]

    /// A project as pages show it.
    struct Summary: Sendable, Equatable {
        let id: UUID
        let title: String
        let summary: String
        let groupName: String
        let category: String
        let ward: String?
        let wardCode: String?
        let stage: CrowdfundStage
        let model: FundingModel
        let target: Int64
        let standing: Int64
        let match: Int64
        let backers: Int
        let deadline: Day
    }

    // MARK: writing

    struct Fields: Sendable {
        var creatorKind: CreatorKind
        var groupName: String
        var title: String
        var summary: String
        var story: String
        var wardID: UUID?
        var category: String
        var model: FundingModel
        var deadline: Day
        var overfundingDays: Int
        var overfundingUses: String
        var items: [CostedItems.Item]
    }

    /// Reads and checks a project form; every problem names its field.
    static func read(_ input: Input, today: Day, _ db: any Database) async throws -> Fields {
        var v = ChorusCore.Validator()
        let kind = v.choice("creator_kind", input["creator_kind"], label: "Who is behind it", as: CreatorKind.self)
        let group = v.required("group_name", input["group_name"], label: "Your name or your group's name", max: 200)
        let title = v.required("title", input["title"], label: "Title", max: 120)
        let summary = v.required("summary", input["summary"], label: "Summary", max: 300)
        let story = v.required("story", input["story"], label: "The story", max: 8000, multiline: true)
        let code = input["ward"] ?? ""
        let ward = try await PlacesReads.wards(db).first { $0.code == code }
        if ward == nil { v.add("ward", "Choose the ward the project is in") }
        let category = input["category"] ?? ""
        if !categories.contains(category) { v.add("category", "Choose what the project is for") }
        let model = v.choice("funding_model", input["funding_model"], label: "How it is funded", as: FundingModel.self)
        var deadline = today
        if let typed = input["deadline"], let d = Day(iso: typed.trimmingCharacters(in: .whitespaces)) {
            if d < today.adding(days: 7) || d > today.adding(days: 180) {
                v.add("deadline", "Choose a deadline from 7 days to 6 months from today")
            }
            deadline = d
        } else {
            v.add("deadline", "Enter the deadline as a date, like 2027-03-31")
        }
        let overfunding = v.integer("overfunding_days", input["overfunding_days"], label: "Days of overfunding", range: 0...60) ?? 0
        let uses = v.optional("overfunding_uses", input["overfunding_uses"], label: "What extra money would pay for", max: 1000, multiline: true)
        if overfunding > 0 && uses == nil { v.add("overfunding_uses", "Say what money beyond the target would pay for") }
        let (items, problems) = CostedItems.parse(input["items"] ?? "")
        if let first = problems.first { v.add("items", first + (problems.count > 1 ? " (and \(problems.count - 1) more)" : "")) }
        let target = items.reduce(Int64(0)) { $0 + $1.pence }
        if target > 10_000_000 { v.add("items", "The items add up to \(MoneyText.pounds(target)); a project can raise at most £100,000") }
        try v.check()
        return Fields(
            creatorKind: kind ?? .group, groupName: group, title: title, summary: summary, story: story, wardID: ward?.id, category: category,
            model: model ?? .allOrNothing, deadline: deadline, overfundingDays: overfunding, overfundingUses: uses ?? "", items: items)
    }

    /// A new project from a resident or, for a group that sent a paper form, from staff; sent for checking at once.
    static func create(_ f: Fields, resident: CurrentResident?, actor: Actor, now: Date = Date(), on db: any Database) async throws
        -> CrowdfundProject
    {
        let p = CrowdfundProject()
        p.creatorResidentID = resident?.id
        p.stage = CrowdfundStage.submitted.rawValue
        p.checks = "{}"
        p.createdAt = now
        try await db.transaction { tx in
            try await save(p, f, now: now, tx)
            try await AuditService.record(tx, actor: actor, action: .create, entity: entity, id: p.id, label: f.title, after: auditValues(p))
        }
        return p
    }

    /// The creator changes a project checking has not passed yet (or refused); it goes for checking again.
    static func update(_ p: CrowdfundProject, _ f: Fields, actor: Actor, now: Date = Date(), on db: any Database) async throws {
        guard [.submitted, .refused, .draft].contains(p.stageValue) else {
            throw ValidationFailure([FieldError("title", "A verified project can no longer be changed; post an update instead")])
        }
        let before = auditValues(p)
        p.stage = CrowdfundStage.submitted.rawValue
        p.refusal = nil
        try await db.transaction { tx in
            try await CrowdfundItem.query(on: tx).filter(\.$projectID == p.id!).delete()
            try await save(p, f, now: now, tx)
            try await AuditService.record(
                tx, actor: actor, action: .update, entity: entity, id: p.id, label: f.title, before: before, after: auditValues(p))
        }
    }

    private static func save(_ p: CrowdfundProject, _ f: Fields, now: Date, _ db: any Database) async throws {
        p.creatorKind = f.creatorKind.rawValue
        p.groupName = f.groupName
        p.title = f.title
        p.summary = f.summary
        p.story = f.story
        p.placeID = f.wardID
        p.category = f.category
        p.fundingModel = f.model.rawValue
        p.deadlineDay = f.deadline.ordinal
        p.overfundingDays = f.overfundingDays
        p.overfundingUses = f.overfundingUses
        p.targetPence = f.items.reduce(0) { $0 + $1.pence }
        p.updatedAt = now
        try await p.save(on: db)
        for (i, item) in f.items.enumerated() {
            let row = CrowdfundItem()
            row.projectID = p.id!
            row.position = i
            row.itemDescription = item.description
            row.costPence = item.pence
            try await row.create(on: db)
        }
    }

    static func auditValues(_ p: CrowdfundProject) -> [String: String] {
        [
            "stage": p.stage, "target": MoneyText.pounds(p.targetPence), "funding_model": p.fundingModel, "deadline": p.deadline.description,
            "group": p.groupName,
        ]
    }

    /// A verifier passes a submitted project: every checklist item ticked; it goes live with their name on it.
    /// `activity` (typed, resolved against `choices`) links it to a register activity; optional.
    static func verify(_ p: CrowdfundProject, _ input: Input, choices: PickerChoices, user: CurrentUser, now: Date = Date(), on db: any Database)
        async throws
    {
        var v = ChorusCore.Validator()
        guard p.stageValue == .submitted else {
            throw ValidationFailure([FieldError("check_group_real", "Only a project waiting for checking can be verified")])
        }
        var checks: [String: Bool] = [:]
        for key in checklist {
            checks[key] = Input.isTrue(input["check_\(key)"])
            if checks[key] != true { v.add("check_\(key)", "Confirm this, or refuse the project with the reason") }
        }
        if Day(now) > p.deadline.adding(days: -3) { v.add("check_group_real", "The deadline is too close: ask the creator to move it") }
        var activity: UUID? = nil
        switch choices.id(input["activity"], field: "activity", fieldLabel: "Register activity", what: "activity") {
        case .success(let id): activity = id
        case .failure(let error): v.add(error.field, error.message)
        }
        try v.check()
        let before = auditValues(p)
        p.checks = StoredJSON.encode(checks)
        p.stage = CrowdfundStage.live.rawValue
        p.verifiedByName = user.actor.name
        p.verifiedAt = now
        p.activityID = activity
        p.updatedAt = now
        try await db.transaction { tx in
            try await p.save(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: entity, id: p.id, label: "\(p.title): verified", before: before, after: auditValues(p)
            )
        }
    }

    /// A verifier refuses a project with the reasons the creator reads.
    static func refuse(_ p: CrowdfundProject, _ input: Input, user: CurrentUser, now: Date = Date(), on db: any Database) async throws {
        var v = ChorusCore.Validator()
        let reasons = v.required("reasons", input["reasons"], label: "The reasons", max: 4000, multiline: true)
        if p.stageValue != .submitted { v.add("reasons", "Only a project waiting for checking can be refused") }
        try v.check()
        let before = auditValues(p)
        p.stage = CrowdfundStage.refused.rawValue
        p.refusal = reasons
        p.verifiedByName = user.actor.name
        p.updatedAt = now
        try await db.transaction { tx in
            try await p.save(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: entity, id: p.id, label: "\(p.title): refused", before: before, after: auditValues(p))
        }
    }

    /// News from the project: saved, and emailed to everyone who pledged online and has not withdrawn.
    static func postUpdate(
        _ p: CrowdfundProject, _ input: Input, actor: Actor, by name: String, mail: MailContext, now: Date = Date(), on db: any Database
    )
        async throws
    {
        var v = ChorusCore.Validator()
        let body = v.required("body", input["body"], label: "The update", max: 4000, multiline: true)
        if !p.stageValue.isPublic { v.add("body", "Updates can be posted once the project is verified") }
        try v.check()
        let u = CrowdfundUpdate()
        u.projectID = p.id!
        u.body = body
        u.postedByName = name
        u.createdAt = now
        try await db.transaction { tx in
            try await u.create(on: tx)
            let residents = Set(
                try await CrowdfundPledge.query(on: tx).filter(\.$projectID == p.id!).filter(\.$residentID != nil)
                    .filter(\.$status !~ [PledgeStatus.cancelled.rawValue, PledgeStatus.awaitingCard.rawValue]).all().compactMap(\.residentID))
            for email in try await ResidentAccountService.emails(of: Array(residents), tx) {
                try await OutboxService.queue(
                    to: email, subject: "Update from \(p.title)", body: body + "\n\n" + mail.baseURL + SiteURL.Crowdfunding.project(p.id!),
                    kind: "crowdfund_update", reference: u.id!, mail: mail, why: "You are getting this because you pledged to \(p.title).", on: tx)
            }
            try await AuditService.record(tx, actor: actor, action: .create, entity: entity, id: p.id, label: "\(p.title): update posted")
        }
    }

    /// A funded project says what it delivered; the project is then delivered.
    static func report(_ p: CrowdfundProject, _ input: Input, actor: Actor, now: Date = Date(), on db: any Database) async throws {
        var v = ChorusCore.Validator()
        let text = v.required("report", input["report"], label: "What the project delivered", max: 8000, multiline: true)
        if ![.funded, .delivered].contains(p.stageValue) { v.add("report", "A delivery report follows once the project is funded") }
        try v.check()
        p.deliveryReport = text
        p.stage = CrowdfundStage.delivered.rawValue
        p.updatedAt = now
        try await db.transaction { tx in
            try await p.save(on: tx)
            try await AuditService.record(tx, actor: actor, action: .update, entity: entity, id: p.id, label: "\(p.title): delivery reported")
        }
    }

    // MARK: reading

    /// A project the public may see, or 404.
    static func findPublic(_ id: UUID?, _ db: any Database) async throws -> CrowdfundProject {
        guard let id, let p = try await CrowdfundProject.find(id, on: db), p.stageValue.isPublic else { throw Abort(.notFound) }
        return p
    }

    /// Any project (staff), or 404.
    static func find(_ id: UUID?, _ db: any Database) async throws -> CrowdfundProject {
        guard let id, let p = try await CrowdfundProject.find(id, on: db) else { throw Abort(.notFound) }
        return p
    }

    /// A project the resident wrote, or 404.
    static func findOwn(_ id: UUID?, resident: CurrentResident, _ db: any Database) async throws -> CrowdfundProject {
        guard let id, let p = try await CrowdfundProject.find(id, on: db), p.creatorResidentID == resident.id else { throw Abort(.notFound) }
        return p
    }

    static func items(of p: CrowdfundProject, _ db: any Database) async throws -> [CostedItems.Item] {
        try await CrowdfundItem.query(on: db).filter(\.$projectID == p.id!).sort(\.$position).all().map {
            CostedItems.Item(description: $0.itemDescription, pence: $0.costPence)
        }
    }

    static func updates(of p: CrowdfundProject, _ db: any Database) async throws -> [CrowdfundUpdate] {
        try await CrowdfundUpdate.query(on: db).filter(\.$projectID == p.id!).sort(\.$createdAt, .descending).all()
    }

    /// Which projects a list shows.
    struct Filter: Sendable, Equatable {
        var stages: [CrowdfundStage]
        var ward: String? = nil
        var category: String? = nil
        var creator: UUID? = nil
    }

    static func summaries(_ filter: Filter, window: PageWindow? = nil, _ db: any Database) async throws -> (rows: [Summary], total: Int) {
        let wards = try await PlacesReads.wards(db)
        var q = CrowdfundProject.query(on: db).filter(\.$stage ~~ filter.stages.map(\.rawValue))
        if let code = filter.ward, let w = wards.first(where: { $0.code == code }) { q = q.filter(\.$placeID == w.id) }
        if let c = filter.category, categories.contains(c) { q = q.filter(\.$category == c) }
        if let creator = filter.creator { q = q.filter(\.$creatorResidentID == creator) }
        let total = try await q.count()
        q = q.sort(\.$deadlineDay).sort(\.$createdAt, .descending)
        if let window { q = q.range(window.offset..<(window.offset + window.size)) }
        return (try await summaries(try await q.all(), wards: wards, db), total)
    }

    static func summaries(_ rows: [CrowdfundProject], wards: [PlacesReads.Ward], _ db: any Database) async throws -> [Summary] {
        let byID = Dictionary(wards.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let totals = try await CrowdfundLedgerService.totals(of: rows.compactMap(\.id), db)
        let ids = rows.compactMap(\.id)
        var backers: [UUID: Int] = [:]
        if !ids.isEmpty {
            for pledge in try await CrowdfundPledge.query(on: db).filter(\.$projectID ~~ ids).filter(\.$method != PledgeMethod.fund.rawValue)
                .filter(\.$status !~ [PledgeStatus.cancelled.rawValue, PledgeStatus.awaitingCard.rawValue, PledgeStatus.failed.rawValue]).all(
                    \.$projectID)
            {
                backers[pledge, default: 0] += 1
            }
        }
        return rows.map { p in
            let t = totals[p.id!]
            let ward = p.placeID.flatMap { byID[$0] }
            return Summary(
                id: p.id!, title: p.title, summary: p.summary, groupName: p.groupName, category: p.category, ward: ward?.name, wardCode: ward?.code,
                stage: p.stageValue, model: p.model, target: p.targetPence, standing: t?.standing ?? 0, match: t?.match.standing ?? 0,
                backers: backers[p.id!] ?? 0, deadline: p.deadline)
        }
    }

    static func summary(_ p: CrowdfundProject, _ db: any Database) async throws -> Summary {
        try await summaries([p], wards: try await PlacesReads.wards(db), db)[0]
    }
}
