import Vapor
import Fluent
import ChorusCore

/// The page models of "You said, we did": plain values a view renders with a `PageContext`, built here from the
/// feature's service (views never see a request, the database or a Fluent model).
enum FeedbackPages {
    /// A report as its pages show it.
    struct Report: Sendable {
        let id: UUID
        let title: String
        let text: FeedbackService.Text
        let published: Day?
        var isPublished: Bool { published != nil }

        init(_ r: FeedbackReport) {
            id = r.id!
            title = r.title
            text = .init(title: r.title, asked: r.whatWeAsked, said: r.whatYouSaid, did: r.whatWeDid)
            published = r.publishedDay.map(Day.init(ordinal:))
        }

        init(id: UUID, text: FeedbackService.Text, published: Day?) {
            self.id = id; self.title = text.title; self.text = text; self.published = published
        }
    }

    struct Waiting: Sendable { let id: UUID; let title: String; let closed: Day?; var canStart = true }
    /// `canEdit`: this person may change it (`FeedbackService.canEdit`); the others are listed to read.
    struct Listed: Sendable { let id: UUID; let title: String; let published: Day?; let about: String; var canEdit = true }

    struct List: Sendable {
        var reports: [Listed]
        var waiting: [Waiting]
        var themes: [Form.Option]
        /// Whether this person writes reports at all (the theme-report form).
        var canWrite: Bool
        var showsOutbox: Bool
        var errors: [FieldError] = []
        var input: Input? = nil
    }

    struct Editor: Sendable {
        let report: Report
        let trail: FeedbackTrail
        let urdu: FeedbackService.Text?
        let canEdit: Bool
        let canPublish: Bool
        /// How many residents publishing would email (0 once published).
        let recipients: Int
        var errors: [FieldError] = []
        var input: Input? = nil
        /// Which form the errors belong to: "en" (the report) or a language code (its translation).
        var errorsFor: String? = nil
        var notice: String? = nil
    }

    struct Outbox: Sendable {
        struct Row: Sendable { let to: String, subject: String, status: String, attempts: Int, next: Date?, reason: String? }
        let counts: [String: Int]
        let problems: [Row]
        let transport: String
    }

    struct PublicList: Sendable {
        var rows: [FeedbackService.PublicRow]
        var wards: [Form.Option]
        var themes: [Form.Option]
        var ward: String?
        var theme: String?
        var errors: [FieldError]
    }

    struct PublicReport: Sendable {
        let report: Report
        /// The text in the reader's language if translated, else English, and which it is.
        let text: FeedbackService.Text
        let textLanguage: UILanguage
        let trail: FeedbackTrail
        let otherLanguages: [UILanguage]
        /// The activity's surveys with a published results summary.
        var surveys: [SurveyService.PublicSurvey] = []
        /// "How was taking part?" while the report's activity is public and closed.
        var howWasIt: String? = nil
    }

    // MARK: Building

    static func list(user: CurrentUser, errors: [FieldError] = [], input: Input? = nil, _ db: any Database) async throws -> List {
        let reports = try await FeedbackReport.query(on: db).sort(\.$updatedAt, .descending).limit(500).all()
        let titles = Dictionary(
            uniqueKeysWithValues: try await RegisterService.facts(reports.compactMap { $0.$activity.id }, db).map { ($0.id, $0.title) })
        let themes = try await TaxonomyReads.themes(db)
        let themeNames = Dictionary(uniqueKeysWithValues: themes.map { ($0.id, $0.name) })
        let reported = Set(reports.compactMap { $0.$activity.id })
        let waiting = try await RegisterService.closedActivities(limit: 500, db).filter { !reported.contains($0.id) }
        // Edit links and "Start" buttons only where this person may use them (FeedbackService.canEdit).
        let mine = FeedbackService.canWrite(user) ? try await FeedbackService.editableActivities(user, db) : []
        var editable = Set<UUID>()
        for r in reports {
            switch r.scope {
            case .activity(let a): if mine?.contains(a) ?? true { editable.insert(r.id!) }
            case .theme(let t, let from, let to):
                if mine == nil { editable.insert(r.id!); continue }
                guard FeedbackService.canWrite(user) else { continue }
                if FeedbackService.canEdit(user, organisations: try await FeedbackService.organisations(ofTheme: t, from: from, to: to, db)) {
                    editable.insert(r.id!)
                }
            case nil: break
            }
        }
        let listed = reports.map { r -> Listed in
            let about: String
            switch r.scope {
            case .activity(let a): about = titles[a] ?? ""
            case .theme(let t, let from, let to): about = "Theme: \(themeNames[t] ?? ""), \(DayText.long(from)) to \(DayText.long(to))"
            case nil: about = ""
            }
            return Listed(
                id: r.id!, title: r.title, published: r.publishedDay.map(Day.init(ordinal:)), about: about, canEdit: editable.contains(r.id!))
        }
        return List(
            reports: listed,
            waiting: waiting.map { Waiting(id: $0.id, title: $0.title, closed: $0.end, canStart: mine?.contains($0.id) ?? true) },
            themes: themes.map { Form.Option($0.id.uuidString, $0.name) }, canWrite: FeedbackService.canWrite(user),
            showsOutbox: user.role.canAdministerPartnership, errors: errors, input: input)
    }

    static func editor(
        _ r: FeedbackReport, user: CurrentUser, errors: [FieldError] = [], input: Input? = nil, errorsFor: String? = nil,
        notice: String? = nil, _ db: any Database
    ) async throws -> Editor {
        let translation = try await FeedbackTranslation.query(on: db).filter(\.$report.$id == r.id!).filter(\.$language == "ur").first()
        let organisations = FeedbackService.canWrite(user) ? try await FeedbackService.organisations(of: r, db) : []
        return Editor(
            report: Report(r), trail: try await FeedbackTrailService.load(r, db),
            urdu: translation.map { .init(title: $0.title, asked: $0.whatWeAsked, said: $0.whatYouSaid, did: $0.whatWeDid) },
            canEdit: FeedbackService.canEdit(user, organisations: organisations),
            canPublish: FeedbackService.canPublish(user, organisations: organisations),
            recipients: r.isPublished ? 0 : try await FeedbackService.recipientCount(r, db),
            errors: errors, input: input, errorsFor: errorsFor, notice: notice)
    }

    static func outbox(smtp: String?, _ db: any Database) async throws -> Outbox {
        var counts: [String: Int] = [:]
        for status in ["pending", "sent", "failed", "cancelled"] {
            counts[status] = try await OutboxEmail.query(on: db).filter(\.$status == status).count()
        }
        let problems = try await OutboxEmail.query(on: db).group(.or) { g in
            g.filter(\.$status == OutboxEmail.Status.failed.rawValue)
            g.group(.and) { $0.filter(\.$status == OutboxEmail.Status.pending.rawValue).filter(\.$attempts > 0) }
        }.sort(\.$nextAttemptAt, .descending).sort(\.$id).limit(200).all()
        return Outbox(
            counts: counts,
            problems: problems.map {
                .init(to: $0.toAddress, subject: $0.subject, status: $0.status, attempts: $0.attempts, next: $0.nextAttemptAt, reason: $0.lastError)
            }, transport: smtp.map { "SMTP, \($0)" } ?? "files in the data folder's outbox (no CHORUS_SMTP_URL)")
    }

    static func publicList(_ q: [String: String], language: UILanguage, unknownWard: String, unknownTheme: String, _ db: any Database) async throws
        -> PublicList
    {
        let wards = try await PlacesReads.wards(db)
        let themes = try await TaxonomyReads.themes(db)
        var errors: [FieldError] = []
        var ward: PlacesReads.Ward? = nil, theme: TaxonomyReads.ThemeFacts? = nil
        if let code = q["ward"], !code.isEmpty {
            ward = wards.first { $0.code == code.uppercased() }
            if ward == nil { errors.append(FieldError("ward", unknownWard)) }
        }
        if let raw = q["theme"], !raw.isEmpty {
            theme = UUID(uuidString: raw).flatMap { id in themes.first { $0.id == id } }
            if theme == nil { errors.append(FieldError("theme", unknownTheme)) }
        }
        let rows = errors.isEmpty ? try await FeedbackService.publicList(ward: ward?.id, theme: theme?.id, language: language, db) : []
        return PublicList(
            rows: rows, wards: wards.map { Form.Option($0.code, $0.name) }, themes: themes.map { Form.Option($0.id.uuidString, $0.name) },
            ward: q["ward"], theme: q["theme"], errors: errors)
    }

    /// A published report for residents, or nil (not found, or not published).
    static func publicReport(_ id: UUID?, language: UILanguage, _ db: any Database) async throws -> PublicReport? {
        guard let id, let r = try await FeedbackReport.find(id, on: db), r.isPublished else { return nil }
        let (text, textLanguage) = try await FeedbackService.text(r, language: language, db)
        let translated = try await FeedbackTranslation.query(on: db).filter(\.$report.$id == id).all().compactMap { UILanguage.named($0.language) }
        var surveys: [SurveyService.PublicSurvey] = []
        var howWasIt: String? = nil
        if let activity = r.$activity.id {
            surveys = try await SurveyService.publicSurveys(activity: activity, today: Day(Date()), language: language, db).filter {
                $0.resultsSummary != nil
            }
            if try await ParticipantFeedbackService.isOpen(activity, db) { howWasIt = SiteURL.Standards.howWasIt(activity) }
        }
        return PublicReport(
            report: Report(r), text: text, textLanguage: textLanguage, trail: try await FeedbackTrailService.load(r, db),
            otherLanguages: ([UILanguage.english] + translated).filter { $0 != language }, surveys: surveys, howWasIt: howWasIt)
    }
}
