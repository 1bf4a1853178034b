import Vapor
import ChorusCore

/// Residents answering a survey: its start page, one page of questions at a time (no script; the server keeps the
/// draft), "save and come back later" with a resume code, check your answers, and the confirmation.
enum SurveysController {
    typealias URLs = SiteURL.Surveys.Route

    static func routes(_ r: FeatureRoutes) {
        r.site.get(URLs.start, use: start)
        r.site.post(URLs.begin, use: begin)
        r.site.get(URLs.page, use: page)
        r.site.post(URLs.page, use: answerPage)
        r.site.get(URLs.aboutYou, use: aboutYouForm)
        r.site.post(URLs.aboutYou, use: aboutYou)
        r.site.get(URLs.check, use: check)
        r.site.post(URLs.check, use: submit)
        r.site.get(URLs.resume, use: resumeForm)
        r.site.post(URLs.resume, use: resume)
        r.site.get(URLs.done, use: done)
    }

    /// The survey as residents may see it, in the reader's language when it is translated into it: a draft does not
    /// exist for them.
    static func survey(_ req: Request) async throws -> SurveyService.Info {
        let s = SurveyService.Info(try await SurveyService.find(req.parameters.get("id", as: UUID.self), req.db))
        guard s.status != .draft else { throw Abort(.notFound) }
        return s.reading(in: req.language)
    }

    static func draft(_ s: SurveyService.Info, _ req: Request) async throws -> SurveyResponse? {
        try await SurveyResponseService.current(
            s, token: req.cookies[SurveyResponseService.cookieName(s.id)]?.string, resident: req.currentResident,
            secret: req.application.sessionSecret, req.db)
    }

    static func today() -> Day { Day(Date()) }

    @Sendable static func start(_ req: Request) async throws -> Response {
        let s = try await survey(req)
        return try await startPage(s, req)
    }

    /// The start page; `problem`: why the last press of its button was refused.
    static func startPage(_ s: SurveyService.Info, _ req: Request, problem: String? = nil) async throws -> Response {
        var m = try await SurveyPages.start(
            s, response: try await draft(s, req), resident: req.currentResident, today: today(), bot: req.botFields, req.db)
        m.problem = problem
        return SurveyResidentViews.start(m, req.page).response(req.page)
    }

    @Sendable static func begin(_ req: Request) async throws -> Response {
        let s = try await survey(req)
        guard s.isOpen(on: today()) else { return closed(s, req) }
        // The honeypot and a stamp this server signed, but no minimum time: a returning resident presses "Continue"
        // at once, and a press starts nothing a script could not get by loading the page.
        guard BotGuard.judge(try Input.form(req), req, minimumSeconds: 0) == .human else {
            return try await startPage(s, req, problem: req.t("survey.start_again"))
        }
        if s.mode == .signedIn && req.currentResident == nil { return req.redirect(to: SiteURL.Residents.signIn(back: SiteURL.Surveys.start(s.id))) }
        if let existing = try await draft(s, req) { return req.redirect(to: SurveyPages.resumeAt(s, existing)) }
        let (r, token) = try await SurveyResponseService.start(s, resident: req.currentResident, secret: req.application.sessionSecret, req.db)
        let res = req.redirect(to: SurveyPages.resumeAt(s, r))
        if let token { setDraftCookie(res, token, s, req) }
        return res
    }

    static func setDraftCookie(_ res: Response, _ token: String, _ s: SurveyService.Info, _ req: Request) {
        res.cookies[SurveyResponseService.cookieName(s.id)] = HTTPCookies.Value(
            string: token, maxAge: 30 * 86_400, path: SiteURL.Surveys.start(s.id), isSecure: req.application.chorusConfig.secureCookies,
            isHTTPOnly: true, sameSite: .lax)
    }

    static func closed(_ s: SurveyService.Info, _ req: Request) -> Response {
        SurveyResidentViews.closed(SurveyPages.Closed(id: s.id, title: s.title, language: s.language, closes: s.closes), req.page).response(req.page)
    }

    /// Runs `body` with the response this reader is working on, or sends them where they belong instead: the start
    /// page when they have none, "closed" when it can no longer change.
    static func working(_ req: Request, _ body: (SurveyService.Info, SurveyResponse) async throws -> Response) async throws -> Response {
        let s = try await survey(req)
        guard let r = try await draft(s, req) else { return req.redirect(to: SiteURL.Surveys.start(s.id)) }
        guard SurveyResponseService.editable(r, s, today: today()) else { return closed(s, req) }
        return try await body(s, r)
    }

    static func pageIndex(_ s: SurveyService.Info, _ req: Request) throws -> Int {
        guard let n = req.parameters.get("n", as: Int.self), n >= 1, n <= s.definition.pages.count else { throw Abort(.notFound) }
        return n - 1
    }

    @Sendable static func page(_ req: Request) async throws -> Response {
        try await working(req) { s, r in
            let index = try pageIndex(s, req)
            let answers = SurveyResponseService.decode(r.answers)
            guard SurveyLogic.path(s.definition, answers).contains(index) else { return req.redirect(to: SurveyPages.resumeAt(s, r)) }
            let m = try await SurveyPages.page(s, index: index, response: r, typed: nil, checkRequired: req.queryValues["check"] != nil, req.db)
            return SurveyResidentViews.page(m, req.page).response(req.page)
        }
    }

    @Sendable static func answerPage(_ req: Request) async throws -> Response {
        try await working(req) { s, r in try await answer(page: try pageIndex(s, req), s, r, req) }
    }

    static func answer(page index: Int, _ s: SurveyService.Info, _ r: SurveyResponse, _ req: Request) async throws -> Response {
        let input = try Input.form(req)
        let form = input.lists.merging(input.values.mapValues { [$0] }) { a, _ in a }
        let stored = SurveyResponseService.decode(r.answers)
        let questions = SurveyLogic.visible(s.definition.pages[index], SurveyLogic.applicable(s.definition, stored))
        // The wards are read only for a page that asks for one.
        var place: @Sendable (String) -> PlacesReads.Ward? = { _ in nil }
        if questions.contains(where: { $0.kind == .ward }) { place = try await WardFinder.resolver(req.db) }
        let read = SurveyAnswers.readPage(questions, form: form, place: { place($0)?.name })
        let wardID = questions.first { $0.kind == .ward }.flatMap { read.answers[$0.id]?.first }.flatMap { place($0)?.id }
        let action = input["action"] ?? ""
        let switchTo = action.hasPrefix("language:") ? UILanguage.named(String(action.dropFirst("language:".count))) : nil
        if action == "save" || switchTo != nil {
            // Save what is valid on this page, then give a way back (a resume code, or the account for a signed-in
            // resident) or show the same page in the language asked for.
            let bad = Set(read.problems.map(\.0.id))
            try await SurveyResponseService.save(
                page: read.answers.filter { !bad.contains($0.key) && !bad.contains(String($0.key.split(separator: "#").first ?? "")) },
                questions: questions.filter { !bad.contains($0.id) }, into: r, placeID: wardID, req.db)
            if let switchTo {
                let res = req.redirect(to: SiteURL.Surveys.page(s.id, index + 1))
                res.rememberLanguage(switchTo, req)
                return res
            }
            let code = r.residentID == nil ? try await SurveyResponseService.resumeCode(for: r, secret: req.application.sessionSecret, req.db) : nil
            let m = SurveyPages.Saved(id: s.id, title: s.title, code: code, closes: s.closes)
            return SurveyResidentViews.saved(m, req.page).response(req.page)
        }
        if !read.problems.isEmpty {
            let m = try await SurveyPages.page(s, index: index, response: r, typed: form, problems: read.problems, req.db)
            return SurveyResidentViews.page(m, req.page).response(req.page)
        }
        try await SurveyResponseService.save(page: read.answers, questions: questions, into: r, placeID: wardID, req.db)
        let answers = SurveyResponseService.decode(r.answers)
        if let next = SurveyLogic.next(after: index, s.definition, SurveyLogic.applicable(s.definition, answers)) {
            return req.redirect(to: SiteURL.Surveys.page(s.id, next + 1))
        }
        return req.redirect(to: s.askEquality ? SiteURL.Surveys.aboutYou(s.id) : SiteURL.Surveys.check(s.id))
    }

    /// Equality monitoring at the end of a survey that asks it: optional, kept apart from the answers, counted only.
    @Sendable static func aboutYouForm(_ req: Request) async throws -> Response {
        try await working(req) { s, r in
            guard s.askEquality else { throw Abort(.notFound) }
            let m = try await SurveyPages.aboutYou(s, r, resident: req.currentResident, req.db)
            return SurveyResidentViews.aboutYou(m, req.page).response(req.page)
        }
    }

    @Sendable static func aboutYou(_ req: Request) async throws -> Response {
        try await working(req) { s, r in
            guard s.askEquality else { throw Abort(.notFound) }
            let input = try Input.form(req)
            let (answers, found) = EqualityFields.read(input, language: req.language)
            var errors = found
            if !answers.isEmpty && input["consent"] != "yes" { errors.append(FieldError("consent", req.t("resident.equality_consent_needed"))) }
            guard errors.isEmpty else {
                let m = SurveyPages.AboutYou(
                    id: s.id, title: s.title, answers: answers, consented: input["consent"] == "yes", fromAccount: false, errors: errors)
                return SurveyResidentViews.aboutYou(m, req.page).response(req.page)
            }
            try await SurveyResponseService.saveEquality(answers, for: r, req.db)
            return req.redirect(to: SiteURL.Surveys.check(s.id))
        }
    }

    @Sendable static func check(_ req: Request) async throws -> Response {
        try await working(req) { s, r in SurveyResidentViews.check(try await SurveyPages.check(s, r, req.db), req.page).response(req.page) }
    }

    @Sendable static func submit(_ req: Request) async throws -> Response {
        try await working(req) { s, r in
            switch try await SurveyResponseService.submit(r, s, resident: req.currentResident, today: today(), language: req.language, req.db) {
            case .done(let reference):
                let res = req.redirect(to: SiteURL.Surveys.done(s.id, reference: reference))
                res.cookies[SurveyResponseService.cookieName(s.id)] = HTTPCookies.Value(
                    string: "", expires: Date(timeIntervalSince1970: 0), path: SiteURL.Surveys.start(s.id), isHTTPOnly: true, sameSite: .lax)
                return res
            case .incomplete(let page): return req.redirect(to: SiteURL.with(SiteURL.Surveys.page(s.id, page + 1), ["check": "1"]))
            case .closed: return closed(s, req)
            }
        }
    }

    @Sendable static func resumeForm(_ req: Request) async throws -> Response {
        let s = try await survey(req)
        return SurveyResidentViews.resume(
            SurveyPages.Resume(id: s.id, title: s.title, language: s.language, typed: "", error: nil, bot: req.botFields), req.page
        ).response(req.page)
    }

    @Sendable static func resume(_ req: Request) async throws -> Response {
        let s = try await survey(req)
        guard s.isOpen(on: today()) else { return closed(s, req) }
        let input = try Input.form(req)
        guard BotGuard.judge(input, req) == .human else {
            // Said the same way whatever tripped it; a person sends it again with the fresh form.
            let m = SurveyPages.Resume(
                id: s.id, title: s.title, language: s.language, typed: input["code"] ?? "", error: req.t("survey.resume_send_again"),
                bot: req.botFields)
            return SurveyResidentViews.resume(m, req.page).response(req.page)
        }
        guard let (r, token) = try await SurveyResponseService.resume(s, typed: input["code"], secret: req.application.sessionSecret, req.db) else {
            let m = SurveyPages.Resume(
                id: s.id, title: s.title, language: s.language, typed: input["code"] ?? "", error: req.t("survey.resume_wrong"),
                bot: req.botFields)
            return SurveyResidentViews.resume(m, req.page).response(req.page)
        }
        let res = req.redirect(to: SurveyPages.resumeAt(s, r))
        setDraftCookie(res, token, s, req)
        return res
    }

    @Sendable static func done(_ req: Request) async throws -> Response {
        let s = try await survey(req)
        let reference = req.queryValues["ref"].flatMap { SurveyCodes.isReference($0) ? $0 : nil }
        let m = SurveyPages.Done(id: s.id, title: s.title, activityID: s.activityID, reference: reference, signedIn: req.currentResident != nil)
        return SurveyResidentViews.done(m, req.page).response(req.page)
    }
}
