import Fluent

/// The one ordered, append-only list of migrations. Never reorder or edit a shipped entry: add a new one.
enum Migrations {
    static let all: [any Migration] = [
        CreateOrganisations(),
        CreatePeople(),
        CreateAccountTables(),
        CreatePlaces(),
        CreateTaxonomy(),
        CreateAuditEvents(),
        CreateActivities(),
        AddPostcodeDistrictsToPlaces(),
        CreateInsights(),
        CreateImportJobs(),
        CreateEngagementPlans(),
        CreateDecisions(),
        CreateFeedback(),
        CreateAnalysis(),
        AddRegisterCoveringIndexes(),
        SpeedUpInsightLists(),
        CreateJobLeases(),
        CreateAnalysisSchedules(),
        CreateInsightEmbeddings(),
        AddOutboxLease(),
        AddThemeFeedbackReports(),
        SearchWithinPlaces(),
        ScrubAuditWallText(),
    ]
}
