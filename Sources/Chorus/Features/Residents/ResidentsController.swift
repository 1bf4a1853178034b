import Vapor
import ChorusCore

/// Residents' own pages: signing in by emailed code or link, the account ("My data"), profile, equality answers,
/// consents, email updates, the download and deleting the account; and the public retention log.
enum ResidentsController {
    typealias URLs = SiteURL.Residents.Route

    static func routes(_ r: FeatureRoutes) {
        r.site.get(URLs.signIn, use: signInForm)
        r.site.post(URLs.signIn, use: requestCode)
        r.site.get(URLs.code, use: codeForm)
        r.site.post(URLs.code, use: checkCode)
        r.site.get(URLs.link, use: linkPage)
        r.site.post(URLs.link, use: followLink)
        r.residents.get(URLs.account, use: account)
        r.residents.post(URLs.signOut, use: signOut)
        r.residents.get(URLs.profile, use: profileForm)
        r.residents.post(URLs.profile, use: saveProfile)
        r.residents.get(URLs.equality, use: equalityForm)
        r.residents.post(URLs.equality, use: saveEquality)
        r.residents.post(URLs.withdraw, use: withdraw)
        r.residents.post(URLs.follow, use: follow)
        r.residents.post(URLs.stopFollow, use: stopFollow)
        r.residents.get(URLs.download, use: download)
        r.residents.get(URLs.delete, use: deleteForm)
        r.residents.post(URLs.delete, use: delete)
        r.publicPages.get(URLs.retentionLog, use: retentionLog)
    }

    // MARK: - Signing in

    @Sendable static func signInForm(_ req: Request) async throws -> Response {
        if req.currentResident != nil { return req.redirect(to: SiteURL.safeBack(req.queryValues["back"] ?? SiteURL.Residents.account)) }
        let m = ResidentViews.SignInModel(email: "", back: req.queryValues["back"], errors: [], bot: req.botFields)
        return ResidentViews.signIn(m, req.page).response(req.page)
    }

    @Sendable static func requestCode(_ req: Request) async throws -> Response {
        let input = try Input.form(req)
        let back = input["back"]
        switch BotGuard.judge(input, req) {
        case .human: break
        case .tooFast, .stale, .missingStamp, .honeypotFilled:
            // Said the same way whatever tripped it, so a script learns nothing; a person just sends it again.
            let m = ResidentViews.SignInModel(
                email: input["email"] ?? "", back: back, errors: [FieldError("email", req.t("resident.send_again"))], bot: req.botFields)
            return ResidentViews.signIn(m, req.page).response(req.page)
        }
        do {
            let email = try ResidentSignInService.validate(input, language: req.language)
            let outcome = try await ResidentSignInService.request(
                email: email, client: req.clientAddress, language: req.language, limits: req.application.chorusConfig.signInLimits, now: Date(),
                mail: req.mailContext, req.db)
            switch outcome {
            case .sent(let request): return req.redirect(to: SiteURL.Residents.code(request, back: back))
            case .limited(let minutes): return ResidentViews.limited(minutes: minutes, req.page).response(req.page)
            }
        } catch let failure as ValidationFailure {
            let m = ResidentViews.SignInModel(email: input["email"] ?? "", back: back, errors: failure.errors, bot: req.botFields)
            return ResidentViews.signIn(m, req.page).response(req.page)
        }
    }

    @Sendable static func codeForm(_ req: Request) async throws -> Response {
        let m = ResidentViews.CodeModel(request: req.queryValues["request"] ?? "", back: req.queryValues["back"], errors: [])
        return ResidentViews.code(m, req.page).response(req.page)
    }

    @Sendable static func checkCode(_ req: Request) async throws -> Response {
        let input = try Input.form(req)
        let checked = try await ResidentSignInService.check(
            request: input["request"].flatMap(UUID.init(uuidString:)), typed: input["code"], now: Date(), secret: req.application.sessionSecret,
            req.db)
        switch checked {
        case .signedIn(let resident):
            return try await signedIn(resident, to: SiteURL.safeBack(input["back"] ?? SiteURL.Residents.account), req)
        case .invalidCode:
            let m = ResidentViews.CodeModel(
                request: input["request"] ?? "", back: input["back"], errors: [FieldError("code", req.t("resident.code_format"))])
            return ResidentViews.code(m, req.page).response(req.page)
        case .refused(let outcome):
            let m = ResidentViews.CodeModel(
                request: input["request"] ?? "", back: input["back"], errors: [FieldError("code", ResidentViews.refusal(outcome, req.page))])
            return ResidentViews.code(m, req.page).response(req.page)
        }
    }

    @Sendable static func linkPage(_ req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let state = try await ResidentSignInService.linkState(token, now: Date(), req.db)
        return ResidentViews.linkPage(token: token, state: state, req.page).response(req.page)
    }

    @Sendable static func followLink(_ req: Request) async throws -> Response {
        switch try await ResidentSignInService.follow(link: req.parameters.get("token") ?? "", now: Date(), req.db) {
        case .signedIn(let resident): return try await signedIn(resident, to: SiteURL.Residents.account, req)
        case .refused(let outcome): return ResidentViews.linkRefused(outcome, req.page).response(req.page)
        case .invalidCode: return ResidentViews.linkRefused(.expired, req.page).response(req.page)
        }
    }

    /// Starts the resident's session (ending any they had in this browser) and goes on.
    private static func signedIn(_ resident: UUID, to: String, _ req: Request) async throws -> Response {
        let response = req.redirect(to: to)
        try await ResidentSessions.end(req: req, response: response)
        try await ResidentSessions.start(for: resident, req: req, response: response, on: req.db)
        return response
    }

    @Sendable static func signOut(_ req: Request) async throws -> Response {
        let response = req.redirect(to: SiteURL.home)
        try await ResidentSessions.end(req: req, response: response)
        return response
    }

    // MARK: - The account

    @Sendable static func account(_ req: Request) async throws -> Response {
        let m = try await ResidentPages.account(req.requireResident(), language: req.language, req.db)
        return ResidentViews.account(m, req.page).response(req.page)
    }

    @Sendable static func profileForm(_ req: Request) async throws -> Response {
        let m = try await ResidentPages.profile(req.requireResident(), input: nil, errors: [], req.db)
        return ResidentViews.profile(m, req.page).response(req.page)
    }

    @Sendable static func saveProfile(_ req: Request) async throws -> Response {
        let resident = try req.requireResident()
        let input = try Input.form(req)
        do {
            try await ResidentAccountService.updateProfile(resident.id, input, language: req.language, actor: resident.actor, now: Date(), req.db)
            let response = req.redirect(to: SiteURL.Residents.account)
            // The interface follows the language they chose for their account.
            if let lang = UILanguage.named(input["language"]) { response.rememberLanguage(lang, req) }
            return response
        } catch let failure as ValidationFailure {
            let m = try await ResidentPages.profile(resident, input: input, errors: failure.errors, req.db)
            return ResidentViews.profile(m, req.page).response(req.page)
        }
    }

    @Sendable static func equalityForm(_ req: Request) async throws -> Response {
        let resident = try req.requireResident()
        let m = ResidentViews.EqualityModel(answers: try await ResidentAccountService.equality(resident.id, req.db), consented: false, errors: [])
        return ResidentViews.equality(m, req.page).response(req.page)
    }

    @Sendable static func saveEquality(_ req: Request) async throws -> Response {
        let resident = try req.requireResident()
        let input = try Input.form(req)
        do {
            try await ResidentAccountService.saveEquality(
                resident.id, input, language: req.language, channel: .web, staff: nil, actor: resident.actor, now: Date(), req.db)
            return req.redirect(to: SiteURL.Residents.account)
        } catch let failure as ValidationFailure {
            let m = ResidentViews.EqualityModel(answers: input.values, consented: input["consent"] == "yes", errors: failure.errors)
            return ResidentViews.equality(m, req.page).response(req.page)
        }
    }

    @Sendable static func withdraw(_ req: Request) async throws -> Response {
        let resident = try req.requireResident()
        try await ResidentAccountService.withdraw(
            req.parameters.get("id", as: UUID.self), resident: resident.id, by: nil, actor: resident.actor, now: Date(), req.db)
        return req.redirect(to: SiteURL.Residents.account)
    }

    @Sendable static func follow(_ req: Request) async throws -> Response {
        let resident = try req.requireResident()
        let input = try Input.form(req)
        do {
            try await ResidentPages.follow(resident, input, language: req.language, now: Date(), req.db)
            return req.redirect(to: SiteURL.Residents.account)
        } catch let failure as ValidationFailure {
            let m = try await ResidentPages.account(resident, language: req.language, followInput: input.values, errors: failure.errors, req.db)
            return ResidentViews.account(m, req.page).response(req.page)
        }
    }

    @Sendable static func stopFollow(_ req: Request) async throws -> Response {
        let resident = try req.requireResident()
        guard let email = resident.email else { throw Abort(.notFound) }
        try await SubscriptionService.stop(req.parameters.get("id", as: UUID.self), email: email, req.db)
        return req.redirect(to: SiteURL.Residents.account)
    }

    @Sendable static func download(_ req: Request) async throws -> Response {
        let resident = try req.requireResident()
        let key = ResidentKey(id: resident.id, email: resident.email)
        return try await ResidentExport.response(key, reference: resident.reference, language: req.language, req.db)
    }

    @Sendable static func deleteForm(_ req: Request) async throws -> Response {
        let m = try await ResidentPages.deletion(req.requireResident(), req.db)
        return ResidentViews.deletion(m, req.page).response(req.page)
    }

    @Sendable static func delete(_ req: Request) async throws -> Response {
        let resident = try req.requireResident()
        let input = try Input.form(req)
        guard input["confirm"] == "yes" else {
            let m = try await ResidentPages.deletion(resident, errors: [FieldError("confirm", req.t("resident.delete_confirm_needed"))], req.db)
            return ResidentViews.deletion(m, req.page).response(req.page)
        }
        let scope: ErasureScope = input["contributions"] == "remove" ? .contributions : .identity
        try await ResidentAccountService.delete(resident.id, scope: scope, actor: resident.actor, req.db)
        let response = ResidentViews.deleted(scope, req.page).response(req.page)
        response.cookies[ResidentSessions.cookieName] = .expired
        return response
    }

    // MARK: - Public

    @Sendable static func retentionLog(_ req: Request) async throws -> Response {
        let page = max(1, Int(req.queryValues["page"] ?? "") ?? 1)
        let (days, more) = try await RetentionService.log(page: page, req.db)
        return ResidentViews.retentionLog(days: days, page: page, more: more, req.page).response(req.page)
    }
}
