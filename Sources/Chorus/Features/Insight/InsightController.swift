import Vapor
import Fluent
import ChorusCore

/// The insight store for staff: browse and search, capture with a redaction preview, one insight's page and tags,
/// bulk re-tag, CSV export, and bundles. Handlers parse the request, call `InsightService` / `InsightBundleService` /
/// `InsightPages`, and render a pure view. CSV import is `InsightImportController`.
enum InsightController {
    typealias URLs = SiteURL.Insights.Route

    static func routes(_ r: FeatureRoutes) {
        r.bare.get(URLs.draftScript, use: draftScript)
        r.staff.get(URLs.list, use: list)
        r.staff.get(URLs.csv, use: csv)
        r.staff.get(URLs.new, use: new)
        r.staff.post(URLs.list, use: create)
        r.staff.post(URLs.retag, use: retag)
        r.staff.get(URLs.insight, use: show)
        r.staff.post(URLs.themes, use: setThemes)
        r.staff.get(URLs.bundles, use: bundles)
        r.staff.post(URLs.bundles, use: saveSearch)
        r.staff.post(URLs.addToBundle, use: addToBundle)
        r.staff.get(URLs.bundle, use: bundle)
        r.staff.post(URLs.bundleRemove, use: removeFromBundle)
        r.staff.post(URLs.bundleDelete, use: deleteBundle)
    }

    @Sendable static func draftScript(_ req: Request) async throws -> Response {
        StaticAsset.response(InsightFormView.draftScript, type: "text/javascript")
    }

    // MARK: Insights

    @Sendable static func list(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let q = req.queryValues
        let f = try InsightQueries.filter(q, viewer: user)
        var notice: String? = nil
        if let n = q["retagged"].flatMap({ Int($0) }) {
            notice = InsightQueries.shownTotal(n, f).isHidden ? req.t("insight.retagged_few") : req.t("insight.retagged", n)
        }
        let page = try await InsightPages.list(
            f, window: req.pageRequest, query: q.filter { $0.key != "retagged" }, user: user, notice: notice, req.db)
        return InsightListView.render(page, req.page).response(req.page)
    }

    @Sendable static func csv(_ req: Request) async throws -> Response {
        let f = try InsightQueries.filter(req.queryValues, viewer: try req.requireUser())
        return CSVDownload.response(try await InsightQueries.csv(req.db, f), filename: "insights.csv")
    }

    @Sendable static func new(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard user.role.canRecordInsight else { throw Abort(.forbidden) }
        // `?activity=<id>` (the activity page's "Record an insight for this activity") preselects "Heard during"; an id
        // the recorder may not use is ignored here and refused if sent.
        let activity = req.queryValues["activity"].flatMap(UUID.init(uuidString:))
        let input = Input(values: activity.map { ["activity_id": $0.uuidString] } ?? [:])
        let page = try await InsightPages.newInsight(user: user, input: input, errors: [], today: Day(Date()), req.db)
        return InsightFormView.render(page, req.page).response(req.page)
    }

    @Sendable static func create(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard user.role.canRecordInsight else { throw Abort(.forbidden) }
        let input = try Input.form(req)
        let clean: InsightService.Clean
        do {
            clean = try InsightService.validate(
                input, user: user, reference: try await InsightService.Reference.load(req.db, user: user), today: Day(Date()))
        } catch let failure as ValidationFailure {
            // The form's "Heard during" is the picker (`activity`); an id sent with it is reported there too.
            let errors = failure.errors.map { $0.field == "activity_id" ? FieldError("activity", $0.message) : $0 }
            let page = try await InsightPages.newInsight(user: user, input: input, errors: errors, today: Day(Date()), req.db)
            return InsightFormView.render(page, req.page).response(req.page)
        }
        // Something was taken out and the recorder has not yet seen exactly this text redacted: show it first.
        if !clean.redaction.redactions.isEmpty && input["previewed"] != Tokens.hash(input["text"] ?? "") {
            let page = try await InsightPages.newInsight(user: user, input: input, errors: [], preview: clean.redaction, today: Day(Date()), req.db)
            return InsightFormView.render(page, req.page).response(req.page)
        }
        let id = try await InsightService.create(clean, user: user, on: req.db)
        return req.redirect(to: SiteURL.with(SiteURL.Insights.show(id), ["saved": "1"]))
    }

    @Sendable static func retag(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try Input.form(req)
        let query = form["query"] ?? ""
        let n = try await InsightBundleService.retag(query: query, themeID: form["theme_id"], action: form["action"], user: user, on: req.db)
        return req.redirect(
            to: SiteURL.Insights.list + "?"
                + SiteURL.with("", InsightBundleService.parseQuery(query).merging(["retagged": String(n)]) { a, _ in a })
                .drop { $0 == "?" })
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let page = try await InsightPages.insight(
            req.parameters.get("id", as: UUID.self), user: try req.requireUser(), saved: req.queryValues["saved"] != nil,
            today: Day(Date()), req.db)
        return InsightPageView.render(page, req.page).response(req.page)
    }

    @Sendable static func setThemes(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let insight = try await InsightService.findVisible(req.parameters.get("id", as: UUID.self), user: user, req.db)
        let form = try Input.form(req)
        let raw = form.list("theme_ids").filter { !$0.isEmpty }
        let ids = raw.compactMap(UUID.init(uuidString:))
        let known = Set(try await Theme.query(on: req.db).all().compactMap(\.id))
        guard ids.count == raw.count, ids.allSatisfy(known.contains) else {
            throw ValidationFailure([FieldError("theme_ids", "Select themes from the list")])
        }
        try await InsightService.setThemes(insight, themeIDs: ids, user: user, on: req.db)
        return req.redirect(to: SiteURL.Insights.show(insight.id!) + "#themes")
    }

    // MARK: Bundles

    @Sendable static func bundles(_ req: Request) async throws -> Response {
        _ = try req.requireUser()
        let page = try await InsightPages.bundles(notice: req.queryValues["deleted"] != nil ? req.t("bundle.deleted") : nil, req.db)
        return BundleViews.list(page, req.page).response(req.page)
    }

    @Sendable static func saveSearch(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try Input.form(req)
        let bundle = try await InsightBundleService.createSearch(title: form["title"], query: form["query"] ?? "", user: user, on: req.db)
        return req.redirect(to: SiteURL.with(SiteURL.Insights.bundle(bundle.id!), ["saved": "1"]))
    }

    @Sendable static func addToBundle(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try Input.form(req)
        let bundle = try await InsightBundleService.addSelection(
            bundleID: form["bundle_id"], title: form["new_title"], insightIDs: form.list("insight_ids"),
            user: user, on: req.db)
        return req.redirect(to: SiteURL.with(SiteURL.Insights.bundle(bundle.id!), ["saved": "1"]))
    }

    @Sendable static func bundle(_ req: Request) async throws -> Response {
        var page = try await InsightPages.bundle(
            req.parameters.get("id", as: UUID.self), user: try req.requireUser(), window: req.pageRequest, req.db)
        if req.queryValues["saved"] != nil { page.notice = req.t("bundle.saved") }
        return BundleViews.show(page, req.page).response(req.page)
    }

    @Sendable static func removeFromBundle(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let bundle = try await InsightBundleService.removeSelection(
            req.parameters.get("id", as: UUID.self), insightIDs: try Input.form(req).list("insight_ids"),
            user: user, on: req.db)
        return req.redirect(to: SiteURL.Insights.bundle(bundle.id!))
    }

    @Sendable static func deleteBundle(_ req: Request) async throws -> Response {
        try await InsightBundleService.delete(req.parameters.get("id", as: UUID.self), user: try req.requireUser(), on: req.db)
        return req.redirect(to: SiteURL.Insights.bundles + "?deleted=1")
    }
}
