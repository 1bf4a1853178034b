import Vapor
import Fluent
import ChorusCore

/// /api/v1 for decision spaces, meetings, decisions and actions: what the staff pages show, behind the same walls (a
/// private space, its meetings, decisions and actions are 404 to anyone who is not a member; an action is also seen by
/// its owner), and the one write staff do most, updating an action (`ActionService.update`, the page's rules).
enum DecisionsAPI {
    static let spaceFilters: [FieldSpec] =
        [
            FieldSpec(name: "kind", kind: .choice(DecisionSpaceKind.allCases.map(\.rawValue)), required: false, description: "Kind of space")
        ] + APIParameters.paging

    static let actionFilters: [FieldSpec] =
        [
            FieldSpec(name: "space", kind: .uuid, required: false, description: "Decision space id (only spaces you may see have actions here)"),
            FieldSpec(name: "status", kind: .choice(ActionStatus.allCases.map(\.rawValue)), required: false, description: "Status"),
            FieldSpec(name: "owner", kind: .choice(["me"]), required: false, description: "`me`: only the actions you own"),
        ] + APIParameters.paging

    /// The body of `PATCH /actions/{id}`: every field optional, at least one change or a note.
    static let updateSpecs: [FieldSpec] = [
        FieldSpec(
            name: "status", kind: .choice(ActionStatus.allCases.map(\.rawValue)), required: false,
            description:
                "New status (from proposed: agreed or not_doing; agreed: in_progress, done, not_doing; in_progress: done, not_doing; done or not_doing: agreed)"
        ),
        FieldSpec(
            name: "reason", kind: .string(maxLength: 2000), required: false,
            description: "Why it will not be done (needed to move to not_doing; residents are told)",
            multiline: true),
        FieldSpec(name: "note", kind: .string(maxLength: 4000), required: false, description: "A progress note", multiline: true),
        FieldSpec(name: "note_on", kind: .date, required: false, description: "The day of the note or change (default today; not in the future)"),
        FieldSpec(name: "due_on", kind: .date, required: false, description: "A new due date (the space's secretaries only)"),
    ]

    static func register(_ api: any RoutesBuilder, docs: APIDocs) {
        let space = docs.schema(DecisionsDTO.Space.self)
        let meetingDetail = docs.schema(DecisionsDTO.MeetingDetail.self)
        let decision = docs.schema(DecisionsDTO.Decision.self)
        let actionDetail = docs.schema(DecisionsDTO.ActionDetail.self)
        docs.addSchema("ActionUpdate", updateSchema)
        let tag = "decisions"

        docs.route(
            api, .GET, "/decision-spaces", summary: "Decision spaces you may see (public ones and those you belong to)", tag: tag,
            response: docs.schema(APIPage<DecisionsDTO.SpaceSummary>.self), query: APIParameters.documented(spaceFilters)
        ) { req in
            let user = try req.requireUser()
            let q = try APIParameters.read(req, spaceFilters)
            let page = try await DecisionSpaceService.visiblePage(
                user: user, kind: q["kind"].flatMap(DecisionSpaceKind.init(rawValue:)),
                APIParameters.window(q), req.db)
            return try APIResponse.json(APIPage(page) { summary($0.0, $0.1) })
        }
        docs.route(
            api, .GET, "/decision-spaces/{id}", summary: "One decision space, its members, organisations and themes", tag: tag, response: space
        ) { req in
            let (s, access) = try await DecisionSpaceService.findVisible(req.parameters.get("id", as: UUID.self), user: try req.requireUser(), req.db)
            let m = try await DecisionSpaceService.membership(of: s, req.db)
            return try APIResponse.json(
                DecisionsDTO.Space(
                    id: s.id!, name: s.name, kind: DecisionSpaceKind(rawValue: s.kind) ?? .board, remit: s.remit, is_public: s.isPublic,
                    is_member: access.isMember, is_secretary: access.isSecretary, organisation_ids: m.organisationIDs, theme_ids: m.themeIDs,
                    members: m.members.map { .init(person_id: $0.personID, name: $0.name, role: $0.role, is_secretary: $0.isSecretary) },
                    meeting_count: m.meetingCount, created_at: s.createdAt, updated_at: s.updatedAt))
        }
        docs.route(
            api, .GET, "/decision-spaces/{id}/meetings", summary: "A space's meetings, newest first", tag: tag,
            response: docs.schema(APIList<DecisionsDTO.Meeting>.self)
        ) { req in
            let (s, _) = try await DecisionSpaceService.findVisible(req.parameters.get("id", as: UUID.self), user: try req.requireUser(), req.db)
            return try APIResponse.json(APIList(try await DecisionSpaceService.meetings(of: s, req.db).map(meetingDTO)))
        }
        docs.route(api, .GET, "/meetings/{id}", summary: "A meeting and its agenda", tag: tag, response: meetingDetail) { req in
            let (m, s, _) = try await DecisionSpaceService.findMeeting(req.parameters.get("id", as: UUID.self), user: try req.requireUser(), req.db)
            let items = try await DecisionSpaceService.agenda(of: m, req.db)
            return try APIResponse.json(
                DecisionsDTO.MeetingDetail(
                    id: m.id!, space_id: s.id!, space_name: s.name, title: m.title, meets_on: APIDay(Day(ordinal: m.meetingDay)),
                    location: m.location,
                    agenda_items: items.map { i, decisions in
                        .init(
                            id: i.id!, position: i.position, title: i.title, notes: i.notes, bundle_id: i.$bundle.id, theme_id: i.$theme.id,
                            analysis_run_id: i.analysisRunID, decision_ids: decisions)
                    }))
        }
        docs.route(api, .GET, "/decisions/{id}", summary: "A decision, what prompted it and the actions it set", tag: tag, response: decision) {
            req in
            let user = try req.requireUser()
            let (d, _, _) = try await ActionService.findDecision(req.parameters.get("id", as: UUID.self), user: user, req.db)
            let r = try await ActionService.record(of: d, viewer: user, req.db)
            return try APIResponse.json(
                DecisionsDTO.Decision(
                    id: d.id!, space_id: d.$space.id, meeting_id: r.item.$meeting.id, agenda_item_id: r.item.id!, agenda_item_title: r.item.title,
                    text: d.text, decided_on: APIDay(Day(ordinal: d.decidedDay)), links: r.links.map { .init(kind: $0.kind, target_id: $0.target) },
                    actions: try await ActionService.listed(r.actions, user: user, today: Day(Date()), req.db).map(actionDTO)))
        }
        docs.route(
            api, .GET, "/actions", summary: "Actions you may see (in spaces you may see, or yours), soonest due first", tag: tag,
            response: docs.schema(APIPage<DecisionsDTO.Action>.self), query: APIParameters.documented(actionFilters)
        ) { req in
            let user = try req.requireUser()
            let q = try APIParameters.read(req, actionFilters)
            let filter = ActionService.ListFilter(
                space: q["space"].flatMap(UUID.init(uuidString:)), status: q["status"].flatMap(ActionStatus.init(rawValue:)),
                mine: q["owner"] == "me")
            let page = try await ActionService.visiblePage(user: user, filter, APIParameters.window(q), req.db)
            let rows = try await ActionService.listed(page.items, user: user, today: Day(Date()), req.db)
            return try APIResponse.json(APIPage(items: rows.map(actionDTO), page: page.page, size: page.size, total: page.total))
        }
        docs.route(api, .GET, "/actions/{id}", summary: "One action with its decision and progress notes", tag: tag, response: actionDetail) { req in
            let user = try req.requireUser()
            let (action, _, _) = try await ActionService.findAction(req.parameters.get("id", as: UUID.self), user: user, req.db)
            return try APIResponse.json(try await detail(action, user: user, req.db))
        }
        docs.route(
            api, .PATCH, "/actions/{id}", summary: "Update an action: status, progress note, due date (its owner or the space's secretaries)",
            tag: tag, request: .ref("ActionUpdate"), response: actionDetail
        ) { req in
            let user = try req.requireUser()
            let (action, _, access) = try await ActionService.findAction(req.parameters.get("id", as: UUID.self), user: user, req.db)
            if let replay = try await IdempotencyKey.replay(req, user: user) { return replay }
            let input = try Input.json(req, specs: updateSpecs)
            let mail = req.mailContext
            // The status an action may move to, whether "not doing" still needs a reason and whether a note is needed
            // all depend on its current status: refused for those, a well-formed update is a 409.
            return try await APIWrite.run(
                input, specs: updateSpecs, partial: true, dependsOnStore: { ["status", "reason", "note"].contains($0.name) },
                contradictions: noChange
            ) {
                try await IdempotencyKey.store(req, user: user) { tx in
                    try await ActionService.update(action, access: access, input, user: user, today: Day(Date()), on: tx, mail: mail)
                    return try APIResponse.json(try await detail(action, user: user, tx))
                }
            }
        }.gatesItsOwnWrites()
    }

    /// The update body's schema: the fields of `updateSpecs`, at least one of a status, a note or a due date; `status`
    /// and `due_on` may not be null (neither can be cleared), the texts may (null is the same as leaving them out), and
    /// `note_on` is not in the future (the pattern stops at the end of last year: it cannot follow today).
    static var updateSchema: Schema {
        var props: [String: Schema] = [:]
        for spec in updateSpecs { props[spec.name] = spec.schema(nullable: !["status", "due_on"].contains(spec.name)) }
        props["note_on"] = .string(format: "date", nullable: true, pattern: TextPattern.pastDay())
        var withNote = props
        withNote["note"] = .string(maxLength: 4000, minLength: 1, pattern: TextPattern.text(required: true, multiline: true))
        return .anyOf([.object(props, required: ["status"]), .object(withNote, required: ["note"]), .object(props, required: ["due_on"])])
    }

    /// Fields an update gets wrong on its own (for `APIWrite`): a null status or due date, or nothing asked for at all
    /// (no status, no note, no due date).
    static func noChange(_ input: Input) -> [String] {
        let note = (input["note"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var wrong = ["status", "due_on"].filter { input[$0] == "" }
        if input["status"] == nil && note.isEmpty && input["due_on"] == nil { wrong.append("note") }
        return wrong
    }

    static func summary(_ s: DecisionSpace, _ a: DecisionSpaceService.Access) -> DecisionsDTO.SpaceSummary {
        .init(
            id: s.id!, name: s.name, kind: DecisionSpaceKind(rawValue: s.kind) ?? .board, remit: s.remit, is_public: s.isPublic,
            is_member: a.isMember, is_secretary: a.isSecretary)
    }

    static func meetingDTO(_ m: Meeting) -> DecisionsDTO.Meeting {
        .init(id: m.id!, space_id: m.$space.id, title: m.title, meets_on: APIDay(Day(ordinal: m.meetingDay)), location: m.location)
    }

    static func actionDTO(_ r: ActionService.Listed) -> DecisionsDTO.Action {
        let a = r.action
        return .init(
            id: a.id!, title: a.title, decision_id: a.$decision.id, space_id: a.$space.id, space_name: r.spaceName, owner_id: a.$owner.id,
            owner_name: r.ownerName, organisation_id: a.$organisation.id, organisation_name: r.organisationName,
            due_on: APIDay(ordinal: a.dueDay), status: ActionStatus(rawValue: a.status) ?? .agreed, status_since: APIDay(r.since),
            done_on: APIDay(ordinal: a.doneDay), reason: a.reason, overdue: r.overdue, can_update: r.canUpdate)
    }

    static func detail(_ action: DecisionAction, user: CurrentUser, _ db: any Database) async throws -> DecisionsDTO.ActionDetail {
        guard let decision = try await Decision.find(action.$decision.id, on: db) else { throw Abort(.notFound) }
        let row = try await ActionService.listed([action], user: user, today: Day(Date()), db)[0]
        return .init(
            action: actionDTO(row), decision_text: decision.text,
            notes: try await ActionService.notes(of: action, db).map {
                .init(
                    on: APIDay(Day(ordinal: $0.noteDay)), person_name: $0.personName, text: $0.text,
                    from_status: $0.fromStatus.flatMap(ActionStatus.init(rawValue:)), to_status: $0.toStatus.flatMap(ActionStatus.init(rawValue:)))
            })
    }
}
