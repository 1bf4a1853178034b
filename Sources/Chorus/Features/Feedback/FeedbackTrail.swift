import Vapor
import Fluent
import ChorusCore

/// What a "You said, we did" report is built from, read live from the trail for the public page:
/// what we asked (the register and plan), what you said (themes and counts from public and partnership insights,
/// suppressed under 5, the topics under 5 folded into one line; quotes from public insights on the report's own
/// themes only, always redacted, chosen by `QuoteChoice`), and what we did (decisions of public decision spaces
/// linked to the activity, and their actions with status and dates).
///
/// A theme report gathers the same from every insight on the theme (or a theme under it) heard in its date range,
/// whichever activity heard it: the activities that heard it, and the decisions linked to those insights, that
/// theme or those activities.
///
/// Everything comes through the owning features' services (register, planning, insight, taxonomy, decisions),
/// never their tables.
struct FeedbackTrail: Sendable {
    typealias ActionLine = DecisionsReads.PublicAction
    typealias DecisionLine = DecisionsReads.PublicDecision
    /// A theme report's subject: the theme and its days.
    struct ThemeScope: Sendable { let id: UUID; let name: String; let from: Day; let to: Day }
    let activityID: UUID?
    /// The activity's title, or the theme's name.
    let activityTitle: String
    let theme: ThemeScope?
    /// A theme report: the public activities that heard the theme, with their (suppressed) counts of insights.
    var heardIn: [Briefing.Row] = []
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

    /// The topics as a page lists them: those with a count shown, then the rest folded into one line.
    var topics: TopicList.Folded { TopicList.fold(themes.map { TopicList.Row(label: $0.label, count: $0.count) }) }
    /// The topics a report may say residents told it "most" about (shown counts that lead; none when suppressed).
    var leaders: [String] { TopicList.leaders(themes.map { TopicList.Row(label: $0.label, count: $0.count) }) }
}

enum FeedbackTrailService {
    static let quoteCount = 4

    /// The trail of a report, whichever kind it is.
    static func load(_ report: FeedbackReport, _ db: any Database) async throws -> FeedbackTrail {
        switch report.scope {
        case .activity(let id):
            guard let activity = try await RegisterService.facts(id, db) else { throw Abort(.notFound) }
            return try await load(activity, db)
        case .theme(let id, let from, let to):
            return try await loadTheme(id, from: from, to: to, db)
        case nil:
            throw Abort(.notFound)
        }
    }

    /// Public and partnership insights of a filter, never an organisation's own: any partner's comms may publish a
    /// report, so its trail shows what every partner may see.
    static func wall(_ change: (inout InsightQueries.Filter) -> Void) throws -> InsightQueries.Filter {
        var f = try InsightQueries.filter([:], viewer: nil)
        f.wall = .partnership
        change(&f)
        return f
    }

    /// Counts by theme (suppressed under 5) of the counted insights (`Reach`: every sharing level).
    static func themeRows(counted ids: [UUID], themesAmong: Set<UUID>?, _ db: any Database) async throws -> [Briefing.Row] {
        let themeCount = try await InsightService.themeCounts(insightIDs: ids, among: themesAmong, db)
        let themeNames = try await TaxonomyReads.names(Array(themeCount.keys), db)
        let sorted = themeCount.compactMap { id, n in themeNames[id].map { (label: $0, count: n) } }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.label < $1.label }
        return SmallNumberTable.suppress(sorted, totalShown: false).map { Briefing.Row(label: $0.label, count: $0.count) }
    }

    /// Up to four quotes from the public insights of `filter` (put behind the public wall here, whatever it had) that carry one of
    /// the report's themes (`reportThemes`, each with the themes under it), ranked by `QuoteChoice`. With no themes
    /// (an activity that has none), any of the filter's public insights may be quoted.
    static func quotes(_ scope: InsightQueries.Filter, reportThemes: [UUID: [UUID]], _ db: any Database) async throws -> [String] {
        var filter = scope
        filter.wall = .publicOnly
        var candidates: [UUID: QuoteChoice.Candidate] = [:]
        func add(_ items: [Insight], theme: UUID?) {
            for i in items {
                guard let id = i.id else { continue }
                let themes = (candidates[id]?.themes ?? []).union(theme.map { [$0] } ?? [])
                candidates[id] = QuoteChoice.Candidate(
                    id: id, text: i.text, themes: themes, isQuote: i.kind == InsightKind.quote.rawValue, heard: i.heardDay)
            }
        }
        if reportThemes.isEmpty {
            add(try await InsightQueries.query(db, filter).sort(\.$heardDay, .descending).sort(\.$id).limit(200).all(), theme: nil)
        } else {
            // One small query a theme (a report has a few), so each candidate knows which of the report's themes it is on.
            for (theme, below) in reportThemes.sorted(by: { $0.key.uuidString < $1.key.uuidString }) {
                add(
                    try await InsightService.onThemes(below, filter, db).sort(\.$heardDay, .descending).sort(\.$id).limit(200).all(),
                    theme: theme)
            }
        }
        return QuoteChoice.choose(
            candidates.values.sorted { $0.id.uuidString < $1.id.uuidString }, reportThemes: Set(reportThemes.keys), count: quoteCount)
    }

    /// Each theme with the themes under it.
    static func withBelow(_ themes: [UUID], _ db: any Database) async throws -> [UUID: [UUID]] {
        var out: [UUID: [UUID]] = [:]
        for t in themes { out[t] = try await TaxonomyReads.themeAndBelow(t, db) }
        return out
    }

    static func load(_ activity: RegisterService.ActivityFacts, _ db: any Database) async throws -> FeedbackTrail {
        let aid = activity.id
        // Counts follow the one definition of who an activity heard from (`Reach`), the figure the board's briefing
        // shows; quotes come from public insights only.
        let reach = try await InsightService.totalReach(activities: [aid], db).shown
        let counted = try await InsightService.countedIDs(activity: aid, limit: BriefingService.limit, db)
        var publicOnly = try InsightQueries.filter([:], viewer: nil)
        publicOnly.activity = aid
        var themes = try await themeRows(counted: counted, themesAmong: nil, db)
        // Quotes on the activity's own themes (a climate plan's report quotes what residents said about the climate).
        let activityThemes = try await RegisterService.wardAndThemeIDs(ofActivities: [aid], db)[aid]?.themes ?? []
        var quotes = try await self.quotes(publicOnly, reportThemes: try await withBelow(Array(activityThemes), db), db)
        // The analyst's themes, where a public decision space took an analysis of this activity's insights to its
        // agenda: the board saw those, so residents read them too (with the analysis's quotes, public ones only).
        let runs = try await DecisionsReads.analysisRuns(linkedToActivity: aid, db)
        let quotable =
            runs.isEmpty ? [] : Set(try await InsightQueries.query(db, publicOnly).sort(\.$heardDay, .descending).limit(200).all().compactMap(\.id))
        if let analysed = try await AnalysisReads.themeRows(
            runs: runs, counting: counted, quotable: quotable, quotes: quoteCount, db)
        {
            themes = analysed.themes
            if !analysed.quotes.isEmpty { quotes = analysed.quotes }
        }
        let summary = try await RegisterService.summaries([aid], db).first
        return FeedbackTrail(
            activityID: aid, activityTitle: activity.title, theme: nil, purpose: activity.purpose, publicSummary: activity.publicSummary,
            closedOn: activity.end, wards: summary?.places ?? [], themesOfActivity: summary?.themes ?? [],
            planDecision: try await PlanningService.decisionText(forActivity: aid, db),
            insights: reach.insights, people: reach.people,
            themes: themes, quotes: quotes, decisions: try await DecisionsReads.publicDecisions(linkedTo: [.activity: [aid]], db))
    }

    /// The insights a theme report is about, public and partnership ones only (what its page may count).
    static func themeInsights(_ themeIDs: [UUID], from: Day, to: Day, _ db: any Database) throws -> QueryBuilder<Insight> {
        InsightService.onThemes(
            themeIDs,
            try wall {
                $0.from = from; $0.to = to
            }, db)
    }

    /// Everyone who asked to hear back on a theme report's insights (whatever their sharing level: they asked).
    static func themeRecipients(_ themeID: UUID, from: Day, to: Day, _ db: any Database) async throws -> [String] {
        try await InsightService.optedInAddresses(themes: try await TaxonomyReads.themeAndBelow(themeID, db), from: from, to: to, db)
    }

    static func loadTheme(_ themeID: UUID, from: Day, to: Day, _ db: any Database) async throws -> FeedbackTrail {
        guard let theme = try await TaxonomyReads.theme(themeID, db) else { throw Abort(.notFound) }
        let themeIDs = try await TaxonomyReads.themeAndBelow(themeID, db)
        let items = try await themeInsights(themeIDs, from: from, to: to, db).limit(BriefingService.limit).all()
        let themes = try await themeRows(counted: items.compactMap(\.id), themesAmong: Set(themeIDs), db)
        var publicOnly = try InsightQueries.filter([:], viewer: nil)
        publicOnly.from = from; publicOnly.to = to
        let quotes = try await self.quotes(publicOnly, reportThemes: [themeID: themeIDs], db)
        // The activities that heard it: public ones by name, with how many of these insights each heard.
        var perActivity: [UUID: Int] = [:]
        for i in items { if let a = i.$activity.id { perActivity[a, default: 0] += 1 } }
        let activities = try await RegisterService.facts(Array(perActivity.keys), publicOnly: true, db)
        let rows = activities.map { (label: $0.title, count: perActivity[$0.id] ?? 0) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.label < $1.label }
        // The page also says how many people were heard in all: a lone small count must not be worked out from it.
        let heardIn = SmallNumberTable.suppress(rows, totalShown: true).map { Briefing.Row(label: $0.label, count: $0.count) }
        let wards = Set(try await RegisterService.summaries(activities.map(\.id), db).flatMap(\.places)).sorted()
        let links: [DecisionLink.Kind: [UUID]] = [.insight: items.compactMap(\.id), .theme: themeIDs, .activity: Array(perActivity.keys)]
        var trail = FeedbackTrail(
            activityID: nil, activityTitle: theme.name, theme: .init(id: themeID, name: theme.name, from: from, to: to),
            purpose: theme.description ?? "", publicSummary: nil, closedOn: to, wards: wards, themesOfActivity: [theme.name], planDecision: nil,
            insights: SmallNumberTable.total(items.count), people: SmallNumberTable.total(items.reduce(0) { $0 + $1.peopleCount }),
            themes: themes, quotes: quotes, decisions: try await DecisionsReads.publicDecisions(linkedTo: links, db))
        trail.heardIn = heardIn
        return trail
    }

    /// A first draft in plain language, for comms to edit.
    static func draft(_ t: FeedbackTrail) -> (title: String, asked: String, said: String, did: String) {
        var asked = [t.publicSummary ?? t.purpose, t.planDecision.map { "It was to help decide: \($0)" }].compactMap { $0?.nilIfEmpty }.joined(
            separator: "\n\n")
        if let theme = t.theme {
            let heard = t.heardIn.map(\.label)
            asked =
                "Between \(DayText.long(theme.from)) and \(DayText.long(theme.to)) we asked residents about many things, and \(theme.name.lowercased()) came up again and again"
                + (heard.isEmpty ? "." : ", in " + listText(Array(heard.prefix(5))) + (heard.count > 5 ? " and more." : "."))
                + (t.purpose.isEmpty ? "" : "\n\n" + t.purpose)
        }
        // The page says "We heard from N people" itself, from the live count: the draft does not say it again. "Most"
        // only of topics whose counts are shown and lead (`TopicList.leaders`).
        let leaders = t.leaders, shown = t.topics.listed.filter { $0.count.value != nil }.prefix(3).map(\.label)
        let said =
            !leaders.isEmpty
            ? "You told us most about " + listText(leaders) + "."
            : !shown.isEmpty ? "You told us about " + listText(shown) + "." : "Here is what you told us."
        var did = t.decisions.map { "On \(DayText.long($0.day)), \($0.space) discussed what you said and decided: \($0.text)" }.joined(
            separator: "\n\n")
        if did.isEmpty { did = "What you told us is going to the people who make the decision. We will update this page when they have decided." }
        let title =
            t.theme.map { "You said, we did: \($0.name), \(DayText.long($0.from)) to \(DayText.long($0.to))" }
            ?? "You said, we did: \(t.activityTitle)"
        return (String(title.prefix(200)), asked, said, did)
    }

    static func listText(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
