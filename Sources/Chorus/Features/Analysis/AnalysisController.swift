import Vapor
import Fluent
import ChorusCore

/// Thematic analysis pages for staff: list and run, a run's overview, a theme's page with the analysts' edits,
/// re-run, comparing two runs and mapping insights to given themes. Handlers parse the request, call
/// `AnalysisService` / `AnalysisEditing` / `AnalysisScheduling` / `AnalysisPages`, and render a pure view.
enum AnalysisController {
    typealias URLs = SiteURL.Analysis.Route

    static func routes(_ r: FeatureRoutes) {
        r.bare.get(URLs.style, use: style)
        r.staff.get(URLs.list, use: list)
        r.staff.post(URLs.list, use: create)
        r.staff.get(URLs.compare, use: compare)
        r.staff.get(URLs.givenThemes, use: givenThemes)
        r.staff.get(URLs.run, use: run)
        r.staff.post(URLs.schedule, use: schedule)
        r.staff.post(URLs.rerun, use: rerun)
        r.staff.post(URLs.move, use: move)
        r.staff.get(URLs.theme, use: theme)
        r.staff.post(URLs.themeAction, use: themeAction)
    }

    @Sendable static func style(_ req: Request) async throws -> Response {
        StaticAsset.response(SVGChart.style, type: "text/css")
    }

    // MARK: Runs

    /// The runs, and the scope form: its controls are a GET form ("Show how many insights" counts the scope chosen).
    @Sendable static func list(_ req: Request) async throws -> Response {
        let q = req.queryValues
        return try await listPage(req, scope: q, bundleID: q["bundle_id"], input: [:], errors: [])
    }

    /// Runs the scope the form carries: the filter's fields and `bundle_id` (as the scope form counted them), or a
    /// filter typed as the insight list's query string in `query` (as the form took it before the controls).
    @Sendable static func create(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try Input.form(req)
        var scope = AnalysisScope.values(form.values)
        if scope.isEmpty, let typed = form["query"] { scope = AnalysisScope.values(query: typed) }
        do {
            let run = try await AnalysisService.create(
                title: form["title"], scope: scope, bundleID: form["bundle_id"], seed: form["seed"], user: user, on: req.db)
            AnalysisRunner.start(req.application, runID: run.id!)
            return req.redirect(to: SiteURL.Analysis.run(run.id!))
        } catch let failure as ValidationFailure {
            return try await listPage(
                req, scope: scope, bundleID: form["bundle_id"], input: ["title": form["title"] ?? "", "seed": form["seed"] ?? ""],
                errors: failure.errors)
        }
    }

    static func listPage(_ req: Request, scope: [String: String], bundleID: String?, input: [String: String], errors: [FieldError]) async throws
        -> Response
    {
        let page = try await AnalysisPages.list(
            user: try req.requireUser(), scope: scope, bundleID: bundleID, input: input, errors: errors, app: req.application, req.db)
        return AnalysisViews.list(page, req.page).response(req.page)
    }

    /// A run's progress while it is queued or running (or why it failed), then its overview.
    @Sendable static func run(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let run = try await AnalysisService.findVisible(req.parameters.get("run", as: UUID.self), user: user, req.db)
        guard run.statusValue == .done else {
            let page = try await AnalysisPages.progress(
                run, live: req.application.analysisProgress.get(run.id!), refresh: req.queryValues["refresh"] != "off", user: user, req.db)
            return AnalysisViews.progress(page, req.page).response(req.page)
        }
        return try await overview(req, run, user: user, errors: [])
    }

    static func overview(_ req: Request, _ run: AnalysisRun, user: CurrentUser, errors: [FieldError]) async throws -> Response {
        let notice = req.queryValues["done"] == "schedule" ? "Schedule saved" : nil
        let page = try await AnalysisPages.overview(run, groupField: req.queryValues["group"], user: user, notice: notice, errors: errors, req.db)
        return AnalysisViews.overview(page, req.page).response(req.page)
    }

    @Sendable static func schedule(_ req: Request) async throws -> Response {
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

    @Sendable static func rerun(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let previous = try await AnalysisService.findEditable(req.parameters.get("run", as: UUID.self), user: user, req.db)
        let run = try await AnalysisService.rerun(previous, user: user, on: req.db)
        AnalysisRunner.start(req.application, runID: run.id!)
        return req.redirect(to: SiteURL.Analysis.run(run.id!))
    }

    @Sendable static func move(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let run = try await AnalysisService.findEditable(req.parameters.get("run", as: UUID.self), user: user, req.db)
        let form = try Input.form(req)
        let to = try await AnalysisEditing.move(
            run, insight: form["insight_id"], to: form["target_theme_id"], user: user, app: req.application, on: req.db)
        return req.redirect(to: SiteURL.with(SiteURL.Analysis.theme(run.id!, to.id!), ["done": "moved"]))
    }

    // MARK: Themes

    @Sendable static func theme(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let run = try await AnalysisService.findVisible(req.parameters.get("run", as: UUID.self), user: user, req.db)
        let theme = try await AnalysisService.findTheme(req.parameters.get("theme", as: UUID.self), in: run, req.db)
        return try await themePage(req, run, theme, user: user, errors: [])
    }

    /// Rename, pin, note, merge, split or map a theme (the action is the path's last segment).
    @Sendable static func themeAction(_ req: Request) async throws -> Response {
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

    static func themePage(_ req: Request, _ run: AnalysisRun, _ theme: DiscoveredTheme, user: CurrentUser, errors: [FieldError]) async throws
        -> Response
    {
        let notice = req.queryValues["done"].map { "Saved: \($0)" }
        let page = try await AnalysisPages.theme(run, theme, window: req.pageRequest, user: user, notice: notice, errors: errors, req.db)
        return ThemeView.render(page, req.page).response(req.page)
    }

    // MARK: Comparing and given themes

    @Sendable static func compare(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let q = req.queryValues
        let page = try await AnalysisPages.compare(a: q["a"], b: q["b"], user: user, req.db)
        return ThemeView.compare(page, req.page).response(req.page)
    }

    @Sendable static func givenThemes(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard AnalysisService.canRun(user) else {
            throw Abort(.forbidden, reason: "Only insight analysts, officers and partnership admins map insights to themes")
        }
        let q = req.queryValues
        let input = GivenThemeMapping.input(q)
        // The form was sent when the query string names the field, even empty.
        let sent = (req.url.query ?? "").split(separator: "&").contains { $0 == "themes" || $0.hasPrefix("themes=") }
        let page: AnalysisPages.GivenThemes
        if !sent {
            page = try await AnalysisPages.givenThemes(input: input, user: user, result: nil, errors: [], req.db)
        } else {
            do {
                let result = try await GivenThemeMapping.run(input, user: user, app: req.application, on: req.db)
                if q["format"] == "csv" { return CSVDownload.response(GivenThemeMapping.csv(result), filename: "given-themes.csv") }
                page = try await AnalysisPages.givenThemes(input: input, user: user, result: result, errors: [], req.db)
            } catch let failure as ValidationFailure {
                page = try await AnalysisPages.givenThemes(input: input, user: user, result: nil, errors: failure.errors, req.db)
            }
        }
        return GivenThemesView.render(page, req.page).response(req.page)
    }
}
