import Vapor
import Fluent
import ChorusCore

/// Decision spaces, meetings, agenda items with briefings, decisions and actions (staff pages).
enum DecisionsRoutes {
    static func register(staff: any RoutesBuilder) {
        let s = staff.grouped("decision-spaces")

        @Sendable func choices(_ req: Request) async throws -> SpaceViews.Choices {
            SpaceViews.Choices(
                organisations: try await Organisation.query(on: req.db).sort(\.$name).all().map { .init($0.id!.uuidString, $0.name) },
                themes: try await Theme.query(on: req.db).sort(\.$name).all().map { .init($0.id!.uuidString, $0.name) },
                people: try await people(req))
        }
        @Sendable func detail(_ space: DecisionSpace, _ db: any Database) async throws -> SpaceViews.SpaceDetail {
            let id = space.id!
            let members = try await DecisionSpaceMember.query(on: db).filter(\.$space.$id == id).all()
            let names = try await NameLookup.names(Person.self, members.compactMap { $0.$person.id }, db) { $0.name }
            let orgIDs = try await DecisionSpaceOrganisation.query(on: db).filter(\.$space.$id == id).all().map { $0.$organisation.id }
            let themeIDs = try await DecisionSpaceTheme.query(on: db).filter(\.$space.$id == id).all().map { $0.$theme.id }
            return SpaceViews.SpaceDetail(
                members: members.map { .init(personID: $0.$person.id, name: $0.$person.id.flatMap { names[$0] } ?? $0.externalName ?? "",
                                             role: $0.memberRole, isSecretary: $0.isSecretary) }
                    .sorted { ($0.isSecretary ? 0 : 1, $0.name) < ($1.isSecretary ? 0 : 1, $1.name) },
                organisationIDs: orgIDs, themeIDs: themeIDs,
                organisations: try await NameLookup.names(Organisation.self, orgIDs, db) { $0.name }.values.sorted(),
                themes: try await NameLookup.names(Theme.self, themeIDs, db) { $0.name }.values.sorted(),
                meetings: try await Meeting.query(on: db).filter(\.$space.$id == id).sort(\.$meetingDay, .descending).all())
        }

        s.get { req in
            let user = try req.requireUser()
            return SpaceViews.list(req, spaces: try await DecisionSpaceService.visibleSpaces(user: user, req.db), canCreate: DecisionSpaceService.canCreate(user))
        }
        s.get("new") { req in
            guard DecisionSpaceService.canCreate(try req.requireUser()) else { throw Abort(.forbidden) }
            return SpaceViews.form(req, space: nil, input: nil, current: nil, choices: try await choices(req), errors: [])
        }
        s.post { req in
            let user = try req.requireUser()
            let input = try Input.form(req)
            do {
                let space = try await DecisionSpaceService.create(input, user: user, on: req.db)
                return req.redirect(to: SiteURL.Decisions.space(space.id!))
            } catch let f as ValidationFailure {
                return SpaceViews.form(req, space: nil, input: input, current: nil, choices: try await choices(req), errors: f.errors)
            }
        }
        s.get(":id") { req in
            let (space, access) = try await DecisionSpaceService.findVisible(req.parameters.get("id", as: UUID.self), user: try req.requireUser(), req.db)
            return SpaceViews.show(req, space: space, access: access, detail: try await detail(space, req.db), errors: [], input: nil, notice: nil)
        }
        s.get(":id", "edit") { req in
            let (space, access) = try await DecisionSpaceService.findVisible(req.parameters.get("id", as: UUID.self), user: try req.requireUser(), req.db)
            try DecisionSpaceService.requireSecretary(access)
            return SpaceViews.form(req, space: space, input: nil, current: try await detail(space, req.db), choices: try await choices(req), errors: [])
        }
        s.post(":id", "edit") { req in
            let user = try req.requireUser()
            let (space, access) = try await DecisionSpaceService.findVisible(req.parameters.get("id", as: UUID.self), user: user, req.db)
            let input = try Input.form(req)
            do {
                try await DecisionSpaceService.update(space, access: access, input, user: user, on: req.db)
                return req.redirect(to: SiteURL.Decisions.space(space.id!))
            } catch let f as ValidationFailure {
                return SpaceViews.form(req, space: space, input: input, current: nil, choices: try await choices(req), errors: f.errors)
            }
        }
        s.post(":id", "meetings") { req in
            let user = try req.requireUser()
            let (space, access) = try await DecisionSpaceService.findVisible(req.parameters.get("id", as: UUID.self), user: user, req.db)
            let input = try Input.form(req)
            do {
                let m = try await DecisionSpaceService.addMeeting(space, access: access, input, user: user, on: req.db)
                return req.redirect(to: SiteURL.Decisions.meeting(m.id!))
            } catch let f as ValidationFailure {
                return SpaceViews.show(req, space: space, access: access, detail: try await detail(space, req.db), errors: f.errors, input: input, notice: nil)
            }
        }
        s.get(":id", "actions") { req in
            let user = try req.requireUser()
            let (space, access) = try await DecisionSpaceService.findVisible(req.parameters.get("id", as: UUID.self), user: user, req.db)
            try DecisionSpaceService.requireSecretary(access)
            let actions = try await DecisionAction.query(on: req.db).filter(\.$space.$id == space.id!).sort(\.$dueDay).sort(\.$id).all()
            return ActionViews.list(req, title: "Actions of \(space.name)", intro: "Every action this space has agreed, soonest due first.",
                                    rows: try await ActionViews.rows(actions, req.db, today: Day(Date())), back: ("Back to \(space.name)", SiteURL.Decisions.space(space.id!)))
        }

        // Meetings and agenda items
        let m = staff.grouped("meetings", ":id")
        @Sendable func meetingPage(_ req: Request, errors: [FieldError], input: Input?) async throws -> Response {
            let user = try req.requireUser()
            let (meeting, space, access) = try await DecisionSpaceService.findMeeting(req.parameters.get("id", as: UUID.self), user: user, req.db)
            let items = try await AgendaItem.query(on: req.db).filter(\.$meeting.$id == meeting.id!).sort(\.$position).all()
            var counts: [UUID: Int] = [:]
            if !items.isEmpty {
                for d in try await Decision.query(on: req.db).filter(\.$agendaItem.$id ~~ items.compactMap(\.id)).all() { counts[d.$agendaItem.id, default: 0] += 1 }
            }
            let bundleNames = try await NameLookup.names(InsightBundle.self, items.compactMap { $0.$bundle.id }, req.db) { "bundle \"\($0.title)\"" }
            let themeNames = try await NameLookup.names(Theme.self, items.compactMap { $0.$theme.id }, req.db) { "theme \"\($0.name)\"" }
            let rows = items.map { i in
                MeetingViews.ItemRow(item: i, source: i.$bundle.id.flatMap { bundleNames[$0] } ?? i.$theme.id.flatMap { themeNames[$0] }, decisions: counts[i.id!] ?? 0)
            }
            let bundles = access.canRun ? try await InsightBundle.query(on: req.db).sort(\.$title).all().map { Form.Option($0.id!.uuidString, $0.title) } : []
            let themes = access.canRun ? try await Theme.query(on: req.db).sort(\.$name).all().map { Form.Option($0.id!.uuidString, $0.name) } : []
            return MeetingViews.meeting(req, meeting: meeting, space: space, access: access, items: rows, bundles: bundles, themes: themes, errors: errors, input: input)
        }
        m.get { req in try await meetingPage(req, errors: [], input: nil) }
        m.post("items") { req in
            let user = try req.requireUser()
            let (meeting, _, access) = try await DecisionSpaceService.findMeeting(req.parameters.get("id", as: UUID.self), user: user, req.db)
            let input = try Input.form(req)
            do {
                let item = try await DecisionSpaceService.addItem(meeting, access: access, input, user: user, on: req.db)
                return req.redirect(to: SiteURL.Decisions.item(item.id!))
            } catch let f as ValidationFailure {
                return try await meetingPage(req, errors: f.errors, input: input)
            }
        }

        let i = staff.grouped("agenda-items", ":id")
        i.get { req in try await itemPage(req, errors: [], input: nil, errorDecision: nil, print: false) }
        i.get("print") { req in try await itemPage(req, errors: [], input: nil, errorDecision: nil, print: true) }
        i.post("decisions") { req in
            let user = try req.requireUser()
            let (item, meeting, _, access) = try await DecisionSpaceService.findItem(req.parameters.get("id", as: UUID.self), user: user, req.db)
            let input = try Input.form(req)
            do {
                let d = try await ActionService.decide(item, meeting: meeting, access: access, input, user: user, on: req.db)
                return req.redirect(to: SiteURL.Decisions.item(item.id!) + "#decision-\(d.id!.uuidString)")
            } catch let f as ValidationFailure {
                return try await itemPage(req, errors: f.errors, input: input, errorDecision: nil, print: false)
            }
        }
        staff.post("decisions", ":id", "actions") { req in
            let user = try req.requireUser()
            let (decision, _, access) = try await ActionService.findDecision(req.parameters.get("id", as: UUID.self), user: user, req.db)
            let input = try Input.form(req)
            do {
                let a = try await ActionService.addAction(decision, access: access, input, user: user, today: Day(Date()), on: req.db)
                return req.redirect(to: SiteURL.Decisions.item(decision.$agendaItem.id) + "#decision-\(decision.id!.uuidString)")
                    .withActionHeader(a.id!)
            } catch let f as ValidationFailure {
                return try await itemPage(req, itemID: decision.$agendaItem.id, errors: f.errors, input: input, errorDecision: decision.id, print: false)
            }
        }

        // Actions
        let a = staff.grouped("actions")
        a.get("mine") { req in
            let user = try req.requireUser()
            let actions = try await DecisionAction.query(on: req.db).filter(\.$owner.$id == user.id).sort(\.$dueDay).sort(\.$id).all()
            return ActionViews.list(req, title: "My actions", intro: "Actions decision spaces have given you, soonest due first. Overdue ones are marked \"Overdue\".",
                                    rows: try await ActionViews.rows(actions, req.db, today: Day(Date())), back: nil)
        }
        @Sendable func actionPage(_ req: Request, errors: [FieldError], input: Input?, notice: String?) async throws -> Response {
            let user = try req.requireUser()
            let (action, _, access) = try await ActionService.findAction(req.parameters.get("id", as: UUID.self), user: user, req.db)
            let row = try await ActionViews.rows([action], req.db, today: Day(Date()))[0]
            guard let decision = try await Decision.find(action.$decision.id, on: req.db) else { throw Abort(.notFound) }
            let item = access.canSee ? try await AgendaItem.find(decision.$agendaItem.id, on: req.db) : nil
            let notes = try await ActionNote.query(on: req.db).filter(\.$action.$id == action.id!).sort(\.$noteDay).sort(\.$createdAt).all()
            return ActionViews.page(req, action: action, row: row, decision: decision, item: item, notes: notes,
                                    canUpdate: ActionService.canUpdate(action, access: access, user: user), errors: errors, input: input, notice: notice)
        }
        a.get(":id") { req in try await actionPage(req, errors: [], input: nil, notice: req.queryValues["saved"] != nil ? "Action updated" : nil) }
        a.post(":id") { req in
            let user = try req.requireUser()
            let (action, _, access) = try await ActionService.findAction(req.parameters.get("id", as: UUID.self), user: user, req.db)
            let input = try Input.form(req)
            do {
                try await ActionService.update(action, access: access, input, user: user, today: Day(Date()), on: req.db, mail: req.mailContext)
                return req.redirect(to: SiteURL.with(SiteURL.Decisions.action(action.id!), ["saved": "1"]))
            } catch let f as ValidationFailure {
                return try await actionPage(req, errors: f.errors, input: input, notice: nil)
            }
        }
    }

    static func people(_ req: Request) async throws -> [Form.Option] {
        try await Person.query(on: req.db).filter(\.$active == true).sort(\.$name).with(\.$organisation).all()
            .map { Form.Option($0.id!.uuidString, "\($0.name) (\($0.organisation.name))") }
    }

    static func itemPage(_ req: Request, itemID: UUID? = nil, errors: [FieldError], input: Input?, errorDecision: UUID?, print: Bool) async throws -> Response {
        let user = try req.requireUser()
        let (item, meeting, space, access) = try await DecisionSpaceService.findItem(itemID ?? req.parameters.get("id", as: UUID.self), user: user, req.db)
        var source: String? = nil
        if let b = item.$bundle.id { source = try await InsightBundle.find(b, on: req.db).map { "the bundle \"\($0.title)\"" } ?? "a bundle that was deleted" }
        if let t = item.$theme.id { source = try await Theme.find(t, on: req.db).map { "insights tagged \"\($0.name)\"" } }
        let briefing = try await BriefingService.filter(for: item, viewer: user, req.db).map { f in
            { () async throws -> Briefing in try await BriefingService.build(title: item.title, filter: f, req.db) }
        }
        let built = try await briefing?()
        let decisions = try await Decision.query(on: req.db).filter(\.$agendaItem.$id == item.id!).sort(\.$decidedDay).sort(\.$createdAt).all()
        let actions = decisions.isEmpty ? [] : try await DecisionAction.query(on: req.db).filter(\.$decision.$id ~~ decisions.compactMap(\.id)).sort(\.$dueDay).all()
        let rows = try await ActionViews.rows(actions, req.db, today: Day(Date()))
        let links = decisions.isEmpty ? [] : try await DecisionLink.query(on: req.db).filter(\.$decision.$id ~~ decisions.compactMap(\.id)).all()
        let activityNames = try await NameLookup.names(Activity.self, links.filter { $0.kind == "activity" }.map(\.targetID), req.db) { $0.title }
        let bundleNames = try await NameLookup.names(InsightBundle.self, links.filter { $0.kind == "bundle" }.map(\.targetID), req.db) { $0.title }
        let themeNames = try await NameLookup.names(Theme.self, links.filter { $0.kind == "theme" }.map(\.targetID), req.db) { $0.name }
        let blocks = decisions.map { d in
            MeetingViews.DecisionBlock(decision: d, actions: zip(actions, rows).filter { $0.0.$decision.id == d.id }.map(\.1),
                                       links: links.filter { $0.$decision.id == d.id }.compactMap { l -> (label: String, href: String?)? in
                switch l.kind {
                case "activity": return activityNames[l.targetID].map { ("activity \"\($0)\"", SiteURL.Register.show(l.targetID)) }
                case "bundle": return bundleNames[l.targetID].map { ("bundle \"\($0)\"", SiteURL.Insights.bundle(l.targetID)) }
                case "theme": return themeNames[l.targetID].map { ("theme \"\($0)\"", nil) }
                case "insight": return ("an insight", SiteURL.Insights.show(l.targetID))
                default: return nil
                }
            })
        }
        var activities: [Form.Option] = []
        var people: [Form.Option] = [], orgs: [Form.Option] = []
        if access.canRun && !print {
            activities = try await Activity.query(on: req.db).filter(\.$status != ActivityStatus.draft.rawValue).sort(\.$startDay, .descending).limit(300).all()
                .map { Form.Option($0.id!.uuidString, $0.title) }
            people = try await DecisionsRoutes.people(req)
            orgs = try await Organisation.query(on: req.db).sort(\.$name).all().map { .init($0.id!.uuidString, $0.name) }
        }
        return MeetingViews.item(req, item: item, meeting: meeting, space: space, access: access, source: source, briefing: built, decisions: blocks,
                                 activities: activities, people: people, organisations: orgs, errors: errors, input: input, errorDecision: errorDecision, print: print)
    }
}

extension Response {
    /// The id of what a POST created, for scripts and tests following the redirect.
    func withActionHeader(_ id: UUID) -> Response {
        headers.replaceOrAdd(name: "X-Chorus-Created", value: id.uuidString)
        return self
    }
}
