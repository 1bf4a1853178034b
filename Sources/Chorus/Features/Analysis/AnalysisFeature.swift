import Vapor
import Fluent
import ChorusCore

/// Thematic analysis run on the box: runs, themes and analysts' edits, schedules, given themes, sentence embeddings.
enum AnalysisFeature: ChorusFeature {
    static let name = "analysis"
    static func routes(_ r: FeatureRoutes) {
        AnalysisController.routes(r)
        AnalysisAPI.register(r.api, docs: r.docs)
    }
    static func jobs(_ j: FeatureJobs) {
        AnalysisScheduling.jobs(j)
        InsightEmbeddings.jobs(j)
    }
    static var migrations: [any Migration] { [CreateAnalysis(), CreateAnalysisSchedules(), CreateInsightEmbeddings()] }
    static func metrics(_ r: MetricsRequest) async throws -> [Prometheus.Family] {
        try await r.jobs(kind: "analysis", table: "analysis_runs", statuses: AnalysisRun.Status.allCases.map(\.rawValue))
            + InsightEmbeddings.metrics(r.app)
    }
    static var navigation: [NavigationEntry] { [NavigationEntry(label: "nav.analysis", href: SiteURL.Analysis.list)] }
    static var auditEntities: [String] { [AnalysisService.entity, AnalysisService.themeEntity, AnalysisScheduling.entity] }
    static var usages: [ReferenceUsage] {
        [
            ReferenceUsage(kind: .organisation, records: "analysis runs") { id, db in
                try await AnalysisRun.query(on: db).filter(\.$organisation.$id == id).count()
            }
        ]
    }
}
