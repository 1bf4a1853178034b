import Foundation
import Fluent
import SQLKit
import ChorusCore

/// How a run's themes spread over audiences and over the answers to one equality-monitoring question, for the
/// overview. Counts from 1 to 4 are never shown (`SmallNumberTable`); an equality row adds up to the theme's size
/// (which the overview shows), so a row with one small count hides a second cell too.
struct AnalysisDistribution: Sendable {
    struct Table: Sendable {
        let columns: [String]
        /// One row per theme, in the order asked for.
        let rows: [[SuppressedCount]]
        var isEmpty: Bool { columns.isEmpty }
    }

    let audiences: Table
    let equality: Table
    let question: EqualityQuestion

    static let notAnswered = "Not answered"

    static func load(runID: UUID, themes: [UUID], equalityField: String, _ db: any Database) async throws -> AnalysisDistribution {
        let question = EqualityMonitoring.question(equalityField) ?? EqualityMonitoring.ageBand
        guard let sql = db as? any SQLDatabase else {
            return AnalysisDistribution(audiences: Table(columns: [], rows: []), equality: Table(columns: [], rows: []), question: question)
        }
        // Audiences: an insight may have several (or none), so rows do not add up to the theme's size.
        let audienceRows = try await sql.raw(
            """
            SELECT m.theme_id AS theme_id, a.audience_id AS key, COUNT(*) AS n FROM \(ident: ThemeMember.schema) m
            JOIN \(ident: InsightAudience.schema) a ON a.insight_id = m.insight_id
            WHERE m.run_id = \(bind: runID) GROUP BY m.theme_id, a.audience_id
            """
        ).all()
        var audienceCounts: [UUID: [UUID: Int]] = [:]
        for r in audienceRows {
            audienceCounts[try r.decode(column: "theme_id", as: UUID.self), default: [:]][try r.decode(column: "key", as: UUID.self)] = try r.decode(
                column: "n", as: Int.self)
        }
        let audienceIDs = Array(Set(audienceCounts.values.flatMap(\.keys)))
        let names = try await NameLookup.names(Audience.self, audienceIDs, db) { $0.name }
        let audienceOrder = audienceIDs.sorted { (names[$0] ?? "") < (names[$1] ?? "") }
        let audiences = Table(
            columns: audienceOrder.map { names[$0] ?? "" },
            rows: themes.map { t in
                SmallNumberTable.suppress(audienceOrder.map { audienceCounts[t]?[$0] ?? 0 }, totalShown: false)
            })

        // One equality question (its column name comes from the fixed list of questions, never from the request).
        let equalityRows = try await sql.raw(
            """
            SELECT m.theme_id AS theme_id, i.\(ident: question.field) AS key, COUNT(*) AS n FROM \(ident: ThemeMember.schema) m
            JOIN \(ident: Insight.schema) i ON i.id = m.insight_id
            WHERE m.run_id = \(bind: runID) GROUP BY m.theme_id, i.\(ident: question.field)
            """
        ).all()
        // Ethnic group has 20 answers: the table shows the Census's five high-level groups.
        let column: (EqualityQuestion.Option) -> String = { $0.group ?? $0.label }
        var columns: [String] = []
        for o in question.options where !columns.contains(column(o)) { columns.append(column(o)) }
        columns.append(notAnswered)
        var counts: [UUID: [String: Int]] = [:]
        for r in equalityRows {
            let code = try r.decode(column: "key", as: String?.self)
            let name = question.options.first { $0.code == code }.map(column) ?? notAnswered
            counts[try r.decode(column: "theme_id", as: UUID.self), default: [:]][name, default: 0] += try r.decode(column: "n", as: Int.self)
        }
        let equality = Table(
            columns: columns,
            rows: themes.map { t in
                SmallNumberTable.suppress(columns.map { counts[t]?[$0] ?? 0 }, totalShown: true)
            })
        return AnalysisDistribution(audiences: audiences, equality: equality, question: question)
    }
}
