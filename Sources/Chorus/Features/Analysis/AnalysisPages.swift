import Vapor
import Fluent
import ChorusCore

/// The page models of thematic analysis: the list of runs, a run's progress and overview, a theme's page, comparing
/// two runs and mapping insights to given themes. Plain values a view renders with a `PageContext`, built here (views
/// never see a request, the database or a Fluent model).
enum AnalysisPages {
    // MARK: Plain values

    /// What a page says about a run.
    struct Run: Sendable {
        let id: UUID
        let title: String
        /// Waiting for the runner to pick it up.
        let isQueued: Bool
        /// Queued or running (neither finished nor failed).
        let isUnfinished: Bool
        /// 0…1 as stored (the progress page prefers the live figure).
        let progress: Double
        let error: String?
        let insightCount: Int
        let unassignedCount: Int
        let method: String?
        let privateToOrganisation: Bool

        init(_ r: AnalysisRun) {
            id = r.id!; title = r.title; isQueued = r.statusValue == .queued
            isUnfinished = r.statusValue == .queued || r.statusValue == .running; progress = r.progress; error = r.error
            insightCount = r.insightCount; unassignedCount = r.unassignedCount; method = r.method; privateToOrganisation = r.privateToOrganisation
        }
    }

    /// A theme with the analysts' edits, as its page shows it.
    struct ThemeInfo: Sendable {
        let id: UUID
        let label: String
        let renamedLabel: String?
        let displayLabel: String
        let phrases: [String]
        let size: Int
        let people: Int
        let positive: Int
        let neutral: Int
        let negative: Int
        let meanSentiment: Double
        let pinned: Bool
        let note: String?
        let matchStatus: String?
        let taxonomyThemeID: UUID?

        init(_ t: DiscoveredTheme) {
            id = t.id!; label = t.label; renamedLabel = t.renamedLabel; displayLabel = t.displayLabel; phrases = t.phrases
            size = t.size; people = t.people; positive = t.positive; neutral = t.neutral; negative = t.negative; meanSentiment = t.meanSentiment
            pinned = t.pinned; note = t.note; matchStatus = t.matchStatus; taxonomyThemeID = t.taxonomyThemeID
        }
    }

    // MARK: Pages

    struct List: Sendable {
        struct Row: Sendable {
            let id: UUID; let title: String; let organisation: String; let status: String; let insights: Int; let themes: Int; let created: Date?
        }
        /// Which engine finds themes, and the embedding queue's progress.
        let engine: String
        let rows: [Row]
        /// The form to choose a scope and run (nil for those who may not run an analysis).
        let scope: ScopeForm?
        /// The title and seed as sent.
        let input: [String: String]
        let errors: [FieldError]
    }

    /// Choosing what a new run analyses, with the insight list's controls, and how many insights that is.
    struct ScopeForm: Sendable {
        /// A scope that checked out: what the run form sends, in words, and how many insights it holds.
        struct Counted: Sendable {
            let values: [String: String]
            let bundleID: UUID?
            let parts: [AnalysisScope.Part]
            /// Counted up to `AnalysisService.maxInsights + 1`.
            let count: Int
            let shown: SuppressedCount
        }
        /// The controls' values as sent (shown back even when one is wrong).
        let values: [String: String]
        let bundleID: String
        let choices: AnalysisScope.Choices
        /// The running organisation (for "every insight … can see").
        let organisation: String
        /// Nil when a control has a problem.
        let counted: Counted?
    }

    struct Progress: Sendable {
        let run: Run
        /// The run's scope in words (`AnalysisScope.describe`) and whose insights it reads.
        let scope: [AnalysisScope.Part]
        let organisation: String
        /// The running job's progress from memory, when there is one.
        let live: Double?
        let refresh: Bool
    }

    struct Overview: Sendable {
        struct ThemeRow: Sendable {
            let id: UUID; let label: String; let size: Int; let people: Int; let positive: Int; let neutral: Int; let negative: Int
            let pinned: Bool; let status: String?; let byMonth: [Int]; let byWard: [Int]
        }
        struct Schedule: Sendable { let frequency: AnalysisFrequency; let next: Date }
        let run: Run
        /// The run's scope in words (`AnalysisScope.describe`).
        var scope: [AnalysisScope.Part]
        var themes: [ThemeRow]
        var months: [String]
        var wards: [String]
        /// The wards' codes, in `wards` order, and the borough drawn small for a map per theme (nil: no boundaries).
        var wardCodes: [String]
        var wardMap: GeoMapShape?
        var fading: [String]
        var organisation: String
        var previousRunID: UUID?
        var groups: AnalysisDistribution
        var schedule: Schedule?
        /// The run that ran this one again, if any (only the newest run of a chain is scheduled).
        var hasNewerRun: UUID?
        let canEdit: Bool
        let notice: String?
        let errors: [FieldError]
    }

    struct ThemePage: Sendable {
        struct Member: Sendable { let id: UUID; let text: String; let heard: String; let sentiment: String }
        struct Quote: Sendable { let id: UUID; let text: String }
        let runID: UUID
        let runTitle: String
        let theme: ThemeInfo
        let quotes: [Quote]
        let members: PageOf<Member>
        /// The run's other themes (to merge or move an insight into).
        let others: [Form.Option]
        let taxonomy: [Form.Option]
        let taxonomyName: String?
        let canEdit: Bool
        let errors: [FieldError]
        let notice: String?
    }

    /// Two runs side by side: which themes continue, which are new and which fade.
    struct Compare: Sendable {
        struct Pair: Sendable { let before: String?; let after: String?; let status: String; let similarity: Double; let sizes: String }
        let runs: [Form.Option]
        let a: UUID?
        let b: UUID?
        let pairs: [Pair]
    }

    struct GivenThemes: Sendable {
        let input: GivenThemeMapping.Input
        /// The scope's controls: the reader's bundles and the insight list's filters.
        let choices: AnalysisScope.Choices
        let result: GivenThemeMapping.Result?
        let errors: [FieldError]
    }

    // MARK: Building

    /// The list of runs and, for those who may run one, the scope form: `scope` the controls' values as sent (the GET
    /// of "Show how many insights", or a run form sent back with a problem), checked and counted through the reader's
    /// own wall. A problem with a control is one more error naming it; the scope is then not counted.
    static func list(
        user: CurrentUser, scope rawScope: [String: String], bundleID: String?, input: [String: String], errors given: [FieldError],
        app: Application, _ db: any Database
    ) async throws -> List {
        var errors = given
        var scope: ScopeForm? = nil
        if AnalysisService.canRun(user) {
            let values = AnalysisScope.values(rawScope)
            let choices = try await AnalysisScope.choices(viewer: user, activity: values["activity"].flatMap { UUID(uuidString: $0) }, db)
            var counted: ScopeForm.Counted? = nil
            do {
                let c = try await AnalysisScope.check(values, bundleID: bundleID, user: user, choices: choices, db)
                let n = try await InsightService.count(c.filter, upTo: AnalysisService.maxInsights + 1, db)
                let title = c.bundle.flatMap { id in choices.bundles.first { $0.value == id.uuidString }?.label }
                counted = .init(
                    values: c.values, bundleID: c.bundle, parts: AnalysisScope.describe(values, bundle: title, choices: choices), count: n.count,
                    shown: n.shown)
            } catch let f as ValidationFailure {
                // A run form sent back already carries the scope's errors.
                for e in f.errors where !errors.contains(where: { $0.field == e.field && $0.message == e.message }) { errors.append(e) }
            }
            scope = ScopeForm(
                values: values, bundleID: bundleID ?? "", choices: choices,
                organisation: try await Organisation.find(user.organisationID, on: db)?.name ?? "your organisation", counted: counted)
        }
        let runs = try await AnalysisRun.query(on: db).sort(\.$createdAt, .descending).limit(500).all().filter { AnalysisService.canSee(user, $0) }
        let orgs = try await NameLookup.names(Organisation.self, Array(Set(runs.map { $0.$organisation.id })), db) { $0.name }
        var counts: [UUID: Int] = [:]
        let ids = runs.compactMap(\.id)
        if !ids.isEmpty { for t in try await DiscoveredTheme.query(on: db).filter(\.$run.$id ~~ ids).all() { counts[t.$run.id, default: 0] += 1 } }
        return List(
            engine: try await engineStatus(app),
            rows: runs.map {
                .init(
                    id: $0.id!, title: $0.title, organisation: orgs[$0.$organisation.id] ?? "", status: $0.status, insights: $0.insightCount,
                    themes: counts[$0.id!] ?? 0, created: $0.createdAt)
            }, scope: scope, input: input, errors: errors)
    }

    /// One sentence for the analysis list: which engine finds themes, and the embedding queue's progress.
    static func engineStatus(_ app: Application) async throws -> String {
        guard let embedder = try await app.computePool.runIfActive({ app.embeddingEngine.embedder(app.logger) }) else {
            return "Themes are found by word matching (TF-IDF + LSA). " + (app.embeddingEngine.unavailableReason ?? "")
        }
        if let p = app.embeddingQueue.progress.withLockedValue({ $0 }) {
            return
                "Themes are found with sentence embeddings (\(embedder.modelIdentifier)). New and changed insights are being embedded in the background: \(NumberText.grouped(p.done)) of \(NumberText.grouped(p.pending)) done; an analysis embeds any it still needs itself."
        }
        return "Themes are found with sentence embeddings (\(embedder.modelIdentifier)), computed once for each insight in the background."
    }

    static func progress(_ run: AnalysisRun, live: Double?, refresh: Bool, user: CurrentUser, _ db: any Database) async throws -> Progress {
        Progress(
            run: Run(run), scope: try await AnalysisScope.describe(run, viewer: user, db),
            organisation: try await Organisation.find(run.$organisation.id, on: db)?.name ?? "", live: live, refresh: refresh)
    }

    /// A finished run's overview; `groupField` is the equality question asked for (the age band when it is none of them).
    static func overview(
        _ run: AnalysisRun, groupField requested: String?, user: CurrentUser, notice: String?, errors: [FieldError],
        _ db: any Database
    ) async throws -> Overview {
        let themes = try await AnalysisService.themes(run, db)
        let facts = try await AnalysisService.facts(runID: run.id!, db)
        let groupField = requested.flatMap { EqualityMonitoring.question($0)?.field } ?? EqualityMonitoring.ageBand.field
        let groups = try await AnalysisDistribution.load(runID: run.id!, themes: themes.map { $0.id! }, equalityField: groupField, db)
        func month(_ day: Int) -> String { let c = Day(ordinal: day).components; return String(format: "%04d-%02d", c.year, c.month) }
        var monthKeys: [String] = []
        if let lo = facts.map(\.day).min(), let hi = facts.map(\.day).max() {
            var c = Day(ordinal: lo).components
            let end = month(hi)
            while true {
                let key = String(format: "%04d-%02d", c.year, c.month)
                monthKeys.append(key)
                if key >= end || monthKeys.count > 120 { break }
                c.month += 1; if c.month > 12 { c.month = 1; c.year += 1 }
            }
        }
        let placeIDs = Array(Set(facts.compactMap(\.place)))
        let placeNames = try await NameLookup.names(Place.self, placeIDs, db) { $0.name }
        let placeCodes = try await NameLookup.names(Place.self, placeIDs, db) { $0.code }
        let wardOrder = placeIDs.sorted { (placeNames[$0] ?? "") < (placeNames[$1] ?? "") }
        var byMonth: [UUID: [String: Int]] = [:], byWard: [UUID: [UUID: Int]] = [:]
        for f in facts {
            byMonth[f.theme, default: [:]][month(f.day), default: 0] += 1
            if let p = f.place { byWard[f.theme, default: [:]][p, default: 0] += 1 }
        }
        var fading: [String] = []
        if let previousID = run.previousRunID, let previous = try await AnalysisRun.find(previousID, on: db) {
            let matched = Set(themes.compactMap(\.matchedPreviousID))
            fading = try await AnalysisService.themes(previous, db).filter { !matched.contains($0.id!) }.map(\.displayLabel)
        }
        return Overview(
            run: Run(run), scope: try await AnalysisScope.describe(run, viewer: user, db),
            themes: themes.map { t in
                .init(
                    id: t.id!, label: t.displayLabel, size: t.size, people: t.people, positive: t.positive, neutral: t.neutral, negative: t.negative,
                    pinned: t.pinned, status: t.matchStatus, byMonth: monthKeys.map { byMonth[t.id!]?[$0] ?? 0 },
                    byWard: wardOrder.map { byWard[t.id!]?[$0] ?? 0 })
            },
            months: monthKeys, wards: wardOrder.map { placeNames[$0] ?? "" }, wardCodes: wardOrder.map { placeCodes[$0] ?? "" },
            wardMap: placeIDs.isEmpty ? nil : try await PlacesReads.wardMap(db, width: 300, maxHeight: 300), fading: fading,
            organisation: try await Organisation.find(run.$organisation.id, on: db)?.name ?? "", previousRunID: run.previousRunID,
            groups: groups,
            schedule: try await AnalysisScheduling.schedule(of: run, db).map { Overview.Schedule(frequency: $0.frequencyValue, next: $0.nextRunAt) },
            hasNewerRun: try await AnalysisRun.query(on: db).filter(\.$previousRunID == run.id).first()?.id,
            canEdit: AnalysisService.canEdit(user, run), notice: notice, errors: errors)
    }

    /// A theme's page: its members one window at a time, and the quotes, through the viewer's wall.
    static func theme(
        _ run: AnalysisRun, _ theme: DiscoveredTheme, window: PageWindow, user: CurrentUser, notice: String?, errors: [FieldError],
        _ db: any Database
    ) async throws -> ThemePage {
        let memberQuery = { ThemeMember.query(on: db).filter(\.$theme.$id == theme.id!) }
        let total = try await memberQuery().count()
        let ids = try await memberQuery().sort(\.$insight.$id).range(window.offset..<(window.offset + window.size)).all().map { $0.$insight.id }
        let reps = theme.representatives
        let insights = try await Insight.query(on: db).filter(\.$id ~~ (ids + reps)).all()
        var byID: [UUID: Insight] = [:]
        // The viewer's own wall as well: an insight made organisation-level after the run is not shown to other partners.
        for i in insights where SharingLevel(rawValue: i.sharing).map({ user.wall.lets($0, recordedBy: i.$organisation.id) }) == true {
            byID[i.id!] = i
        }
        let members = ids.compactMap { byID[$0] }.map { i in
            ThemePage.Member(
                id: i.id!, text: i.text, heard: Day(ordinal: i.heardDay).description,
                sentiment: SentimentAnalyser.score(i.text).polarity.rawValue)
        }
        let others = try await AnalysisService.themes(run, db).filter { $0.id != theme.id }.map { ($0.id!, $0.displayLabel) }
        let taxonomy = try await Theme.query(on: db).sort(\.$name).all().map { ($0.id!, $0.name) }
        return ThemePage(
            runID: run.id!, runTitle: run.title, theme: ThemeInfo(theme),
            quotes: reps.compactMap { id in byID[id].map { ThemePage.Quote(id: id, text: $0.text) } },
            members: PageOf(items: members, request: window, total: total),
            others: others.map { Form.Option($0.0.uuidString, $0.1) }, taxonomy: taxonomy.map { Form.Option($0.0.uuidString, $0.1) },
            taxonomyName: theme.taxonomyThemeID.flatMap { id in taxonomy.first { $0.0 == id }?.1 },
            canEdit: AnalysisService.canEdit(user, run), errors: errors, notice: notice)
    }

    /// Comparing two finished runs the viewer can see; `a` and `b` as sent (empty: not chosen yet). A value that is not
    /// one of the runs fails with the field named.
    static func compare(a rawA: String?, b rawB: String?, user: CurrentUser, _ db: any Database) async throws -> Compare {
        let runs = try await AnalysisRun.query(on: db).filter(\.$status == AnalysisRun.Status.done.rawValue).sort(\.$createdAt, .descending).limit(
            500
        ).all()
            .filter { AnalysisService.canSee(user, $0) }
        var v = Validator()
        func pick(_ key: String, _ s: String?) -> AnalysisRun? {
            guard let s, !s.isEmpty else { return nil }
            if let id = UUID(uuidString: s), let r = runs.first(where: { $0.id == id }) { return r }
            v.add(key, "Choose a finished analysis from the list"); return nil
        }
        let a = pick("a", rawA), b = pick("b", rawB)
        try v.check()
        var pairs: [Compare.Pair] = []
        if let a, let b {
            let ta = try await AnalysisService.themes(a, db), tb = try await AnalysisService.themes(b, db)
            let ma = try await AnalysisService.members(runID: a.id!, db), mb = try await AnalysisService.members(runID: b.id!, db)
            let matches = ThemeMatcher.match(
                previous: ta.map { ThemeSnapshot(key: $0.id!, memberIDs: ma[$0.id!] ?? [], signature: $0.signatureValue) },
                current: tb.map { ThemeSnapshot(key: $0.id!, memberIDs: mb[$0.id!] ?? [], signature: $0.signatureValue) })
            pairs = matches.map { m in
                let before = m.previous.map { ta[$0] }, after = m.current.map { tb[$0] }
                return Compare.Pair(
                    before: before?.displayLabel, after: after?.displayLabel, status: m.status.rawValue, similarity: m.similarity,
                    sizes: "\(before.map { String($0.size) } ?? "—") → \(after.map { String($0.size) } ?? "—")")
            }
        }
        let labels = runs.map { Form.Option($0.id!.uuidString, "\($0.title) (\($0.createdAt.map { Day($0).description } ?? ""))") }
        return Compare(runs: labels, a: a?.id, b: b?.id, pairs: pairs)
    }

    static func givenThemes(
        input: GivenThemeMapping.Input, user: CurrentUser, result: GivenThemeMapping.Result?, errors: [FieldError], _ db: any Database
    ) async throws -> GivenThemes {
        let choices = try await AnalysisScope.choices(viewer: user, activity: input.scope["activity"].flatMap { UUID(uuidString: $0) }, db)
        return GivenThemes(input: input, choices: choices, result: result, errors: errors)
    }
}
