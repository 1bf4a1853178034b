import Vapor
import Fluent
import ChorusCore

/// Partnership admins' pages for residents' data: finding a resident, registering someone without email and acting
/// for them, subject access and erasure requests, and retention periods.
enum ResidentsStaffController {
    typealias URLs = SiteURL.Residents.Route

    static func routes(_ r: FeatureRoutes) {
        r.admin.get(URLs.staffList, use: residents)
        r.admin.post(URLs.staffList, use: registerAssisted)
        r.admin.get(URLs.staffResident, use: resident)
        r.admin.get(URLs.staffDownload, use: download)
        r.admin.post(URLs.staffConsent, use: recordConsent)
        r.admin.post(URLs.staffEquality, use: recordEquality)
        r.admin.post(URLs.staffErase, use: erase)
        r.admin.get(URLs.requests, use: requests)
        r.admin.post(URLs.requests, use: recordRequest)
        r.admin.get(URLs.request, use: request)
        r.admin.post(URLs.request, use: closeRequest)
        r.admin.get(URLs.retention, use: retention)
        r.admin.post(URLs.retention, use: saveRetention)
        r.admin.post(URLs.activityRetention, use: saveActivityRetention)
        r.admin.post(URLs.removeActivityRetention, use: removeActivityRetention)
    }

    @Sendable static func residents(_ req: Request) async throws -> Response {
        let q = req.queryValues["q"] ?? ""
        let m = ResidentStaffViews.ListModel(query: q, found: try await DataRequestService.search(q, req.db), input: [:], errors: [])
        return ResidentStaffViews.list(m, req.page).response(req.page)
    }

    @Sendable static func registerAssisted(_ req: Request) async throws -> Response {
        let input = try Input.form(req)
        do {
            let id = try await DataRequestService.registerAssisted(input, staff: req.requireUser(), now: Date(), req.db)
            return req.redirect(to: SiteURL.Residents.staffResident(id))
        } catch let failure as ValidationFailure {
            let m = ResidentStaffViews.ListModel(query: "", found: [], input: input.values, errors: failure.errors)
            return ResidentStaffViews.list(m, req.page).response(req.page)
        }
    }

    @Sendable static func resident(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw Abort(.notFound) }
        return try await residentPage(id, errors: [], req)
    }

    /// A resident's page, with the errors of a form on it that was refused.
    private static func residentPage(_ id: UUID, errors: [FieldError], _ req: Request) async throws -> Response {
        let profile = try await ResidentAccountService.profile(id, req.db)
        let m = ResidentStaffViews.ResidentModel(
            id: id, profile: profile, consents: try await ResidentAccountService.consents(id, req.db),
            records: try await PersonalDataRegistry.export(ResidentKey(id: id, email: profile.email), req.db), errors: errors)
        return ResidentStaffViews.resident(m, req.page).response(req.page)
    }

    @Sendable static func download(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw Abort(.notFound) }
        let r = try await ResidentAccountService.find(id, req.db)
        let staff = try req.requireUser()
        try await req.db.transaction { tx in
            try await AuditService.record(
                tx, actor: staff.actor, action: .update, entity: ResidentAccountService.entity, id: id, label: "\(r.reference): data exported")
        }
        return try await ResidentExport.response(
            ResidentKey(id: id, email: r.email), reference: r.reference, language: UILanguage.named(r.language) ?? .english, req.db)
    }

    @Sendable static func recordConsent(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw Abort(.notFound) }
        do {
            try await DataRequestService.recordConsent(id, try Input.form(req), staff: req.requireUser(), now: Date(), req.db)
            return req.redirect(to: SiteURL.Residents.staffResident(id))
        } catch let failure as ValidationFailure {
            return try await residentPage(id, errors: failure.errors, req)
        }
    }

    /// Equality answers from a paper form or a call, with the consent the resident gave that way.
    @Sendable static func recordEquality(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw Abort(.notFound) }
        let input = try Input.form(req)
        let staff = try req.requireUser()
        let r = try await ResidentAccountService.find(id, req.db)
        let acting = CurrentResident(r, actedForBy: staff)
        guard let channel = ConsentChannel(rawValue: input["channel"] ?? ""), channel != .web else {
            let errors = [FieldError("equality-channel", "Choose how they gave their answers: on paper, by phone or in person")]
            return try await residentPage(id, errors: errors, req)
        }
        do {
            try await ResidentAccountService.saveEquality(
                id, input, language: UILanguage.named(r.language) ?? .english, channel: channel, staff: staff, actor: acting.actor, now: Date(),
                req.db)
            return req.redirect(to: SiteURL.Residents.staffResident(id))
        } catch let failure as ValidationFailure {
            return try await residentPage(id, errors: failure.errors, req)
        }
    }

    @Sendable static func erase(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw Abort(.notFound) }
        let input = try Input.form(req)
        guard input["confirm"] == "yes" else {
            let errors = [FieldError("confirm", "Tick the box to confirm the erasure")]
            return try await residentPage(id, errors: errors, req)
        }
        let staff = try req.requireUser()
        let r = try await ResidentAccountService.find(id, req.db)
        let acting = CurrentResident(r, actedForBy: staff)
        try await ResidentAccountService.delete(
            id, scope: input["contributions"] == "remove" ? .contributions : .identity, actor: acting.actor, req.db)
        return req.redirect(to: SiteURL.with(SiteURL.Residents.staffList, ["erased": r.reference]))
    }

    @Sendable static func requests(_ req: Request) async throws -> Response {
        let m = ResidentStaffViews.RequestsModel(requests: try await DataRequestService.list(req.db), today: Day(Date()), input: [:], errors: [])
        return ResidentStaffViews.requests(m, req.page).response(req.page)
    }

    @Sendable static func recordRequest(_ req: Request) async throws -> Response {
        let input = try Input.form(req)
        do {
            let id = try await DataRequestService.record(input, staff: req.requireUser(), now: Date(), req.db)
            return req.redirect(to: SiteURL.Residents.request(id))
        } catch let failure as ValidationFailure {
            let m = ResidentStaffViews.RequestsModel(
                requests: try await DataRequestService.list(req.db), today: Day(Date()), input: input.values, errors: failure.errors)
            return ResidentStaffViews.requests(m, req.page).response(req.page)
        }
    }

    @Sendable static func request(_ req: Request) async throws -> Response {
        let r = try await DataRequestService.find(req.parameters.get("id", as: UUID.self), req.db)
        return ResidentStaffViews.request(r, today: Day(Date()), errors: [], req.page).response(req.page)
    }

    @Sendable static func closeRequest(_ req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: UUID.self)
        let input = try Input.form(req)
        do {
            try await DataRequestService.close(id, outcome: input["outcome"], staff: req.requireUser(), now: Date(), req.db)
            return req.redirect(to: SiteURL.Residents.requests)
        } catch let failure as ValidationFailure {
            let r = try await DataRequestService.find(id, req.db)
            return ResidentStaffViews.request(r, today: Day(Date()), errors: failure.errors, req.page).response(req.page)
        }
    }

    @Sendable static func retention(_ req: Request) async throws -> Response {
        ResidentStaffViews.retention(try await retentionModel(req, input: [:], errors: []), req.page).response(req.page)
    }

    private static func retentionModel(_ req: Request, input: [String: String], errors: [FieldError]) async throws
        -> ResidentStaffViews.RetentionModel
    {
        ResidentStaffViews.RetentionModel(
            rows: try await RetentionService.periods(req.db), activityRows: try await RetentionService.activityPeriods(req.db),
            activities: try await RegisterService.activityChoices(req.requireUser(), req.db), input: input, errors: errors)
    }

    @Sendable static func saveActivityRetention(_ req: Request) async throws -> Response {
        let input = try Input.form(req)
        do {
            let user = try req.requireUser()
            try await RetentionService.saveActivityPeriod(
                input, choices: try await RegisterService.activityChoices(user, req.db), actor: user.actor, now: Date(), req.db)
            return req.redirect(to: SiteURL.Residents.retention)
        } catch let failure as ValidationFailure {
            return ResidentStaffViews.retention(try await retentionModel(req, input: input.values, errors: failure.errors), req.page).response(
                req.page)
        }
    }

    @Sendable static func removeActivityRetention(_ req: Request) async throws -> Response {
        try await RetentionService.removeActivityPeriod(req.parameters.get("id", as: UUID.self), actor: req.requireUser().actor, req.db)
        return req.redirect(to: SiteURL.Residents.retention)
    }

    @Sendable static func saveRetention(_ req: Request) async throws -> Response {
        let input = try Input.form(req)
        do {
            try await RetentionService.savePeriods(input, actor: req.requireUser().actor, now: Date(), req.db)
            return req.redirect(to: SiteURL.Residents.retention)
        } catch let failure as ValidationFailure {
            return ResidentStaffViews.retention(try await retentionModel(req, input: input.values, errors: failure.errors), req.page).response(
                req.page)
        }
    }
}
