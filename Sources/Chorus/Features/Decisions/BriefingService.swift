import Vapor
import Fluent
import ChorusCore

/// An insight agenda item as a briefing for committee papers: themes, counts, quotes, reach, and who was and was not
/// heard. Built for ONE viewer from the insights that viewer may see (the sharing wall is in the query), and every
/// count is already suppressed under 5 here, so no page can show a raw small number.
struct Briefing: Sendable {
    struct Row: Sendable { let label: String; let count: SuppressedCount }
    struct EqualityTable: Sendable {
        let question: String
        let rows: [Row]
        let answered: SuppressedCount
        let notAnswered: SuppressedCount
        /// Answers no one in the briefing gave (excluding "prefer not to say").
        let notHeard: [String]
    }
    let title: String
    let insights: SuppressedCount
    let people: SuppressedCount
    let wardCount: Int, organisationCount: Int, activityCount: Int
    let from: Day?, to: Day?
    let themes: [Row]
    let wards: [Row]
    let audiencesHeard: [Row]
    let audiencesNotHeard: [String]
    let equality: [EqualityTable]
    let quotes: [String]
    /// More insights matched than a briefing reads; the counts cover the first `limit`.
    let truncated: Bool
    /// Ids of the insights and activities behind it (for the decision's trail).
    let insightIDs: [UUID]
    let activityIDs: [UUID]
    /// Who each activity behind it heard from (`Reach`, the figure its "You said, we did" report shows), by title.
    var reach: [ActivityReach] = []
    /// The analyst's named themes, when the item carries an analysis run the reader may see.
    var analysis: AnalysisReads.Themes? = nil
    /// The item carries an analysis the reader may not see, or that was deleted or has not finished.
    var analysisUnavailable = false

    struct ActivityReach: Sendable { let activityID: UUID; let title: String; let insights: SuppressedCount; let people: SuppressedCount }
}

enum BriefingService {
    static let limit = 50_000
    static let quoteCount = 5

    /// The filter for an agenda item as this viewer sees it (nil: not an insight item, or its bundle was deleted).
    /// An item with only an analysis run briefs on the insights the run analysed, as this viewer sees them.
    static func filter(for item: AgendaItem, viewer: CurrentUser, _ db: any Database) async throws -> InsightQueries.Filter? {
        if item.$bundle.id == nil, item.$theme.id == nil, let run = item.analysisRunID {
            return try await AnalysisReads.scopeFilter(run: run, viewer: viewer, db)
        }
        if let b = item.$bundle.id {
            guard let bundle = try await InsightBundle.find(b, on: db) else { return nil }
            return try InsightBundleService.filter(for: bundle, viewer: viewer)
        }
        if let t = item.$theme.id {
            var f = try InsightQueries.filter([:], viewer: viewer)
            f.theme = t
            return f
        }
        return nil
    }

    /// The briefing of an agenda item for this viewer: `build`, plus the analysis the item carries (its themes counted
    /// over the briefing's insights) and who each activity behind it heard from.
    static func build(item: AgendaItem, viewer: CurrentUser, _ db: any Database) async throws -> Briefing? {
        guard let f = try await filter(for: item, viewer: viewer, db) else { return nil }
        var b = try await build(title: item.title, filter: f, db)
        if let run = item.analysisRunID {
            let visible = Set(b.insightIDs)
            if try await AnalysisReads.visibleRun(run, to: viewer, db) != nil {
                b.analysis = try await AnalysisReads.themes(run: run, counting: visible, quotable: visible, quotes: quoteCount, db)
            }
            b.analysisUnavailable = b.analysis == nil
        }
        let reach = try await InsightService.reach(activities: b.activityIDs, db)
        let titles = try await NameLookup.names(Activity.self, b.activityIDs, db) { $0.title }
        b.reach = b.activityIDs.compactMap { id in
            guard let title = titles[id] else { return nil }
            let shown = (reach[id] ?? .none).shown
            return Briefing.ActivityReach(activityID: id, title: title, insights: shown.insights, people: shown.people)
        }.sorted { $0.title < $1.title }
        return b
    }

    static func build(title: String, filter f: InsightQueries.Filter, _ db: any Database) async throws -> Briefing {
        let items = try await InsightQueries.query(db, f).sort(\.$heardDay, .descending).sort(\.$id).limit(limit + 1).all()
        let truncated = items.count > limit
        let list = Array(items.prefix(limit))
        let ids = list.compactMap(\.id)
        var themeCount: [UUID: Int] = [:], audienceCount: [UUID: Int] = [:]
        for chunk in ids.chunked(1000) {
            for x in try await InsightTheme.query(on: db).filter(\.$insight.$id ~~ chunk).all() { themeCount[x.$theme.id, default: 0] += 1 }
            for x in try await InsightAudience.query(on: db).filter(\.$insight.$id ~~ chunk).all() { audienceCount[x.$audience.id, default: 0] += 1 }
        }
        let themeNames = try await NameLookup.names(Theme.self, Array(themeCount.keys), db) { $0.name }
        let audiences = try await Audience.query(on: db).sort(\.$name).all()
        var wardCount: [UUID: Int] = [:]
        for i in list { if let p = i.$place.id { wardCount[p, default: 0] += 1 } }
        let wardNames = try await NameLookup.names(Place.self, Array(wardCount.keys), db) { $0.name }

        // `totalShown`: the cells add up to a number on the page. Each insight has at most one ward, so the ward rows add
        // up to the insights total shown under Reach (less those with no ward): one hidden ward could be worked out.
        func rows(_ counts: [UUID: Int], _ names: [UUID: String], totalShown: Bool = false) -> [Briefing.Row] {
            let sorted = counts.compactMap { id, n in names[id].map { (label: $0, count: n) } }
                .sorted { $0.count != $1.count ? $0.count > $1.count : $0.label < $1.label }
            return SmallNumberTable.suppress(sorted, totalShown: totalShown).map { Briefing.Row(label: $0.label, count: $0.count) }
        }
        var equality: [Briefing.EqualityTable] = []
        for q in EqualityMonitoring.questions {
            var counts: [String: Int] = [:]
            var unanswered = 0
            for i in list { if let a = i.equality[q.field] { counts[a, default: 0] += 1 } else { unanswered += 1 } }
            let answered = list.count - unanswered
            let options = q.options.filter { (counts[$0.code] ?? 0) > 0 }
            // The answered total is shown, so a lone small cell takes the next smallest with it.
            let cells = SmallNumberTable.suppress(options.map { counts[$0.code]! }, totalShown: true)
            equality.append(
                .init(
                    question: q.question, rows: zip(options, cells).map { .init(label: $0.0.label, count: $0.1) },
                    answered: SmallNumberTable.total(answered), notAnswered: SmallNumberTable.total(unanswered),
                    notHeard: q.options.filter { $0.code != EqualityMonitoring.preferNotToSay && counts[$0.code] == nil }.map(\.label)))
        }
        // Quotes: redacted text only (the `text` column always is), people's own words first, newest first.
        var quotes: [String] = []
        let preferred = list.filter { $0.kind == InsightKind.quote.rawValue || $0.kind == InsightKind.surveyAnswer.rawValue } + list
        for i in preferred where quotes.count < quoteCount && !quotes.contains(i.text) { quotes.append(i.text) }
        let days = list.map(\.heardDay)
        return Briefing(
            title: title, insights: SmallNumberTable.total(list.count), people: SmallNumberTable.total(list.reduce(0) { $0 + $1.peopleCount }),
            wardCount: wardCount.count, organisationCount: Set(list.map { $0.$organisation.id }).count,
            activityCount: Set(list.compactMap { $0.$activity.id }).count,
            from: days.min().map(Day.init(ordinal:)), to: days.max().map(Day.init(ordinal:)),
            themes: rows(themeCount, themeNames), wards: rows(wardCount, wardNames, totalShown: true),
            audiencesHeard: rows(audienceCount, Dictionary(uniqueKeysWithValues: audiences.map { ($0.id!, $0.name) })),
            audiencesNotHeard: audiences.filter { audienceCount[$0.id!] == nil }.map(\.name),
            equality: equality, quotes: quotes, truncated: truncated, insightIDs: ids,
            activityIDs: Array(Set(list.compactMap { $0.$activity.id })).sorted { $0.uuidString < $1.uuidString })
    }
}
