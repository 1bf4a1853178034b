import Vapor
import Fluent
import ChorusCore

/// /api/v1 for thematic analysis: runs, their themes and each theme's members, read-only and behind the same privacy
/// as the pages (a run private to its organisation is 404 to every other; members and representative quotes are only
/// the insights the caller's wall lets through).
enum AnalysisAPI {
    static let runFilters: [FieldSpec] =
        [
            FieldSpec(name: "status", kind: .choice(AnalysisDTO.Status.allCases.map(\.rawValue)), required: false, description: "Status of the run"),
            FieldSpec(name: "organisation", kind: .uuid, required: false, description: "The organisation that ran it"),
        ] + APIParameters.paging

    static func register(_ api: any RoutesBuilder, docs: APIDocs) {
        let tag = "analysis"
        let run = docs.schema(AnalysisDTO.Run.self)
        docs.route(
            api, .GET, "/analysis-runs", summary: "Analysis runs you may see, newest first", tag: tag,
            response: docs.schema(APIPage<AnalysisDTO.Run>.self), query: APIParameters.documented(runFilters)
        ) { req in
            let user = try req.requireUser()
            let q = try APIParameters.read(req, runFilters)
            let page = try await AnalysisService.visiblePage(
                user: user, status: q["status"].flatMap(AnalysisRun.Status.init(rawValue:)),
                organisation: q["organisation"].flatMap(UUID.init(uuidString:)), APIParameters.window(q), req.db)
            return try APIResponse.json(
                APIPage(items: try await runs(page.items, user: user, req.db), page: page.page, size: page.size, total: page.total))
        }
        docs.route(api, .GET, "/analysis-runs/{id}", summary: "One analysis run", tag: tag, response: run) { req in
            let user = try req.requireUser()
            let r = try await AnalysisService.findVisible(req.parameters.get("id", as: UUID.self), user: user, req.db)
            return try APIResponse.json(try await runs([r], user: user, req.db)[0])
        }
        docs.route(
            api, .GET, "/analysis-runs/{id}/themes", summary: "The themes a run found, in the overview's order (none until it is done)", tag: tag,
            response: docs.schema(APIList<AnalysisDTO.Theme>.self)
        ) { req in
            let user = try req.requireUser()
            let r = try await AnalysisService.findVisible(req.parameters.get("id", as: UUID.self), user: user, req.db)
            let themes = try await AnalysisService.themes(r, req.db)
            let shown = try await AnalysisService.visibleInsightIDs(themes.flatMap(\.representatives), viewer: user, req.db)
            return try APIResponse.json(APIList(themes.map { themeDTO($0, representatives: $0.representatives.filter(shown.contains)) }))
        }
        docs.route(
            api, .GET, "/analysis-runs/{id}/themes/{theme}/members",
            summary: "A theme's insights that you may see, newest heard first (redacted text)", tag: tag,
            response: docs.schema(APIPage<AnalysisDTO.Member>.self), query: APIParameters.documented(APIParameters.paging)
        ) { req in
            let user = try req.requireUser()
            let q = try APIParameters.read(req, APIParameters.paging)
            let r = try await AnalysisService.findVisible(req.parameters.get("id", as: UUID.self), user: user, req.db)
            let theme = try await AnalysisService.findTheme(req.parameters.get("theme", as: UUID.self), in: r, req.db)
            let page = try await AnalysisService.visibleMembers(of: theme, viewer: user, APIParameters.window(q), req.db)
            return try APIResponse.json(
                APIPage(page) { i in
                    AnalysisDTO.Member(
                        id: i.id!, text: i.text, heard_on: APIDay(Day(ordinal: i.heardDay)), kind: InsightKind(rawValue: i.kind) ?? .other,
                        sharing: SharingLevel(rawValue: i.sharing) ?? .organisation, organisation_id: i.$organisation.id, place_id: i.$place.id,
                        sentiment: SentimentAnalyser.score(i.text).polarity)
                })
        }
    }

    static func runs(_ runs: [AnalysisRun], user: CurrentUser, _ db: any Database) async throws -> [AnalysisDTO.Run] {
        let orgs = try await NameLookup.names(Organisation.self, Array(Set(runs.map { $0.$organisation.id })), db) { $0.name }
        let counts = try await AnalysisService.themeCounts(runs, db)
        return runs.map { r in
            AnalysisDTO.Run(
                id: r.id!, title: r.title, status: AnalysisDTO.Status(rawValue: r.statusValue.rawValue) ?? .failed,
                progress: min(1, max(0, r.progress.isFinite ? r.progress : 0)), organisation_id: r.$organisation.id,
                organisation_name: orgs[r.$organisation.id] ?? "", scope_query: r.scopeQuery, bundle_id: r.bundleID, seed: r.seed,
                insight_count: r.insightCount, unassigned_count: r.unassignedCount, theme_count: counts[r.id!] ?? 0,
                private_to_organisation: r.privateToOrganisation, previous_run_id: r.previousRunID, method: r.method, error: r.error,
                created_at: r.createdAt, finished_at: r.finishedAt, can_edit: AnalysisService.canEdit(user, r))
        }
    }

    static func themeDTO(_ t: DiscoveredTheme, representatives: [UUID]) -> AnalysisDTO.Theme {
        AnalysisDTO.Theme(
            id: t.id!, run_id: t.$run.id, position: t.position, label: t.displayLabel, engine_label: t.label, key_phrases: t.phrases,
            size: t.size, people: t.people,
            sentiment: .init(
                positive: t.positive, neutral: t.neutral, negative: t.negative,
                mean: min(1, max(-1, t.meanSentiment.isFinite ? t.meanSentiment : 0))),
            pinned: t.pinned, note: t.note, match_status: t.matchStatus.flatMap(AnalysisDTO.MatchStatus.init(rawValue:)),
            matched_previous_id: t.matchedPreviousID, taxonomy_theme_id: t.taxonomyThemeID, representative_insight_ids: representatives)
    }
}
