import Fluent
import Vapor
import ChorusCore

/// Residents' email updates: the form (also on the front door), the request, and confirming by the emailed link.
/// Handlers parse the request, call `SubscriptionService`, and render a pure view.
enum UpdatesController {
    typealias URLs = SiteURL.Updates.Route

    static func routes(_ r: FeatureRoutes) {
        r.site.get(URLs.subscribe, use: form)
        r.site.post(URLs.subscribe, use: subscribe)
        r.site.get(URLs.confirm, use: confirmPage)
        // No CSRF token: the signed link is the proof (as for unsubscribing); the page's button posts here.
        r.bare.grouped(SessionUserMiddleware()).post(URLs.confirm, use: confirm)
    }

    @Sendable static func form(_ req: Request) async throws -> Response {
        let choices = try await UpdatesPages.choices(req.db)
        let m = UpdatesViews.FormModel(choices: choices, values: req.queryValues, errors: [], bot: req.botFields)
        return UpdatesViews.page(m, req.page).response(req.page)
    }

    @Sendable static func subscribe(_ req: Request) async throws -> Response {
        let input = try Input.form(req)
        guard BotGuard.judge(input, req) == .human else {
            // Said the same way whatever tripped it; a person sends it again with a fresh form.
            let m = UpdatesViews.FormModel(
                choices: try await UpdatesPages.choices(req.db), values: input.values,
                errors: [FieldError("email", req.t("resident.send_again"))], bot: req.botFields)
            return UpdatesViews.page(m, req.page).response(req.page)
        }
        do {
            let (email, topic) = try await SubscriptionService.validate(input, language: req.language, req.db)
            try await SubscriptionService.request(
                email: email, topic: topic, language: req.language, now: Date(), mail: req.mailContext, req.db)
            return UpdatesViews.checkEmail(email: email, req.page).response(req.page)
        } catch let failure as ValidationFailure {
            let choices = try await UpdatesPages.choices(req.db)
            let m = UpdatesViews.FormModel(choices: choices, values: input.values, errors: failure.errors, bot: req.botFields)
            return UpdatesViews.page(m, req.page).response(req.page)
        }
    }

    @Sendable static func confirmPage(_ req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        guard let s = try await SubscriptionService.subscription(fromToken: token, secret: req.application.sessionSecret, now: Date(), req.db)
        else { return UpdatesViews.linkInvalid(req.page).response(req.page) }
        let topic = try await SubscriptionService.topic(of: s, req.db)
        return UpdatesViews.confirm(token: token, about: topic.words(req.language), done: s.confirmedAt != nil, req.page).response(req.page)
    }

    @Sendable static func confirm(_ req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        guard let s = try await SubscriptionService.subscription(fromToken: token, secret: req.application.sessionSecret, now: Date(), req.db)
        else { return UpdatesViews.linkInvalid(req.page).response(req.page) }
        try await SubscriptionService.confirm(s, now: Date(), req.db)
        let topic = try await SubscriptionService.topic(of: s, req.db)
        return UpdatesViews.confirm(token: token, about: topic.words(req.language), done: true, req.page).response(req.page)
    }
}
