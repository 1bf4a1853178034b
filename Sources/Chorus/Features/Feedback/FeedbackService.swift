import Vapor
import Fluent
import ChorusCore

/// Writing and publishing "You said, we did": comms start a report for an activity, or for a theme across
/// activities in a date range, from a draft assembled from the trail, edit it in plain language, add translations
/// and publish it (which emails residents) — for the activities their organisation leads or partners in. A
/// partnership admin may do all of that for any report.
enum FeedbackService {
    static let entity = "feedback_report"
    static let maxText = 8_000

    /// Whether this person's role writes reports at all (comms and partnership admins); which ones: `canEdit(_:_:)`.
    static func canWrite(_ user: CurrentUser) -> Bool { user.role == .comms || user.role.canAdministerPartnership }

    static func requireEditor(_ user: CurrentUser) throws {
        guard canWrite(user) else { throw Abort(.forbidden, reason: "Only the communications team writes \"You said, we did\" reports") }
    }

    /// The organisations a report speaks for: its activity's lead and partner organisations, or for a theme report
    /// those of every activity that heard the theme (or one under it) in its days. Their comms may change and
    /// publish it; a partnership admin any report.
    static func canEdit(_ user: CurrentUser, organisations: Set<UUID>) -> Bool {
        user.role.canAdministerPartnership || (user.role == .comms && organisations.contains(user.organisationID))
    }

    /// Publishing is editing's twin (same people), since it is what puts the text in front of residents and emails them.
    static func canPublish(_ user: CurrentUser, organisations: Set<UUID>) -> Bool { canEdit(user, organisations: organisations) }

    static let notYours =
        "Only the communications team of an organisation that leads or partners in this activity, or a partnership admin, changes or publishes its \"You said, we did\" report"

    /// 403 unless this person may change this report.
    static func requireEditor(_ user: CurrentUser, _ report: FeedbackReport, _ db: any Database) async throws {
        try requireEditor(user)
        if user.role.canAdministerPartnership { return }
        guard canEdit(user, organisations: try await organisations(of: report, db)) else { throw Abort(.forbidden, reason: notYours) }
    }

    static func organisations(of report: FeedbackReport, _ db: any Database) async throws -> Set<UUID> {
        switch report.scope {
        case .activity(let id): return try await organisations(ofActivities: [id], db)
        case .theme(let id, let from, let to): return try await organisations(ofTheme: id, from: from, to: to, db)
        case nil: return []
        }
    }

    /// Lead and partner organisations of these activities.
    static func organisations(ofActivities ids: [UUID], _ db: any Database) async throws -> Set<UUID> {
        try await RegisterService.organisations(ofActivities: ids, db)
    }

    /// Lead and partner organisations of the activities that heard a theme (or one under it) between two days.
    static func organisations(ofTheme themeID: UUID, from: Day, to: Day, _ db: any Database) async throws -> Set<UUID> {
        let themes = try await TaxonomyReads.themeAndBelow(themeID, db)
        let activities = try await InsightService.activities(heardThemes: themes, from: from, to: to, db)
        return try await organisations(ofActivities: activities, db)
    }

    /// The activities whose reports this person may start or change (nil: all of them, for a partnership admin).
    static func editableActivities(_ user: CurrentUser, _ db: any Database) async throws -> Set<UUID>? {
        if user.role.canAdministerPartnership { return nil }
        guard user.role == .comms else { return [] }
        return try await RegisterService.activities(ledOrPartneredBy: user.organisationID, db)
    }

    /// Starts (or returns) the report of an activity, whatever its status, with a draft from the trail.
    static func start(activityID: UUID?, user: CurrentUser, on db: any Database) async throws -> FeedbackReport {
        try requireEditor(user)
        let activity = try await RegisterService.findVisible(activityID, user: user, db)
        guard canEdit(user, organisations: try await organisations(ofActivities: [activity.id!], db)) else {
            throw Abort(.forbidden, reason: notYours)
        }
        if let existing = try await FeedbackReport.query(on: db).filter(\.$activity.$id == activity.id!).first() { return existing }
        // Any status: comms often draft while the activity runs (and an activity's end date may be in the future).
        // Publishing marks it reported.
        let draft = FeedbackTrailService.draft(try await FeedbackTrailService.load(RegisterService.ActivityFacts(activity), db))
        let r = FeedbackReport()
        r.$activity.id = activity.id!; r.title = draft.title; r.whatWeAsked = draft.asked; r.whatYouSaid = draft.said; r.whatWeDid = draft.did
        r.status = FeedbackStatus.draft.rawValue
        try await db.transaction { tx in
            try await r.create(on: tx)
            try await AuditService.record(tx, actor: user.actor, action: .create, entity: entity, id: r.id, label: r.title)
        }
        return r
    }

    /// Starts (or returns) the report of a taxonomy theme across every activity that heard it between two days.
    /// Form fields: `theme_id`, `from`, `to` (YYYY-MM-DD).
    static func startTheme(_ input: Input, user: CurrentUser, on db: any Database) async throws -> FeedbackReport {
        try requireEditor(user)
        var v = Validator()
        var theme: TaxonomyReads.ThemeFacts? = nil
        let rawTheme = (input["theme_id"] ?? "").trimmingCharacters(in: .whitespaces)
        if rawTheme.isEmpty {
            v.add("theme_id", "Select a theme")
        } else if let id = UUID(uuidString: rawTheme), let t = try await TaxonomyReads.theme(id, db) {
            theme = t
        } else {
            v.add("theme_id", "Select a theme from the list")
        }
        func day(_ key: String, _ label: String) -> Day? {
            let s = (input[key] ?? "").trimmingCharacters(in: .whitespaces)
            if s.isEmpty { v.add(key, "Enter the \(label) date"); return nil }
            guard let d = Day(iso: s) else { v.add(key, "Enter the \(label) date as YYYY-MM-DD, like 2026-01-31"); return nil }
            return d
        }
        let from = day("from", "from"), to = day("to", "to")
        if let from, let to {
            if to < from {
                v.add("to", "The to date must be the same as or after the from date")
            } else if to.ordinal - from.ordinal > 3 * 366 {
                v.add("to", "A theme report covers at most three years")
            }
        }
        try v.check()
        guard let theme, let from, let to else { throw Abort(.badRequest) }
        let themeID = theme.id
        guard canEdit(user, organisations: try await organisations(ofTheme: themeID, from: from, to: to, db)) else {
            throw ValidationFailure([
                FieldError(
                    "theme_id",
                    "No activity that your organisation leads or partners in heard this theme between these dates; a partnership admin, or the comms team of an organisation that did, can write this report"
                )
            ])
        }
        if let existing = try await FeedbackReport.query(on: db).filter(\.$theme.$id == themeID).filter(\.$fromDay == from.ordinal)
            .filter(\.$toDay == to.ordinal).first()
        {
            return existing
        }
        let draft = FeedbackTrailService.draft(try await FeedbackTrailService.loadTheme(themeID, from: from, to: to, db))
        let r = FeedbackReport()
        r.$theme.id = themeID; r.fromDay = from.ordinal; r.toDay = to.ordinal
        r.title = draft.title; r.whatWeAsked = draft.asked; r.whatYouSaid = draft.said; r.whatWeDid = draft.did
        r.status = FeedbackStatus.draft.rawValue
        try await db.transaction { tx in
            try await r.create(on: tx)
            try await AuditService.record(tx, actor: user.actor, action: .create, entity: entity, id: r.id, label: r.title)
        }
        return r
    }

    struct Text: Sendable { let title: String, asked: String, said: String, did: String }

    static func validateText(_ input: Input) throws -> Text {
        var v = Validator()
        let title = v.required("title", input["title"], label: "Title", max: 200)
        let asked = v.required("what_we_asked", input["what_we_asked"], label: "What we asked", max: maxText, multiline: true)
        let said = v.required("what_you_said", input["what_you_said"], label: "What you said", max: maxText, multiline: true)
        let did = v.required("what_we_did", input["what_we_did"], label: "What we did", max: maxText, multiline: true)
        try v.check()
        return Text(title: title, asked: asked, said: said, did: did)
    }

    static func find(_ id: UUID?, _ db: any Database) async throws -> FeedbackReport {
        guard let id, let r = try await FeedbackReport.find(id, on: db) else { throw Abort(.notFound) }
        return r
    }

    static func update(_ report: FeedbackReport, _ input: Input, user: CurrentUser, on db: any Database) async throws {
        try await requireEditor(user, report, db)
        let t = try validateText(input)
        try await db.transaction { tx in
            report.title = t.title; report.whatWeAsked = t.asked; report.whatYouSaid = t.said; report.whatWeDid = t.did
            try await report.update(on: tx)
            try await AuditService.record(tx, actor: user.actor, action: .update, entity: entity, id: report.id, label: report.title)
        }
    }

    /// Saves the report's text in another language (every field, so a page never mixes two translations).
    static func saveTranslation(_ report: FeedbackReport, language code: String, _ input: Input, user: CurrentUser, on db: any Database) async throws
    {
        try await requireEditor(user, report, db)
        guard let lang = UILanguage.named(code), lang != .english else { throw Abort(.notFound) }
        let t = try validateText(input)
        try await db.transaction { tx in
            let row =
                try await FeedbackTranslation.query(on: tx).filter(\.$report.$id == report.id!).filter(\.$language == lang.code).first()
                ?? {
                    let x = FeedbackTranslation(); x.$report.id = report.id!; x.language = lang.code; return x
                }()
            row.title = t.title; row.whatWeAsked = t.asked; row.whatYouSaid = t.said; row.whatWeDid = t.did
            try await row.save(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: entity, id: report.id, label: "\(report.title) (\(lang.code))")
        }
    }

    /// How many residents publishing would email now.
    static func recipientCount(_ report: FeedbackReport, _ db: any Database) async throws -> Int {
        try await OutboxService.deliverableCount(try await FeedbackNotifier.recipients(of: report, db), db)
    }

    /// Publishes (the report's comms, or a partnership admin): the public page appears, a closed activity is marked
    /// reported, and residents who asked to hear back are emailed. Publishing again changes nothing and emails no one
    /// twice. `confirmed`: the person ticked "publish and email N residents" on the editor, which shows the text, the
    /// trail and that number first; without it nothing happens.
    static func publish(_ report: FeedbackReport, confirmed: Bool, user: CurrentUser, today: Day, on db: any Database, mail: MailContext)
        async throws -> Int
    {
        try await requireEditor(user, report, db)
        guard !report.isPublished else { return 0 }
        guard confirmed else {
            throw ValidationFailure([
                FieldError(
                    "confirm",
                    "Tick the box to confirm you have checked the report and want to publish it and email the residents who asked to hear back")
            ])
        }
        var found: RegisterService.ActivityFacts? = nil
        if let id = report.$activity.id {
            guard let a = try await RegisterService.facts(id, db) else { throw Abort(.notFound) }
            found = a
        }
        let activity = found
        return try await db.transaction { tx in
            report.status = FeedbackStatus.published.rawValue; report.publishedDay = today.ordinal; report.publishedBy = user.name
            try await report.update(on: tx)
            if let activity { try await RegisterService.markReported(activity.id, on: tx) }
            let queued = try await FeedbackNotifier.reportPublished(report, activity: activity, on: tx, mail: mail)
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: entity, id: report.id, label: report.title,
                before: ["status": "draft"], after: ["status": "published", "emails_queued": String(queued)])
            return queued
        }
    }

    /// The text in the reader's language when a translation is entered, else English.
    static func text(_ report: FeedbackReport, language: UILanguage, _ db: any Database) async throws -> (Text, UILanguage) {
        if language != .english,
            let t = try await FeedbackTranslation.query(on: db).filter(\.$report.$id == report.id!).filter(\.$language == language.code).first()
        {
            return (Text(title: t.title, asked: t.whatWeAsked, said: t.whatYouSaid, did: t.whatWeDid), language)
        }
        return (Text(title: report.title, asked: report.whatWeAsked, said: report.whatYouSaid, did: report.whatWeDid), .english)
    }

    /// Published reports, newest first, filtered by ward and theme: an activity's report by its activity's wards and
    /// themes; a theme report by its theme (or one above it), and under every ward, like a borough-wide activity.
    struct PublicRow: Sendable {
        let id: UUID; let title: String; let published: Day; let wards: [String]; let themes: [String]; let acrossActivities: Bool
    }

    /// The most the public list shows.
    static let publicListLimit = 500

    static func publicList(ward: UUID?, theme: UUID?, language: UILanguage, _ db: any Database) async throws -> [PublicRow] {
        try await publicRows(publicQuery(ward: ward, theme: theme, db), limit: publicListLimit, language: language, db)
    }

    /// The latest `limit` published reports for a ward (or the borough), and how many the public list holds for it:
    /// the front door's few, without building the rows of the whole list.
    static func latestPublic(ward: UUID?, limit: Int, language: UILanguage, _ db: any Database) async throws -> (rows: [PublicRow], total: Int) {
        let q = try await publicQuery(ward: ward, theme: nil, db)
        let total = min(try await q.copy().count(), publicListLimit)
        return (try await publicRows(q, limit: limit, language: language, db), total)
    }

    /// Published reports under a ward and a theme (either may be nil), not yet sorted or limited.
    private static func publicQuery(ward: UUID?, theme: UUID?, _ db: any Database) async throws -> QueryBuilder<FeedbackReport> {
        let q = FeedbackReport.query(on: db).filter(\.$status == FeedbackStatus.published.rawValue)
        if let ward {
            let all = try await RegisterService.activityIDs(inWardOrBoroughWide: ward, db).map { Optional($0) }
            q.group(.or) { g in
                if !all.isEmpty { g.filter(\.$activity.$id ~~ all) }
                g.filter(\.$theme.$id != nil)
            }
        }
        if let theme {
            let ids = try await RegisterService.activityIDs(onTheme: theme, db).map { Optional($0) }
            // A theme report on this theme or on one under it.
            let below = try await TaxonomyReads.themeAndBelow(theme, db).map { Optional($0) }
            q.group(.or) { g in
                if !ids.isEmpty { g.filter(\.$activity.$id ~~ ids) }
                g.filter(\.$theme.$id ~~ below)
            }
        }
        return q
    }

    /// The newest `limit` of `q` as rows: their activities' wards and themes, titles in the reader's language.
    private static func publicRows(_ q: QueryBuilder<FeedbackReport>, limit: Int, language: UILanguage, _ db: any Database) async throws
        -> [PublicRow]
    {
        let reports = try await q.sort(\.$publishedDay, .descending).sort(\.$id).limit(limit).all()
        guard !reports.isEmpty else { return [] }
        let summaries = Dictionary(
            uniqueKeysWithValues: try await RegisterService.summaries(reports.compactMap { $0.$activity.id }, db).map { ($0.id, $0) })
        let themeNames = try await TaxonomyReads.names(reports.compactMap { $0.$theme.id }, db)
        var titles: [UUID: String] = [:]
        if language != .english, !reports.isEmpty {
            for t in try await FeedbackTranslation.query(on: db).filter(\.$report.$id ~~ reports.compactMap(\.id)).filter(
                \.$language == language.code
            ).all() {
                titles[t.$report.id] = t.title
            }
        }
        return reports.map { r in
            let s = r.$activity.id.flatMap { summaries[$0] }
            return PublicRow(
                id: r.id!, title: titles[r.id!] ?? r.title, published: Day(ordinal: r.publishedDay ?? 0),
                wards: s?.places ?? [], themes: s?.themes ?? r.$theme.id.flatMap { themeNames[$0] }.map { [$0] } ?? [],
                acrossActivities: r.$theme.id != nil)
        }
    }
}
