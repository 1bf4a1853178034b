import Vapor
import Fluent
import ChorusCore

/// The page models of decision spaces, meetings, agenda items, decisions and actions: plain values a view renders
/// with a `PageContext`, built here (views never see a request, the database or a Fluent model).
enum DecisionsPages {
    // MARK: Plain values

    struct Space: Sendable {
        let id: UUID
        let name: String
        let kind: String
        let remit: String
        let isPublic: Bool
        var kindLabel: String { DecisionSpaceKind(rawValue: kind)?.label ?? kind }

        init(_ s: DecisionSpace) {
            id = s.id!; name = s.name; kind = s.kind; remit = s.remit; isPublic = s.isPublic
        }
    }

    struct MeetingInfo: Sendable {
        let id: UUID
        let title: String
        let day: Day
        let location: String?

        init(_ m: Meeting) {
            id = m.id!; title = m.title; day = Day(ordinal: m.meetingDay); location = m.location
        }
    }

    struct Item: Sendable {
        let id: UUID
        let title: String
        let position: Int
        let notes: String?
        let analysisRunID: UUID?

        init(_ i: AgendaItem) {
            id = i.id!; title = i.title; position = i.position; notes = i.notes; analysisRunID = i.analysisRunID
        }
    }

    struct DecisionInfo: Sendable {
        let id: UUID
        let text: String
        let decided: Day
        let agendaItemID: UUID

        init(_ d: Decision) {
            id = d.id!; text = d.text; decided = Day(ordinal: d.decidedDay); agendaItemID = d.$agendaItem.id
        }
    }

    /// An action as tables show it; `overdue` is worked out for the day the page was built.
    struct ActionRow: Sendable {
        let id: UUID
        let title: String
        let owner: String
        let organisation: String
        let space: String
        let due: Day?
        let status: ActionStatus
        let statusDay: Day
        let overdue: Bool
        /// Where the action is updated, for actions kept by another area (`OwnedAction`); nil: the decision action page.
        var href: String? = nil
    }

    /// A link with its text; `href` nil where there is no page to link to (a theme).
    struct Link: Sendable {
        let label: String
        let href: String?
        /// The activity linked to (its report can be started from the decision).
        var activity: (id: UUID, title: String)? = nil
    }

    // MARK: Pages

    struct SpaceList: Sendable {
        let spaces: [Space]
        let canCreate: Bool
    }

    struct Choices: Sendable {
        let organisations: [Form.Option], themes: [Form.Option], people: [Form.Option]
    }

    struct SpaceDetail: Sendable {
        struct Member: Sendable { let personID: UUID?; let name: String; let role: String?; let isSecretary: Bool }
        let members: [Member]
        let organisationIDs: [UUID], themeIDs: [UUID]
        let organisations: [String], themes: [String]
        let meetings: [MeetingInfo]
    }

    /// The set-up form (`space` nil) or the change form; `current` fills it when nothing was sent yet.
    struct SpaceForm: Sendable {
        let space: Space?
        let input: Input?
        let current: SpaceDetail?
        let choices: Choices
        let errors: [FieldError]
    }

    struct SpacePage: Sendable {
        let space: Space
        let access: DecisionSpaceService.Access
        let detail: SpaceDetail
        var errors: [FieldError] = []
        var input: Input? = nil
        var notice: String? = nil
    }

    struct ActionList: Sendable {
        let title: String
        let intro: String
        let rows: [ActionRow]
        let back: Link?
    }

    struct ActionPage: Sendable {
        struct Note: Sendable { let day: Day; let personName: String; let toStatus: ActionStatus?; let text: String }
        let row: ActionRow
        let reason: String?
        let decisionText: String
        /// The agenda item to go back to, for those who may see the space.
        let itemID: UUID?
        let notes: [Note]
        let canUpdate: Bool
        let today: Day
        var errors: [FieldError] = []
        var input: Input? = nil
        var notice: String? = nil
    }

    struct ItemRow: Sendable { let item: Item; let source: String?; let decisions: Int }

    struct MeetingPage: Sendable {
        let meeting: MeetingInfo
        let space: Space
        let access: DecisionSpaceService.Access
        let items: [ItemRow]
        let bundles: [Form.Option]
        let themes: [Form.Option]
        /// Finished analyses the secretary may attach (their named themes go into the briefing).
        let analyses: [Form.Option]
        var errors: [FieldError] = []
        var input: Input? = nil
    }

    struct DecisionBlock: Sendable {
        let decision: DecisionInfo
        let actions: [ActionRow]
        let links: [Link]
    }

    struct ItemPage: Sendable {
        let item: Item
        let meeting: MeetingInfo
        let space: Space
        let access: DecisionSpaceService.Access
        let source: String?
        let briefing: Briefing?
        /// Finished analyses the secretary may attach; empty for other readers and in print.
        let analyses: [Form.Option]
        /// The reader writes "You said, we did" reports (a button starts the report of each activity decided on).
        let canStartReports: Bool
        let decisions: [DecisionBlock]
        /// Activities the secretary may name as having prompted a decision (typeahead pickers, not a list of 300).
        let activities: PickerChoices
        let people: [Form.Option]
        let organisations: [Form.Option]
        let print: Bool
        let today: Day
        var errors: [FieldError] = []
        var input: Input? = nil
        /// The decision whose "Add an action" form the errors belong to (nil: the "Record a decision" form).
        var errorDecision: UUID? = nil
    }

    /// "What happened because of this" on an insight's page.
    struct Outcomes: Sendable {
        struct Entry: Sendable { let space: String; let decision: DecisionInfo; let actions: [ActionRow] }
        let entries: [Entry]
    }

    // MARK: Building

    static func spaceList(user: CurrentUser, _ db: any Database) async throws -> SpaceList {
        SpaceList(
            spaces: try await DecisionSpaceService.visibleSpaces(user: user, db).map(Space.init), canCreate: DecisionSpaceService.canCreate(user))
    }

    static func people(_ db: any Database) async throws -> [Form.Option] { try await PeopleService.options(db) }

    static func choices(_ db: any Database) async throws -> Choices {
        Choices(
            organisations: try await Organisation.query(on: db).sort(\.$name).all().map { .init($0.id!.uuidString, $0.name) },
            themes: try await Theme.query(on: db).sort(\.$name).all().map { .init($0.id!.uuidString, $0.name) },
            people: try await people(db))
    }

    static func detail(_ space: DecisionSpace, _ db: any Database) async throws -> SpaceDetail {
        let id = space.id!
        let members = try await DecisionSpaceMember.query(on: db).filter(\.$space.$id == id).all()
        let names = try await NameLookup.names(Person.self, members.compactMap { $0.$person.id }, db) { $0.name }
        let orgIDs = try await DecisionSpaceOrganisation.query(on: db).filter(\.$space.$id == id).all().map { $0.$organisation.id }
        let themeIDs = try await DecisionSpaceTheme.query(on: db).filter(\.$space.$id == id).all().map { $0.$theme.id }
        return SpaceDetail(
            members: members.map {
                .init(
                    personID: $0.$person.id, name: $0.$person.id.flatMap { names[$0] } ?? $0.externalName ?? "",
                    role: $0.memberRole, isSecretary: $0.isSecretary)
            }
            .sorted { ($0.isSecretary ? 0 : 1, $0.name) < ($1.isSecretary ? 0 : 1, $1.name) },
            organisationIDs: orgIDs, themeIDs: themeIDs,
            organisations: try await NameLookup.names(Organisation.self, orgIDs, db) { $0.name }.values.sorted(),
            themes: try await NameLookup.names(Theme.self, themeIDs, db) { $0.name }.values.sorted(),
            meetings: try await Meeting.query(on: db).filter(\.$space.$id == id).sort(\.$meetingDay, .descending).all().map(MeetingInfo.init))
    }

    /// `withCurrent`: fill the form from the space as it is (the first showing of the change form).
    static func spaceForm(
        _ space: DecisionSpace?, input: Input? = nil, withCurrent: Bool = false, errors: [FieldError] = [],
        _ db: any Database
    ) async throws -> SpaceForm {
        var current: SpaceDetail? = nil
        if withCurrent, let space { current = try await detail(space, db) }
        return SpaceForm(space: space.map(Space.init), input: input, current: current, choices: try await choices(db), errors: errors)
    }

    static func spacePage(
        _ space: DecisionSpace, access: DecisionSpaceService.Access, errors: [FieldError] = [], input: Input? = nil,
        _ db: any Database
    ) async throws -> SpacePage {
        SpacePage(space: Space(space), access: access, detail: try await detail(space, db), errors: errors, input: input)
    }

    static func actionRows(_ actions: [DecisionAction], _ db: any Database, today: Day) async throws -> [ActionRow] {
        let people = try await NameLookup.names(Person.self, Array(Set(actions.compactMap { $0.$owner.id })), db) { $0.name }
        let orgs = try await NameLookup.names(Organisation.self, Array(Set(actions.map { $0.$organisation.id })), db) { $0.name }
        let spaces = try await NameLookup.names(DecisionSpace.self, Array(Set(actions.map { $0.$space.id })), db) { $0.name }
        // An action is agreed with its decision: "since" is never before the decision's day (`ActionRules.since`).
        let decided = try await NameLookup.names(Decision.self, Array(Set(actions.map { $0.$decision.id })), db) { String($0.decidedDay) }
        return actions.map { a in
            let status = ActionStatus(rawValue: a.status) ?? .agreed
            let due = a.dueDay.map(Day.init(ordinal:))
            return ActionRow(
                id: a.id!, title: a.title, owner: a.$owner.id.flatMap { people[$0] } ?? "—", organisation: orgs[a.$organisation.id] ?? "",
                space: spaces[a.$space.id] ?? "", due: due, status: status,
                statusDay: ActionRules.since(
                    statusDay: Day(ordinal: a.statusDay), decided: decided[a.$decision.id].flatMap(Int.init).map(Day.init(ordinal:))),
                overdue: ActionRules.isOverdue(status: status, due: due, today: today))
        }
    }

    static func spaceActions(_ space: DecisionSpace, today: Day, _ db: any Database) async throws -> ActionList {
        let actions = try await DecisionAction.query(on: db).filter(\.$space.$id == space.id!).sort(\.$dueDay).sort(\.$id).all()
        return ActionList(
            title: "Actions of \(space.name)", intro: "Every action this space has agreed, soonest due first.",
            rows: try await actionRows(actions, db, today: today),
            back: Link(label: "Back to \(space.name)", href: SiteURL.Decisions.space(space.id!)))
    }

    static func myActions(user: CurrentUser, today: Day, _ db: any Database) async throws -> ActionList {
        let actions = try await DecisionAction.query(on: db).filter(\.$owner.$id == user.id).sort(\.$dueDay).sort(\.$id).all()
        let others = try await Features.ownedActions(OwnedActionsRequest(user: user, db: db)).map { a in
            ActionRow(
                id: UUID(), title: a.title, owner: a.owner, organisation: a.organisation, space: a.source, due: a.due, status: a.status,
                statusDay: a.statusDay, overdue: ActionRules.isOverdue(status: a.status, due: a.due, today: today), href: a.href)
        }
        // Soonest due first, undated last, across every area.
        let rows = (try await actionRows(actions, db, today: today) + others).enumerated().sorted { x, y in
            switch (x.element.due, y.element.due) {
            case let (a?, b?): return a != b ? a < b : x.offset < y.offset
            case (nil, nil): return x.offset < y.offset
            case (_?, nil): return true
            case (nil, _?): return false
            }
        }.map(\.element)
        return ActionList(
            title: "My actions",
            intro: "Actions decision spaces and self-assessment action plans have given you, soonest due first. Overdue ones are marked \"Overdue\".",
            rows: rows, back: nil)
    }

    static func actionPage(
        _ id: UUID?, user: CurrentUser, today: Day, errors: [FieldError] = [], input: Input? = nil, notice: String? = nil,
        _ db: any Database
    ) async throws -> ActionPage {
        let (action, _, access) = try await ActionService.findAction(id, user: user, db)
        let row = try await actionRows([action], db, today: today)[0]
        guard let decision = try await Decision.find(action.$decision.id, on: db) else { throw Abort(.notFound) }
        let item = access.canSee ? try await AgendaItem.find(decision.$agendaItem.id, on: db) : nil
        let notes = try await ActionNote.query(on: db).filter(\.$action.$id == action.id!).sort(\.$noteDay).sort(\.$createdAt).all()
        return ActionPage(
            row: row, reason: action.reason, decisionText: decision.text, itemID: item?.id,
            notes: notes.map {
                .init(
                    day: Day(ordinal: $0.noteDay), personName: $0.personName,
                    toStatus: $0.toStatus.flatMap(ActionStatus.init(rawValue:)), text: $0.text)
            },
            canUpdate: ActionService.canUpdate(action, access: access, user: user), today: today,
            errors: errors, input: input, notice: notice)
    }

    static func meetingPage(_ id: UUID?, user: CurrentUser, errors: [FieldError] = [], input: Input? = nil, _ db: any Database) async throws
        -> MeetingPage
    {
        let (meeting, space, access) = try await DecisionSpaceService.findMeeting(id, user: user, db)
        let items = try await AgendaItem.query(on: db).filter(\.$meeting.$id == meeting.id!).sort(\.$position).all()
        var counts: [UUID: Int] = [:]
        if !items.isEmpty {
            for d in try await Decision.query(on: db).filter(\.$agendaItem.$id ~~ items.compactMap(\.id)).all() {
                counts[d.$agendaItem.id, default: 0] += 1
            }
        }
        let bundleNames = try await NameLookup.names(InsightBundle.self, items.compactMap { $0.$bundle.id }, db) { "bundle \"\($0.title)\"" }
        let themeNames = try await NameLookup.names(Theme.self, items.compactMap { $0.$theme.id }, db) { "theme \"\($0.name)\"" }
        let rows = items.map { i in
            ItemRow(
                item: Item(i), source: i.$bundle.id.flatMap { bundleNames[$0] } ?? i.$theme.id.flatMap { themeNames[$0] },
                decisions: counts[i.id!] ?? 0)
        }
        let bundles = access.canRun ? try await InsightBundle.query(on: db).sort(\.$title).all().map { Form.Option($0.id!.uuidString, $0.title) } : []
        let themes = access.canRun ? try await Theme.query(on: db).sort(\.$name).all().map { Form.Option($0.id!.uuidString, $0.name) } : []
        let analyses = access.canRun ? try await analysisOptions(user, db) : []
        return MeetingPage(
            meeting: MeetingInfo(meeting), space: Space(space), access: access, items: rows, bundles: bundles, themes: themes, analyses: analyses,
            errors: errors, input: input)
    }

    static func itemPage(
        _ id: UUID?, user: CurrentUser, print: Bool, today: Day, errors: [FieldError] = [], input: Input? = nil,
        errorDecision: UUID? = nil, _ db: any Database
    ) async throws -> ItemPage {
        let (item, meeting, space, access) = try await DecisionSpaceService.findItem(id, user: user, db)
        var source: String? = nil
        if let b = item.$bundle.id {
            source = try await InsightBundle.find(b, on: db).map { "the bundle \"\($0.title)\"" } ?? "a bundle that was deleted"
        }
        if let t = item.$theme.id { source = try await Theme.find(t, on: db).map { "insights tagged \"\($0.name)\"" } }
        if source == nil, let run = item.analysisRunID {
            source =
                try await AnalysisReads.visibleRun(run, to: user, db).map { "the insights analysed in \"\($0.title)\"" }
                ?? "an analysis you cannot see"
        }
        let briefing = try await BriefingService.build(item: item, viewer: user, db)
        let decisions = try await Decision.query(on: db).filter(\.$agendaItem.$id == item.id!).sort(\.$decidedDay).sort(\.$createdAt).all()
        let actions =
            decisions.isEmpty
            ? [] : try await DecisionAction.query(on: db).filter(\.$decision.$id ~~ decisions.compactMap(\.id)).sort(\.$dueDay).all()
        let rows = try await actionRows(actions, db, today: today)
        let links = decisions.isEmpty ? [] : try await DecisionLink.query(on: db).filter(\.$decision.$id ~~ decisions.compactMap(\.id)).all()
        let activityNames = try await NameLookup.names(Activity.self, links.filter { $0.kind == "activity" }.map(\.targetID), db) { $0.title }
        let bundleNames = try await NameLookup.names(InsightBundle.self, links.filter { $0.kind == "bundle" }.map(\.targetID), db) { $0.title }
        let themeNames = try await NameLookup.names(Theme.self, links.filter { $0.kind == "theme" }.map(\.targetID), db) { $0.name }
        let blocks = decisions.map { d in
            DecisionBlock(
                decision: DecisionInfo(d), actions: zip(actions, rows).filter { $0.0.$decision.id == d.id }.map(\.1),
                links: links.filter { $0.$decision.id == d.id }.compactMap { l -> Link? in
                    switch l.kind {
                    case "activity":
                        return activityNames[l.targetID].map {
                            Link(label: "activity \"\($0)\"", href: SiteURL.Register.show(l.targetID), activity: (l.targetID, $0))
                        }
                    case "bundle": return bundleNames[l.targetID].map { Link(label: "bundle \"\($0)\"", href: SiteURL.Insights.bundle(l.targetID)) }
                    case "theme": return themeNames[l.targetID].map { Link(label: "theme \"\($0)\"", href: nil) }
                    case "insight": return Link(label: "an insight", href: SiteURL.Insights.show(l.targetID))
                    default: return nil
                    }
                })
        }
        var activities = PickerChoices([])
        var people: [Form.Option] = [], orgs: [Form.Option] = []
        if access.canRun && !print {
            activities = try await RegisterService.activityChoices(user, db)
            people = try await self.people(db)
            orgs = try await Organisation.query(on: db).sort(\.$name).all().map { .init($0.id!.uuidString, $0.name) }
        }
        return ItemPage(
            item: Item(item), meeting: MeetingInfo(meeting), space: Space(space), access: access, source: source, briefing: briefing,
            analyses: access.canRun && !print ? try await analysisOptions(user, db) : [],
            canStartReports: !print && FeedbackService.canWrite(user), decisions: blocks, activities: activities, people: people, organisations: orgs,
            print: print, today: today,
            errors: errors, input: input, errorDecision: errorDecision)
    }

    static func analysisOptions(_ user: CurrentUser, _ db: any Database) async throws -> [Form.Option] {
        try await AnalysisReads.runChoices(for: user, db).map { Form.Option($0.id.uuidString, $0.label) }
    }

    /// The decisions an insight prompted (in spaces the reader may see) and their actions.
    static func outcomes(prompting insight: Insight, viewer: CurrentUser, today: Day, _ db: any Database) async throws -> Outcomes {
        let decisions = try await ActionService.decisions(prompting: insight, viewer: viewer, db)
        let spaces = try await NameLookup.names(DecisionSpace.self, Array(Set(decisions.map { $0.$space.id })), db) { $0.name }
        let actions =
            decisions.isEmpty
            ? [] : try await DecisionAction.query(on: db).filter(\.$decision.$id ~~ decisions.compactMap(\.id)).sort(\.$dueDay).all()
        let rows = try await actionRows(actions, db, today: today)
        return Outcomes(
            entries: decisions.map { d in
                .init(
                    space: spaces[d.$space.id] ?? "", decision: DecisionInfo(d),
                    actions: zip(actions, rows).filter { $0.0.$decision.id == d.id }.map(\.1))
            })
    }
}
