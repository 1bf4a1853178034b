import Vapor
import Fluent
import ChorusCore

/// Decision spaces, meetings, agenda items with briefings, decisions and actions (staff pages). Handlers parse the
/// request, call `DecisionSpaceService` / `ActionService` / `DecisionsPages`, and render a pure view.
enum DecisionsController {
    typealias URLs = SiteURL.Decisions.Route

    static func routes(_ r: FeatureRoutes) {
        r.staff.get(URLs.spaces, use: spaces)
        r.staff.get(URLs.newSpace, use: newSpace)
        r.staff.post(URLs.spaces, use: createSpace)
        r.staff.get(URLs.space, use: space)
        r.staff.get(URLs.editSpace, use: editSpace)
        r.staff.post(URLs.editSpace, use: updateSpace)
        r.staff.post(URLs.meetings, use: addMeeting)
        r.staff.get(URLs.spaceActions, use: spaceActions)
        r.staff.get(URLs.meeting, use: meeting)
        r.staff.post(URLs.items, use: addItem)
        r.staff.get(URLs.item, use: item)
        r.staff.get(URLs.itemPrint, use: itemPrint)
        r.staff.post(URLs.itemAnalysis, use: setItemAnalysis)
        r.staff.post(URLs.decisions, use: decide)
        r.staff.post(URLs.actions, use: addAction)
        r.staff.get(URLs.myActions, use: myActions)
        r.staff.get(URLs.action, use: action)
        r.staff.post(URLs.action, use: updateAction)
    }

    // MARK: Spaces

    @Sendable static func spaces(_ req: Request) async throws -> Response {
        SpaceViews.list(try await DecisionsPages.spaceList(user: req.requireUser(), req.db), req.page).response(req.page)
    }

    @Sendable static func newSpace(_ req: Request) async throws -> Response {
        guard DecisionSpaceService.canCreate(try req.requireUser()) else { throw Abort(.forbidden) }
        return SpaceViews.form(try await DecisionsPages.spaceForm(nil, req.db), req.page).response(req.page)
    }

    @Sendable static func createSpace(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let input = try Input.form(req)
        do {
            let space = try await DecisionSpaceService.create(input, user: user, on: req.db)
            return req.redirect(to: SiteURL.Decisions.space(space.id!))
        } catch let f as ValidationFailure {
            return SpaceViews.form(try await DecisionsPages.spaceForm(nil, input: input, errors: f.errors, req.db), req.page).response(req.page)
        }
    }

    @Sendable static func space(_ req: Request) async throws -> Response {
        let (space, access) = try await DecisionSpaceService.findVisible(req.parameters.get("id", as: UUID.self), user: try req.requireUser(), req.db)
        return SpaceViews.show(try await DecisionsPages.spacePage(space, access: access, req.db), req.page).response(req.page)
    }

    @Sendable static func editSpace(_ req: Request) async throws -> Response {
        let (space, access) = try await DecisionSpaceService.findVisible(req.parameters.get("id", as: UUID.self), user: try req.requireUser(), req.db)
        try DecisionSpaceService.requireSecretary(access)
        return SpaceViews.form(try await DecisionsPages.spaceForm(space, withCurrent: true, req.db), req.page).response(req.page)
    }

    @Sendable static func updateSpace(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let (space, access) = try await DecisionSpaceService.findVisible(req.parameters.get("id", as: UUID.self), user: user, req.db)
        let input = try Input.form(req)
        do {
            try await DecisionSpaceService.update(space, access: access, input, user: user, on: req.db)
            return req.redirect(to: SiteURL.Decisions.space(space.id!))
        } catch let f as ValidationFailure {
            return SpaceViews.form(try await DecisionsPages.spaceForm(space, input: input, errors: f.errors, req.db), req.page).response(req.page)
        }
    }

    @Sendable static func addMeeting(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let (space, access) = try await DecisionSpaceService.findVisible(req.parameters.get("id", as: UUID.self), user: user, req.db)
        let input = try Input.form(req)
        do {
            let m = try await DecisionSpaceService.addMeeting(space, access: access, input, user: user, on: req.db)
            return req.redirect(to: SiteURL.Decisions.meeting(m.id!))
        } catch let f as ValidationFailure {
            let page = try await DecisionsPages.spacePage(space, access: access, errors: f.errors, input: input, req.db)
            return SpaceViews.show(page, req.page).response(req.page)
        }
    }

    @Sendable static func spaceActions(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let (space, access) = try await DecisionSpaceService.findVisible(req.parameters.get("id", as: UUID.self), user: user, req.db)
        try DecisionSpaceService.requireSecretary(access)
        return ActionViews.list(try await DecisionsPages.spaceActions(space, today: Day(Date()), req.db), req.page).response(req.page)
    }

    // MARK: Meetings and agenda items

    @Sendable static func meeting(_ req: Request) async throws -> Response {
        let page = try await DecisionsPages.meetingPage(req.parameters.get("id", as: UUID.self), user: try req.requireUser(), req.db)
        return MeetingViews.meeting(page, req.page).response(req.page)
    }

    @Sendable static func addItem(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let (meeting, _, access) = try await DecisionSpaceService.findMeeting(req.parameters.get("id", as: UUID.self), user: user, req.db)
        let input = try Input.form(req)
        do {
            let item = try await DecisionSpaceService.addItem(meeting, access: access, input, user: user, on: req.db)
            return req.redirect(to: SiteURL.Decisions.item(item.id!))
        } catch let f as ValidationFailure {
            let page = try await DecisionsPages.meetingPage(
                req.parameters.get("id", as: UUID.self), user: user, errors: f.errors, input: input, req.db)
            return MeetingViews.meeting(page, req.page).response(req.page)
        }
    }

    @Sendable static func item(_ req: Request) async throws -> Response {
        let page = try await DecisionsPages.itemPage(
            req.parameters.get("id", as: UUID.self), user: try req.requireUser(), print: false, today: Day(Date()), req.db)
        return MeetingViews.item(page, req.page).response(req.page)
    }

    @Sendable static func setItemAnalysis(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let (item, _, _, access) = try await DecisionSpaceService.findItem(req.parameters.get("id", as: UUID.self), user: user, req.db)
        let input = try Input.form(req)
        do {
            try await DecisionSpaceService.setItemAnalysis(item, access: access, input, user: user, on: req.db)
            return req.redirect(to: SiteURL.Decisions.item(item.id!))
        } catch let f as ValidationFailure {
            let page = try await DecisionsPages.itemPage(
                item.id, user: user, print: false, today: Day(Date()), errors: f.errors, input: input, req.db)
            return MeetingViews.item(page, req.page).response(req.page)
        }
    }

    @Sendable static func itemPrint(_ req: Request) async throws -> Response {
        let page = try await DecisionsPages.itemPage(
            req.parameters.get("id", as: UUID.self), user: try req.requireUser(), print: true, today: Day(Date()), req.db)
        return MeetingViews.item(page, req.page).response(req.page)
    }

    @Sendable static func decide(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let (item, meeting, _, access) = try await DecisionSpaceService.findItem(req.parameters.get("id", as: UUID.self), user: user, req.db)
        let input = try Input.form(req)
        do {
            let d = try await ActionService.decide(item, meeting: meeting, access: access, input, user: user, on: req.db)
            return req.redirect(to: SiteURL.Decisions.item(item.id!) + "#decision-\(d.id!.uuidString)")
        } catch let f as ValidationFailure {
            let page = try await DecisionsPages.itemPage(
                item.id, user: user, print: false, today: Day(Date()), errors: f.errors, input: input, req.db)
            return MeetingViews.item(page, req.page).response(req.page)
        }
    }

    @Sendable static func addAction(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let (decision, _, access) = try await ActionService.findDecision(req.parameters.get("id", as: UUID.self), user: user, req.db)
        let input = try Input.form(req)
        do {
            let a = try await ActionService.addAction(decision, access: access, input, user: user, today: Day(Date()), on: req.db)
            return req.redirect(to: SiteURL.Decisions.item(decision.$agendaItem.id) + "#decision-\(decision.id!.uuidString)")
                .withActionHeader(a.id!)
        } catch let f as ValidationFailure {
            let page = try await DecisionsPages.itemPage(
                decision.$agendaItem.id, user: user, print: false, today: Day(Date()), errors: f.errors, input: input,
                errorDecision: decision.id, req.db)
            return MeetingViews.item(page, req.page).response(req.page)
        }
    }

    // MARK: Actions

    @Sendable static func myActions(_ req: Request) async throws -> Response {
        ActionViews.list(try await DecisionsPages.myActions(user: req.requireUser(), today: Day(Date()), req.db), req.page).response(req.page)
    }

    @Sendable static func action(_ req: Request) async throws -> Response {
        let page = try await DecisionsPages.actionPage(
            req.parameters.get("id", as: UUID.self), user: try req.requireUser(), today: Day(Date()),
            notice: req.queryValues["saved"] != nil ? "Action updated" : nil, req.db)
        return ActionViews.page(page, req.page).response(req.page)
    }

    @Sendable static func updateAction(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let (action, _, access) = try await ActionService.findAction(req.parameters.get("id", as: UUID.self), user: user, req.db)
        let input = try Input.form(req)
        do {
            try await ActionService.update(action, access: access, input, user: user, today: Day(Date()), on: req.db, mail: req.mailContext)
            return req.redirect(to: SiteURL.with(SiteURL.Decisions.action(action.id!), ["saved": "1"]))
        } catch let f as ValidationFailure {
            let page = try await DecisionsPages.actionPage(action.id, user: user, today: Day(Date()), errors: f.errors, input: input, req.db)
            return ActionViews.page(page, req.page).response(req.page)
        }
    }
}

extension Response {
    /// The id of what a POST created, for scripts and tests following the redirect.
    func withActionHeader(_ id: UUID) -> Response {
        headers.replaceOrAdd(name: "X-Chorus-Created", value: id.uuidString)
        return self
    }
}
