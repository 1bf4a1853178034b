import Vapor
import Fluent
import ChorusCore

/// "You said, we did": staff editing and publishing, the public pages, unsubscribing, and the loop-closure page.
/// Handlers parse the request, call `FeedbackService` / `FeedbackPages`, and render a pure view.
enum FeedbackController {
    typealias URLs = SiteURL.Feedback.Route

    static func routes(_ r: FeatureRoutes) {
        r.staff.get(URLs.reports, use: list)
        r.staff.post(URLs.reports, use: startThemeReport)
        r.staff.get(URLs.outbox, use: outbox)
        r.staff.post(URLs.startForActivity, use: startActivityReport)
        r.staff.get(URLs.report, use: editor)
        r.staff.post(URLs.report, use: save)
        r.staff.post(URLs.translation, use: saveTranslation)
        r.staff.post(URLs.publish, use: publish)
        r.staff.get(URLs.loopClosure, use: loopClosure)
        r.publicPages.get(URLs.publicList, use: publicList)
        r.publicPages.get(URLs.publicReport, use: publicReport)
        r.site.get(URLs.unsubscribe, use: unsubscribePage)
        // No CSRF token: the signed link is the proof, and mail clients' one-click unsubscribe (RFC 8058) posts here.
        r.bare.grouped(SessionUserMiddleware()).post(URLs.unsubscribe, use: unsubscribe)
    }

    // MARK: Staff

    @Sendable static func list(_ req: Request) async throws -> Response {
        try await FeedbackEditViews.list(FeedbackPages.list(user: req.requireUser(), req.db), req.page).response(req.page)
    }

    @Sendable static func startThemeReport(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let input = try Input.form(req)
        do {
            let r = try await FeedbackService.startTheme(input, user: user, on: req.db)
            return req.redirect(to: SiteURL.Feedback.edit(r.id!))
        } catch let failure as ValidationFailure {
            let page = try await FeedbackPages.list(user: user, errors: failure.errors, input: input, req.db)
            return FeedbackEditViews.list(page, req.page).response(req.page)
        }
    }

    @Sendable static func outbox(_ req: Request) async throws -> Response {
        guard try req.requireUser().role.canAdministerPartnership else {
            throw Abort(.forbidden, reason: "Only a partnership admin sees the email outbox")
        }
        let page = try await FeedbackPages.outbox(smtp: req.application.chorusConfig.smtp?.redacted, req.db)
        return OutboxView.render(page, req.page).response(req.page)
    }

    @Sendable static func startActivityReport(_ req: Request) async throws -> Response {
        let r = try await FeedbackService.start(activityID: req.parameters.get("id", as: UUID.self), user: try req.requireUser(), on: req.db)
        return req.redirect(to: SiteURL.Feedback.edit(r.id!))
    }

    @Sendable static func editor(_ req: Request) async throws -> Response {
        let report = try await FeedbackService.find(req.parameters.get("id", as: UUID.self), req.db)
        let page = try await FeedbackPages.editor(
            report, user: try req.requireUser(), notice: req.queryValues["notice"].map { String($0.prefix(200)) }, req.db)
        return FeedbackEditViews.edit(page, req.page).response(req.page)
    }

    @Sendable static func save(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let report = try await FeedbackService.find(req.parameters.get("id", as: UUID.self), req.db)
        let input = try Input.form(req)
        do {
            try await FeedbackService.update(report, input, user: user, on: req.db)
            return req.redirect(to: SiteURL.with(SiteURL.Feedback.edit(report.id!), ["notice": "Report saved"]))
        } catch let failure as ValidationFailure {
            let page = try await FeedbackPages.editor(report, user: user, errors: failure.errors, input: input, errorsFor: "en", req.db)
            return FeedbackEditViews.edit(page, req.page).response(req.page)
        }
    }

    @Sendable static func saveTranslation(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let report = try await FeedbackService.find(req.parameters.get("id", as: UUID.self), req.db)
        let input = try Input.form(req)
        let language = req.parameters.get("lang") ?? ""
        do {
            try await FeedbackService.saveTranslation(report, language: language, input, user: user, on: req.db)
            return req.redirect(to: SiteURL.with(SiteURL.Feedback.edit(report.id!), ["notice": "Translation saved"]))
        } catch let failure as ValidationFailure {
            let page = try await FeedbackPages.editor(report, user: user, errors: failure.errors, input: input, errorsFor: language, req.db)
            return FeedbackEditViews.edit(page, req.page).response(req.page)
        }
    }

    @Sendable static func publish(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let report = try await FeedbackService.find(req.parameters.get("id", as: UUID.self), req.db)
        let input = try Input.form(req)
        let n: Int
        do {
            n = try await FeedbackService.publish(
                report, confirmed: Input.isTrue(input["confirm"]), user: user, today: Day(Date()), on: req.db, mail: req.mailContext)
        } catch let failure as ValidationFailure {
            let page = try await FeedbackPages.editor(report, user: user, errors: failure.errors, errorsFor: "publish", req.db)
            return FeedbackEditViews.edit(page, req.page).response(req.page)
        }
        return req.redirect(
            to: SiteURL.with(SiteURL.Feedback.edit(report.id!), ["notice": "Published; \(n) resident\(n == 1 ? "" : "s") will be emailed"]))
    }

    @Sendable static func loopClosure(_ req: Request) async throws -> Response {
        _ = try req.requireUser()
        return LoopClosureView.render(try await LoopClosureService.compute(req.db, today: Day(Date())), req.page).response(req.page)
    }

    // MARK: Public (no sign-in, no script)

    @Sendable static func publicList(_ req: Request) async throws -> Response {
        let page = try await FeedbackPages.publicList(
            req.queryValues, language: req.language, unknownWard: req.t("ysyd.unknown_ward"),
            unknownTheme: req.t("ysyd.unknown_theme"), req.db)
        let view = PublicFeedbackViews.list(page, req.page)
        return view.response(req.page)
    }

    @Sendable static func publicReport(_ req: Request) async throws -> Response {
        guard let page = try await FeedbackPages.publicReport(req.parameters.get("id", as: UUID.self), language: req.language, req.db) else {
            throw Abort(.notFound)
        }
        return PublicFeedbackViews.report(page, req.page).response(req.page)
    }

    @Sendable static func unsubscribePage(_ req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        guard OutboxService.address(fromToken: token, secret: req.application.sessionSecret) != nil else { throw Abort(.notFound) }
        return PublicFeedbackViews.unsubscribe(token: token, done: false, req.page).response(req.page)
    }

    @Sendable static func unsubscribe(_ req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        guard let email = OutboxService.address(fromToken: token, secret: req.application.sessionSecret) else { throw Abort(.notFound) }
        try await OutboxService.unsubscribe(email, on: req.db)
        return PublicFeedbackViews.unsubscribe(token: token, done: true, req.page).response(req.page)
    }
}
