import Vapor
import Fluent
import ChorusCore

/// The register pages for staff: list, CSV, calendar, import, register/edit/delete, the activity page with its
/// overlaps, fatigue and a ward. Handlers parse the request, call `RegisterService` / `RegisterPages`, and render a
/// pure view.
enum RegisterController {
    typealias URLs = SiteURL.Register.Route

    static func routes(_ r: FeatureRoutes) {
        r.staff.get(URLs.list, use: list)
        r.staff.post(URLs.list, use: create)
        r.staff.get(URLs.csv, use: csv)
        r.staff.get(URLs.calendar, use: calendar)
        r.staff.get(URLs.importUpload, use: importUpload)
        r.staff.post(URLs.importUpload, use: importPreview).gatesItsOwnWrites()  // the preview writes nothing
        r.staff.post(URLs.importRun, use: importRun)
        r.staff.get(URLs.new, use: new)
        r.staff.get(URLs.activity, use: show)
        r.staff.post(URLs.activity, use: update)
        r.staff.get(URLs.edit, use: edit)
        r.staff.post(URLs.delete, use: delete)
        r.staff.get(URLs.fatigue, use: fatigue)
        r.staff.get(URLs.ward, use: ward)
    }

    // MARK: The register

    @Sendable static func list(_ req: Request) async throws -> Response {
        let page = try await RegisterPages.list(user: req.requireUser(), query: req.queryValues, window: req.pageRequest, req.db)
        return ActivityListView.render(page, req.page).response(req.page)
    }

    @Sendable static func csv(_ req: Request) async throws -> Response {
        let filter = try RegisterQueries.filter(req.queryValues, viewer: try req.requireUser())
        return CSVDownload.response(try await RegisterQueries.csv(req.db, filter), filename: "activities.csv")
    }

    @Sendable static func calendar(_ req: Request) async throws -> Response {
        let page = try await RegisterPages.calendar(user: req.requireUser(), query: req.queryValues, today: Day(Date()), req.db)
        return CalendarView.render(page, req.page).response(req.page)
    }

    // MARK: Registering and editing

    @Sendable static func new(_ req: Request) async throws -> Response {
        let user = try requireRegistrar(req)
        let page = try await RegisterPages.form(nil, input: Input(values: ["is_public": "true"]), user: user, req.db)
        return ActivityFormView.render(page, req.page).response(req.page)
    }

    @Sendable static func create(_ req: Request) async throws -> Response {
        let user = try requireRegistrar(req)
        let input = try Input.form(req)
        do {
            let activity = try await RegisterService.create(input, user: user, on: req.db)
            return req.redirect(to: SiteURL.with(SiteURL.Register.show(activity.id!), ["saved": "1"]) + "#overlaps")
        } catch let failure as ValidationFailure {
            let page = try await RegisterPages.form(nil, input: input, errors: failure.errors, user: user, req.db)
            return ActivityFormView.render(page, req.page).response(req.page)
        }
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let activity = try await RegisterService.findVisible(req.parameters.get("id", as: UUID.self), user: user, req.db)
        let page = try await RegisterPages.activity(
            activity, user: user, windowDays: req.application.chorusConfig.overlapWindowDays,
            saved: req.queryValues["saved"] != nil, req.db)
        return ActivityPageView.render(page, req.page).response(req.page)
    }

    @Sendable static func edit(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let activity = try await RegisterService.find(req.parameters.get("id", as: UUID.self), req.db)
        try RegisterService.requireEditor(user, activity)
        let page = try await RegisterPages.form(activity, input: try await RegisterService.snapshot(activity, req.db), user: user, req.db)
        return ActivityFormView.render(page, req.page).response(req.page)
    }

    @Sendable static func update(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let id = req.parameters.get("id", as: UUID.self)
        let input = try Input.form(req)
        do {
            let activity = try await RegisterService.update(id, input, partial: false, user: user, on: req.db)
            return req.redirect(to: SiteURL.with(SiteURL.Register.show(activity.id!), ["saved": "1"]) + "#overlaps")
        } catch let failure as ValidationFailure {
            let activity = try await RegisterService.find(id, req.db)
            let page = try await RegisterPages.form(activity, input: input, errors: failure.errors, user: user, req.db)
            return ActivityFormView.render(page, req.page).response(req.page)
        }
    }

    @Sendable static func delete(_ req: Request) async throws -> Response {
        try await RegisterService.delete(req.parameters.get("id", as: UUID.self), user: try req.requireUser(), on: req.db)
        return req.redirect(to: SiteURL.Register.list)
    }

    // MARK: Importing a spreadsheet

    @Sendable static func importUpload(_ req: Request) async throws -> Response {
        _ = try requireRegistrar(req)
        return uploadPage(req, [])
    }

    /// Reads the uploaded file and shows the column mapping (keeps the file for the run; saves no activity).
    @Sendable static func importPreview(_ req: Request) async throws -> Response {
        let user = try requireRegistrar(req)
        guard let file = try? req.content.get(File.self, at: "file"), file.data.readableBytes > 0 else {
            return uploadPage(req, [FieldError("file", req.t("import.choose_file"))])
        }
        let text = String(decoding: file.data.readableBytesView, as: UTF8.self)
        do {
            let records = try CSV.parse(text)
            guard let header = records.first, records.count > 1 else {
                return uploadPage(req, [FieldError("file", req.t("import.no_rows"))])
            }
            guard header.count <= ActivityImport.maxColumns else {
                return uploadPage(req, [FieldError("file", req.t("import.too_many_columns", header.count, ActivityImport.maxColumns))])
            }
            let upload = try UploadStash.keep(text, owner: user.id, app: req.application)
            let page = RegisterPages.ImportMapping(
                upload: upload, header: header, mapping: ActivityImport.guessMapping(header: header),
                rows: records.count - 1, errors: [])
            return ActivityImportView.mapping(page, req.page).response(req.page)
        } catch let error as CSV.ParseError {
            return uploadPage(req, [FieldError("file", "The file could not be read as CSV (\(error))")])
        }
    }

    @Sendable static func importRun(_ req: Request) async throws -> Response {
        let user = try requireRegistrar(req)
        let form = try Input.form(req)
        guard let text = UploadStash.read(form["upload"], owner: user.id, app: req.application) else {
            return uploadPage(req, [FieldError("file", req.t("import.upload_gone"))])
        }
        var mapping: [String: Int] = [:]
        for (field, _) in ActivityImport.fields { if let i = form["map_" + field].flatMap({ Int($0) }) { mapping[field] = i } }
        let validOnly = Input.isTrue(form["valid_only"])
        do {
            let outcome = try await RegisterImportService.run(csv: text, mapping: mapping, validOnly: validOnly, user: user, db: req.db)
            if outcome.problems.isEmpty || validOnly { UploadStash.discard(form["upload"], owner: user.id, app: req.application) }
            return ActivityImportView.report(.init(outcome: outcome, validOnly: validOnly), req.page).response(req.page)
        } catch let e as FieldError {
            let records = (try? CSV.parse(text)) ?? []
            if e.field == "file" { return uploadPage(req, [e]) }
            let page = RegisterPages.ImportMapping(
                upload: form["upload"] ?? "", header: records.first ?? [], mapping: mapping,
                rows: max(0, records.count - 1), errors: [e])
            return ActivityImportView.mapping(page, req.page).response(req.page)
        }
    }

    // MARK: Coordination

    @Sendable static func fatigue(_ req: Request) async throws -> Response {
        _ = try req.requireUser()
        let page = try await RegisterPages.fatigue(today: Day(Date()), threshold: req.application.chorusConfig.fatigueThreshold, req.db)
        return FatigueView.render(page, req.page).response(req.page)
    }

    @Sendable static func ward(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let code = req.parameters.get("code"),
            let page = try await RegisterPages.ward(
                code: code, user: user, today: Day(Date()),
                threshold: req.application.chorusConfig.fatigueThreshold, req.db)
        else { throw Abort(.notFound) }
        return FatigueView.ward(page, req.page).response(req.page)
    }

    // MARK: Helpers

    /// The signed-in person, if they may register activities (else 403).
    static func requireRegistrar(_ req: Request) throws -> CurrentUser {
        let user = try req.requireUser()
        guard user.role.canRegisterEngagement else { throw Abort(.forbidden) }
        return user
    }

    static func uploadPage(_ req: Request, _ errors: [FieldError]) -> Response {
        ActivityImportView.upload(.init(errors: errors), req.page).response(req.page)
    }
}
