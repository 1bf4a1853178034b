import Vapor
import Fluent
import ChorusCore

/// The page models of the register and the what's-on pages: plain values a view renders with a `PageContext`,
/// built here from the feature's queries and services (views never see a request, the database or a Fluent model).
enum RegisterPages {
    /// The options of the activity form and of the list's filter bar.
    struct Choices: Sendable {
        let organisations: [Form.Option]
        let people: [Form.Option]
        let places: [Form.Option]
        let themes: [Form.Option]
        let audiences: [Form.Option]
    }

    struct List: Sendable {
        let page: PageOf<ActivitySummary>
        let query: [String: String]
        let canRegister: Bool
        let choices: Choices
    }

    struct Calendar: Sendable {
        let year: Int
        let month: Int
        let items: [ActivitySummary]
        /// The filters, with the month shown.
        let query: [String: String]
        let truncated: Bool
    }

    /// Registering (`activityID` nil) or editing an activity.
    struct ActivityForm: Sendable {
        let activityID: UUID?
        /// The stored title of the activity being edited (the page's heading names it).
        let activityTitle: String?
        let input: Input
        let errors: [FieldError]
        let choices: Choices
        /// The organisations this person may register for (all, for a partnership admin; else their own).
        let organisations: [Form.Option]
        let defaultOrganisation: String
        let defaultLead: String
    }

    /// Another live activity that overlaps this one, with what they share and whom to contact.
    struct OverlapRow: Sendable {
        let overlap: Overlap
        let summary: ActivitySummary
        let leadName: String?
        let leadEmail: String?
        let sharedThemes: [String]
        let sharedAudiences: [String]
        let sharedPlaces: [String]
    }

    struct ActivityPage: Sendable {
        let summary: ActivitySummary
        let purpose: String
        let expectedReach: Int?
        let publicSummary: String?
        let isPublic: Bool
        let overlaps: [OverlapRow]
        /// How many activities overlap in all (`overlaps` holds the closest).
        let overlapTotal: Int
        /// "Name (email)" of the lead officer.
        let lead: String?
        let partners: [String]
        let audiences: [String]
        let canEdit: Bool
        let windowDays: Int
        let saved: Bool
        let planStatus: PlanStatus?
        let thread: Thread
        /// The directory's part: venue, partner groups, who already reaches these people and who runs something like it.
        let directory: DirectoryReads.ActivityPanel
        /// Its evaluation once closed (from the standards area).
        let evaluation: EvaluationService.Panel
    }

    /// The activity's thread, plan to "You said, we did", as the viewer may see it (each count through their wall and
    /// the spaces they may see), with which next steps they may take (the same rules the steps' routes apply).
    struct Thread: Sendable {
        let canPlan: Bool
        /// The activity's insights the viewer may see.
        let insights: Int
        /// Who the activity heard from (`Reach`: every insight, whatever its sharing level), as its briefing and
        /// report say it; suppressed under 5.
        let heard: (insights: SuppressedCount, people: SuppressedCount)
        let canRecord: Bool
        let runs: [AnalysisService.ThreadRun]
        let canAnalyse: Bool
        let items: [DecisionsReads.ThreadItem]
        let decisions: [DecisionsReads.ThreadDecision]
        let actions: [ActionStatus: Int]
        let canTakeToSpace: Bool
        let report: FeedbackService.ThreadReport?
        let canStartReport: Bool
    }

    struct Ward: Sendable {
        let id: UUID
        let code: String
        let name: String
        let population: Int?
    }

    struct Fatigue: Sendable {
        struct Row: Sendable { let ward: Ward; let cells: [FatigueIndex.Cell] }
        let quarters: [Quarter]
        let rows: [Row]
        let threshold: Double
        let current: Quarter
        /// The wards drawn for a map (nil when no ward has a boundary: the page shows its table alone).
        let map: GeoMapShape?
    }

    struct WardPage: Sendable {
        let ward: Ward
        /// Its fatigue by quarter, if it has a row in the table.
        let cells: [FatigueIndex.Cell]?
        let quarters: [Quarter]
        let threshold: Double
        let upcoming: PageOf<ActivitySummary>
    }

    struct ImportUpload: Sendable { let errors: [FieldError] }

    struct ImportMapping: Sendable {
        let upload: String
        let header: [String]
        let mapping: [String: Int]
        let rows: Int
        let errors: [FieldError]
    }

    struct ImportReport: Sendable {
        let outcome: RegisterImportService.Outcome
        let validOnly: Bool
    }

    /// What's on near me: the ward chooser, or one ward's activities.
    struct NearMe: Sendable {
        /// The wards, and the one the resident chose or their postcode found (or why none was).
        let found: WardFinder.Result
        /// Open and upcoming public activities in the chosen ward, with borough-wide ones.
        let page: PageOf<ActivitySummary>?
    }

    // MARK: Building

    /// `people: false` for the list's filter bar, which has no lead-officer select (every active person and their
    /// organisation is two statements and many rows).
    static func choices(people withPeople: Bool = true, _ db: any Database) async throws -> Choices {
        let themeTree = try await ThemesResource.hierarchy(on: db)
        return Choices(
            organisations: try await Organisation.query(on: db).sort(\.$name).all().map { Form.Option($0.id!.uuidString, $0.name) },
            people: !withPeople
                ? []
                : try await Person.query(on: db).filter(\.$active == true).sort(\.$name).with(\.$organisation).all()
                    .map { Form.Option($0.id!.uuidString, "\($0.name) (\($0.organisation.name))") },
            places: try await Place.query(on: db).filter(\.$kind != PlaceKind.localAuthority.rawValue).sort(\.$name).all()
                .map { Form.Option($0.id!.uuidString, $0.name) },
            themes: themeTree.ordered().map { Form.Option($0.entry.id.uuidString, themeTree.label($0.entry.id)) },
            audiences: try await Audience.query(on: db).sort(\.$name).all().map { Form.Option($0.id!.uuidString, $0.name) })
    }

    static func list(user: CurrentUser, query q: [String: String], window: PageWindow, _ db: any Database) async throws -> List {
        let filter = try RegisterQueries.filter(q, viewer: user)
        let page = try await RegisterQueries.page(db, filter, window)
        return List(page: page, query: q, canRegister: user.role.canRegisterEngagement, choices: try await choices(people: false, db))
    }

    /// One month (`month=YYYY-MM`, this month without it) of activities by start day, with the list's filters.
    static func calendar(user: CurrentUser, query: [String: String], today: Day, _ db: any Database) async throws -> Calendar {
        var q = query
        var (year, month) = (today.components.year, today.components.month)
        if let m = q["month"] {
            guard let d = Day(iso: m + "-01") else { throw ValidationFailure([FieldError("month", "Enter the month as YYYY-MM, like 2026-11")]) }
            (year, month) = (d.components.year, d.components.month)
        }
        let first = Day(iso: String(format: "%04d-%02d-01", year, month))!
        q["from"] = first.description
        q["to"] = first.adding(days: Day.daysIn(month: month, year: year) - 1).description
        let filter = try RegisterQueries.filter(q, viewer: user)
        let limit = 500
        let page = try await RegisterQueries.page(db, filter, PageWindow(page: 1, size: limit), newestFirst: false)
        var shown = query
        shown["month"] = String(format: "%04d-%02d", year, month)
        return Calendar(year: year, month: month, items: page.items, query: shown, truncated: page.total > limit)
    }

    static func form(_ activity: Activity?, input: Input, errors: [FieldError] = [], user: CurrentUser, _ db: any Database) async throws
        -> ActivityForm
    {
        let c = try await choices(db)
        return ActivityForm(
            activityID: activity?.id, activityTitle: activity?.title, input: input, errors: errors, choices: c,
            organisations: user.role.canAdministerPartnership
                ? c.organisations
                : c.organisations.filter { $0.value == user.organisationID.uuidString },
            defaultOrganisation: user.organisationID.uuidString, defaultLead: user.id.uuidString)
    }

    static func activity(_ activity: Activity, user: CurrentUser, windowDays window: Int, saved: Bool, _ db: any Database) async throws
        -> ActivityPage
    {
        let id = activity.id!
        // This activity's links and names once, for its own summary, the overlap check and the partners and audiences shown.
        let links = try await ActivityLinks.load([id], ActivityLinks.Kind.allCases, db)[id] ?? ActivityLinks()
        let names = try await RegisterNames.load(
            places: links.places, themes: links.themes, audiences: links.audiences,
            organisations: links.partners.union([activity.$organisation.id]), db)
        let summary = RegisterQueries.summaries([activity], links: [id: links], names: names)[0]
        let overlaps =
            activity.status == ActivityStatus.draft.rawValue
            ? CoordinationService.Overlaps(rows: [], total: 0)
            : try await CoordinationService.overlaps(of: activity, links: links, windowDays: window, on: db)
        let lead = try await RegisterQueries.contacts(Set([activity.$lead.id].compactMap { $0 }), db).values.first
        let planStatus = try await PlanningService.planStatus(forActivity: id, db)
        let thread = try await loadThread(activity, user: user, db)
        let canEdit = RegisterService.canEdit(user, organisationID: activity.$organisation.id)
        let directory = try await DirectoryReads.activityPanel(
            id, reach: DirectoryReach(wards: links.places, themes: links.themes, audiences: links.audiences, boroughWide: activity.boroughWide),
            canEdit: canEdit, reader: .staff(organisation: user.organisationID), db)
        return ActivityPage(
            summary: summary, purpose: activity.purpose, expectedReach: activity.expectedReach, publicSummary: activity.publicSummary,
            isPublic: activity.isPublic,
            overlaps: overlaps.rows.map {
                OverlapRow(
                    overlap: $0.overlap, summary: $0.summary, leadName: $0.leadName, leadEmail: $0.leadEmail, sharedThemes: $0.sharedThemes,
                    sharedAudiences: $0.sharedAudiences, sharedPlaces: $0.sharedPlaces)
            },
            overlapTotal: overlaps.total, lead: lead.map { "\($0.name) (\($0.email))" },
            partners: links.partners.compactMap { names.organisations[$0] }.sorted(),
            audiences: links.audiences.compactMap { names.audiences[$0] }.sorted(),
            canEdit: canEdit, windowDays: window, saved: saved, planStatus: planStatus, thread: thread, directory: directory,
            evaluation: try await EvaluationService.panel(RegisterService.ActivityFacts(activity), user: user, db))
    }

    /// Each stage from its feature's reads, never their tables.
    static func loadThread(_ activity: Activity, user: CurrentUser, _ db: any Database) async throws -> Thread {
        let id = activity.id!
        let insights = try await InsightService.threadInsights(activity: id, wall: user.wall, db)
        let bundles = try await InsightService.bundles(holdingAnyOf: insights.ids, orSearching: id, db)
        let runs = try await AnalysisService.threadRuns(insightIDs: insights.ids, activity: id, viewer: user, db)
        let decisions = try await DecisionsReads.thread(
            activity: id, insightIDs: insights.ids, bundleIDs: bundles, runIDs: runs.map(\.id), viewer: user, db)
        return Thread(
            canPlan: PlanningService.canEdit(user, activity), insights: insights.count,
            heard: try await InsightService.totalReach(activities: [id], db).shown, canRecord: user.role.canRecordInsight, runs: runs,
            canAnalyse: AnalysisService.canRun(user), items: decisions.items, decisions: decisions.decisions, actions: decisions.actions,
            canTakeToSpace: user.role.canCurateInsight, report: try await FeedbackService.threadReport(activity: id, db),
            canStartReport: try await FeedbackService.canStartReport(user, activity: id, db))
    }

    static func fatigue(today: Day, threshold: Double, _ db: any Database) async throws -> Fatigue {
        let table = try await CoordinationService.fatigue(today: today, threshold: threshold, on: db)
        return Fatigue(
            quarters: table.quarters, rows: table.rows.map { .init(ward: Ward($0.ward), cells: $0.cells) }, threshold: table.threshold,
            current: table.current, map: try await PlacesReads.wardMap(db, width: 440, maxHeight: 440))
    }

    /// One ward by its code (any case): its fatigue and the activities running there now and next; nil if no such place.
    static func ward(code: String, user: CurrentUser, today: Day, threshold: Double, _ db: any Database) async throws -> WardPage? {
        guard let place = try await Place.query(on: db).filter(\.$code == code.uppercased()).first() else { return nil }
        let table = try await CoordinationService.fatigue(today: today, threshold: threshold, on: db)
        var filter = try RegisterQueries.filter([:], viewer: user)
        filter.ward = place.id
        filter.from = today
        let upcoming = try await RegisterQueries.page(db, filter, PageWindow(page: 1, size: 20), newestFirst: false)
        return WardPage(
            ward: Ward(place), cells: table.rows.first { $0.ward.id == place.id }?.cells, quarters: table.quarters,
            threshold: threshold, upcoming: upcoming)
    }

    // MARK: Public

    /// `ward=CODE` or `postcode=…` chooses a ward; an unknown one is a problem the page names.
    static func nearMe(_ q: [String: String], window: PageWindow, today: Day, _ db: any Database) async throws -> NearMe {
        let found = try await WardFinder.find(q, db)
        guard let ward = found.ward else { return NearMe(found: found, page: nil) }
        var filter = try RegisterQueries.filter([:], viewer: nil)
        filter.ward = ward.id
        filter.from = today
        return NearMe(found: found, page: try await RegisterQueries.page(db, filter, window, newestFirst: false))
    }

    /// A public, non-draft activity by id, or nil.
    static func publicActivity(_ raw: String, _ db: any Database) async throws -> ActivitySummary? {
        guard let id = UUID(uuidString: raw), let a = try await Activity.find(id, on: db), a.isPublic,
            a.status != ActivityStatus.draft.rawValue
        else { return nil }
        return try await RegisterQueries.summaries([a], db)[0]
    }

    /// The iCalendar feed of public activities for one ward (with borough-wide ones) or, for "borough", the whole
    /// borough, from 90 days ago; nil if no place has the code.
    static func feed(
        code: String, today: Day, boroughName: String, wardName: (String) -> String, boroughWide: String,
        baseURL: URL, _ db: any Database
    ) async throws -> String? {
        var filter = try RegisterQueries.filter([:], viewer: nil)
        filter.from = today.adding(days: -90)
        let name: String
        if code.lowercased() == "borough" {
            name = boroughName
        } else {
            guard let place = try await Place.query(on: db).filter(\.$code == code.uppercased()).first() else { return nil }
            filter.ward = place.id
            name = wardName(place.name)
        }
        let items = try await RegisterQueries.query(db, filter).sort(\.$startDay).limit(2000).all()
        let summaries = try await RegisterQueries.summaries(items, db)
        let base = baseURL.absoluteString.trimmingSuffix("/")
        let host = baseURL.host ?? "chorus"
        let events = zip(items, summaries).map { a, s in
            ICalendar.Event(
                uid: "\(s.id.uuidString.lowercased())@\(host)", summary: s.title, description: s.publicSummary ?? "",
                location: s.boroughWide ? boroughWide : s.places.joined(separator: ", "),
                url: base + SiteURL.Register.publicActivity(s.id), start: s.start, end: s.end,
                lastModified: a.updatedAt ?? a.createdAt ?? Date())
        }
        return ICalendar.feed(name: name, events: events)
    }
}

extension RegisterPages.Ward {
    init(_ p: Place) { self.init(id: p.id!, code: p.code, name: p.name, population: p.population) }
}
