import Vapor
import Fluent
import ChorusCore

/// What a "You said, we did" report is built from, read live from the trail for the public page:
/// what we asked (the register and plan), what you said (themes and counts from public and partnership insights,
/// suppressed under 5; quotes from public insights only, always redacted), and what we did (decisions of public
/// decision spaces linked to the activity, and their actions with status and dates).
struct FeedbackTrail: Sendable {
    struct ActionLine: Sendable {
        let id: UUID
        let title: String
        let status: ActionStatus
        let due: Day?
        let done: Day?
        let statusDay: Day
        let reason: String?
        let organisation: String
    }
    struct DecisionLine: Sendable {
        let id: UUID
        let space: String
        let day: Day
        let text: String
        let actions: [ActionLine]
    }
    let activityID: UUID
    let activityTitle: String
    let purpose: String
    let publicSummary: String?
    let closedOn: Day?
    let wards: [String]
    let themesOfActivity: [String]
    let planDecision: String?
    let insights: SuppressedCount
    let people: SuppressedCount
    let themes: [Briefing.Row]
    let quotes: [String]
    let decisions: [DecisionLine]

    var actions: [ActionLine] { decisions.flatMap(\.actions) }
}

enum FeedbackTrailService {
    static let quoteCount = 4

    static func load(_ activity: Activity, _ db: any Database) async throws -> FeedbackTrail {
        let aid = activity.id!
        // Public and partnership insights of the activity: a viewer of no organisation sees public ones; an id no
        // organisation has adds partnership-level ones and never an organisation's own.
        var f = try InsightQueries.filter([:], viewer: nil)
        f.viewerOrganisation = UUID()
        f.activity = aid
        let items = try await InsightQueries.query(db, f).limit(BriefingService.limit).all()
        let ids = items.compactMap(\.id)
        var themeCount: [UUID: Int] = [:]
        for chunk in stride(from: 0, to: ids.count, by: 1000).map({ Array(ids[$0..<min($0 + 1000, ids.count)]) }) {
            for x in try await InsightTheme.query(on: db).filter(\.$insight.$id ~~ chunk).all() { themeCount[x.$theme.id, default: 0] += 1 }
        }
        let themeNames = try await RegisterQueries.names(Theme.self, Array(themeCount.keys), db) { $0.name }
        let sorted = themeCount.compactMap { id, n in themeNames[id].map { (label: $0, count: n) } }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.label < $1.label }
        let themes = SmallNumberTable.suppress(sorted, totalShown: false).map { Briefing.Row(label: $0.label, count: $0.count) }
        var quotes: [String] = []
        let publicOnes = items.filter { $0.sharing == SharingLevel.public.rawValue }
        for i in publicOnes.filter({ $0.kind == InsightKind.quote.rawValue }) + publicOnes where quotes.count < quoteCount && !quotes.contains(i.text) {
            quotes.append(i.text)
        }
        let summary = try await RegisterQueries.summaries([activity], db).first
        let plan = try await EngagementPlan.query(on: db).filter(\.$activity.$id == aid).first()
        return FeedbackTrail(
            activityID: aid, activityTitle: activity.title, purpose: activity.purpose, publicSummary: activity.publicSummary,
            closedOn: activity.endDay.map(Day.init(ordinal:)), wards: summary?.places ?? [], themesOfActivity: summary?.themes ?? [],
            planDecision: plan?.content.text(.decision),
            insights: SmallNumberTable.total(items.count), people: SmallNumberTable.total(items.reduce(0) { $0 + $1.peopleCount }),
            themes: themes, quotes: quotes, decisions: try await decisions(for: aid, db))
    }

    /// Decisions of public spaces linked to the activity, oldest first, with their actions (proposals are not yet
    /// promises, so they are left out).
    static func decisions(for activityID: UUID, _ db: any Database) async throws -> [FeedbackTrail.DecisionLine] {
        let decisionIDs = try await DecisionLink.query(on: db).filter(\.$kind == DecisionLink.Kind.activity.rawValue)
            .filter(\.$targetID == activityID).all().map { $0.$decision.id }
        guard !decisionIDs.isEmpty else { return [] }
        let publicSpaces = try await DecisionSpace.query(on: db).filter(\.$isPublic == true).all()
        let spaceNames = Dictionary(uniqueKeysWithValues: publicSpaces.map { ($0.id!, $0.name) })
        guard !spaceNames.isEmpty else { return [] }
        let decisions = try await Decision.query(on: db).filter(\.$id ~~ decisionIDs).filter(\.$space.$id ~~ Array(spaceNames.keys))
            .sort(\.$decidedDay).sort(\.$id).all()
        guard !decisions.isEmpty else { return [] }
        let actions = try await DecisionAction.query(on: db).filter(\.$decision.$id ~~ decisions.compactMap(\.id))
            .filter(\.$status != ActionStatus.proposed.rawValue).sort(\.$dueDay).sort(\.$id).all()
        let orgs = try await RegisterQueries.names(Organisation.self, Array(Set(actions.map { $0.$organisation.id })), db) { $0.name }
        return decisions.map { d in
            FeedbackTrail.DecisionLine(id: d.id!, space: spaceNames[d.$space.id] ?? "", day: Day(ordinal: d.decidedDay), text: d.text,
                                       actions: actions.filter { $0.$decision.id == d.id }.map { a in
                FeedbackTrail.ActionLine(id: a.id!, title: a.title, status: ActionStatus(rawValue: a.status) ?? .agreed,
                                         due: a.dueDay.map(Day.init(ordinal:)), done: a.doneDay.map(Day.init(ordinal:)),
                                         statusDay: Day(ordinal: a.statusDay), reason: a.reason, organisation: orgs[a.$organisation.id] ?? "")
            })
        }
    }

    /// A first draft in plain language, for comms to edit.
    static func draft(_ t: FeedbackTrail) -> (title: String, asked: String, said: String, did: String) {
        let asked = [t.publicSummary ?? t.purpose, t.planDecision.map { "It was to help decide: \($0)" }].compactMap { $0 }.joined(separator: "\n\n")
        var said = "We heard from \(t.people.text()) people."
        let top = t.themes.prefix(3).map(\.label)
        if !top.isEmpty { said += " You told us most about " + listText(top) + "." }
        var did = t.decisions.map { "On \(DayText.long($0.day)), \($0.space) discussed what you said and decided: \($0.text)" }.joined(separator: "\n\n")
        if did.isEmpty { did = "What you told us is going to the people who make the decision. We will update this page when they have decided." }
        return ("You said, we did: \(t.activityTitle)", asked, said, did)
    }

    static func listText(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
