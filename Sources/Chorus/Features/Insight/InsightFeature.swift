import Vapor
import Fluent
import ChorusCore

/// The shared insight store: capture with redaction, search, re-tagging, bundles, CSV import and export, the API.
enum InsightFeature: ChorusFeature {
    static let name = "insight"
    static func routes(_ r: FeatureRoutes) {
        InsightController.routes(r)
        InsightImportController.routes(r)
        InsightAPI.register(r.api, docs: r.docs)
        InsightBundleAPI.register(r.api, docs: r.docs)
    }
    static func jobs(_ j: FeatureJobs) { InsightImportRunner.jobs(j) }
    static func metrics(_ r: MetricsRequest) async throws -> [Prometheus.Family] {
        try await r.jobs(kind: "insight_import", table: "import_jobs", statuses: ImportJob.Status.allCases.map(\.rawValue))
    }
    static var migrations: [any Migration] {
        [CreateInsights(), CreateImportJobs(), SpeedUpInsightLists(), SearchWithinPlaces(), AddInsightContactIndexes()]
    }
    static var navigation: [NavigationEntry] { [NavigationEntry(label: "nav.insights", href: SiteURL.Insights.list)] }
    static var auditEntities: [String] { [InsightService.entity, InsightBundleService.entity] }
    static var strings: [String: [String: String]] { ["en": Catalogue.insightEnglish] }
    static var personalData: [PersonalDataDeclaration] { [InsightPersonalData.declaration] }
    static var usages: [ReferenceUsage] {
        [
            ReferenceUsage(kind: .place, records: "insights") { id, db in try await Insight.query(on: db).filter(\.$place.$id == id).count() },
            ReferenceUsage(kind: .theme, records: "insights") { id, db in try await InsightTheme.query(on: db).filter(\.$theme.$id == id).count() },
            ReferenceUsage(kind: .audience, records: "insights") { id, db in
                try await InsightAudience.query(on: db).filter(\.$audience.$id == id).count()
            },
            ReferenceUsage(kind: .organisation, records: "insights") { id, db in
                try await Insight.query(on: db).filter(\.$organisation.$id == id).count()
            },
            ReferenceUsage(kind: .organisation, records: "insight bundles") { id, db in
                try await InsightBundle.query(on: db).filter(\.$organisation.$id == id).count()
            },
        ]
    }
}
