import Vapor
import Fluent
import ChorusCore

/// One finished thematic analysis in the demo, so the analysis pages show real output on first run: what residents
/// told the climate action plan consultation (the one whose "You said, we did" report is published), run by the
/// demo's insight analyst through the analysis feature's own queue and runner, as an analyst's run would be
/// (`AnalysisService.queue`, `AnalysisRunner.run`), never by writing its tables. It uses sentence embeddings when
/// the model is installed and TF-IDF + LSA when not; either way it runs after the demo's data is committed, since the
/// runner reads and writes through the application's database. One consultation (a few dozen insights) keeps the demo's
/// start quick in a debug build: the whole climate theme (about 700 insights) took about 100 s there.
///
/// "Map to given themes" runs while its page waits and stores nothing, so there is no finished mapping to seed;
/// instead the analyst has a bundle of the same consultation's comments to choose on its form, and `givenThemes`
/// are themes to paste in (docs/getting-started.md).
enum DemoAnalysis {
    static let title = "What residents told the climate action plan consultation"
    static let reportTitle = "You said, we did: the climate action plan"
    static let bundleTitle = "Climate action plan consultation: every comment"
    /// Themes a climate officer already has, one a line, for the given-themes form.
    static let givenThemes = """
        Insulation and draughty homes: insulation, draught, glazed, windows, cold
        Solar and council buildings: solar, panels, boilers, buildings
        Trees and shade: trees, shade, cooler, heatwave
        Cars and travel: car, club, electric
        Recycling: recycling, plastics, landfill, repair
        """

    /// Queues and runs it; returns the run's id (nil when the demo has no analyst or no climate consultation).
    @discardableResult
    static func seed(_ app: Application) async throws -> UUID? {
        let db = app.db
        guard let analyst = try await Person.query(on: db).filter(\.$email == "analyst@harbourside.example").first() else { return nil }
        let reported = try await FeedbackReport.query(on: db).filter(\.$title == reportTitle).first()?.$activity.id
        let latest = try await Activity.query(on: db).filter(\.$title ~~ "Climate action plan").filter(\.$status != ActivityStatus.draft.rawValue)
            .sort(\.$startDay, .descending).first()?.id
        guard let activity = reported ?? latest else { return nil }
        let curator = CurrentUser(
            id: analyst.id!, name: analyst.name, email: analyst.email, role: analyst.roleValue, organisationID: analyst.$organisation.id,
            organisationName: try await Organisation.find(analyst.$organisation.id, on: db)?.name ?? "")
        _ = try await InsightBundleService.createSearch(title: bundleTitle, query: "activity=\(activity.uuidString)", user: curator, on: db)
        let run = try await AnalysisService.queue(
            title: title, query: "activity=\(activity.uuidString)", bundle: nil, organisation: analyst.$organisation.id, person: analyst.id,
            seed: 1, previous: nil, actor: Actor(id: analyst.id, name: analyst.name), on: db)
        guard let id = run.id else { return nil }
        await AnalysisRunner.run(app, runID: id)
        return id
    }
}
