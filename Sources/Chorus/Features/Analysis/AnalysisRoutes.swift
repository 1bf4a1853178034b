import Vapor
import Fluent
import ChorusCore

/// Thematic analysis pages for staff: list and run, a run's overview, a theme's page with the analysts' edits,
/// re-run, and comparing two runs. Handlers parse, call `AnalysisService`/`AnalysisEditing`, and render.
enum AnalysisRoutes {
    static func register(staff: any RoutesBuilder, app: Application) {
        let a = staff.grouped("analysis")
        a.get { req in try await listPage(req, input: [:], errors: []) }
        a.post { req in
            let user = try req.requireUser()
            let form = try Input.form(req)
            do {
                let run = try await AnalysisService.create(title: form["title"], query: form["query"], bundleID: form["bundle_id"], seed: form["seed"],
                                                           user: user, on: req.db)
                AnalysisRunner.start(req.application, runID: run.id!)
                return req.redirect(to: SiteURL.Analysis.run(run.id!))
            } catch let failure as ValidationFailure {
                return try await listPage(req, input: ["title": form["title"] ?? "", "query": form["query"] ?? "", "bundle_id": form["bundle_id"] ?? "",
                                                       "seed": form["seed"] ?? ""], errors: failure.errors)
            }
        }
        a.get("compare") { req in try await compare(req) }
        a.get("given-themes") { req in try await givenThemes(req) }
        a.get(":run") { req in
            let user = try req.requireUser()
            let run = try await AnalysisService.findVisible(req.parameters.get("run", as: UUID.self), user: user, req.db)
            guard run.statusValue == .done else {
                return AnalysisViews.progress(req, run: run, live: req.application.analysisProgress.get(run.id!), refresh: req.queryValues["refresh"] != "off")
            }
            return try await overview(req, run, user: user, errors: [])
        }
        a.post(":run", "schedule") { req in
            let user = try req.requireUser()
            let run = try await AnalysisService.findEditable(req.parameters.get("run", as: UUID.self), user: user, req.db)
            let form = try Input.form(req)
            do {
                _ = try await AnalysisScheduling.set(run, frequency: form["frequency"], user: user, on: req.db)
            } catch let failure as ValidationFailure {
                return try await overview(req, run, user: user, errors: failure.errors)
            }
            return req.redirect(to: SiteURL.with(SiteURL.Analysis.run(run.id!), ["done": "schedule"]))
        }
        a.post(":run", "rerun") { req in
            let user = try req.requireUser()
            let previous = try await AnalysisService.findEditable(req.parameters.get("run", as: UUID.self), user: user, req.db)
            let run = try await AnalysisService.rerun(previous, user: user, on: req.db)
            AnalysisRunner.start(req.application, runID: run.id!)
            return req.redirect(to: SiteURL.Analysis.run(run.id!))
        }
        a.post(":run", "move") { req in
            let user = try req.requireUser()
            let run = try await AnalysisService.findEditable(req.parameters.get("run", as: UUID.self), user: user, req.db)
            let form = try Input.form(req)
            let to = try await AnalysisEditing.move(run, insight: form["insight_id"], to: form["target_theme_id"], user: user, app: req.application, on: req.db)
            return req.redirect(to: SiteURL.with(SiteURL.Analysis.theme(run.id!, to.id!), ["done": "moved"]))
        }
        a.get(":run", "themes", ":theme") { req in
            let user = try req.requireUser()
            let run = try await AnalysisService.findVisible(req.parameters.get("run", as: UUID.self), user: user, req.db)
            let theme = try await AnalysisService.findTheme(req.parameters.get("theme", as: UUID.self), in: run, req.db)
            return try await themePage(req, run, theme, user: user, errors: [])
        }
        a.post(":run", "themes", ":theme", ":action") { req in
            let user = try req.requireUser()
            let run = try await AnalysisService.findEditable(req.parameters.get("run", as: UUID.self), user: user, req.db)
            let theme = try await AnalysisService.findTheme(req.parameters.get("theme", as: UUID.self), in: run, req.db)
            let form = try Input.form(req)
            let app = req.application
            do {
                switch req.parameters.get("action") ?? "" {
                case "rename": try await AnalysisEditing.rename(run, theme, label: form["label"], user: user, on: req.db)
                case "pin": try await AnalysisEditing.pin(run, theme, pinned: form["pinned"] == "true", user: user, on: req.db)
                case "note": try await AnalysisEditing.note(run, theme, text: form["note"], user: user, on: req.db)
                case "merge": try await AnalysisEditing.merge(run, theme, with: form["other_theme_id"], user: user, app: app, on: req.db)
                case "split": try await AnalysisEditing.split(run, theme, user: user, app: app, on: req.db)
                case "map": _ = try await AnalysisEditing.map(run, theme, taxonomy: form["taxonomy_theme_id"], user: user, on: req.db)
                default: throw Abort(.notFound)
                }
            } catch let failure as ValidationFailure {
                if req.headers.accept.mediaTypes.contains(.json) { throw failure }
                return try await themePage(req, run, theme, user: user, errors: failure.errors)
            }
            return req.redirect(to: SiteURL.with(SiteURL.Analysis.theme(run.id!, theme.id!), ["done": req.parameters.get("action")]))
        }
    }

    static func listPage(_ req: Request, input: [String: String], errors: [FieldError]) async throws -> Response {
        let user = try req.requireUser()
        let runs = try await AnalysisRun.query(on: req.db).sort(\.$createdAt, .descending).limit(500).all().filter { AnalysisService.canSee(user, $0) }
        let orgs = try await NameLookup.names(Organisation.self, Array(Set(runs.map { $0.$organisation.id })), req.db) { $0.name }
        var counts: [UUID: Int] = [:]
        let ids = runs.compactMap(\.id)
        if !ids.isEmpty { for t in try await DiscoveredTheme.query(on: req.db).filter(\.$run.$id ~~ ids).all() { counts[t.$run.id, default: 0] += 1 } }
        let bundles = try await InsightBundle.query(on: req.db).sort(\.$title).all().map { ($0.id!, $0.title) }
        return AnalysisViews.list(req, engine: try await engineStatus(req.application), rows: runs.map {
            .init(id: $0.id!, title: $0.title, organisation: orgs[$0.$organisation.id] ?? "", status: $0.status, insights: $0.insightCount,
                  themes: counts[$0.id!] ?? 0, created: $0.createdAt)
        }, bundles: bundles, canRun: AnalysisService.canRun(user), input: input, errors: errors)
    }

    /// One sentence for the analysis list: which engine finds themes, and the embedding queue's progress.
    static func engineStatus(_ app: Application) async throws -> String {
        guard let embedder = try await app.computePool.runIfActive({ app.embeddingEngine.embedder(app.logger) }) else {
            return "Themes are found by word matching (TF-IDF + LSA). " + (app.embeddingEngine.unavailableReason ?? "")
        }
        if let p = app.embeddingQueue.progress.withLockedValue({ $0 }) {
            return "Themes are found with sentence embeddings (\(embedder.modelIdentifier)). New and changed insights are being embedded in the background: \(NumberText.grouped(p.done)) of \(NumberText.grouped(p.pending)) done; an analysis embeds any it still needs itself."
        }
        return "Themes are found with sentence embeddings (\(embedder.modelIdentifier)), computed once for each insight in the background."
    }

    static func overview(_ req: Request, _ run: AnalysisRun, user: CurrentUser, errors: [FieldError]) async throws -> Response {
        let themes = try await AnalysisService.themes(run, req.db)
        let facts = try await AnalysisService.facts(runID: run.id!, req.db)
        let groupField = req.queryValues["group"].flatMap { EqualityMonitoring.question($0)?.field } ?? EqualityMonitoring.ageBand.field
        let groups = try await AnalysisDistribution.load(runID: run.id!, themes: themes.map { $0.id! }, equalityField: groupField, req.db)
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
        let placeNames = try await NameLookup.names(Place.self, placeIDs, req.db) { $0.name }
        let wardOrder = placeIDs.sorted { (placeNames[$0] ?? "") < (placeNames[$1] ?? "") }
        var byMonth: [UUID: [String: Int]] = [:], byWard: [UUID: [UUID: Int]] = [:]
        for f in facts {
            byMonth[f.theme, default: [:]][month(f.day), default: 0] += 1
            if let p = f.place { byWard[f.theme, default: [:]][p, default: 0] += 1 }
        }
        var fading: [String] = []
        if let previousID = run.previousRunID, let previous = try await AnalysisRun.find(previousID, on: req.db) {
            let matched = Set(themes.compactMap(\.matchedPreviousID))
            fading = try await AnalysisService.themes(previous, req.db).filter { !matched.contains($0.id!) }.map(\.displayLabel)
        }
        let o = AnalysisViews.Overview(
            themes: themes.map { t in
                .init(id: t.id!, label: t.displayLabel, size: t.size, people: t.people, positive: t.positive, neutral: t.neutral, negative: t.negative,
                      pinned: t.pinned, status: t.matchStatus, byMonth: monthKeys.map { byMonth[t.id!]?[$0] ?? 0 },
                      byWard: wardOrder.map { byWard[t.id!]?[$0] ?? 0 })
            },
            months: monthKeys, wards: wardOrder.map { placeNames[$0] ?? "" }, fading: fading,
            organisation: try await Organisation.find(run.$organisation.id, on: req.db)?.name ?? "", previousRunID: run.previousRunID,
            groups: groups, schedule: try await AnalysisScheduling.schedule(of: run, req.db).map { ($0.frequencyValue, $0.nextRunAt) },
            hasNewerRun: try await AnalysisRun.query(on: req.db).filter(\.$previousRunID == run.id).first()?.id)
        let notice = req.queryValues["done"] == "schedule" ? "Schedule saved" : nil
        return AnalysisViews.overview(req, run: run, o: o, canEdit: AnalysisService.canEdit(user, run), notice: notice, errors: errors)
    }

    static func themePage(_ req: Request, _ run: AnalysisRun, _ theme: DiscoveredTheme, user: CurrentUser, errors: [FieldError]) async throws -> Response {
        let window = req.pageRequest
        let memberQuery = { ThemeMember.query(on: req.db).filter(\.$theme.$id == theme.id!) }
        let total = try await memberQuery().count()
        let ids = try await memberQuery().sort(\.$insight.$id).range(window.offset..<(window.offset + window.size)).all().map { $0.$insight.id }
        let reps = theme.representatives
        let insights = try await Insight.query(on: req.db).filter(\.$id ~~ (ids + reps)).all()
        var byID: [UUID: Insight] = [:]
        // The viewer's own wall as well: an insight made organisation-level after the run is not shown to other partners.
        for i in insights where SharingLevel(rawValue: i.sharing).map({ user.wall.lets($0, recordedBy: i.$organisation.id) }) == true {
            byID[i.id!] = i
        }
        let members = ids.compactMap { byID[$0] }.map { i in
            ThemeView.Member(id: i.id!, text: i.text, heard: Day(ordinal: i.heardDay).description,
                             sentiment: SentimentAnalyser.score(i.text).polarity.rawValue)
        }
        let others = try await AnalysisService.themes(run, req.db).filter { $0.id != theme.id }.map { ($0.id!, $0.displayLabel) }
        let taxonomy = try await Theme.query(on: req.db).sort(\.$name).all().map { ($0.id!, $0.name) }
        let notice = req.queryValues["done"].map { "Saved: \($0)" }
        return ThemeView.render(req, run: run, theme: theme, quotes: reps.compactMap { id in byID[id].map { (id, $0.text) } },
                                members: PageOf(items: members, request: window, total: total), others: others, taxonomy: taxonomy,
                                taxonomyName: theme.taxonomyThemeID.flatMap { id in taxonomy.first { $0.0 == id }?.1 },
                                canEdit: AnalysisService.canEdit(user, run), errors: errors, notice: notice)
    }

    static func givenThemes(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard AnalysisService.canRun(user) else { throw Abort(.forbidden, reason: "Only insight analysts, officers and partnership admins map insights to themes") }
        let q = req.queryValues
        let input = GivenThemeMapping.input(q)
        let bundles = try await InsightBundle.query(on: req.db).sort(\.$title).all().map { ($0.id!, $0.title) }
        // The form was sent when the query string names the field, even empty.
        let sent = (req.url.query ?? "").split(separator: "&").contains { $0 == "themes" || $0.hasPrefix("themes=") }
        guard sent else { return GivenThemesView.render(req, input: input, bundles: bundles, result: nil, errors: []) }
        do {
            let result = try await GivenThemeMapping.run(input, user: user, app: req.application, on: req.db)
            if q["format"] == "csv" { return CSVDownload.response(GivenThemeMapping.csv(result), filename: "given-themes.csv") }
            return GivenThemesView.render(req, input: input, bundles: bundles, result: result, errors: [])
        } catch let failure as ValidationFailure {
            return GivenThemesView.render(req, input: input, bundles: bundles, result: nil, errors: failure.errors)
        }
    }

    static func compare(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let runs = try await AnalysisRun.query(on: req.db).filter(\.$status == AnalysisRun.Status.done.rawValue).sort(\.$createdAt, .descending).limit(500).all()
            .filter { AnalysisService.canSee(user, $0) }
        let q = req.queryValues
        var v = Validator()
        func pick(_ key: String) -> AnalysisRun? {
            guard let s = q[key], !s.isEmpty else { return nil }
            if let id = UUID(uuidString: s), let r = runs.first(where: { $0.id == id }) { return r }
            v.add(key, "Choose a finished analysis from the list"); return nil
        }
        let a = pick("a"), b = pick("b")
        try v.check()
        var pairs: [ThemeView.Pair] = []
        if let a, let b {
            let ta = try await AnalysisService.themes(a, req.db), tb = try await AnalysisService.themes(b, req.db)
            let ma = try await AnalysisService.members(runID: a.id!, req.db), mb = try await AnalysisService.members(runID: b.id!, req.db)
            let matches = ThemeMatcher.match(previous: ta.map { ThemeSnapshot(key: $0.id!, memberIDs: ma[$0.id!] ?? [], signature: $0.signatureValue) },
                                             current: tb.map { ThemeSnapshot(key: $0.id!, memberIDs: mb[$0.id!] ?? [], signature: $0.signatureValue) })
            pairs = matches.map { m in
                let before = m.previous.map { ta[$0] }, after = m.current.map { tb[$0] }
                return ThemeView.Pair(before: before?.displayLabel, after: after?.displayLabel, status: m.status.rawValue, similarity: m.similarity,
                                      sizes: "\(before.map { String($0.size) } ?? "—") → \(after.map { String($0.size) } ?? "—")")
            }
        }
        let labels = runs.map { ($0.id!, "\($0.title) (\($0.createdAt.map { Day($0).description } ?? ""))") }
        return ThemeView.compare(req, runs: labels, a: a, b: b, pairs: pairs)
    }
}
