import Fluent
import Foundation
import Vapor
import ChorusCore

/// Page models for crowdfunding, built from the services.
enum CrowdfundPages {
    struct List: Sendable {
        var page: PageOf<CrowdfundProjectService.Summary>
        /// Each project's first photo.
        var photos: [UUID: CrowdfundPhotos.Meta]
        var wards: [PlacesReads.Ward]
        var ward: String?
        var category: String?
    }

    /// A backer as the project page lists them.
    struct Backer: Sendable, Equatable {
        let name: String
        let amount: Int64
        let isFund: Bool
    }

    struct Project: Sendable {
        var summary: CrowdfundProjectService.Summary
        var photos: [CrowdfundPhotos.Meta]
        var story: String
        var items: [CostedItems.Item]
        var overfundingDays: Int
        var overfundingUses: String
        var verifiedBy: String?
        var updates: [(date: Date, body: String, by: String)]
        var backers: [Backer]
        var funds: [(name: String, rules: [String])]
        var deliveryReport: String?
        var activity: (title: String, link: String)?
        /// The reader's own pledges to this project (signed-in residents).
        var mine: [CrowdfundPledge]
        var signedIn: Bool
        var cardAvailable: Bool
        var isCreator: Bool
        var refusal: String?
        var errors: [FieldError] = []
        var values: [String: String] = [:]
        var done: String?
    }

    static func list(_ query: [String: String], _ db: any Database) async throws -> List {
        let window = PageWindow(page: query["page"].flatMap(Int.init))
        let ward = query["ward"].flatMap { $0.isEmpty ? nil : $0 }
        let category = query["category"].flatMap { $0.isEmpty ? nil : $0 }
        let (rows, total) = try await CrowdfundProjectService.summaries(
            .init(stages: [.live, .collecting, .funded, .delivered], ward: ward, category: category), window: window, db)
        let photos = try await CrowdfundPhotos.meta(rows.map(\.id), db).compactMapValues(\.first)
        return List(
            page: PageOf(items: rows, request: window, total: total), photos: photos, wards: try await PlacesReads.wards(db), ward: ward,
            category: category)
    }

    static func project(
        _ p: CrowdfundProject, resident: CurrentResident?, cardAvailable: Bool, errors: [FieldError] = [], values: [String: String] = [:],
        done: String? = nil, _ db: any Database
    ) async throws -> Project {
        let pledges = try await CrowdfundPledgeService.pledges(ofProject: p.id!, db)
        let ledger = try await CrowdfundLedgerService.ledger(of: pledges.compactMap(\.id), db)
        let counted: Set<PledgeStatus> = [.pledged, .authorised, .charging, .collected, .paidOut]
        let backers = pledges.filter { counted.contains($0.statusValue) }.map { pl in
            Backer(name: pl.shownName, amount: ledger.standing(pl.id!), isFund: pl.methodValue == .fund)
        }.filter { $0.amount > 0 }
        let wards = try await PlacesReads.wards(db)
        let fundIDs = Set(pledges.compactMap(\.fundID))
        let funds = try await MatchFund.query(on: db).filter(\.$id ~~ fundIDs).all().map { ($0.name, MatchFundService.describe($0, wards: wards)) }
        let activity = try await p.activityID.asyncFlatMap { try await RegisterService.facts($0, db) }
        return Project(
            summary: try await CrowdfundProjectService.summary(p, db), photos: try await CrowdfundPhotos.meta(of: p.id!, db), story: p.story,
            items: try await CrowdfundProjectService.items(of: p, db),
            overfundingDays: p.overfundingDays, overfundingUses: p.overfundingUses, verifiedBy: p.verifiedByName,
            updates: try await CrowdfundProjectService.updates(of: p, db).map { ($0.createdAt, $0.body, $0.postedByName) }, backers: backers,
            funds: funds, deliveryReport: p.deliveryReport,
            activity: activity.flatMap { $0.isPublic ? ($0.title, SiteURL.Register.publicActivity($0.id)) : nil },
            mine: resident.map { r in pledges.filter { $0.residentID == r.id && $0.statusValue != .awaitingCard } } ?? [], signedIn: resident != nil,
            cardAvailable: cardAvailable, isCreator: resident != nil && p.creatorResidentID == resident?.id, refusal: p.refusal, errors: errors,
            values: values, done: done)
    }

    struct Start: Sendable {
        var editing: UUID?
        var wards: [PlacesReads.Ward]
        var values: [String: String]
        var errors: [FieldError]
        var refusal: String?
    }

    static func start(_ p: CrowdfundProject?, values: [String: String]? = nil, errors: [FieldError] = [], _ db: any Database) async throws -> Start {
        var v = values ?? ["funding_model": FundingModel.allOrNothing.rawValue, "overfunding_days": "0", "creator_kind": CreatorKind.group.rawValue]
        if let p, values == nil {
            let wards = try await PlacesReads.wards(db)
            v = [
                "creator_kind": p.creatorKind, "group_name": p.groupName, "title": p.title, "summary": p.summary, "story": p.story,
                "ward": p.placeID.flatMap { id in wards.first { $0.id == id }?.code } ?? "", "category": p.category, "funding_model": p.fundingModel,
                "deadline": p.deadline.description, "overfunding_days": String(p.overfundingDays), "overfunding_uses": p.overfundingUses,
                "items": CostedItems.text(try await CrowdfundProjectService.items(of: p, db)),
            ]
        }
        return Start(editing: p?.id, wards: try await PlacesReads.wards(db), values: v, errors: errors, refusal: p?.refusal)
    }

    struct Mine: Sendable {
        var pledges: [(pledge: CrowdfundPledge, project: String, projectID: UUID, open: Bool)]
        var projects: [CrowdfundProjectService.Summary]
        var refusals: [UUID: String]
    }

    static func mine(_ resident: CurrentResident, _ db: any Database) async throws -> Mine {
        let pledges = try await CrowdfundPledgeService.pledges(of: resident.id, db)
        let projects = Dictionary(
            try await CrowdfundProject.query(on: db).filter(\.$id ~~ Set(pledges.map(\.projectID))).all().map { ($0.id!, $0) },
            uniquingKeysWith: { a, _ in a })
        let own = try await CrowdfundProject.query(on: db).filter(\.$creatorResidentID == resident.id).sort(\.$createdAt, .descending).all()
        return Mine(
            pledges: pledges.map {
                ($0, projects[$0.projectID]?.title ?? "", $0.projectID, projects[$0.projectID]?.stageValue.takesPledges ?? false)
            },
            projects: try await CrowdfundProjectService.summaries(own, wards: try await PlacesReads.wards(db), db),
            refusals: Dictionary(own.compactMap { p in p.refusal.map { (p.id!, $0) } }, uniquingKeysWith: { a, _ in a }))
    }

    // MARK: staff

    struct Manage: Sendable {
        var stage: CrowdfundStage?
        var rows: [CrowdfundProjectService.Summary]
        var counts: [CrowdfundStage: Int]
    }

    static func manage(stage: String?, _ db: any Database) async throws -> Manage {
        let chosen = stage.flatMap(CrowdfundStage.init(rawValue:))
        let rows = try await CrowdfundProjectService.summaries(.init(stages: chosen.map { [$0] } ?? CrowdfundStage.allCases), db).rows
        var counts: [CrowdfundStage: Int] = [:]
        for s in try await CrowdfundProject.query(on: db).all(\.$stage) { counts[CrowdfundStage(rawValue: s) ?? .draft, default: 0] += 1 }
        return Manage(stage: chosen, rows: rows, counts: counts)
    }

    struct ManageProject: Sendable {
        var project: CrowdfundProject
        var summary: CrowdfundProjectService.Summary
        var items: [CostedItems.Item]
        var photos: [CrowdfundPhotos.Meta]
        var totals: CrowdfundLedgerService.ProjectTotals
        var pledges: [CrowdfundPledge]
        var activities: PickerChoices
        var activityTitle: String?
        var canManage: Bool
        var errors: [FieldError] = []
        var input: Input? = nil
    }

    static func manageProject(_ p: CrowdfundProject, user: CurrentUser, errors: [FieldError] = [], input: Input? = nil, _ db: any Database)
        async throws -> ManageProject
    {
        let activities = try await RegisterService.activityChoices(user, db)
        return ManageProject(
            project: p, summary: try await CrowdfundProjectService.summary(p, db), items: try await CrowdfundProjectService.items(of: p, db),
            photos: try await CrowdfundPhotos.meta(of: p.id!, db), totals: try await CrowdfundLedgerService.totals(of: p.id!, db),
            pledges: try await CrowdfundPledgeService.pledges(ofProject: p.id!, db),
            activities: activities, activityTitle: p.activityID.flatMap { activities.label(of: $0) }, canManage: user.role.canManageCrowdfunding,
            errors: errors, input: input)
    }

    struct Funds: Sendable {
        var funds: [(fund: MatchFund, committed: Int64)]
        var wards: [PlacesReads.Ward]
        var errors: [FieldError] = []
        var input: Input? = nil
    }

    static func funds(user: CurrentUser, errors: [FieldError] = [], input: Input? = nil, _ db: any Database) async throws -> Funds {
        var out: [(MatchFund, Int64)] = []
        for f in try await MatchFundService.funds(of: user.organisationID, db) {
            let pledges = try await CrowdfundPledge.query(on: db).filter(\.$fundID == f.id!).all(\.$id).compactMap { $0 }
            let t = LedgerTotals(try await CrowdfundLedgerService.ledger(of: pledges, db).entries)
            out.append((f, t.standing))
        }
        return Funds(funds: out, wards: try await PlacesReads.wards(db), errors: errors, input: input)
    }

    struct Fund: Sendable {
        var fund: MatchFund
        var rules: [String]
        var offers: [MatchFundService.Offer]
        var canManage: Bool
        var errors: [FieldError] = []
        var errorProject: UUID? = nil
    }

    static func fund(_ f: MatchFund, user: CurrentUser, errors: [FieldError] = [], errorProject: UUID? = nil, _ db: any Database) async throws -> Fund
    {
        Fund(
            fund: f, rules: MatchFundService.describe(f, wards: try await PlacesReads.wards(db)), offers: try await MatchFundService.offers(f, db),
            canManage: user.role.canManageCrowdfunding, errors: errors, errorProject: errorProject)
    }
}

extension Optional {
    fileprivate func asyncFlatMap<U>(_ f: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let w = self else { return nil }
        return try await f(w)
    }
}
