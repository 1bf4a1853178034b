import Foundation
import Testing
import VaporTesting
import Fluent
import SQLKit
@testable import Chorus
import ChorusCore

/// The migrations that add the outbox lease and theme reports keep what is already there: on SQLite the reports
/// table is rebuilt (it cannot drop NOT NULL in place), and its translations must survive the rebuild.
@Suite struct FeedbackMigrationTests {
    @Test func existingReportsAndTranslationsSurvive() async throws {
        let config = AppConfig.testing()
        let schema: String? = {
            if case .postgres = config.database { return "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "") }
            return nil
        }()
        let app = try await Application.make(.testing)
        do {
            try await configure(app, config: config, postgresSchema: schema)
            let all = Migrations.all
            let firstNew = try #require(all.firstIndex { $0 is AddOutboxLease })
            for m in all[..<firstNew] { try await m.prepare(on: app.db).get() }

            // A report and its Urdu translation, written as the old schema had them.
            let org = Organisation(); org.name = "Council"; org.type = "council"
            try await org.create(on: app.db)
            let a = Activity()
            a.title = "Park survey"; a.purpose = "p"; a.$organisation.id = org.id!; a.boroughWide = true; a.methods = ",survey,"
            a.ladderLevel = "consult"; a.status = "closed"; a.startDay = 20_000; a.isPublic = true
            try await a.create(on: app.db)
            let sql = try #require(app.db as? any SQLDatabase)
            let reportID = UUID(), translationID = UUID()
            try await sql.raw(
                """
                INSERT INTO feedback_reports (id, activity_id, title, what_we_asked, what_you_said, what_we_did, status, published_day)
                VALUES (\(bind: reportID), \(bind: a.id!), 'Old report', 'asked', 'said', 'did', 'published', 20100)
                """
            ).run()
            try await sql.raw(
                """
                INSERT INTO feedback_translations (id, report_id, language, title, what_we_asked, what_you_said, what_we_did)
                VALUES (\(bind: translationID), \(bind: reportID), 'ur', 'اردو', 'a', 's', 'd')
                """
            ).run()

            for m in all[firstNew...] { try await m.prepare(on: app.db).get() }

            let report = try #require(try await FeedbackReport.find(reportID, on: app.db))
            #expect(report.title == "Old report" && report.$activity.id == a.id && report.publishedDay == 20100 && report.$theme.id == nil)
            #expect(try await FeedbackTranslation.query(on: app.db).filter(\.$report.$id == reportID).count() == 1, "translations survive")
            // A theme report (no activity) can now be saved, one per theme and dates; an activity still has one report.
            let theme = Theme(); theme.name = "Parks"
            try await theme.create(on: app.db)
            func themeReport() -> FeedbackReport {
                let r = FeedbackReport()
                r.$theme.id = theme.id!; r.fromDay = 20_000; r.toDay = 20_100
                r.title = "t"; r.whatWeAsked = "a"; r.whatYouSaid = "s"; r.whatWeDid = "d"; r.status = "draft"
                return r
            }
            try await themeReport().create(on: app.db)
            await #expect(throws: (any Error).self) { try await themeReport().create(on: app.db) }
            let second = FeedbackReport()
            second.$activity.id = a.id!; second.title = "t"; second.whatWeAsked = "a"; second.whatYouSaid = "s"; second.whatWeDid = "d";
            second.status = "draft"
            await #expect(throws: (any Error).self) { try await second.create(on: app.db) }
            // The foreign keys still hold: deleting the report deletes its translation.
            try await report.delete(on: app.db)
            #expect(try await FeedbackTranslation.query(on: app.db).count() == 0)
            // The lease columns exist.
            #expect(try await OutboxEmail.query(on: app.db).filter(\.$leaseOwner == nil).count() == 0)
        } catch {
            if let schema, let sql = app.db as? any SQLDatabase { try? await sql.raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").run() }
            try? await app.asyncShutdown()
            throw error
        }
        if let schema, let sql = app.db as? any SQLDatabase { try await sql.raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").run() }
        try await app.asyncShutdown()
    }
}
