import Vapor
import Fluent
import ChorusCore

/// CSV import of insights: upload (`/insights/import`), choose columns with a preview, then a background job whose
/// page (`/insights/import/{id}`) follows its progress. Only the uploader and partnership admins see a job.
enum InsightImportController {
    typealias URLs = SiteURL.Insights.Route

    static func routes(_ r: FeatureRoutes) {
        r.app.importProgress = ImportProgress()
        r.bare.get(URLs.importProgressScript, use: progressScript)
        r.staff.get(URLs.importCSV, use: uploadForm)
        // Streamed: the file goes to disk as it arrives (an export of 100,000 rows is tens of megabytes).
        r.staff.on(.POST, URLs.importCSV.pathComponents, body: .stream, use: upload).streamsItsBody()
        r.staff.get(URLs.importJob, use: job)
        r.staff.post(URLs.importJob, use: saveMapping)
    }

    @Sendable static func progressScript(_ req: Request) async throws -> Response {
        StaticAsset.response(InsightImportView.progressScript, type: "text/javascript")
    }

    @Sendable static func uploadForm(_ req: Request) async throws -> Response {
        guard try req.requireUser().role.canRecordInsight else { throw Abort(.forbidden) }
        let activity = req.queryValues["activity"].flatMap(UUID.init(uuidString:))
        return InsightImportView.upload(errors: [], activity: activity, req.page).response(req.page)
    }

    @Sendable static func upload(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard user.role.canRecordInsight else { throw Abort(.forbidden) }
        let id = UUID()
        let path = InsightImportService.filePath(req.application, id)
        let upload: StreamedUpload
        do {
            upload = try await StreamedUpload.receive(req, fileField: "file", to: path, maxFileBytes: InsightImportService.maxBytes)
        } catch let failure as StreamedUpload.Failure {
            return InsightImportView.upload(errors: [FieldError("file", failure.message)], req.page).response(req.page)
        }
        do { try req.checkCSRF(upload.fields[CSRFMiddleware.fieldName]) } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        guard upload.hasFile, !(upload.fileName.isEmpty && upload.bytes == 0) else {
            try? FileManager.default.removeItem(atPath: path)
            return InsightImportView.upload(errors: [FieldError("file", req.t("import.choose_file"))], req.page).response(req.page)
        }
        do {
            let job = try await InsightImportService.register(upload: upload, id: id, user: user, app: req.application, db: req.db)
            // An import started from an activity's page proposes that activity for all rows.
            let activity = upload.fields["activity"].flatMap(UUID.init(uuidString:))
            return req.redirect(
                to: activity.map { SiteURL.with(SiteURL.Insights.importJob(job.id!), ["activity": $0.uuidString]) }
                    ?? SiteURL.Insights.importJob(job.id!))
        } catch let e as FieldError {
            return InsightImportView.upload(errors: [e], req.page).response(req.page)
        }
    }

    @Sendable static func job(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let job = try await InsightImportService.findVisible(req.parameters.get("id", as: UUID.self), user: user, req.db)
        if job.statusValue == .uploaded {
            var mapping =
                InsightImportService.decode(job.mapping)
                ?? InsightCSV.Mapping(
                    columns: [:], defaultSharing: SharingLevel.organisation.rawValue, defaultKind: InsightKind.surveyAnswer.rawValue, validOnly: false
                )
            // The activity proposed by `?activity=` (an import started from the activity's page), if this person may use it.
            if job.mapping == nil, let proposed = req.queryValues["activity"].flatMap(UUID.init(uuidString:)),
                try await InsightService.activityChoices(user, req.db).contains(proposed)
            {
                mapping.defaultActivity = proposed
            }
            return try await mappingPage(req, job, user: user, mapping: mapping, guess: job.mapping == nil, errors: [])
        }
        let page = InsightPages.ImportJobPage(
            job, live: req.application.importProgress.get(job.id!), refresh: req.queryValues["refresh"] != "off",
            canImportValidRows: job.$person.id == user.id && InsightImportService.canImportValidRows(job))
        return InsightImportView.job(page, req.page).response(req.page)
    }

    @Sendable static func saveMapping(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let job = try await InsightImportService.findVisible(req.parameters.get("id", as: UUID.self), user: user, req.db)
        guard job.$person.id == user.id else { throw Abort(.forbidden, reason: "Only the person who uploaded the file can start its import") }
        let form = try Input.form(req)
        if form["action"] == "valid_rows" { return try await importValidRows(req, job) }
        guard job.statusValue == .uploaded else { return req.redirect(to: SiteURL.Insights.importJob(job.id!)) }
        let header = try await req.application.computePool.runIfActive { [path = job.filePath] in
            try InsightImportService.scan(path: path, wholeFile: false).header
        }
        let activities = try await InsightService.activityChoices(user, req.db)
        let mapping: InsightCSV.Mapping
        do {
            mapping = try InsightImportService.mapping(from: form, columns: header.count, activities: activities)
        } catch let failure as ValidationFailure {
            var partial = InsightCSV.Mapping(
                columns: [:], defaultSharing: form["default_sharing"] ?? "", defaultKind: form["default_kind"] ?? "",
                validOnly: Input.isTrue(form["valid_only"]))
            for (field, _) in InsightCSV.fields { if let i = form["map_" + field].flatMap({ Int($0) }) { partial.columns[field] = i } }
            return try await mappingPage(
                req, job, user: user, mapping: partial, guess: false, errors: failure.errors, typedActivity: form["default_activity"])
        }
        job.mapping = InsightImportService.encode(mapping)
        if form["action"] != "start" {
            try await job.save(on: req.db)
            return try await mappingPage(req, job, user: user, mapping: mapping, guess: false, errors: [])
        }
        job.status = ImportJob.Status.queued.rawValue
        try await job.save(on: req.db)
        InsightImportRunner.start(req.application, jobID: job.id!)
        return req.redirect(to: SiteURL.Insights.importJob(job.id!))
    }

    /// "Import the N valid rows" after a run that stored nothing: the same file (kept for this) and mapping again, storing
    /// the rows that passed and skipping the others, all or nothing for those rows (`expectedValidRows`).
    private static func importValidRows(_ req: Request, _ job: ImportJob) async throws -> Response {
        guard InsightImportService.canImportValidRows(job), var mapping = InsightImportService.decode(job.mapping),
            let total = job.rowsTotal
        else { return req.redirect(to: SiteURL.Insights.importJob(job.id!)) }
        mapping.validOnly = true
        mapping.expectedValidRows = total - job.rowsRejected
        job.mapping = InsightImportService.encode(mapping)
        job.status = ImportJob.Status.queued.rawValue
        job.rowsDone = 0
        job.finishedAt = nil
        job.message = nil
        try await job.save(on: req.db)
        InsightImportRunner.start(req.application, jobID: job.id!)
        return req.redirect(to: SiteURL.Insights.importJob(job.id!))
    }

    private static func mappingPage(
        _ req: Request, _ job: ImportJob, user: CurrentUser, mapping: InsightCSV.Mapping, guess: Bool,
        errors: [FieldError], typedActivity: String? = nil
    ) async throws -> Response {
        let page = try await InsightPages.importMapping(
            job, user: user, mapping: mapping, guess: guess, errors: errors, typedActivity: typedActivity,
            pool: req.application.computePool, req.db)
        return InsightImportView.mapping(page, req.page).response(req.page)
    }
}
