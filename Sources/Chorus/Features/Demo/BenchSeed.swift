import Vapor
import Fluent
import SQLKit
import ChorusCore

/// Synthetic data for benchmarks: `chorus seed-bench --activities 50000 --years 5` adds activities over the existing
/// wards, themes and audiences with multi-row inserts; `chorus seed-bench --insights 1000000 --years 5` adds insights
/// (`BenchInsights`), and no activities unless `--activities` is given too. Deterministic for a given count.
struct SeedBench: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "activities", help: "How many activities to add (default 50000)") var activities: Int?
        @Option(name: "years", help: "Spread over this many years ending six months from today (default 5)") var years: Int?
        @Option(name: "insights", help: "How many insights to add, heard over --years years up to today (default none)") var insights: Int?
    }
    var help: String { "Adds synthetic activities or insights for benchmarks (run seed-demo first)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.migrateUnderLock()
        let years = signature.years ?? 5
        let n = signature.activities ?? (signature.insights == nil ? 50_000 : 0)
        let db = app.db
        guard let sql = db as? any SQLDatabase else { return }
        if n > 0 { try await seedActivities(n, years: years, db: db, context: context) }
        if let count = signature.insights, count > 0 {
            let seconds = try await BenchInsights.seed(on: db, count: count, years: years, today: Day(Date())) { context.console.print($0) }
            context.console.print("Added \(count) insights in \(String(format: "%.1f", seconds)) s")
        }
        let analyse = Date()
        // Planner statistics, as a long-running database would have. After a bulk load PostgreSQL's autovacuum would soon
        // vacuum the tables (and set the visibility map that index-only scans need); do it now rather than mid-measurement.
        let vacuum = sql.dialect.name == "postgresql"
        try await sql.raw(vacuum ? "VACUUM ANALYZE" : "ANALYZE").run()
        context.console.print("Analysed in \(String(format: "%.1f", Date().timeIntervalSince(analyse))) s")
    }

    func seedActivities(_ n: Int, years: Int, db: any Database, context: CommandContext) async throws {
        let wards = try await Place.query(on: db).filter(\.$kind == PlaceKind.ward.rawValue).all().compactMap(\.id)
        let themes = try await Theme.query(on: db).filter(\.$parent.$id != nil).all().compactMap(\.id)
        let audiences = try await Audience.query(on: db).all().compactMap(\.id)
        let orgs = try await Organisation.query(on: db).all().compactMap(\.id)
        guard !wards.isEmpty, !themes.isEmpty, !orgs.isEmpty else {
            throw CommandFailure(message: "Run seed-demo first: benchmarks need wards, themes and organisations")
        }
        var rng = DemoActivities.Seeded(state: UInt64(n))
        let today = Day(Date())
        let span = years * 365
        let levels = LadderLevel.allCases.map(\.rawValue), statuses = ["planned", "open", "closed", "reported"]
        let started = Date()
        let batch = 500
        for offset in stride(from: 0, to: n, by: batch) {
            var rows: [SQLQueryString] = [], places: [SQLQueryString] = [], themeRows: [SQLQueryString] = [], audienceRows: [SQLQueryString] = []
            for i in offset..<min(n, offset + batch) {
                let id = UUID()
                let start = today.adding(days: 180 - rng.int(0...span))
                let length = rng.int(0...90)
                let borough = i % 25 == 0
                rows.append(
                    "(\(bind: id), \(bind: "Bench activity \(i)"), \(bind: "Synthetic activity for benchmarks"), \(bind: orgs[i % orgs.count]), \(bind: borough), \(bind: ",survey,"), \(bind: levels[i % levels.count]), \(bind: statuses[i % statuses.count]), \(bind: start.ordinal), \(bind: start.ordinal + length), \(bind: true))"
                )
                if !borough {
                    for w in Set([rng.int(0...(wards.count - 1)), rng.int(0...(wards.count - 1))]) {
                        places.append("(\(bind: UUID()), \(bind: id), \(bind: wards[w]))")
                    }
                }
                for t in Set([rng.int(0...(themes.count - 1)), rng.int(0...(themes.count - 1))]) {
                    themeRows.append("(\(bind: UUID()), \(bind: id), \(bind: themes[t]))")
                }
                if !audiences.isEmpty && rng.int(0...1) == 0 {
                    audienceRows.append("(\(bind: UUID()), \(bind: id), \(bind: audiences[rng.int(0...(audiences.count - 1))]))")
                }
            }
            let statements: [SQLQueryString] =
                [
                    "INSERT INTO activities (id, title, purpose, organisation_id, borough_wide, methods, ladder_level, status, start_day, end_day, is_public) VALUES \(rows.joined(separator: ", "))",
                    "INSERT INTO activity_themes (id, activity_id, theme_id) VALUES \(themeRows.joined(separator: ", "))",
                ] + (places.isEmpty ? [] : ["INSERT INTO activity_places (id, activity_id, place_id) VALUES \(places.joined(separator: ", "))"])
                + (audienceRows.isEmpty
                    ? [] : ["INSERT INTO activity_audiences (id, activity_id, audience_id) VALUES \(audienceRows.joined(separator: ", "))"])
            try await db.transaction { tx in
                guard let sql = tx as? any SQLDatabase else { return }
                for statement in statements { try await sql.raw(statement).run() }
            }
        }
        context.console.print("Added \(n) activities in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
    }
}
