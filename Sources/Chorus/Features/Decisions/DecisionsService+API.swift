import Vapor
import Fluent
import ChorusCore

/// The reads the JSON API needs from decision spaces, meetings, decisions and actions, behind the same rules as the
/// pages: a private space (and everything in it) exists only for its members; an action also for its owner.
extension DecisionSpaceService {
    /// The spaces this person may see (public ones and those they belong to), by name, with their access.
    static func visiblePage(user: CurrentUser, kind: DecisionSpaceKind?, _ window: PageWindow, _ db: any Database)
        async throws -> PageOf<(DecisionSpace, Access)>
    {
        let memberships = try await DecisionSpaceMember.query(on: db).filter(\.$person.$id == user.id).all()
        var secretaryOf: [UUID: Bool] = [:]
        for m in memberships { secretaryOf[m.$space.id] = (secretaryOf[m.$space.id] ?? false) || m.isSecretary }
        let mine = Array(secretaryOf.keys)
        func query() -> QueryBuilder<DecisionSpace> {
            let q = DecisionSpace.query(on: db).group(.or) { g in
                g.filter(\.$isPublic == true)
                if !mine.isEmpty { g.filter(\.$id ~~ mine) }
            }
            if let kind { q.filter(\.$kind == kind.rawValue) }
            return q
        }
        let total = try await query().count()
        let spaces = try await query().sort(\.$name).sort(\.$id).range(window.offset..<(window.offset + window.size)).all()
        return PageOf(
            items: spaces.map { s in
                let isMember = secretaryOf[s.id!] != nil
                let isSecretary = (secretaryOf[s.id!] ?? false) || (user.role.canAdministerPartnership && (s.isPublic || isMember))
                return (s, Access(isMember: isMember, isSecretary: isSecretary, isPublic: s.isPublic))
            }, request: window, total: total)
    }

    /// Who sits in a space, its organisations and themes, and how many meetings it has had.
    struct Membership: Sendable {
        struct Member: Sendable { let personID: UUID?; let name: String; let role: String?; let isSecretary: Bool }
        let members: [Member]
        let organisationIDs: [UUID]
        let themeIDs: [UUID]
        let meetingCount: Int
    }

    static func membership(of space: DecisionSpace, _ db: any Database) async throws -> Membership {
        let id = space.id!
        let rows = try await DecisionSpaceMember.query(on: db).filter(\.$space.$id == id).all()
        let names = try await NameLookup.names(Person.self, rows.compactMap { $0.$person.id }, db) { $0.name }
        let members = rows.map { m in
            Membership.Member(
                personID: m.$person.id, name: m.$person.id.flatMap { names[$0] } ?? m.externalName ?? "", role: m.memberRole,
                isSecretary: m.isSecretary)
        }.sorted { ($0.isSecretary ? 0 : 1, $0.name) < ($1.isSecretary ? 0 : 1, $1.name) }
        return Membership(
            members: members,
            organisationIDs: try await DecisionSpaceOrganisation.query(on: db).filter(\.$space.$id == id).all().map { $0.$organisation.id }.sorted {
                $0.uuidString < $1.uuidString
            },
            themeIDs: try await DecisionSpaceTheme.query(on: db).filter(\.$space.$id == id).all().map { $0.$theme.id }.sorted {
                $0.uuidString < $1.uuidString
            },
            meetingCount: try await Meeting.query(on: db).filter(\.$space.$id == id).count())
    }

    /// A space's meetings, newest first (as on its page).
    static func meetings(of space: DecisionSpace, _ db: any Database) async throws -> [Meeting] {
        try await Meeting.query(on: db).filter(\.$space.$id == space.id!).sort(\.$meetingDay, .descending).sort(\.$id).all()
    }

    /// A meeting's agenda in order, with the decisions recorded on each item.
    static func agenda(of meeting: Meeting, _ db: any Database) async throws -> [(AgendaItem, [UUID])] {
        let items = try await AgendaItem.query(on: db).filter(\.$meeting.$id == meeting.id!).sort(\.$position).sort(\.$id).all()
        var decisions: [UUID: [UUID]] = [:]
        if !items.isEmpty {
            for d in try await Decision.query(on: db).filter(\.$agendaItem.$id ~~ items.compactMap(\.id)).sort(\.$decidedDay).sort(\.$createdAt).all()
            {
                decisions[d.$agendaItem.id, default: []].append(d.id!)
            }
        }
        return items.map { ($0, decisions[$0.id!] ?? []) }
    }
}

extension ActionService {
    /// A decision with its item, what prompted it (an insight only when the reader's wall lets it through) and its actions.
    struct DecisionRecord: Sendable {
        let decision: Decision
        let item: AgendaItem
        let links: [(kind: String, target: UUID)]
        let actions: [DecisionAction]
    }

    static func record(of decision: Decision, viewer: CurrentUser, _ db: any Database) async throws -> DecisionRecord {
        guard let item = try await AgendaItem.find(decision.$agendaItem.id, on: db) else { throw Abort(.notFound) }
        let links = try await DecisionLink.query(on: db).filter(\.$decision.$id == decision.id!).all()
        let insightIDs = links.filter { $0.kind == DecisionLink.Kind.insight.rawValue }.map(\.targetID)
        var seen = Set<UUID>()
        if !insightIDs.isEmpty {
            seen = Set(try await InsightQueries.query(db, InsightQueries.Filter(wall: viewer.wall)).filter(\.$id ~~ insightIDs).all(\.$id))
        }
        let shown = links.filter { $0.kind != DecisionLink.Kind.insight.rawValue || seen.contains($0.targetID) }
            .sorted { ($0.kind, $0.targetID.uuidString) < ($1.kind, $1.targetID.uuidString) }
        let actions = try await DecisionAction.query(on: db).filter(\.$decision.$id == decision.id!).sort(\.$dueDay).sort(\.$id).all()
        return DecisionRecord(decision: decision, item: item, links: shown.map { ($0.kind, $0.targetID) }, actions: actions)
    }

    /// Filters of the action list: one space, one status, only the caller's own.
    struct ListFilter: Sendable {
        var space: UUID?
        var status: ActionStatus?
        var mine = false
    }

    /// The actions this person may see — those of spaces they may see, and those they own — soonest due first.
    static func visiblePage(user: CurrentUser, _ f: ListFilter, _ window: PageWindow, _ db: any Database) async throws -> PageOf<DecisionAction> {
        let spaces = Array(try await DecisionSpaceService.visibleSpaceIDs(user: user, db))
        func query() -> QueryBuilder<DecisionAction> {
            let q = DecisionAction.query(on: db)
            if f.mine {
                q.filter(\.$owner.$id == user.id)
            } else {
                q.group(.or) { g in
                    g.filter(\.$owner.$id == user.id)
                    if !spaces.isEmpty { g.filter(\.$space.$id ~~ spaces) }
                }
            }
            if let s = f.space { q.filter(\.$space.$id == s) }
            if let s = f.status { q.filter(\.$status == s.rawValue) }
            return q
        }
        let total = try await query().count()
        let items = try await query().sort(\.$dueDay).sort(\.$id).range(window.offset..<(window.offset + window.size)).all()
        return PageOf(items: items, request: window, total: total)
    }

    /// An action as lists show it: names, overdue, and whether this person may update it.
    struct Listed: Sendable {
        let action: DecisionAction
        let ownerName: String?
        let organisationName: String
        let spaceName: String
        let overdue: Bool
        let canUpdate: Bool
        /// The day it has been at its status, as its pages say it (`ActionRules.since`: never before its decision).
        let since: Day
    }

    static func listed(_ actions: [DecisionAction], user: CurrentUser, today: Day, _ db: any Database) async throws -> [Listed] {
        let people = try await NameLookup.names(Person.self, Array(Set(actions.compactMap { $0.$owner.id })), db) { $0.name }
        let orgs = try await NameLookup.names(Organisation.self, Array(Set(actions.map { $0.$organisation.id })), db) { $0.name }
        let spaceIDs = Array(Set(actions.map { $0.$space.id }))
        let spaces = spaceIDs.isEmpty ? [] : try await DecisionSpace.query(on: db).filter(\.$id ~~ spaceIDs).all()
        let memberships =
            spaceIDs.isEmpty
            ? []
            : try await DecisionSpaceMember.query(on: db).filter(\.$person.$id == user.id)
                .filter(\.$space.$id ~~ spaceIDs).all()
        var access: [UUID: DecisionSpaceService.Access] = [:]
        for s in spaces {
            let mine = memberships.filter { $0.$space.id == s.id }
            let isMember = !mine.isEmpty
            access[s.id!] = .init(
                isMember: isMember,
                isSecretary: mine.contains { $0.isSecretary } || (user.role.canAdministerPartnership && (s.isPublic || isMember)),
                isPublic: s.isPublic)
        }
        let names = Dictionary(uniqueKeysWithValues: spaces.map { ($0.id!, $0.name) })
        let decisionIDs = Array(Set(actions.map { $0.$decision.id }))
        var decided: [UUID: Day] = [:]
        for chunk in decisionIDs.chunked(1000) {
            for d in try await Decision.query(on: db).filter(\.$id ~~ chunk).all() { decided[d.id!] = Day(ordinal: d.decidedDay) }
        }
        return actions.map { a in
            let status = ActionStatus(rawValue: a.status) ?? .agreed
            let a2 = access[a.$space.id] ?? .init(isMember: false, isSecretary: false, isPublic: false)
            return Listed(
                action: a, ownerName: a.$owner.id.flatMap { people[$0] }, organisationName: orgs[a.$organisation.id] ?? "",
                spaceName: names[a.$space.id] ?? "",
                overdue: ActionRules.isOverdue(status: status, due: a.dueDay.map(Day.init(ordinal:)), today: today),
                canUpdate: canUpdate(a, access: a2, user: user),
                since: ActionRules.since(statusDay: Day(ordinal: a.statusDay), decided: decided[a.$decision.id]))
        }
    }

    /// An action's dated progress notes, oldest first (as on its page).
    static func notes(of action: DecisionAction, _ db: any Database) async throws -> [ActionNote] {
        try await ActionNote.query(on: db).filter(\.$action.$id == action.id!).sort(\.$noteDay).sort(\.$createdAt).all()
    }
}
