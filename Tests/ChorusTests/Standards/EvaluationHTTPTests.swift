import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// Evaluating activities and reading lessons through HTTP: an activity is evaluated only once closed, by its lead
/// organisation (bad input named, nothing saved); every partner reads the lesson, finds it by method, theme and words,
/// downloads it as CSV with formula cells neutralised; the planning advisor of a similar new activity shows it, and of
/// an unrelated one does not. Run on SQLite and, with DATABASE_URL, PostgreSQL.
@Suite(.serialized) struct EvaluationHTTPTests {
    typealias S = StandardsHTTPTests

    static func theme(_ app: Application, _ name: String) async throws -> UUID {
        let t = Theme()
        t.name = name
        try await t.create(on: app.db)
        return t.id!
    }

    static func tag(_ app: Application, _ activity: UUID, _ theme: UUID) async throws {
        let l = ActivityTheme()
        l.$activity.id = activity; l.$theme.id = theme
        try await l.create(on: app.db)
    }

    @Test func aClosedActivityIsEvaluatedAndItsLessonReachesPartnersAndTheAdvisorOfASimilarActivity() async throws {
        try await TestApp.run { app, f in
            let parks = try await Self.theme(app, "Parks"), buses = try await Self.theme(app, "Buses")
            let past = try await S.activity(
                app, org: f.councilID, title: "Park benches survey", methods: [.survey, .dropIn], start: "2026-05-01", end: "2026-06-30")
            try await Self.tag(app, past, parks)
            let next = try await S.activity(app, org: f.councilID, title: "Playground plans", methods: [.workshop], start: "2027-02-01")
            try await Self.tag(app, next, parks)
            let other = try await S.activity(app, org: f.councilID, title: "Bus timetable", methods: [.workshop], start: "2027-02-01")
            try await Self.tag(app, other, buses)

            let officer = try await S.staff(app, f.officer)
            _ = try await officer.get(SiteURL.Standards.evaluation(past))
            let good: [(String, String)] = [
                ("reached", "partly"), ("reach_notes", "Few young people"), ("what_worked", "=HYPERLINK(\"x\") drop-ins at the café <b>"),
                ("what_went_wrong", "The survey was too long"), ("do_differently", "Go to the youth club first"), ("cost", "1250"),
            ]
            // Still open: refused, nothing saved.
            let open = try await officer.post(SiteURL.Standards.evaluation(past), pairs: good)
            #expect(open.status == .badRequest && open.body.string.contains("Evaluate an activity once it has closed"))
            let a = try #require(try await Activity.find(past, on: app.db))
            a.status = ActivityStatus.closed.rawValue
            try await a.update(on: app.db)
            // Bad input named.
            let bad = try await officer.post(
                SiteURL.Standards.evaluation(past), pairs: [("reached", "maybe"), ("what_worked", ""), ("cost", "-5"), ("do_differently", "x\u{0}y")])
            #expect(bad.status == .badRequest)
            for field in ["reached", "what_worked", "what_went_wrong", "cost"] {
                #expect(bad.body.string.contains("href=\"#\(Form.fieldID(field))\""), "\(field) named")
            }
            #expect(try await ActivityEvaluation.query(on: app.db).count() == 0)
            #expect(try await officer.post(SiteURL.Standards.evaluation(past), pairs: good).status == .seeOther)
            let page = try await officer.get(SiteURL.Register.show(past)).body.string
            #expect(page.contains("id=\"evaluation\"") && page.contains("Go to the youth club first"))

            // Another organisation reads the lesson but cannot change it.
            let nhs = try await S.staff(app, f.viewer)
            let read = try await nhs.get(SiteURL.Standards.evaluation(past)).body.string
            #expect(read.contains("The survey was too long") && !read.contains("<b>") && read.contains("&lt;b&gt;"))
            #expect(try await nhs.post(SiteURL.Standards.evaluation(past), pairs: good).status == .forbidden)

            // Lessons by method, theme and words.
            #expect(try await nhs.get(SiteURL.Standards.lessons + "?method=drop_in").body.string.contains("Park benches survey"))
            #expect(try await nhs.get(SiteURL.Standards.lessons + "?theme=\(parks.uuidString)").body.string.contains("Park benches survey"))
            #expect(try await nhs.get(SiteURL.Standards.lessons + "?theme=\(buses.uuidString)").body.string.contains("No lessons match."))
            #expect(try await nhs.get(SiteURL.Standards.lessons + "?q=youth+club").body.string.contains("Park benches survey"))
            #expect(try await nhs.get(SiteURL.Standards.lessons + "?method=doorstep").body.string.contains("No lessons match."))
            let csv = try await nhs.get(SiteURL.Standards.lessonsCSV + "?method=drop_in").body.string
            #expect(csv.contains("Park benches survey") && csv.contains("\"'=HYPERLINK") && !csv.contains(",=HYPERLINK"))

            // The advisor of a new activity about parks shows it; of one about buses, by other methods, does not.
            let advisor = try await officer.get(SiteURL.Plan.summary(next)).body.string
            #expect(advisor.contains("Lessons from similar activities") && advisor.contains("Go to the youth club first"))
            let unrelated = try await officer.get(SiteURL.Plan.summary(other)).body.string
            #expect(unrelated.contains("No evaluated activity shares this one's themes or methods yet."))
            #expect(try await AuditEvent.query(on: app.db).filter(\.$entity == EvaluationService.entity).count() == 1)
        }
    }
}
