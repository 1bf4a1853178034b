import Vapor
import Fluent
import ChorusCore

/// The register pages for staff: list, calendar, register/edit, activity page with overlaps, fatigue.
enum RegisterRoutes {
    static func register(staff: any RoutesBuilder) {
        let a = staff.grouped("activities")
        a.get { req in
            let user = try req.requireUser()
            let q = req.queryValues
            let filter = try RegisterQueries.filter(q, viewer: user)
            let page = try await RegisterQueries.page(req.db, filter, req.pageRequest)
            return try await ActivityListView.render(req, page: page, query: q, canRegister: user.role.canRegisterEngagement)
        }
        staff.get("activities.csv") { req in
            let filter = try RegisterQueries.filter(req.queryValues, viewer: try req.requireUser())
            return CSVDownload.response(try await RegisterQueries.csv(req.db, filter), filename: "activities.csv")
        }
        a.get("calendar") { req in
            let user = try req.requireUser()
            var q = req.queryValues
            let today = Day(Date()).components
            var (year, month) = (today.year, today.month)
            if let m = q["month"] {
                guard let d = Day(iso: m + "-01") else { throw ValidationFailure([FieldError("month", "Enter the month as YYYY-MM, like 2026-11")]) }
                (year, month) = (d.components.year, d.components.month)
            }
            let first = Day(iso: String(format: "%04d-%02d-01", year, month))!
            q["from"] = first.description
            q["to"] = first.adding(days: Day.daysIn(month: month, year: year) - 1).description
            let filter = try RegisterQueries.filter(q, viewer: user)
            let limit = 500
            let page = try await RegisterQueries.page(req.db, filter, PageWindow(page: 1, size: limit), newestFirst: false)
            var shown = req.queryValues
            shown["month"] = String(format: "%04d-%02d", year, month)
            return CalendarView.render(req, year: year, month: month, items: page.items, query: shown, truncated: page.total > limit)
        }
        a.get("import") { req in
            guard try req.requireUser().role.canRegisterEngagement else { throw Abort(.forbidden) }
            return ActivityImportView.upload(req, errors: [])
        }
        a.post("import") { req in
            let user = try req.requireUser()
            guard user.role.canRegisterEngagement else { throw Abort(.forbidden) }
            guard let file = try? req.content.get(File.self, at: "file"), file.data.readableBytes > 0 else {
                return ActivityImportView.upload(req, errors: [FieldError("file", req.t("import.choose_file"))])
            }
            let text = String(decoding: file.data.readableBytesView, as: UTF8.self)
            do {
                let records = try CSV.parse(text)
                guard let header = records.first, records.count > 1 else {
                    return ActivityImportView.upload(req, errors: [FieldError("file", req.t("import.no_rows"))])
                }
                guard header.count <= ActivityImport.maxColumns else {
                    return ActivityImportView.upload(req, errors: [FieldError("file", req.t("import.too_many_columns", header.count, ActivityImport.maxColumns))])
                }
                let upload = try UploadStash.keep(text, owner: user.id, app: req.application)
                return ActivityImportView.mapping(req, upload: upload, header: header, mapping: ActivityImport.guessMapping(header: header),
                                                  rows: records.count - 1, errors: [])
            } catch let error as CSV.ParseError {
                return ActivityImportView.upload(req, errors: [FieldError("file", "The file could not be read as CSV (\(error))")])
            }
        }.gatesItsOwnWrites()   // the preview writes nothing
        a.post("import", "run") { req in
            let user = try req.requireUser()
            guard user.role.canRegisterEngagement else { throw Abort(.forbidden) }
            let form = try Input.form(req)
            guard let text = UploadStash.read(form["upload"], owner: user.id, app: req.application) else {
                return ActivityImportView.upload(req, errors: [FieldError("file", req.t("import.upload_gone"))])
            }
            var mapping: [String: Int] = [:]
            for (field, _) in ActivityImport.fields { if let i = form["map_" + field].flatMap({ Int($0) }) { mapping[field] = i } }
            let validOnly = Input.isTrue(form["valid_only"])
            do {
                let outcome = try await RegisterImportService.run(csv: text, mapping: mapping, validOnly: validOnly, user: user, db: req.db)
                if outcome.problems.isEmpty || validOnly { UploadStash.discard(form["upload"], owner: user.id, app: req.application) }
                return ActivityImportView.report(req, outcome: outcome, validOnly: validOnly)
            } catch let e as FieldError {
                let records = (try? CSV.parse(text)) ?? []
                if e.field == "file" { return ActivityImportView.upload(req, errors: [e]) }
                return ActivityImportView.mapping(req, upload: form["upload"] ?? "", header: records.first ?? [], mapping: mapping,
                                                  rows: max(0, records.count - 1), errors: [e])
            }
        }
        a.get("new") { req in
            let user = try req.requireUser()
            guard user.role.canRegisterEngagement else { throw Abort(.forbidden) }
            return try await ActivityFormView.render(req, activityID: nil, title: req.t("activity.register"),
                                                     input: Input(values: ["is_public": "true"]), errors: [])
        }
        a.post { req in
            let user = try req.requireUser()
            guard user.role.canRegisterEngagement else { throw Abort(.forbidden) }
            let input = try Input.form(req)
            do {
                let activity = try await RegisterService.create(input, user: user, on: req.db)
                return req.redirect(to: SiteURL.with(SiteURL.Register.show(activity.id!), ["saved": "1"]) + "#overlaps")
            } catch let failure as ValidationFailure {
                return try await ActivityFormView.render(req, activityID: nil, title: req.t("activity.register"), input: input, errors: failure.errors)
            }
        }
        a.get(":id") { req in
            let user = try req.requireUser()
            let activity = try await RegisterService.findVisible(req.parameters.get("id", as: UUID.self), user: user, req.db)
            return try await page(req, activity, user: user)
        }
        a.get(":id", "edit") { req in
            let user = try req.requireUser()
            let activity = try await RegisterService.find(req.parameters.get("id", as: UUID.self), req.db)
            try RegisterService.requireEditor(user, activity)
            return try await ActivityFormView.render(req, activityID: activity.id, title: req.t("activity.edit_title", activity.title),
                                                     input: try await RegisterService.snapshot(activity, req.db), errors: [])
        }
        a.post(":id") { req in
            let user = try req.requireUser()
            let id = req.parameters.get("id", as: UUID.self)
            let input = try Input.form(req)
            do {
                let activity = try await RegisterService.update(id, input, partial: false, user: user, on: req.db)
                return req.redirect(to: SiteURL.with(SiteURL.Register.show(activity.id!), ["saved": "1"]) + "#overlaps")
            } catch let failure as ValidationFailure {
                let activity = try await RegisterService.find(id, req.db)
                return try await ActivityFormView.render(req, activityID: id, title: req.t("activity.edit_title", activity.title),
                                                         input: input, errors: failure.errors)
            }
        }
        a.post(":id", "delete") { req in
            try await RegisterService.delete(req.parameters.get("id", as: UUID.self), user: try req.requireUser(), on: req.db)
            return req.redirect(to: SiteURL.Register.list)
        }
        a.get("fatigue") { req in
            _ = try req.requireUser()
            let table = try await CoordinationService.fatigue(today: Day(Date()), threshold: req.application.chorusConfig.fatigueThreshold, on: req.db)
            return FatigueView.render(req, table: table)
        }
        staff.get("wards", ":code") { req in
            let user = try req.requireUser()
            guard let code = req.parameters.get("code")?.uppercased(),
                  let place = try await Place.query(on: req.db).filter(\.$code == code).first() else { throw Abort(.notFound) }
            let threshold = req.application.chorusConfig.fatigueThreshold
            let table = try await CoordinationService.fatigue(today: Day(Date()), threshold: threshold, on: req.db)
            var filter = try RegisterQueries.filter([:], viewer: user)
            filter.ward = place.id
            filter.from = Day(Date())
            let upcoming = try await RegisterQueries.page(req.db, filter, PageWindow(page: 1, size: 20), newestFirst: false)
            return FatigueView.ward(req, place: place, row: table.rows.first { $0.ward.id == place.id }, quarters: table.quarters,
                                    threshold: threshold, upcoming: upcoming)
        }
    }

    static func page(_ req: Request, _ activity: Activity, user: CurrentUser) async throws -> Response {
        let id = activity.id!
        // This activity's links and names once, for its own summary, the overlap check and the partners and audiences shown.
        let links = try await ActivityLinks.load([id], ActivityLinks.Kind.allCases, req.db)[id] ?? ActivityLinks()
        let names = try await RegisterNames.load(places: links.places, themes: links.themes, audiences: links.audiences,
                                                 organisations: links.partners.union([activity.$organisation.id]), req.db)
        let summary = RegisterQueries.summaries([activity], links: [id: links], names: names)[0]
        let window = req.application.chorusConfig.overlapWindowDays
        let overlaps = activity.status == ActivityStatus.draft.rawValue ? CoordinationService.Overlaps(rows: [], total: 0)
            : try await CoordinationService.overlaps(of: activity, links: links, windowDays: window, on: req.db)
        let lead = try await RegisterQueries.contacts(Set([activity.$lead.id].compactMap { $0 }), req.db).values.first
        let partners = links.partners.compactMap { names.organisations[$0] }.sorted()
        let audiences = links.audiences.compactMap { names.audiences[$0] }.sorted()
        return ActivityPageView.render(req, summary: summary, activity: activity, overlaps: overlaps,
                                       names: (lead.map { "\($0.name) (\($0.email))" }, partners, audiences),
                                       canEdit: RegisterService.canEdit(user, organisationID: activity.$organisation.id),
                                       windowDays: window, saved: req.queryValues["saved"] != nil,
                                       planStatus: try await EngagementPlan.query(on: req.db).filter(\.$activity.$id == id).first()
                                           .flatMap { PlanStatus(rawValue: $0.status) })
    }
}
