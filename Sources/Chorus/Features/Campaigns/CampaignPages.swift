import Fluent
import Foundation
import Vapor
import ChorusCore

/// Page models for campaigns, built from the services; the views are pure functions of these.
enum CampaignPages {
    /// A campaign as lists show it.
    struct Summary: Sendable {
        let id: UUID
        let title: String
        let summary: String
        let theme: CampaignTheme
        let status: CampaignStatus
        let organisation: String
        let total: CampaignTally.Counts
        let actions: Int
    }

    /// An action with its counts.
    struct ActionRow: Sendable {
        let id: UUID
        let level: ActionLevel
        let title: String
        let howTo: String
        let counts: CampaignTally.Counts
    }

    static func summaries(_ campaigns: [Campaign], _ db: any Database) async throws -> [Summary] {
        let wards = try await PlacesReads.wards(db)
        let orgs = try await OrganisationsReads.names(campaigns.map(\.organisationID), db)
        var out: [Summary] = []
        for c in campaigns {
            let actions = try await CampaignService.actions(of: c, db)
            let tally = try await CampaignPledgeService.tally(c, actions: actions, wards: wards, db)
            out.append(
                Summary(
                    id: c.id!, title: c.title, summary: c.summary, theme: c.themeValue, status: c.statusValue,
                    organisation: orgs[c.organisationID] ?? "",
                    total: tally.total, actions: actions.count))
        }
        return out
    }

    // MARK: residents

    struct List: Sendable {
        var live: [Summary]
        var closed: [Summary]
    }

    static func list(_ db: any Database) async throws -> List {
        List(
            live: try await summaries(try await CampaignService.campaigns([.live], db), db),
            closed: try await summaries(try await CampaignService.campaigns([.closed], db), db))
    }

    struct Show: Sendable {
        var summary: Summary
        var introduction: String
        var actions: [ActionRow]
        var tally: CampaignTally
        var wardRows: [CampaignTally.WardRow]
        var map: GeoMapShape?
        var projects: [(title: String, link: String)]
        var activities: [(title: String, link: String)]
        var updates: [(date: Date, body: String, by: String)]
    }

    static func show(_ c: Campaign, _ db: any Database) async throws -> Show {
        let wards = try await PlacesReads.wards(db)
        let actions = try await CampaignService.actions(of: c, db)
        let tally = try await CampaignPledgeService.tally(c, actions: actions, wards: wards, db)
        var projects: [(String, String)] = []
        for id in c.crowdfundProjectIDs {
            // A project that is no longer public (or was deleted) is left out.
            guard let p = try? await CrowdfundProjectService.findPublic(id, db) else { continue }
            projects.append((p.title, SiteURL.Crowdfunding.project(p.id!)))
        }
        let facts = try await RegisterService.facts(c.linkedActivityIDs, publicOnly: true, db)
        let activities = c.linkedActivityIDs.compactMap { id in facts.first { $0.id == id } }.map {
            ($0.title, SiteURL.Register.publicActivity($0.id))
        }
        return Show(
            summary: try await summaries([c], db)[0], introduction: c.introduction, actions: rows(actions, tally), tally: tally,
            wardRows: tally.wardRows(wards.map { ($0.code, $0.name) }), map: try await PlacesReads.wardMap(db, width: 440, maxHeight: 440),
            projects: projects, activities: activities,
            updates: try await CampaignService.updates(of: c, db).map { ($0.createdAt, $0.body, $0.postedByName) })
    }

    static func rows(_ actions: [CampaignAction], _ tally: CampaignTally) -> [ActionRow] {
        actions.map { ActionRow(id: $0.id!, level: $0.levelValue, title: $0.title, howTo: $0.howTo, counts: tally.action($0.id!)) }
    }

    struct Action: Sendable {
        var campaign: Summary
        var action: ActionRow
        var levelCounts: CampaignTally.Counts
        var wards: [PlacesReads.Ward]
        var signedIn: Bool
        /// The signed-in resident's pledge to this action, if any.
        var mine: (id: UUID, done: Bool)?
        var bot: BotFields
        var errors: [FieldError] = []
        var values: [String: String] = [:]
        var done: String?
    }

    static func action(
        _ c: Campaign, _ a: CampaignAction, resident: CurrentResident?, bot: BotFields, errors: [FieldError] = [], values: [String: String]? = nil,
        done: String? = nil, _ db: any Database
    ) async throws -> Action {
        let wards = try await PlacesReads.wards(db)
        let actions = try await CampaignService.actions(of: c, db)
        let tally = try await CampaignPledgeService.tally(c, actions: actions, wards: wards, db)
        var v = values ?? [:]
        var mine: (UUID, Bool)? = nil
        if let resident {
            if values == nil, let ward = try await ResidentAccountService.wardID(resident.id, db) {
                v["ward"] = wards.first { $0.id == ward }?.code
            }
            if let p = try await CampaignPledgeService.mine(resident.id, campaign: c.id!, db).first(where: { $0.actionID == a.id }) {
                mine = (p.id!, p.doneAt != nil)
            }
        }
        return Action(
            campaign: try await summaries([c], db)[0], action: rows([a], tally)[0], levelCounts: tally.level(a.levelValue), wards: wards,
            signedIn: resident != nil, mine: mine, bot: bot, errors: errors, values: v, done: done)
    }

    struct Toolkit: Sendable {
        var campaignID: UUID
        var campaign: String
        var organisation: String
        var actionID: UUID
        var level: ActionLevel
        var title: String
        var howTo: String
        var poster: String
        var letter: String
    }

    static func toolkit(_ c: Campaign, _ a: CampaignAction, _ db: any Database) async throws -> Toolkit {
        Toolkit(
            campaignID: c.id!, campaign: c.title, organisation: try await OrganisationsReads.names([c.organisationID], db)[c.organisationID] ?? "",
            actionID: a.id!,
            level: a.levelValue, title: a.title, howTo: a.howTo, poster: a.posterText, letter: a.letterText)
    }

    // MARK: staff

    struct Manage: Sendable {
        var rows: [Summary]
        var canCreate: Bool
    }

    static func manage(user: CurrentUser, _ db: any Database) async throws -> Manage {
        Manage(
            rows: try await summaries(try await CampaignService.campaigns(CampaignStatus.allCases, db), db), canCreate: user.role.canManageCampaigns)
    }

    struct Form: Sendable {
        var editing: UUID?
        var activities: PickerChoices
        var values: [String: String]
        var errors: [FieldError]
    }

    static func form(_ c: Campaign?, user: CurrentUser, values: [String: String]? = nil, errors: [FieldError] = [], _ db: any Database) async throws
        -> Form
    {
        let choices = try await RegisterService.activityChoices(user, db)
        var v = values ?? ["theme": CampaignTheme.litter.rawValue]
        if let c, values == nil {
            v = [
                "title": c.title, "theme": c.theme, "summary": c.summary, "introduction": c.introduction,
                "activity": c.activityID.flatMap { choices.label(of: $0) } ?? "",
            ]
        }
        return Form(editing: c?.id, activities: choices, values: v, errors: errors)
    }

    struct ManageCampaign: Sendable {
        var campaign: Summary
        var introduction: String
        var actions: [ActionRow]
        var tally: CampaignTally
        var wards: [PlacesReads.Ward]
        /// The register activity comments go to; nil: comments stay on the pledge only.
        var activityTitle: String?
        var projects: [(id: UUID, title: String)]
        var linkedProjects: [UUID]
        var activities: PickerChoices
        var linkedActivities: [UUID]
        var updates: [(date: Date, body: String, by: String)]
        var wantUpdates: Int
        var canEdit: Bool
        var errors: [FieldError] = []
        var input: Input? = nil
    }

    static func manageCampaign(_ c: Campaign, user: CurrentUser, errors: [FieldError] = [], input: Input? = nil, _ db: any Database) async throws
        -> ManageCampaign
    {
        let wards = try await PlacesReads.wards(db)
        let actions = try await CampaignService.actions(of: c, db)
        let tally = try await CampaignPledgeService.tally(c, actions: actions, wards: wards, db)
        let choices = try await RegisterService.activityChoices(user, db)
        let projects = try await CrowdfundProjectService.summaries(.init(stages: [.live, .collecting, .funded, .delivered]), db).rows
        let activity = try await c.activityID.flatMapAsync { try await RegisterService.facts($0, db) }
        return ManageCampaign(
            campaign: try await summaries([c], db)[0], introduction: c.introduction, actions: rows(actions, tally), tally: tally, wards: wards,
            activityTitle: activity?.title, projects: projects.map { ($0.id, $0.title) }, linkedProjects: c.crowdfundProjectIDs,
            activities: choices, linkedActivities: c.linkedActivityIDs,
            updates: try await CampaignService.updates(of: c, db).map { ($0.createdAt, $0.body, $0.postedByName) },
            wantUpdates: try await CampaignPledge.query(on: db).filter(\.$campaignID == c.id!).filter(\.$wantsUpdates == true).count(),
            canEdit: CampaignService.canEdit(user, c), errors: errors, input: input)
    }

    struct ActionForm: Sendable {
        var campaignID: UUID
        var campaign: String
        var editing: UUID?
        var values: [String: String]
        var errors: [FieldError]
    }

    static func actionForm(_ c: Campaign, _ a: CampaignAction?, values: [String: String]? = nil, errors: [FieldError] = []) -> ActionForm {
        var v = values ?? [:]
        if let a, values == nil {
            v = ["level": a.level, "action_title": a.title, "how_to": a.howTo, "poster": a.posterText, "letter": a.letterText]
        }
        return ActionForm(campaignID: c.id!, campaign: c.title, editing: a?.id, values: v, errors: errors)
    }
}

extension Optional {
    fileprivate func flatMapAsync<U>(_ f: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let w = self else { return nil }
        return try await f(w)
    }
}
