import Fluent

/// The one ordered list of migrations, the order they run in on every database.
///
/// The rule (docs/development.md, "Migrations"):
/// - Append-only. A migration that has shipped is never edited, renamed, reordered or removed: Fluent records each
///   by its type name ("Chorus.CreateInsights") and never runs it again, so an edit would reach only new databases.
///   Change the schema with a new migration at the end.
/// - One file each, `Sources/Chorus/Migrations/NNNN_TypeName.swift`, numbered in this order.
/// - Literal table and column names, and no calls into live code (models, services, helpers, enums): only Fluent's
///   schema builder, SQLKit and Foundation, so that a migration means the same whatever the code later becomes. SQL
///   that differs by database branches on `sql.dialect.name` inside the migration.
/// - Each is declared by the one feature that owns it (`ChorusFeature.migrations`); `MigrationSchemaTests` checks
///   that, the recorded names, and the schema they build against `Tests/ChorusTests/Snapshots/schema-*.txt`.
enum Migrations {
    static let all: [any Migration] = [
        CreateOrganisations(),  // 0001
        CreatePeople(),  // 0002
        CreateAccountTables(),  // 0003
        CreatePlaces(),  // 0004
        CreateTaxonomy(),  // 0005
        CreateAuditEvents(),  // 0006
        CreateActivities(),  // 0007
        AddPostcodeDistrictsToPlaces(),  // 0008
        CreateInsights(),  // 0009
        CreateImportJobs(),  // 0010
        CreateEngagementPlans(),  // 0011
        CreateDecisions(),  // 0012
        CreateFeedback(),  // 0013
        CreateAnalysis(),  // 0014
        AddRegisterCoveringIndexes(),  // 0015
        SpeedUpInsightLists(),  // 0016
        CreateJobLeases(),  // 0017
        CreateAnalysisSchedules(),  // 0018
        CreateInsightEmbeddings(),  // 0019
        AddOutboxLease(),  // 0020
        AddThemeFeedbackReports(),  // 0021
        SearchWithinPlaces(),  // 0022
        ScrubAuditWallText(),  // 0023
        AddAgendaItemAnalysis(),  // 0024
        CreateWardBoundaries(),  // 0025
        CreateUpdateSubscriptions(),  // 0026
        CreatePublicPageClock(),  // 0027
        CreateResidents(),  // 0028
        AddInsightContactIndexes(),  // 0029
        CreateSurveys(),  // 0030
        CreateBudgetRounds(),  // 0031
        CreatePanels(),  // 0032
        CreateCrowdfunding(),  // 0033
        CreateCampaigns(),  // 0034
        CreateCrowdfundPhotos(),  // 0035
        CreateDirectory(),  // 0036
        CreateDirectoryUse(),  // 0037
        CreateDirectoryOffers(),  // 0038
        CreateStandards(),  // 0039
        CreateActivityEvaluations(),  // 0040
        CreateGuidance(),  // 0041
        CreateTraining(),  // 0042
        CreateParticipantFeedback(),  // 0043
    ]
}
