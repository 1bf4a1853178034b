import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// The demo borough as a visitor meets it (issue 18): residents' comments are about what each activity asked about,
/// the climate action plan's report reads well, and one analysis is finished for the analyst to open.
@Suite struct DemoSeedTests {
    /// Words a comment about the climate uses (heat, energy, insulation, trees, recycling, cars, ...).
    static let climateWords = [
        "climate", "heat", "solar", "insulat", "energy", "tree", "recycl", "car club", "boiler", "draught", "landfill", "glaz",
    ]

    @Test func theDemoReadsLikeARealBorough() async throws {
        try await TestApp.run { app, _ in
            // The demo on its own, as `CHORUS_DEMO=1` seeds it into an empty database.
            try await Person.query(on: app.db).delete()
            try await Organisation.query(on: app.db).delete()
            let started = Date()
            #expect(try await DemoSeed.seedIfEmpty(app))
            let seconds = Date().timeIntervalSince(started)
            print("Demo seeded in \(String(format: "%.1f", seconds)) s")

            // Every insight heard during a climate action plan consultation is about the climate.
            let climate = try await Activity.query(on: app.db).filter(\.$title ~~ "Climate action plan").all().compactMap(\.id)
            let heard = try await Insight.query(on: app.db).filter(\.$activity.$id ~~ climate).all()
            #expect(heard.count > 100, "\(heard.count)")
            let offTopic = heard.map { ($0.originalText ?? $0.text).lowercased() }.filter { t in !Self.climateWords.contains { t.contains($0) } }
            #expect(offTopic.isEmpty, "\(offTopic.prefix(5))")
            let themeName = try await Theme.query(on: app.db).filter(\.$name == "Climate change").first()?.id
            let tagged = try await InsightTheme.query(on: app.db).filter(\.$insight.$id ~~ heard.compactMap(\.id)).all()
            #expect(!tagged.isEmpty && tagged.allSatisfy { $0.$theme.id == themeName }, "tagged with the activity's theme only")
            // The comments vary: hundreds of different texts across the borough, not a handful repeated.
            let all = try await Insight.query(on: app.db).all()
            // The demo's own 20,000, and the litter campaign's comments (`DemoCampaigns`).
            #expect(all.count == 20_000 + DemoCampaigns.commentCount)
            #expect(Set(all.map(\.text)).count > 5_000)

            // The climate action plan's public report: one topic with its count, quotes about the climate, the people
            // sentence once, no "fewer than 5" list.
            let report = try #require(try await FeedbackReport.query(on: app.db).filter(\.$title == DemoAnalysis.reportTitle).first())
            let page = try await Browser(app).get(SiteURL.Feedback.publicReport(report.id!)).body.string
            #expect(page.contains("Climate change: "), "\(page)")
            #expect(!page.contains("fewer than 5 comments</li>"))
            #expect(page.components(separatedBy: "We heard from ").count == 2)
            let quotes = page.components(separatedBy: "<blockquote class=\"quote\">").dropFirst().map { String($0.prefix { $0 != "<" }).lowercased() }
            #expect(!quotes.isEmpty && quotes.allSatisfy { q in Self.climateWords.contains { q.contains($0) } }, "\(quotes)")

            // A finished analysis the analyst sees, with its themes.
            let run = try #require(try await AnalysisRun.query(on: app.db).filter(\.$title == DemoAnalysis.title).first())
            #expect(run.status == AnalysisRun.Status.done.rawValue && run.insightCount > 10, "\(run.status) \(run.error ?? "")")
            let analyst = Browser(app)
            try await analyst.signIn("analyst@harbourside.example", password: DemoSeed.password)
            let list = try await analyst.get(SiteURL.Analysis.Route.list.link()).body.string
            #expect(list.contains(DemoAnalysis.title) && !list.contains("No analysis has been run yet"))
            let runPage = try await analyst.get(SiteURL.Analysis.Route.run.link(run.id!.uuidString))
            #expect(runPage.status.code == 200)
            let themes = try await DiscoveredTheme.query(on: app.db).filter(\.$run.$id == run.id!).count()
            #expect(themes >= 1)

            // "Map to given themes" on the same consultation's bundle, with the themes the docs suggest: real output.
            let bundle = try #require(try await InsightBundle.query(on: app.db).filter(\.$title == DemoAnalysis.bundleTitle).first())
            let mapped = try await analyst.get(
                SiteURL.Analysis.Route.givenThemes.link() + "?bundle_id=\(bundle.id!.uuidString)&themes="
                    + Browser.encode(DemoAnalysis.givenThemes))
            #expect(mapped.status.code == 200)
            let body = mapped.body.string
            #expect(body.contains("Insulation and draughty homes") && body.lowercased().contains("insulation survey"), "\(body.prefix(3000))")
        }
    }
}
