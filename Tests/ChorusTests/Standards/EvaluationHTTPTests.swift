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

    @Test func participantsAnswerHowTakingPartFeltFromTheReportEmailAndStaffReadItBesideTheEvaluation() async throws {
        try await TestApp.run { app, f in
            let x = try await DecisionsHTTPTests().world(app, f, insights: 2)
            let activity = try #require(try await Activity.find(x.activity, on: app.db))
            activity.isPublic = true
            activity.status = ActivityStatus.closed.rawValue
            try await activity.update(on: app.db)

            // The "You said, we did" email asks how taking part felt.
            try await x.comms.get(SiteURL.Feedback.reports)
            let started = try await x.comms.postActivity(SiteURL.Feedback.create(x.activity), [])
            let reportID = try DecisionsHTTPTests().id(in: try DecisionsHTTPTests().location(started))
            try await x.comms.get(SiteURL.Feedback.edit(reportID))
            _ = try await x.comms.postActivity(
                SiteURL.Feedback.edit(reportID),
                [("title", "You said, we did"), ("what_we_asked", "We asked."), ("what_you_said", "You said."), ("what_we_did", "We did.")])
            #expect(try await x.comms.postActivity(SiteURL.Feedback.publish(reportID), [("confirm", "true")]).status == .seeOther)
            let emails = try await OutboxEmail.query(on: app.db).all()
            #expect(!emails.isEmpty && emails.allSatisfy { $0.body.contains(SiteURL.Standards.howWasIt(x.activity)) })
            let report = try await Browser(app).get(SiteURL.Feedback.publicReport(reportID)).body.string
            #expect(report.contains("id=\"how-was-it\"") && report.contains(SiteURL.Standards.howWasIt(x.activity)))

            // A resident answers without signing in: bad input named, nothing saved; then five answers.
            let resident = Browser(app)
            let form = try await resident.get(SiteURL.Standards.howWasIt(x.activity))
            #expect(form.status == .ok && form.body.string.contains("How was taking part?"))
            let bad = try await resident.post(SiteURL.Standards.howWasIt(x.activity), pairs: [("listened", "maybe")])
            #expect(bad.status == .badRequest)
            for field in ["listened", "ease"] { #expect(bad.body.string.contains("href=\"#\(Form.fieldID(field))\""), "\(field) named") }
            #expect(try await ParticipantFeedbackAnswer.query(on: app.db).count() == 0)
            let hostile = "=cmd|' <b>loud</b>\r\nnext line"
            for i in 0..<5 {
                let r = try await resident.post(
                    SiteURL.Standards.howWasIt(x.activity),
                    pairs: [("listened", i < 3 ? "yes" : "partly"), ("ease", "easy"), ("comment", i == 0 ? hostile : "")])
                #expect(r.status == .seeOther)
                _ = try await resident.get(SiteURL.Standards.howWasIt(x.activity))
            }
            #expect(try await resident.get(SiteURL.Standards.howWasIt(x.activity) + "?sent=1").body.string.contains("Your answers have been sent"))

            // Staff read the summary beside the evaluation, the comment escaped.
            let page = try await x.officer.get(SiteURL.Standards.evaluation(x.activity)).body.string
            #expect(page.contains("5 anonymous answers") && page.contains("Felt listened to: 3 yes, 2 partly, 0 no."))
            #expect(page.contains("&lt;b&gt;loud&lt;/b&gt;") && !page.contains("<b>loud"))

            // Not for an activity that is not public, or still open.
            activity.isPublic = false
            try await activity.update(on: app.db)
            #expect(try await Browser(app).get(SiteURL.Standards.howWasIt(x.activity)).status == .notFound)
            #expect(!(try await Browser(app).get(SiteURL.Feedback.publicReport(reportID)).body.string.contains("id=\"how-was-it\"")))
            let open = try await StandardsHTTPTests.activity(app, org: f.councilID, title: "Open", methods: [.survey], start: "2026-05-01")
            #expect(try await Browser(app).get(SiteURL.Standards.howWasIt(open)).status == .notFound)
        }
    }
}
