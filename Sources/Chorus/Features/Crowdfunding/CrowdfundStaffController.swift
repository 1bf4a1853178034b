import Vapor
import ChorusCore

/// Staff: every project by stage, checking one (verify or refuse), its pledges (record cash, cheques and transfers;
/// mark money received or returned), updates and the delivery report; the ledger CSV; match funds and their decisions,
/// and their awards as 360Giving data.
enum CrowdfundStaffController {
    typealias URLs = SiteURL.Crowdfunding.Route

    static func routes(_ r: FeatureRoutes) {
        r.staff.get(URLs.manage, use: manage)
        r.staff.get(URLs.ledgerCSV, use: ledgerCSV)
        r.staff.get(URLs.manageProject, use: project)
        r.staff.post(URLs.verify, use: verify)
        r.staff.post(URLs.refuse, use: refuse)
        r.staff.post(URLs.record, use: record)
        r.staff.post(URLs.mark, use: mark)
        r.staff.post(URLs.staffUpdate, use: postUpdate)
        r.staff.post(URLs.report, use: report)
        r.staff.post(URLs.staffRemovePhoto, use: removePhoto)
        r.staff.get(URLs.funds, use: funds)
        r.staff.post(URLs.funds, use: createFund)
        r.staff.get(URLs.fund, use: fund)
        r.staff.post(URLs.decide, use: decide)
        r.staff.get(URLs.grantsCSV, use: grantsCSV)
        r.staff.get(URLs.grantsJSON, use: grantsJSON)
    }

    /// The signed-in member of staff, if their role may change crowdfunding; else 403.
    static func manager(_ req: Request) throws -> CurrentUser {
        let user = try req.requireUser()
        guard user.role.canManageCrowdfunding else { throw Abort(.forbidden) }
        return user
    }

    @Sendable static func manage(_ req: Request) async throws -> Response {
        _ = try req.requireUser()
        return CrowdfundStaffViews.manage(try await CrowdfundPages.manage(stage: req.query["stage"], req.db), req.page).response(req.page)
    }

    @Sendable static func ledgerCSV(_ req: Request) async throws -> Response {
        _ = try manager(req)
        let projects = try await CrowdfundProject.query(on: req.db).all()
        return CSVDownload.response(try await CrowdfundLedgerService.csv(projects: projects, req.db), filename: "crowdfunding-ledger.csv")
    }

    static func found(_ req: Request) async throws -> CrowdfundProject {
        try await CrowdfundProjectService.find(req.parameters.get("id", as: UUID.self), req.db)
    }

    static func again(_ req: Request, _ p: CrowdfundProject, _ failure: ValidationFailure, _ input: Input?) async throws -> Response {
        let page = try await CrowdfundPages.manageProject(p, user: req.requireUser(), errors: failure.errors, input: input, req.db)
        return CrowdfundStaffViews.project(page, req.page).response(req.page)
    }

    @Sendable static func project(_ req: Request) async throws -> Response {
        let page = try await CrowdfundPages.manageProject(try await found(req), user: req.requireUser(), req.db)
        return CrowdfundStaffViews.project(page, req.page).response(req.page)
    }

    /// Runs a change of one project; a form's problems show the page again with what was typed.
    static func change(_ req: Request, anchor: String, _ body: (CrowdfundProject, Input, CurrentUser) async throws -> Void) async throws -> Response {
        let user = try manager(req)
        let p = try await found(req)
        let input = try Input.form(req)
        do { try await body(p, input, user) } catch let failure as ValidationFailure { return try await again(req, p, failure, input) }
        return req.redirect(to: SiteURL.Crowdfunding.manageProject(p.id!) + anchor)
    }

    @Sendable static func verify(_ req: Request) async throws -> Response {
        let choices = try await RegisterService.activityChoices(try manager(req), req.db)
        return try await change(req, anchor: "") { p, input, user in
            try await CrowdfundProjectService.verify(p, input, choices: choices, user: user, on: req.db)
        }
    }

    @Sendable static func refuse(_ req: Request) async throws -> Response {
        try await change(req, anchor: "") { p, input, user in try await CrowdfundProjectService.refuse(p, input, user: user, on: req.db) }
    }

    @Sendable static func record(_ req: Request) async throws -> Response {
        try await change(req, anchor: "#pledges") { p, input, user in _ = try await CrowdfundPledgeService.record(p, input, user: user, on: req.db) }
    }

    @Sendable static func mark(_ req: Request) async throws -> Response {
        try await change(req, anchor: "#pledges") { p, input, user in
            guard let id = req.parameters.get("pledge", as: UUID.self), let pledge = try await CrowdfundPledge.find(id, on: req.db),
                pledge.projectID == p.id
            else { throw Abort(.notFound) }
            try await CrowdfundPledgeService.mark(pledge, input["what"] ?? "", user: user, on: req.db)
        }
    }

    @Sendable static func postUpdate(_ req: Request) async throws -> Response {
        try await change(req, anchor: "#update") { p, input, user in
            try await CrowdfundProjectService.postUpdate(p, input, actor: user.actor, by: user.actor.name, mail: req.mailContext, on: req.db)
        }
    }

    @Sendable static func report(_ req: Request) async throws -> Response {
        try await change(req, anchor: "#report") { p, input, user in try await CrowdfundProjectService.report(p, input, actor: user.actor, on: req.db)
        }
    }

    /// Moderation: a photo that should not be shown is removed.
    @Sendable static func removePhoto(_ req: Request) async throws -> Response {
        try await change(req, anchor: "#photos") { p, _, user in
            try await CrowdfundPhotos.remove(req.parameters.get("photo", as: UUID.self), from: p, actor: user.actor, req.db)
        }
    }

    // MARK: match funds

    @Sendable static func funds(_ req: Request) async throws -> Response {
        CrowdfundStaffViews.funds(try await CrowdfundPages.funds(user: req.requireUser(), req.db), req.page).response(req.page)
    }

    @Sendable static func createFund(_ req: Request) async throws -> Response {
        let user = try manager(req)
        let input = try Input.form(req)
        do {
            let f = try await MatchFundService.create(input, user: user, on: req.db)
            return req.redirect(to: SiteURL.Crowdfunding.fund(f.id!))
        } catch let failure as ValidationFailure {
            let page = try await CrowdfundPages.funds(user: user, errors: failure.errors, input: input, req.db)
            return CrowdfundStaffViews.funds(page, req.page).response(req.page)
        }
    }

    static func ownFund(_ req: Request) async throws -> MatchFund {
        try await MatchFundService.find(req.parameters.get("fund", as: UUID.self), user: req.requireUser(), req.db)
    }

    @Sendable static func fund(_ req: Request) async throws -> Response {
        let page = try await CrowdfundPages.fund(try await ownFund(req), user: req.requireUser(), req.db)
        return CrowdfundStaffViews.fund(page, req.page).response(req.page)
    }

    @Sendable static func decide(_ req: Request) async throws -> Response {
        let user = try manager(req)
        let f = try await ownFund(req)
        let project = req.parameters.get("id", as: UUID.self)
        do {
            try await MatchFundService.decide(f, project: project, try Input.form(req), user: user, on: req.db)
        } catch let failure as ValidationFailure {
            let page = try await CrowdfundPages.fund(f, user: user, errors: failure.errors, errorProject: project, req.db)
            return CrowdfundStaffViews.fund(page, req.page).response(req.page)
        }
        return req.redirect(to: SiteURL.Crowdfunding.fund(f.id!) + "#p-" + (project?.uuidString.lowercased() ?? ""))
    }

    @Sendable static func grantsCSV(_ req: Request) async throws -> Response {
        let f = try await ownFund(req)
        let grants = try await CrowdfundGrants.records(f, prefix: req.application.chorusConfig.grantPrefix, req.db)
        return CSVDownload.response(ThreeSixtyGiving.csv(grants), filename: "360giving-match-fund.csv")
    }

    @Sendable static func grantsJSON(_ req: Request) async throws -> Response {
        let f = try await ownFund(req)
        let grants = try await CrowdfundGrants.records(f, prefix: req.application.chorusConfig.grantPrefix, req.db)
        return Download.attachment(.init(data: ThreeSixtyGiving.json(grants)), contentType: "application/json", filename: "360giving-match-fund.json")
    }
}
