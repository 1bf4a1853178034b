import Fluent
import Vapor
import Foundation
import ChorusCore

/// Campaigns from draft to closed: a partner's staff write one (title, theme, introduction, the register activity that
/// receives residents' comments), add actions at each level with how-to guidance and a toolkit, link crowdfunding
/// projects and register activities, publish and close it, and post updates emailed to pledgers who asked. Every read
/// and write of the campaign, action and update tables is here; only the organisation's staff (and partnership admins)
/// change a campaign.
enum CampaignService {
    static let entity = "campaign"

    /// Whether `user` may change `c`: staff who run campaigns, of its organisation (partnership admins: any).
    static func canEdit(_ user: CurrentUser, _ c: Campaign) -> Bool {
        user.role.canManageCampaigns && (user.role.canAdministerPartnership || user.organisationID == c.organisationID)
    }

    static func requireEditor(_ user: CurrentUser, _ c: Campaign) throws {
        guard canEdit(user, c) else { throw Abort(.forbidden, reason: "Only staff of the organisation running this campaign can change it") }
    }

    // MARK: campaigns

    struct Fields: Sendable {
        var title: String
        var theme: CampaignTheme
        var summary: String
        var introduction: String
        var activity: UUID?
    }

    /// Reads and checks the campaign form; every problem names its field. `activity` (typed, resolved against
    /// `choices`) is the register activity that receives comments as insights: optional, and only one of the
    /// campaign's organisation (`organisation`), since its insights are that organisation's.
    static func read(_ input: Input, choices: PickerChoices, organisation: UUID, _ db: any Database) async throws -> Fields {
        var v = ChorusCore.Validator()
        let title = v.required("title", input["title"], label: "Title", max: 120)
        let theme = v.choice("theme", input["theme"], label: "Theme", as: CampaignTheme.self)
        let summary = v.required("summary", input["summary"], label: "Summary", max: 300)
        let intro = v.required("introduction", input["introduction"], label: "Introduction", max: 8000, multiline: true)
        var activity: UUID? = nil
        switch choices.id(input["activity"], field: "activity", fieldLabel: "Register activity for comments", what: "activity") {
        case .success(let id):
            if let id {
                if try await RegisterService.facts(id, db)?.organisationID == organisation {
                    activity = id
                } else {
                    v.add("activity", "Choose an activity of the campaign's own organisation: comments become its insights")
                }
            }
        case .failure(let error): v.add(error.field, error.message)
        }
        try v.check()
        return Fields(title: title, theme: theme ?? .other, summary: summary, introduction: intro, activity: activity)
    }

    static func create(_ f: Fields, user: CurrentUser, now: Date = Date(), on db: any Database) async throws -> Campaign {
        guard user.role.canManageCampaigns else { throw Abort(.forbidden) }
        let c = Campaign()
        c.organisationID = user.organisationID
        c.status = CampaignStatus.draft.rawValue
        c.crowdfundProjectIDsJSON = "[]"
        c.activityIDsJSON = "[]"
        c.createdAt = now
        apply(f, to: c, now: now)
        try await db.transaction { tx in
            try await c.create(on: tx)
            try await AuditService.record(tx, actor: user.actor, action: .create, entity: entity, id: c.id, label: c.title, after: auditValues(c))
        }
        return c
    }

    static func update(_ c: Campaign, _ f: Fields, user: CurrentUser, now: Date = Date(), on db: any Database) async throws {
        try requireEditor(user, c)
        let before = auditValues(c)
        apply(f, to: c, now: now)
        try await db.transaction { tx in
            try await c.save(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: entity, id: c.id, label: c.title, before: before, after: auditValues(c))
        }
    }

    private static func apply(_ f: Fields, to c: Campaign, now: Date) {
        c.title = f.title
        c.theme = f.theme.rawValue
        c.summary = f.summary
        c.introduction = f.introduction
        c.activityID = f.activity
        c.updatedAt = now
    }

    static func auditValues(_ c: Campaign) -> [String: String] {
        [
            "title": c.title, "theme": c.theme, "status": c.status, "activity": c.activityID?.uuidString ?? "",
            "crowdfund_projects": c.crowdfundProjectIDsJSON, "activities": c.activityIDsJSON,
        ]
    }

    /// Publishes, closes or reopens: only the moves `CampaignStatus.canMove` allows, and a campaign goes live only with
    /// at least one action.
    static func move(_ c: Campaign, to raw: String?, user: CurrentUser, now: Date = Date(), on db: any Database) async throws {
        try requireEditor(user, c)
        var v = ChorusCore.Validator()
        guard let next = raw.flatMap(CampaignStatus.init(rawValue:)), c.statusValue.canMove(to: next) else {
            throw ValidationFailure([FieldError("status", "This campaign cannot move to that status")])
        }
        if next == .live, try await CampaignAction.query(on: db).filter(\.$campaignID == c.id!).count() == 0 {
            v.add("status", "Add at least one action before publishing the campaign")
        }
        try v.check()
        let before = auditValues(c)
        c.status = next.rawValue
        c.updatedAt = now
        try await db.transaction { tx in
            try await c.save(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: entity, id: c.id, label: "\(c.title): \(next.rawValue)", before: before,
                after: auditValues(c))
        }
    }

    /// Links crowdfunding projects (ticked, each one of `projects`) and register activities (typed in pickers, each
    /// one of `activities`).
    static func link(
        _ c: Campaign, _ input: Input, projects: [UUID], activities: PickerChoices, user: CurrentUser, now: Date = Date(), on db: any Database
    ) async throws {
        try requireEditor(user, c)
        var v = ChorusCore.Validator()
        var chosen: [UUID] = []
        for raw in input.list("project") where !raw.isEmpty {
            guard let id = UUID(uuidString: raw), projects.contains(id) else {
                v.add("project", "Choose crowdfunding projects from the list")
                break
            }
            if !chosen.contains(id) { chosen.append(id) }
        }
        var linked: [UUID] = []
        let typed = input.list("linked_activity")
        switch activities.ids(typed, field: "linked_activity", fieldLabel: "Register activity", what: "activity") {
        case .success(let ids): linked = ids
        case .failure(let e): v.add(e.field, e.message)
        }
        try v.check()
        let before = auditValues(c)
        c.crowdfundProjectIDsJSON = StoredJSON.encode(chosen)
        c.activityIDsJSON = StoredJSON.encode(linked)
        c.updatedAt = now
        try await db.transaction { tx in
            try await c.save(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: entity, id: c.id, label: "\(c.title): links", before: before, after: auditValues(c))
        }
    }

    /// News from the organiser: saved, and emailed to every signed-in pledger who asked for updates (once each).
    static func postUpdate(_ c: Campaign, _ input: Input, user: CurrentUser, mail: MailContext, now: Date = Date(), on db: any Database) async throws
    {
        try requireEditor(user, c)
        var v = ChorusCore.Validator()
        let body = v.required("body", input["body"], label: "The update", max: 4000, multiline: true)
        if !c.statusValue.isPublic { v.add("body", "Updates can be posted once the campaign is published") }
        try v.check()
        let u = CampaignUpdate()
        u.campaignID = c.id!
        u.body = body
        u.postedByName = user.organisationName
        u.createdAt = now
        try await db.transaction { tx in
            try await u.create(on: tx)
            let residents = Set(
                try await CampaignPledge.query(on: tx).filter(\.$campaignID == c.id!).filter(\.$wantsUpdates == true).filter(\.$residentID != nil)
                    .all().compactMap(\.residentID))
            for email in try await ResidentAccountService.emails(of: Array(residents), tx) {
                try await OutboxService.queue(
                    to: email, subject: "Update from \(c.title)", body: body + "\n\n" + mail.baseURL + SiteURL.Campaigns.campaign(c.id!),
                    kind: "campaign_update", reference: u.id!, mail: mail,
                    why: "You are getting this because you pledged to an action of \(c.title) and asked for updates.", on: tx)
            }
            try await AuditService.record(tx, actor: user.actor, action: .create, entity: entity, id: c.id, label: "\(c.title): update posted")
        }
    }

    // MARK: actions

    struct ActionFields: Sendable {
        var level: ActionLevel
        var title: String
        var howTo: String
        var poster: String
        var letter: String
    }

    static func readAction(_ input: Input) throws -> ActionFields {
        var v = ChorusCore.Validator()
        let level = v.choice("level", input["level"], label: "Where it is done", as: ActionLevel.self)
        let title = v.required("action_title", input["action_title"], label: "What to do", max: 160)
        let howTo = v.required("how_to", input["how_to"], label: "How to do it", max: 8000, multiline: true)
        let poster = v.required("poster", input["poster"], label: "Poster text", max: 1000, multiline: true)
        let letter = v.required("letter", input["letter"], label: "Letter text", max: 6000, multiline: true)
        try v.check()
        return ActionFields(level: level ?? .home, title: title, howTo: howTo, poster: poster, letter: letter)
    }

    static func addAction(_ c: Campaign, _ f: ActionFields, user: CurrentUser, on db: any Database) async throws -> CampaignAction {
        try requireEditor(user, c)
        let a = CampaignAction()
        a.campaignID = c.id!
        a.position = (try await CampaignAction.query(on: db).filter(\.$campaignID == c.id!).max(\.$position) ?? -1) + 1
        apply(f, to: a)
        try await db.transaction { tx in
            try await a.create(on: tx)
            try await AuditService.record(tx, actor: user.actor, action: .create, entity: entity, id: c.id, label: "\(c.title): action \(a.title)")
        }
        return a
    }

    static func updateAction(_ c: Campaign, _ a: CampaignAction, _ f: ActionFields, user: CurrentUser, on db: any Database) async throws {
        try requireEditor(user, c)
        let before = ["level": a.level, "title": a.title]
        apply(f, to: a)
        try await db.transaction { tx in
            try await a.save(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: entity, id: c.id, label: "\(c.title): action \(a.title)", before: before,
                after: ["level": a.level, "title": a.title])
        }
    }

    private static func apply(_ f: ActionFields, to a: CampaignAction) {
        a.level = f.level.rawValue
        a.title = f.title
        a.howTo = f.howTo
        a.posterText = f.poster
        a.letterText = f.letter
    }

    // MARK: reading

    static func find(_ id: UUID?, _ db: any Database) async throws -> Campaign {
        guard let id, let c = try await Campaign.find(id, on: db) else { throw Abort(.notFound) }
        return c
    }

    /// A campaign residents may see (live or closed), or 404.
    static func findPublic(_ id: UUID?, _ db: any Database) async throws -> Campaign {
        let c = try await find(id, db)
        guard c.statusValue.isPublic else { throw Abort(.notFound) }
        return c
    }

    static func action(_ id: UUID?, of c: Campaign, _ db: any Database) async throws -> CampaignAction {
        guard let id, let a = try await CampaignAction.find(id, on: db), a.campaignID == c.id else { throw Abort(.notFound) }
        return a
    }

    /// The actions of a campaign, level by level (home, street, community), each level in its own order.
    static func actions(of c: Campaign, _ db: any Database) async throws -> [CampaignAction] {
        let all = try await CampaignAction.query(on: db).filter(\.$campaignID == c.id!).sort(\.$position).all()
        return ActionLevel.allCases.flatMap { level in all.filter { $0.levelValue == level } }
    }

    static func updates(of c: Campaign, _ db: any Database) async throws -> [CampaignUpdate] {
        try await CampaignUpdate.query(on: db).filter(\.$campaignID == c.id!).sort(\.$createdAt, .descending).all()
    }

    /// Campaigns with these statuses, newest first (every organisation's: partners see each other's campaigns).
    static func campaigns(_ statuses: [CampaignStatus], _ db: any Database) async throws -> [Campaign] {
        try await Campaign.query(on: db).filter(\.$status ~~ statuses.map(\.rawValue)).sort(\.$createdAt, .descending).all()
    }
}
