import Vapor
import Fluent
import ChorusCore

/// The insight store for staff: browse and search, capture with a redaction preview, one insight's page and tags,
/// bulk re-tag, CSV export, and bundles.
enum InsightRoutes {
    static func register(staff: any RoutesBuilder, app: Application) {
        app.get("assets", "insight-draft.js") { _ in StaticAsset.response(InsightFormView.draftScript, type: "text/javascript") }
        app.get("assets", "import-progress.js") { _ in StaticAsset.response(InsightImportView.progressScript, type: "text/javascript") }
        let i = staff.grouped("insights")
        i.get { req in
            let user = try req.requireUser()
            let q = req.queryValues
            let f = try InsightQueries.filter(q, viewer: user)
            let page = try await InsightQueries.page(req.db, f, req.pageRequest)
            let bundles = user.role.canCurateInsight
                ? try await InsightBundle.query(on: req.db).filter(\.$organisation.$id == user.organisationID).filter(\.$query == nil).sort(\.$title).all() : []
            var notice: String? = nil
            if let n = q["retagged"].flatMap({ Int($0) }) {
                notice = InsightQueries.shownTotal(n, f).isHidden ? req.t("insight.retagged_few") : req.t("insight.retagged", n)
            }
            return try await InsightListView.render(req, page: page, query: q.filter { $0.key != "retagged" }, bundles: bundles, notice: notice,
                                                    total: InsightQueries.shownTotal(page.total, capped: page.totalIsCapped, f))
        }
        staff.get("insights.csv") { req in
            let f = try InsightQueries.filter(req.queryValues, viewer: try req.requireUser())
            return CSVDownload.response(try await InsightQueries.csv(req.db, f), filename: "insights.csv")
        }
        InsightImportRoutes.register(i, app: app)
        i.get("new") { req in
            guard try req.requireUser().role.canRecordInsight else { throw Abort(.forbidden) }
            return try await InsightFormView.render(req, input: Input(values: [:]), errors: [])
        }
        i.post { req in
            let user = try req.requireUser()
            guard user.role.canRecordInsight else { throw Abort(.forbidden) }
            let input = try Input.form(req)
            let clean: InsightService.Clean
            do {
                clean = try InsightService.validate(input, user: user, reference: try await InsightService.Reference.load(req.db), today: Day(Date()))
            } catch let failure as ValidationFailure {
                return try await InsightFormView.render(req, input: input, errors: failure.errors)
            }
            // Something was taken out and the recorder has not yet seen exactly this text redacted: show it first.
            if !clean.redaction.redactions.isEmpty && input["previewed"] != Tokens.hash(input["text"] ?? "") {
                return try await InsightFormView.render(req, input: input, errors: [], preview: clean.redaction)
            }
            let id = try await InsightService.create(clean, user: user, on: req.db)
            return req.redirect(to: SiteURL.with(SiteURL.Insights.show(id), ["saved": "1"]))
        }
        i.post("retag") { req in
            let user = try req.requireUser()
            let form = try Input.form(req)
            let query = form["query"] ?? ""
            let n = try await InsightBundleService.retag(query: query, themeID: form["theme_id"], action: form["action"], user: user, on: req.db)
            return req.redirect(to: SiteURL.Insights.list + "?" + SiteURL.with("", InsightBundleService.parseQuery(query).merging(["retagged": String(n)]) { a, _ in a })
                .drop { $0 == "?" })
        }
        i.get(":id") { req in
            let user = try req.requireUser()
            let insight = try await InsightService.findVisible(req.parameters.get("id", as: UUID.self), user: user, req.db)
            let links = try await InsightQueries.Links.load([insight], req.db)
            let canTag = user.role.canCurateInsight || InsightService.canRecordFor(user, organisationID: insight.$organisation.id)
            let themes = canTag ? try await InsightChoices.load(req).themes : []
            return InsightPageView.render(req, insight, links: links, themeOptions: themes, canTag: canTag, saved: req.queryValues["saved"] != nil,
                                          outcomes: InsightOutcomes.section(try await DecisionsPages.outcomes(prompting: insight, viewer: user, today: Day(Date()), req.db)))
        }
        i.post(":id", "themes") { req in
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

        let b = i.grouped("bundles")
        b.get { req in
            _ = try req.requireUser()
            let bundles = try await InsightBundle.query(on: req.db).sort(\.$updatedAt, .descending).all()
            let orgs = try await NameLookup.names(Organisation.self, Array(Set(bundles.map { $0.$organisation.id })), req.db) { $0.name }
            return BundleViews.list(req, rows: bundles.map {
                .init(id: $0.id!, title: $0.title, organisation: orgs[$0.$organisation.id] ?? "", isSearch: $0.query != nil, updated: $0.updatedAt)
            }, notice: req.queryValues["deleted"] != nil ? req.t("bundle.deleted") : nil)
        }
        b.post { req in
            let user = try req.requireUser()
            let form = try Input.form(req)
            let bundle = try await InsightBundleService.createSearch(title: form["title"], query: form["query"] ?? "", user: user, on: req.db)
            return req.redirect(to: SiteURL.with(SiteURL.Insights.bundle(bundle.id!), ["saved": "1"]))
        }
        b.post("add") { req in
            let user = try req.requireUser()
            let form = try Input.form(req)
            let bundle = try await InsightBundleService.addSelection(bundleID: form["bundle_id"], title: form["new_title"], insightIDs: form.list("insight_ids"),
                                                                     user: user, on: req.db)
            return req.redirect(to: SiteURL.with(SiteURL.Insights.bundle(bundle.id!), ["saved": "1"]))
        }
        b.get(":id") { req in
            let user = try req.requireUser()
            guard let id = req.parameters.get("id", as: UUID.self), let bundle = try await InsightBundle.find(id, on: req.db) else { throw Abort(.notFound) }
            let f = try InsightBundleService.filter(for: bundle, viewer: user)
            let page = try await InsightQueries.page(req.db, f, req.pageRequest)
            let links = try await InsightQueries.Links.load(page.items, req.db)
            let owner = try await Organisation.find(bundle.$organisation.id, on: req.db)?.name ?? ""
            let canEdit = user.role.canCurateInsight && (bundle.$organisation.id == user.organisationID || user.role.canAdministerPartnership)
            return BundleViews.show(req, bundle: bundle, owner: owner, page: page, total: InsightQueries.shownTotal(page.total, capped: page.totalIsCapped, f),
                                    links: links, canEdit: canEdit,
                                    notice: req.queryValues["saved"] != nil ? req.t("bundle.saved") : nil)
        }
        b.post(":id", "remove") { req in
            let user = try req.requireUser()
            let bundle = try await InsightBundleService.removeSelection(req.parameters.get("id", as: UUID.self), insightIDs: try Input.form(req).list("insight_ids"),
                                                                        user: user, on: req.db)
            return req.redirect(to: SiteURL.Insights.bundle(bundle.id!))
        }
        b.post(":id", "delete") { req in
            try await InsightBundleService.delete(req.parameters.get("id", as: UUID.self), user: try req.requireUser(), on: req.db)
            return req.redirect(to: SiteURL.Insights.bundles + "?deleted=1")
        }
    }
}
