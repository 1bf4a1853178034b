import Vapor
import ChorusCore

/// Staff: the directory list (filters, pages, CSV), an entry's page, adding and changing groups, venues and
/// connectors, "still correct", removing, and importing an Open Referral UK feed. Residents: the groups-and-venues
/// finder and an entry's public page.
enum DirectoryController {
    typealias URLs = SiteURL.Directory.Route

    static func routes(_ r: FeatureRoutes) {
        r.staff.get(URLs.list, use: list)
        r.staff.get(URLs.csv, use: csv)
        r.staff.get(URLs.new, use: newForm)
        r.staff.post(URLs.new, use: create)
        r.staff.get(URLs.importFeed, use: importForm)
        r.staff.post(URLs.importFeed, use: importFeed).userInfo[BodyLimits.maxBodyKey] = DirectoryImport.maxBytes + 64 * 1024
        r.staff.post(URLs.importCSV, use: importCSV).userInfo[BodyLimits.maxBodyKey] = DirectoryCSVImport.maxBytes + 64 * 1024
        r.staff.get(URLs.entry, use: entry)
        r.staff.get(URLs.edit, use: editForm)
        r.staff.post(URLs.entry, use: update)
        r.staff.post(URLs.assure, use: assure)
        r.staff.post(URLs.delete, use: delete)
        r.staff.post(URLs.sendUpdateLink, use: sendUpdateLink)
        r.staff.get(URLs.changes, use: changes)
        r.staff.get(URLs.coverage, use: coverage)
        r.staff.get(URLs.coverageCSV, use: coverageCSV)
        r.staff.post(URLs.approveChange, use: approveChange)
        r.staff.post(URLs.rejectChange, use: rejectChange)
        r.site.get(URLs.update, use: updateForm)
        r.site.post(URLs.update, use: submitUpdate)
        r.staff.post(URLs.activityVenue, use: setVenue)
        r.staff.post(URLs.activityPartners, use: addPartner)
        r.staff.post(URLs.activityPartnerRemove, use: removePartner)
        r.publicPages.get(URLs.finder, use: finder)
        r.publicPages.get(URLs.publicEntry, use: publicEntry)
    }

    @Sendable static func list(_ req: Request) async throws -> Response {
        let q = req.queryValues
        let notice = q["deleted"] != nil ? req.t("directory.deleted") : nil
        let page = try await DirectoryPages.list(user: req.requireUser(), query: q, window: req.pageRequest, notice: notice, req.db)
        return DirectoryViews.list(page, req.page).response(req.page)
    }

    @Sendable static func csv(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let items = try await DirectoryQueries.all(.init(req.queryValues), reader: .staff(organisation: user.organisationID), req.db)
        return CSVDownload.response(DirectoryCSV.write(items), filename: "directory.csv")
    }

    static func kind(_ req: Request) throws -> DirectoryKind {
        guard let k = req.parameters.get("kind").flatMap(DirectoryKind.init(rawValue:)) else { throw Abort(.notFound) }
        return k
    }

    @Sendable static func newForm(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard user.role.canKeepDirectory else { throw Abort(.forbidden) }
        let input = Input(values: ["owner_organisation_id": user.organisationID.uuidString, "assured_on": Day(Date()).description])
        let page = try await DirectoryPages.editor(kind: try kind(req), entry: nil, input: input, user: user, req.db)
        return DirectoryViews.form(page, req.page).response(req.page)
    }

    @Sendable static func create(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let kind = try kind(req)
        let input = try Input.form(req)
        do {
            let item = try await DirectoryService.create(kind: kind, input, user: user, on: req.db)
            return req.redirect(to: SiteURL.with(SiteURL.Directory.entry(item.id), ["saved": "1"]))
        } catch let failure as ValidationFailure {
            let page = try await DirectoryPages.editor(kind: kind, entry: nil, input: input, errors: failure.errors, user: user, req.db)
            return DirectoryViews.form(page, req.page).response(req.page)
        }
    }

    @Sendable static func entry(_ req: Request) async throws -> Response {
        let q = req.queryValues
        let notice =
            q["saved"] != nil
            ? req.t("directory.saved")
            : q["assured"] != nil ? req.t("directory.assured") : q["link_sent"] != nil ? req.t("directory.link_sent") : nil
        let page = try await DirectoryPages.entry(req.parameters.get("id", as: UUID.self), user: req.requireUser(), notice: notice, req.db)
        return DirectoryViews.entry(page, req.page).response(req.page)
    }

    @Sendable static func editForm(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let item = try await DirectoryQueries.find(req.parameters.get("id", as: UUID.self), reader: .staff(organisation: user.organisationID), req.db)
        try DirectoryService.requireChanger(user, owner: item.owner.id)
        let page = try await DirectoryPages.editor(kind: item.kind, entry: .init(id: item.id, name: item.name), input: item.input, user: user, req.db)
        return DirectoryViews.form(page, req.page).response(req.page)
    }

    @Sendable static func update(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let id = req.parameters.get("id", as: UUID.self)
        let input = try Input.form(req)
        do {
            let item = try await DirectoryService.update(id, input, partial: false, user: user, on: req.db)
            return req.redirect(to: SiteURL.with(SiteURL.Directory.entry(item.id), ["saved": "1"]))
        } catch let failure as ValidationFailure {
            let item = try await DirectoryQueries.find(id, reader: .staff(organisation: user.organisationID), req.db)
            let page = try await DirectoryPages.editor(
                kind: item.kind, entry: .init(id: item.id, name: item.name), input: input, errors: failure.errors, user: user, req.db)
            return DirectoryViews.form(page, req.page).response(req.page)
        }
    }

    @Sendable static func assure(_ req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: UUID.self)
        try await DirectoryService.assure(id, user: req.requireUser(), on: req.db)
        return req.redirect(to: SiteURL.with(SiteURL.Directory.entry(id!), ["assured": "1"]))
    }

    @Sendable static func delete(_ req: Request) async throws -> Response {
        try await DirectoryService.delete(req.parameters.get("id", as: UUID.self), user: req.requireUser(), on: req.db)
        return req.redirect(to: SiteURL.with(SiteURL.Directory.list, ["deleted": "1"]))
    }

    @Sendable static func importForm(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard user.role.canKeepDirectory else { throw Abort(.forbidden) }
        return DirectoryViews.importForm(errors: [], req.page).response(req.page)
    }

    @Sendable static func importFeed(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard user.role.canKeepDirectory else { throw Abort(.forbidden) }
        let validOnly = (try? req.content.get(String.self, at: "valid_only")) == "yes"
        guard let file = try? req.content.get(File.self, at: "file"), file.data.readableBytes > 0 else {
            return DirectoryViews.importForm(errors: [FieldError("file", req.t("directory.choose_file"))], req.page).response(req.page)
        }
        let report = try await DirectoryImport.run(Data(file.data.readableBytesView), validOnly: validOnly, user: user, req.db)
        return DirectoryViews.importReport(report, req.page).response(req.page)
    }

    // MARK: Coverage gaps

    static func gaps(_ req: Request) async throws -> DirectoryGaps.Page {
        _ = try req.requireUser()
        return try await DirectoryGaps.page(
            query: req.queryValues, today: Day(Date()), threshold: req.application.chorusConfig.fatigueThreshold, req.db)
    }

    @Sendable static func coverage(_ req: Request) async throws -> Response {
        DirectoryCoverageViews.page(try await gaps(req), req.page).response(req.page)
    }

    @Sendable static func coverageCSV(_ req: Request) async throws -> Response {
        CSVDownload.response(DirectoryGaps.csv(try await gaps(req)), filename: "directory-coverage.csv")
    }

    // MARK: Keeping entries current through a group's own link

    @Sendable static func sendUpdateLink(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let id = req.parameters.get("id", as: UUID.self)
        do {
            try await DirectoryUpdates.send(id, user: user, mail: req.mailContext, on: req.db)
            return req.redirect(to: SiteURL.with(SiteURL.Directory.entry(id!), ["link_sent": "1"]))
        } catch let failure as ValidationFailure {
            let page = try await DirectoryPages.entry(id, user: user, errors: failure.errors, req.db)
            return DirectoryViews.entry(page, req.page).response(req.page)
        }
    }

    @Sendable static func changes(_ req: Request) async throws -> Response {
        let q = req.queryValues
        let notice = q["approved"] != nil ? req.t("directory.change_approved") : q["rejected"] != nil ? req.t("directory.change_rejected") : nil
        let page = DirectoryPages.Changes(changes: try await DirectoryUpdates.waiting(user: req.requireUser(), req.db), notice: notice)
        return DirectoryUpdateViews.changes(page, req.page).response(req.page)
    }

    @Sendable static func approveChange(_ req: Request) async throws -> Response { try await review(req, approve: true) }
    @Sendable static func rejectChange(_ req: Request) async throws -> Response { try await review(req, approve: false) }

    static func review(_ req: Request, approve: Bool) async throws -> Response {
        try await DirectoryUpdates.review(req.parameters.get("change", as: UUID.self), approve: approve, user: req.requireUser(), on: req.db)
        return req.redirect(to: SiteURL.with(SiteURL.Directory.changes, [approve ? "approved" : "rejected": "1"]))
    }

    @Sendable static func updateForm(_ req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        do {
            let (_, item) = try await DirectoryUpdates.open(token, req.db)
            return DirectoryUpdateViews.form(try await DirectoryPages.updateForm(token: token, item: item, req.db), req.page).response(req.page)
        } catch let refusal as DirectoryUpdates.Refusal {
            return DirectoryUpdateViews.refused(refusal, req.page).response(req.page)
        }
    }

    @Sendable static func submitUpdate(_ req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let input = try Input.form(req)
        do {
            do {
                let item = try await DirectoryUpdates.submit(token, input, on: req.db)
                return DirectoryUpdateViews.thanks(item, req.page).response(req.page)
            } catch let failure as ValidationFailure {
                // Nothing was spent: the form again, as the entry stands, with the problems named.
                let (_, item) = try await DirectoryUpdates.open(token, req.db)
                let page = try await DirectoryPages.updateForm(token: token, item: item, input: input, errors: failure.errors, req.db)
                return DirectoryUpdateViews.form(page, req.page).response(req.page)
            }
        } catch let refusal as DirectoryUpdates.Refusal {
            return DirectoryUpdateViews.refused(refusal, req.page).response(req.page)
        }
    }

    // MARK: An activity's venue and community groups

    @Sendable static func setVenue(_ req: Request) async throws -> Response {
        let activity = req.parameters.get("id", as: UUID.self)
        try await DirectoryActivities.setVenue(try? req.content.get(String.self, at: "venue_id"), of: activity, user: req.requireUser(), on: req.db)
        return backToActivity(req, activity)
    }

    @Sendable static func addPartner(_ req: Request) async throws -> Response {
        let activity = req.parameters.get("id", as: UUID.self)
        let entry = (try? req.content.get(String.self, at: "entry_id")).flatMap(UUID.init(uuidString:))
        try await DirectoryActivities.addPartner(entry, to: activity, user: req.requireUser(), on: req.db)
        return backToActivity(req, activity)
    }

    @Sendable static func removePartner(_ req: Request) async throws -> Response {
        let activity = req.parameters.get("id", as: UUID.self)
        try await DirectoryActivities.removePartner(req.parameters.get("entry", as: UUID.self), from: activity, user: req.requireUser(), on: req.db)
        return backToActivity(req, activity)
    }

    /// Back to the page the form was on: the activity's, or its plan's advisor summary.
    static func backToActivity(_ req: Request, _ id: UUID?) -> Response {
        guard let id else { return req.redirect(to: SiteURL.Register.list) }
        let back = (try? req.content.get(String.self, at: "back")).flatMap(DirectoryReads.ActivityPanel.Back.init(rawValue:)) ?? .activity
        return req.redirect(to: (back == .plan ? SiteURL.Plan.summary(id) : SiteURL.Register.show(id)) + "#directory-panel")
    }

    // MARK: Residents

    @Sendable static func importCSV(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard user.role.canKeepDirectory else { throw Abort(.forbidden) }
        let validOnly = (try? req.content.get(String.self, at: "valid_only")) == "yes"
        guard let file = try? req.content.get(File.self, at: "csv_file"), file.data.readableBytes > 0 else {
            return DirectoryViews.importForm(errors: [FieldError("csv_file", req.t("directory.choose_csv"))], req.page).response(req.page)
        }
        let text = String(decoding: file.data.readableBytesView, as: UTF8.self)
        let report = try await DirectoryCSVImport.run(text, validOnly: validOnly, user: user, req.db)
        return DirectoryViews.importReport(report, req.page).response(req.page)
    }

    @Sendable static func finder(_ req: Request) async throws -> Response {
        let page = try await DirectoryPages.finder(query: req.queryValues, window: req.pageRequest, req.db)
        return DirectoryPublicViews.finder(page, req.page).response(req.page)
    }

    @Sendable static func publicEntry(_ req: Request) async throws -> Response {
        let item = try await DirectoryQueries.find(req.parameters.get("id", as: UUID.self), reader: .resident, req.db)
        return DirectoryPublicViews.entry(item, req.page).response(req.page)
    }
}
