import Vapor
import ChorusCore

/// Staff: every campaign; writing one (validated, audited), its actions by level, publishing and closing, links to
/// crowdfunding projects and register activities, updates emailed to pledgers, counts by level and ward, and CSVs of
/// counts and of what residents wrote. Only the campaign's organisation's staff (and partnership admins) change it.
enum CampaignStaffController {
    typealias URLs = SiteURL.Campaigns.Route

    static func routes(_ r: FeatureRoutes) {
        r.staff.get(URLs.manage, use: manage)
        r.staff.get(URLs.create, use: createForm)
        r.staff.post(URLs.create, use: create)
        r.staff.get(URLs.manageCampaign, use: campaign)
        r.staff.get(URLs.edit, use: editForm)
        r.staff.post(URLs.edit, use: edit)
        r.staff.get(URLs.newAction, use: newActionForm)
        r.staff.post(URLs.newAction, use: addAction)
        r.staff.get(URLs.editAction, use: editActionForm)
        r.staff.post(URLs.editAction, use: editAction)
        r.staff.post(URLs.status, use: move)
        r.staff.post(URLs.links, use: link)
        r.staff.post(URLs.staffUpdate, use: postUpdate)
        r.staff.get(URLs.countsCSV, use: countsCSV)
        r.staff.get(URLs.commentsCSV, use: commentsCSV)
    }

    @Sendable static func manage(_ req: Request) async throws -> Response {
        CampaignStaffViews.manage(try await CampaignPages.manage(user: req.requireUser(), req.db), req.page).response(req.page)
    }

    static func found(_ req: Request) async throws -> Campaign { try await CampaignService.find(req.parameters.get("id", as: UUID.self), req.db) }

    /// The campaign, if the signed-in member of staff may change it; else 403.
    static func editable(_ req: Request) async throws -> (Campaign, CurrentUser) {
        let user = try req.requireUser()
        let c = try await found(req)
        try CampaignService.requireEditor(user, c)
        return (c, user)
    }

    @Sendable static func createForm(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard user.role.canManageCampaigns else { throw Abort(.forbidden) }
        return CampaignStaffViews.form(try await CampaignPages.form(nil, user: user, req.db), req.page).response(req.page)
    }

    @Sendable static func create(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard user.role.canManageCampaigns else { throw Abort(.forbidden) }
        let input = try Input.form(req)
        do {
            let choices = try await RegisterService.activityChoices(user, req.db)
            let fields = try await CampaignService.read(input, choices: choices, organisation: user.organisationID, req.db)
            let c = try await CampaignService.create(fields, user: user, on: req.db)
            return req.redirect(to: SiteURL.Campaigns.manageCampaign(c.id!))
        } catch let failure as ValidationFailure {
            let page = try await CampaignPages.form(nil, user: user, values: input.values, errors: failure.errors, req.db)
            return CampaignStaffViews.form(page, req.page).response(req.page)
        }
    }

    @Sendable static func campaign(_ req: Request) async throws -> Response {
        let page = try await CampaignPages.manageCampaign(try await found(req), user: req.requireUser(), req.db)
        return CampaignStaffViews.campaign(page, req.page).response(req.page)
    }

    @Sendable static func editForm(_ req: Request) async throws -> Response {
        let (c, user) = try await editable(req)
        return CampaignStaffViews.form(try await CampaignPages.form(c, user: user, req.db), req.page).response(req.page)
    }

    @Sendable static func edit(_ req: Request) async throws -> Response {
        let (c, user) = try await editable(req)
        let input = try Input.form(req)
        do {
            let choices = try await RegisterService.activityChoices(user, req.db)
            let fields = try await CampaignService.read(input, choices: choices, organisation: c.organisationID, req.db)
            try await CampaignService.update(c, fields, user: user, on: req.db)
            return req.redirect(to: SiteURL.Campaigns.manageCampaign(c.id!))
        } catch let failure as ValidationFailure {
            let page = try await CampaignPages.form(c, user: user, values: input.values, errors: failure.errors, req.db)
            return CampaignStaffViews.form(page, req.page).response(req.page)
        }
    }

    @Sendable static func newActionForm(_ req: Request) async throws -> Response {
        let (c, _) = try await editable(req)
        var values: [String: String] = [:]
        if let level = req.query[String.self, at: "level"], ActionLevel(rawValue: level) != nil { values["level"] = level }
        return CampaignStaffViews.actionForm(CampaignPages.actionForm(c, nil, values: values), req.page).response(req.page)
    }

    @Sendable static func addAction(_ req: Request) async throws -> Response {
        let (c, user) = try await editable(req)
        let input = try Input.form(req)
        do {
            _ = try await CampaignService.addAction(c, try CampaignService.readAction(input), user: user, on: req.db)
            return req.redirect(to: SiteURL.Campaigns.manageCampaign(c.id!) + "#actions")
        } catch let failure as ValidationFailure {
            let page = CampaignPages.actionForm(c, nil, values: input.values, errors: failure.errors)
            return CampaignStaffViews.actionForm(page, req.page).response(req.page)
        }
    }

    @Sendable static func editActionForm(_ req: Request) async throws -> Response {
        let (c, _) = try await editable(req)
        let a = try await CampaignService.action(req.parameters.get("action", as: UUID.self), of: c, req.db)
        return CampaignStaffViews.actionForm(CampaignPages.actionForm(c, a), req.page).response(req.page)
    }

    @Sendable static func editAction(_ req: Request) async throws -> Response {
        let (c, user) = try await editable(req)
        let a = try await CampaignService.action(req.parameters.get("action", as: UUID.self), of: c, req.db)
        let input = try Input.form(req)
        do {
            try await CampaignService.updateAction(c, a, try CampaignService.readAction(input), user: user, on: req.db)
            return req.redirect(to: SiteURL.Campaigns.manageCampaign(c.id!) + "#actions")
        } catch let failure as ValidationFailure {
            let page = CampaignPages.actionForm(c, a, values: input.values, errors: failure.errors)
            return CampaignStaffViews.actionForm(page, req.page).response(req.page)
        }
    }

    /// Runs a change on the campaign page; a form's problems show the page again with what was typed.
    static func change(_ req: Request, anchor: String, _ body: (Campaign, Input, CurrentUser) async throws -> Void) async throws -> Response {
        let (c, user) = try await editable(req)
        let input = try Input.form(req)
        do {
            try await body(c, input, user)
        } catch let failure as ValidationFailure {
            let page = try await CampaignPages.manageCampaign(c, user: user, errors: failure.errors, input: input, req.db)
            return CampaignStaffViews.campaign(page, req.page).response(req.page)
        }
        return req.redirect(to: SiteURL.Campaigns.manageCampaign(c.id!) + anchor)
    }

    @Sendable static func move(_ req: Request) async throws -> Response {
        try await change(req, anchor: "") { c, input, user in try await CampaignService.move(c, to: input["to"], user: user, on: req.db) }
    }

    @Sendable static func link(_ req: Request) async throws -> Response {
        try await change(req, anchor: "#links") { c, input, user in
            let projects = try await CrowdfundProjectService.summaries(.init(stages: [.live, .collecting, .funded, .delivered]), req.db).rows
            let activities = try await RegisterService.activityChoices(user, req.db)
            try await CampaignService.link(c, input, projects: projects.map(\.id), activities: activities, user: user, on: req.db)
        }
    }

    @Sendable static func postUpdate(_ req: Request) async throws -> Response {
        try await change(req, anchor: "#update") { c, input, user in
            try await CampaignService.postUpdate(c, input, user: user, mail: req.mailContext, on: req.db)
        }
    }

    @Sendable static func countsCSV(_ req: Request) async throws -> Response {
        let (c, _) = try await editable(req)
        let csv = try await CampaignPledgeService.countsCSV(
            c, actions: try await CampaignService.actions(of: c, req.db), wards: try await PlacesReads.wards(req.db), req.db)
        return CSVDownload.response(csv, filename: "campaign-counts.csv")
    }

    @Sendable static func commentsCSV(_ req: Request) async throws -> Response {
        let (c, _) = try await editable(req)
        let csv = try await CampaignPledgeService.commentsCSV(
            c, actions: try await CampaignService.actions(of: c, req.db), wards: try await PlacesReads.wards(req.db), req.db)
        return CSVDownload.response(csv, filename: "campaign-comments.csv")
    }
}
