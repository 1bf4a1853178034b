import Vapor
import Fluent
import NIOPosix
import SQLKit
import ChorusCore

/// The page models of the insight store, bundles and CSV import: plain values a view renders with a `PageContext`,
/// built here (views never see a request, the database or a Fluent model).
enum InsightPages {
    // MARK: Plain values

    /// One insight as a list shows it.
    struct Card: Sendable {
        let id: UUID
        let text: String
        let heard: Day
        let organisation: String
        let place: String
        let kind: String
        let peopleCount: Int
        let themes: [String]
        let sharing: String

        init(_ i: Insight, _ l: InsightQueries.Links) {
            id = i.id!; text = i.text; heard = Day(ordinal: i.heardDay)
            organisation = l.orgNames[i.$organisation.id] ?? ""
            place = i.$place.id.flatMap { l.placeNames[$0] } ?? ""
            kind = i.kind; peopleCount = i.peopleCount; themes = l.themeList(i); sharing = i.sharing
        }
    }

    struct BundleRow: Sendable { let id: UUID; let title: String; let organisation: String; let isSearch: Bool; let updated: Date? }

    // MARK: Pages

    struct List: Sendable {
        let page: PageOf<Card>
        /// How many were found, as it may be shown (`InsightQueries.shownTotal`).
        let total: SuppressedCount
        let query: [String: String]
        let choices: InsightChoices
        /// The activity filter's options (`activitiesWithInsights`).
        let activities: [Form.Option]
        /// The reader's organisation's hand-picked bundles, for "add the selected insights to a bundle".
        let bundles: [Form.Option]
        let canRecord: Bool
        let canCurate: Bool
        let notice: String?
        /// With `map=1`: how many of the insights found are from each ward (every ward, by name), and the wards drawn
        /// for a map (nil without boundaries). Not counted otherwise, so the list stays as fast as it was.
        var byWard: ByWard? = nil

        struct ByWard: Sendable {
            struct Ward: Sendable { let code: String; let name: String; let count: Int }
            let shape: GeoMapShape?
            let wards: [Ward]
        }
    }

    struct NewInsight: Sendable {
        let choices: InsightChoices
        /// The organisations the recorder may record for.
        let organisations: [Form.Option]
        let ownOrganisation: String
        let input: Input
        let errors: [FieldError]
        let preview: RedactionResult?
        let today: Day
    }

    struct Detail: Sendable {
        let id: UUID
        let text: String
        let originalText: String?
        let heard: Day
        let kind: String
        let organisation: String
        let activityID: UUID?
        let activityTitle: String
        let place: String?
        let postcodeSector: String?
        let peopleCount: Int
        let sharing: String
        let audiences: [String]
        let redactedKinds: [String]
        let themeIDs: [UUID]
        let themes: [String]
        /// Only for the insight's own organisation (`SharingWall.seesPersonalData`): equality answers and hearing back.
        let seesPersonalData: Bool
        let equality: [String: String]
        let feedbackOptIn: Bool
        let contactEmail: String?
    }

    struct InsightPage: Sendable {
        let insight: Detail
        let themeOptions: [Form.Option]
        let canTag: Bool
        let saved: Bool
        let outcomes: DecisionsPages.Outcomes
    }

    struct BundleList: Sendable {
        let rows: [BundleRow]
        let notice: String?
    }

    struct BundlePage: Sendable {
        let id: UUID
        let title: String
        let description: String?
        /// A saved search's query string; nil for a hand-picked selection.
        let query: String?
        let owner: String
        let page: PageOf<Card>
        let total: SuppressedCount
        let canEdit: Bool
        var notice: String? = nil
        var isSearch: Bool { query != nil }
    }

    struct ImportMapping: Sendable {
        let jobID: UUID
        let fileName: String
        let scan: InsightImportService.Scan
        let mapping: InsightCSV.Mapping
        let preview: [InsightImportService.PreviewRow]
        let names: InsightImportView.Names
        let errors: [FieldError]
        /// The activities the uploader may choose for all rows ("Heard during"), and what they typed there.
        let activities: PickerChoices
        let typedActivity: String?
    }

    struct ImportJobPage: Sendable {
        let id: UUID
        let fileName: String
        let status: ImportJob.Status
        let rowsTotal: Int?
        let rowsDone: Int
        let rowsRejected: Int
        let phase: String?
        let message: String?
        let problems: [InsightCSV.Problem]
        let live: ImportProgress.Snapshot?
        let refresh: Bool
        /// Offer "Import the N valid rows" (`InsightImportService.canImportValidRows`, to the uploader).
        let canImportValidRows: Bool

        init(_ job: ImportJob, live: ImportProgress.Snapshot?, refresh: Bool, canImportValidRows: Bool = false) {
            id = job.id!; fileName = job.fileName; status = job.statusValue; rowsTotal = job.rowsTotal; rowsDone = job.rowsDone
            rowsRejected = job.rowsRejected; phase = job.phase; message = job.message; problems = job.problems
            self.live = live; self.refresh = refresh; self.canImportValidRows = canImportValidRows
        }
    }

    // MARK: Building

    /// The options insight forms and filters offer. The activities ("Heard during") only for a form, as `user` may
    /// use them (`InsightService.activityChoices`); the list's filter offers its own (`activitiesWithInsights`).
    static func choices(_ db: any Database, activitiesFor user: CurrentUser? = nil) async throws -> InsightChoices {
        let tree = try await ThemesResource.hierarchy(on: db)
        var activities = PickerChoices([])
        if let user { activities = try await InsightService.activityChoices(user, db) }
        let organisations = try await Organisation.query(on: db).sort(\.$name).all()
        let places = try await Place.query(on: db).filter(\.$kind != PlaceKind.localAuthority.rawValue).sort(\.$name).all()
        let audiences = try await Audience.query(on: db).sort(\.$name).all()
        let entries = tree.ordered()
        var names = InsightQueries.Names()
        for o in organisations { names.organisations[o.id!] = o.name }
        for p in places { names.places[p.id!] = p.name }
        for a in audiences { names.audiences[a.id!] = a.name }
        for e in entries { names.themes[e.entry.id] = e.entry.name }
        return InsightChoices(
            organisations: organisations.map { Form.Option($0.id!.uuidString, $0.name) },
            places: places.map { Form.Option($0.id!.uuidString, $0.name) },
            themes: entries.map { Form.Option($0.entry.id.uuidString, tree.label($0.entry.id)) },
            audiences: audiences.map { Form.Option($0.id!.uuidString, $0.name) },
            activities: activities,
            names: names)
    }

    /// The list's activity filter: only activities with at least one insight the viewer may see (newest first), as
    /// "Title (3 Mar 2026)"; another organisation's draft is never named. `also` (the filter in use) is kept even
    /// when it has none, so the filter bar shows what is applied.
    static func activitiesWithInsights(viewer: CurrentUser, also: UUID?, _ db: any Database) async throws -> [Form.Option] {
        guard let sql = db as? any SQLDatabase else { return [] }
        struct Row: Decodable { let id: UUID; let title: String; let start_day: Int }
        let org = viewer.organisationID
        let drafts: SQLQueryString =
            viewer.role.canAdministerPartnership
            ? "" : " AND (a.status <> \(bind: ActivityStatus.draft.rawValue) OR a.organisation_id = \(bind: org))"
        let chosen: SQLQueryString = also.map { " OR a.id = \(bind: $0)" } ?? ""
        let rows = try await sql.raw(
            """
            SELECT a.id, a.title, a.start_day FROM activities a
            WHERE (EXISTS (SELECT 1 FROM insights i WHERE i.activity_id = a.id
                AND (i.sharing <> \(bind: SharingLevel.organisation.rawValue) OR i.organisation_id = \(bind: org)))\(chosen))\(drafts)
            ORDER BY a.start_day DESC, a.title
            """
        ).all(decoding: Row.self)
        return rows.map { Form.Option($0.id.uuidString, "\($0.title) (\(DayText.long(Day(ordinal: $0.start_day))))") }
    }

    static func list(
        _ f: InsightQueries.Filter, window: PageWindow, query: [String: String], user: CurrentUser, notice: String?,
        _ db: any Database
    ) async throws -> List {
        let page = try await InsightQueries.page(db, f, window)
        let bundles =
            user.role.canCurateInsight
            ? try await InsightBundle.query(on: db).filter(\.$organisation.$id == user.organisationID).filter(\.$query == nil).sort(\.$title).all()
            : []
        let c = try await choices(db)
        let links = try await InsightQueries.Links.load(page.items, db, known: c.names)
        var list = List(
            page: page.map { Card($0, links) }, total: InsightQueries.shownTotal(page.total, capped: page.totalIsCapped, f), query: query,
            choices: c, activities: try await activitiesWithInsights(viewer: user, also: f.activity, db),
            bundles: bundles.map { Form.Option($0.id!.uuidString, $0.title) },
            canRecord: user.role.canRecordInsight, canCurate: user.role.canCurateInsight, notice: notice)
        if query["map"] == "1" {
            let counts = try await InsightService.countsByPlace(f, db)
            list.byWard = List.ByWard(
                shape: try await PlacesReads.wardMap(db),
                wards: try await PlacesReads.wards(db).map { .init(code: $0.code, name: $0.name, count: counts[$0.id] ?? 0) })
        }
        return list
    }

    static func newInsight(
        user: CurrentUser, input: Input, errors: [FieldError], preview: RedactionResult? = nil, today: Day,
        _ db: any Database
    ) async throws -> NewInsight {
        let c = try await choices(db, activitiesFor: user)
        let orgs = user.role.canAdministerPartnership ? c.organisations : c.organisations.filter { $0.value == user.organisationID.uuidString }
        return NewInsight(
            choices: c, organisations: orgs, ownOrganisation: user.organisationID.uuidString, input: input, errors: errors,
            preview: preview, today: today)
    }

    static func insight(_ id: UUID?, user: CurrentUser, saved: Bool, today: Day, _ db: any Database) async throws -> InsightPage {
        let insight = try await InsightService.findVisible(id, user: user, db)
        let l = try await InsightQueries.Links.load([insight], db)
        let canTag = user.role.canCurateInsight || InsightService.canRecordFor(user, organisationID: insight.$organisation.id)
        let themes = canTag ? try await choices(db).themes : []
        let i = insight
        let detail = Detail(
            id: i.id!, text: i.text, originalText: i.originalText, heard: Day(ordinal: i.heardDay), kind: i.kind,
            organisation: l.orgNames[i.$organisation.id] ?? "", activityID: i.$activity.id,
            activityTitle: i.$activity.id.flatMap { l.activityTitles[$0] } ?? "",
            place: i.$place.id.flatMap { l.placeNames[$0] }, postcodeSector: i.postcodeSector, peopleCount: i.peopleCount, sharing: i.sharing,
            audiences: l.audienceList(i), redactedKinds: i.redactedKindList, themeIDs: l.themes[i.id!] ?? [], themes: l.themeList(i),
            seesPersonalData: SharingWall(staffOf: user.organisationID).seesPersonalData(of: i.$organisation.id),
            equality: i.equality, feedbackOptIn: i.feedbackOptIn, contactEmail: i.contactEmail)
        return InsightPage(
            insight: detail, themeOptions: themes, canTag: canTag, saved: saved,
            outcomes: try await DecisionsPages.outcomes(prompting: insight, viewer: user, today: today, db))
    }

    static func bundles(notice: String?, _ db: any Database) async throws -> BundleList {
        let bundles = try await InsightBundle.query(on: db).sort(\.$updatedAt, .descending).all()
        let orgs = try await NameLookup.names(Organisation.self, Array(Set(bundles.map { $0.$organisation.id })), db) { $0.name }
        return BundleList(
            rows: bundles.map {
                .init(id: $0.id!, title: $0.title, organisation: orgs[$0.$organisation.id] ?? "", isSearch: $0.query != nil, updated: $0.updatedAt)
            }, notice: notice)
    }

    static func bundle(_ id: UUID?, user: CurrentUser, window: PageWindow, _ db: any Database) async throws -> BundlePage {
        guard let id, let bundle = try await InsightBundle.find(id, on: db) else { throw Abort(.notFound) }
        let f = try InsightBundleService.filter(for: bundle, viewer: user)
        let page = try await InsightQueries.page(db, f, window)
        let links = try await InsightQueries.Links.load(page.items, db)
        let owner = try await Organisation.find(bundle.$organisation.id, on: db)?.name ?? ""
        let canEdit = user.role.canCurateInsight && (bundle.$organisation.id == user.organisationID || user.role.canAdministerPartnership)
        return BundlePage(
            id: bundle.id!, title: bundle.title, description: bundle.description, query: bundle.query, owner: owner,
            page: page.map { Card($0, links) }, total: InsightQueries.shownTotal(page.total, capped: page.totalIsCapped, f),
            canEdit: canEdit)
    }

    /// The column-mapping page: the file's first rows scanned off the request's thread, the mapping (guessed from the
    /// header the first time), and a preview of those rows as they would be stored.
    static func importMapping(
        _ job: ImportJob, user: CurrentUser, mapping: InsightCSV.Mapping, guess: Bool, errors: [FieldError], typedActivity: String? = nil,
        pool: NIOThreadPool, _ db: any Database
    ) async throws -> ImportMapping {
        let scan = try await pool.runIfActive { [path = job.filePath] in
            try InsightImportService.scan(path: path, wholeFile: false)
        }
        var mapping = mapping
        if guess { mapping.columns = InsightCSV.guessMapping(header: scan.header) }
        var names = InsightImportView.Names()
        for p in try await Place.query(on: db).all() { names.places[p.id!] = p.name }
        for t in try await Theme.query(on: db).all() { names.themes[t.id!] = t.name }
        let preview = try await InsightImportService.preview(scan, mapping: mapping, user: user, db: db)
        // The partial scan counts only the first rows; the page shows the count taken at upload.
        let counted = InsightImportService.Scan(header: scan.header, rows: job.rowsTotal ?? scan.rows, firstRows: scan.firstRows)
        return ImportMapping(
            jobID: job.id!, fileName: job.fileName, scan: counted, mapping: mapping, preview: preview, names: names, errors: errors,
            activities: try await InsightService.activityChoices(user, db), typedActivity: typedActivity)
    }
}
