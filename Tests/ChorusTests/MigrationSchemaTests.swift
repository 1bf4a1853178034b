import Foundation
import Testing
import VaporTesting
import Fluent
import SQLKit
@testable import Chorus

/// Shipped migrations are frozen (docs/development.md, "Migrations"): these tests prove that the database they build
/// does not change, and that a database migrated by an earlier build opens without anything being run again.
@Suite struct MigrationSchemaTests {
    /// Every migration run on a fresh database gives the schema in `Snapshots/schema-<database>.txt`, object by object.
    /// A change to the schema is a new migration plus a re-recorded snapshot (`CHORUS_RECORD_SNAPSHOTS=1`), reviewed
    /// as a diff of that file.
    @Test func theSchemaMatchesTheSnapshot() async throws {
        try await TestApp.run { app, _ in
            let sql = try #require(app.db as? any SQLDatabase)
            let postgres = sql.dialect.name == "postgresql"
            let lines = postgres ? try await Self.postgresSchema(sql) : try await Self.sqliteSchema(sql)
            try Self.compare(lines, with: postgres ? "schema-postgres.txt" : "schema-sqlite.txt")
        }
    }

    /// The names Fluent records in `_fluent_migrations`, in order, as every database migrated so far has them. A
    /// migration that is renamed, moved into another type or module, or reordered would run again (or never) on those
    /// databases. Append new names at the end.
    static let shippedNames = [
        "Chorus.CreateOrganisations",
        "Chorus.CreatePeople",
        "Chorus.CreateAccountTables",
        "Chorus.CreatePlaces",
        "Chorus.CreateTaxonomy",
        "Chorus.CreateAuditEvents",
        "Chorus.CreateActivities",
        "Chorus.AddPostcodeDistrictsToPlaces",
        "Chorus.CreateInsights",
        "Chorus.CreateImportJobs",
        "Chorus.CreateEngagementPlans",
        "Chorus.CreateDecisions",
        "Chorus.CreateFeedback",
        "Chorus.CreateAnalysis",
        "Chorus.AddRegisterCoveringIndexes",
        "Chorus.SpeedUpInsightLists",
        "Chorus.CreateJobLeases",
        "Chorus.CreateAnalysisSchedules",
        "Chorus.CreateInsightEmbeddings",
        "Chorus.AddOutboxLease",
        "Chorus.AddThemeFeedbackReports",
        "Chorus.SearchWithinPlaces",
        "Chorus.ScrubAuditWallText",
        "Chorus.AddAgendaItemAnalysis",
        "Chorus.CreateWardBoundaries",
        "Chorus.CreateUpdateSubscriptions",
        "Chorus.CreatePublicPageClock",
        "Chorus.CreateResidents",
        "Chorus.AddInsightContactIndexes",
        "Chorus.CreateSurveys",
        "Chorus.CreateBudgetRounds",
        "Chorus.CreatePanels",
        "Chorus.CreateCrowdfunding",
        "Chorus.CreateCampaigns",
        "Chorus.CreateCrowdfundPhotos",
        "Chorus.CreateDirectory",
        "Chorus.CreateDirectoryUse",
        "Chorus.CreateDirectoryOffers",
        "Chorus.CreateStandards",
        "Chorus.CreateActivityEvaluations",
        "Chorus.CreateGuidance",
        "Chorus.CreateTraining",
        "Chorus.CreateParticipantFeedback",
    ]

    @Test func migrationNamesAreTheShippedOnes() async throws {
        #expect(Migrations.all.map(\.name) == Self.shippedNames)
        // And that is what Fluent records: each name once.
        try await TestApp.run { app, _ in
            let sql = try #require(app.db as? any SQLDatabase)
            struct Row: Decodable { let name: String }
            let recorded = try await sql.raw("SELECT name FROM _fluent_migrations").all(decoding: Row.self).map(\.name)
            #expect(recorded.sorted() == Self.shippedNames.sorted())
        }
    }

    /// Every migration belongs to exactly one feature (`ChorusFeature.migrations`), and none runs that no feature
    /// declares.
    @Test func everyMigrationBelongsToOneFeature() {
        let ordered = Migrations.all.map(\.name), declared = Features.migrations.map(\.name)
        #expect(Set(ordered) == Set(declared))
        #expect(ordered.count == Set(ordered).count, "Migrations.all lists a migration twice")
        #expect(declared.count == Set(declared).count, "two features (or one twice) declare the same migration")
        for feature in Features.all {
            for m in feature.migrations {
                let owners = Features.all.filter { $0.migrations.contains { $0.name == m.name } }.map { $0.name }
                #expect(owners == [feature.name], "\(m.name) is declared by \(owners)")
            }
        }
    }

    // MARK: - Reading the schema

    /// SQLite: the statement that made each table (FTS5 virtual tables and their shadow tables included), index and
    /// trigger, whitespace collapsed, sorted by name. Fluent's own bookkeeping table is left out.
    static func sqliteSchema(_ sql: any SQLDatabase) async throws -> [String] {
        struct Row: Decodable { let type: String; let name: String; let sql: String }
        let rows = try await sql.raw(
            """
            SELECT type, name, sql FROM sqlite_master
            WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND tbl_name NOT LIKE '_fluent_%'
            """
        ).all(decoding: Row.self)
        return rows.map { "\($0.type) \($0.name): \(collapse($0.sql))" }.sorted()
    }

    /// PostgreSQL: in the test's own schema (its name taken out of definitions), the columns (in table order), indexes,
    /// constraints, triggers and trigger functions, one a line, sorted.
    static func postgresSchema(_ sql: any SQLDatabase) async throws -> [String] {
        struct Schema: Decodable { let name: String }
        let schema = try #require(try await sql.raw("SELECT current_schema() AS name").first(decoding: Schema.self)).name
        func strip(_ s: String) -> String {
            collapse(s.replacingOccurrences(of: "\"\(schema)\".", with: "").replacingOccurrences(of: "\(schema).", with: ""))
        }
        struct Column: Decodable {
            let table_name: String; let column_name: String; let ordinal_position: Int; let data_type: String
            let is_nullable: String; let column_default: String?; let generation_expression: String?
        }
        let columns = try await sql.raw(
            """
            SELECT table_name::text, column_name::text, ordinal_position::int, data_type::text, is_nullable::text,
                   column_default::text, generation_expression::text
            FROM information_schema.columns WHERE table_schema = \(bind: schema) AND table_name NOT LIKE '\\_fluent\\_%'
            """
        ).all(decoding: Column.self)
        var lines = columns.map { c in
            let position = String(repeating: "0", count: max(0, 2 - String(c.ordinal_position).count)) + String(c.ordinal_position)
            let nullable = c.is_nullable == "YES" ? "null" : "not null"
            let value = c.generation_expression.map { " generated always as (\($0))" } ?? c.column_default.map { " default \($0)" } ?? ""
            return strip("column \(c.table_name) \(position) \(c.column_name): \(c.data_type) \(nullable)\(value)")
        }
        struct Named: Decodable { let name: String; let owner: String; let definition: String }
        let indexes = try await sql.raw(
            """
            SELECT indexname::text AS name, tablename::text AS owner, indexdef AS definition FROM pg_indexes
            WHERE schemaname = \(bind: schema) AND tablename NOT LIKE '\\_fluent\\_%'
            """
        ).all(decoding: Named.self)
        lines += indexes.map { strip("index \($0.owner) \($0.name): \($0.definition)") }
        let constraints = try await sql.raw(
            """
            SELECT c.conname::text AS name, t.relname::text AS owner, pg_get_constraintdef(c.oid) AS definition
            FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = c.connamespace
            WHERE n.nspname = \(bind: schema) AND t.relname NOT LIKE '\\_fluent\\_%'
            """
        ).all(decoding: Named.self)
        lines += constraints.map { strip("constraint \($0.owner) \($0.name): \($0.definition)") }
        let triggers = try await sql.raw(
            """
            SELECT g.tgname::text AS name, t.relname::text AS owner, pg_get_triggerdef(g.oid) AS definition
            FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = \(bind: schema) AND NOT g.tgisinternal
            """
        ).all(decoding: Named.self)
        lines += triggers.map { strip("trigger \($0.owner) \($0.name): \($0.definition)") }
        let functions = try await sql.raw(
            """
            SELECT p.proname::text AS name, n.nspname::text AS owner, pg_get_functiondef(p.oid) AS definition
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = \(bind: schema)
            """
        ).all(decoding: Named.self)
        lines += functions.map { strip("function \($0.name): \($0.definition)") }
        return lines.sorted()
    }

    static func collapse(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    // MARK: - Snapshot files

    static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    /// Compares with the committed file; writes it (and fails, saying so) when it is missing or
    /// CHORUS_RECORD_SNAPSHOTS=1 is set.
    static func compare(_ lines: [String], with file: String) throws {
        let url = snapshots.appendingPathComponent(file)
        let text = lines.joined(separator: "\n") + "\n"
        guard let existing = Snapshot.recordedOrExisting(text, at: url, what: "the schema snapshot (\(lines.count) objects)"), existing != text
        else { return }
        let expected = existing.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let now = Set(lines), before = Set(expected)
        let missing = expected.filter { !now.contains($0) }, added = lines.filter { !before.contains($0) }
        Issue.record(
            """
            The schema differs from \(file). A shipped migration must not change: add a new one, then re-record with \
            CHORUS_RECORD_SNAPSHOTS=1 and review the diff.
            \((missing.map { "- " + $0 } + added.map { "+ " + $0 }).joined(separator: "\n"))
            """)
    }
}
