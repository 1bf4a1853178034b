import Vapor
import ChorusCore

/// Residents: the live campaigns, a campaign (its three levels, counts and ward map), an action with its how-to and
/// pledge form (signed in, or anonymous with a ward), its printable toolkit, and "I did it" for one's own pledge.
enum CampaignsController {
    typealias URLs = SiteURL.Campaigns.Route

    static func routes(_ r: FeatureRoutes) {
        r.site.get(URLs.list, use: list)
        r.site.get(URLs.campaign, use: show)
        r.site.get(URLs.action, use: action)
        r.site.post(URLs.action, use: pledge)
        r.site.get(URLs.toolkit, use: toolkit)
        r.residents.post(URLs.done, use: done)
    }

    @Sendable static func list(_ req: Request) async throws -> Response {
        CampaignResidentViews.list(try await CampaignPages.list(req.db), req.page).response(req.page)
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let c = try await CampaignService.findPublic(req.parameters.get("id", as: UUID.self), req.db)
        return CampaignResidentViews.campaign(try await CampaignPages.show(c, req.db), req.page).response(req.page)
    }

    static func found(_ req: Request) async throws -> (Campaign, CampaignAction) {
        let c = try await CampaignService.findPublic(req.parameters.get("id", as: UUID.self), req.db)
        return (c, try await CampaignService.action(req.parameters.get("action", as: UUID.self), of: c, req.db))
    }

    static func render(
        _ req: Request, _ c: Campaign, _ a: CampaignAction, errors: [FieldError] = [], values: [String: String]? = nil, done: String? = nil
    ) async throws -> Response {
        let page = try await CampaignPages.action(
            c, a, resident: req.currentResident, bot: req.botFields, errors: errors, values: values, done: done, req.db)
        return CampaignResidentViews.action(page, req.page).response(req.page)
    }

    @Sendable static func action(_ req: Request) async throws -> Response {
        let (c, a) = try await found(req)
        return try await render(req, c, a, done: req.query[String.self, at: "done"])
    }

    /// A pledge from a signed-in resident or anyone with a ward; the form's problems show it again with what was typed.
    @Sendable static func pledge(_ req: Request) async throws -> Response {
        let (c, a) = try await found(req)
        let input = try Input.form(req)
        guard BotGuard.judge(input, req) == .human else {
            return try await render(req, c, a, errors: [FieldError("ward", req.t("campaigns.send_again"))], values: input.values)
        }
        do {
            switch try await CampaignPledgeService.pledge(c, a, input, resident: req.currentResident, on: req.db) {
            case .pledged: return req.redirect(to: SiteURL.Campaigns.action(c.id!, a.id!) + "?done=pledged")
            case .already: return req.redirect(to: SiteURL.Campaigns.action(c.id!, a.id!) + "?done=already")
            }
        } catch let failure as ValidationFailure {
            return try await render(req, c, a, errors: failure.errors, values: input.values)
        }
    }

    @Sendable static func toolkit(_ req: Request) async throws -> Response {
        let (c, a) = try await found(req)
        return CampaignResidentViews.toolkit(try await CampaignPages.toolkit(c, a, req.db), req.page).response(req.page)
    }

    @Sendable static func done(_ req: Request) async throws -> Response {
        let resident = try req.requireResident()
        let p = try await CampaignPledgeService.find(req.parameters.get("pledge", as: UUID.self), req.db)
        try await CampaignPledgeService.markDone(p, resident: resident, on: req.db)
        return req.redirect(to: SiteURL.Campaigns.action(p.campaignID, p.actionID) + "?done=done")
    }
}
