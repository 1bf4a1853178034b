import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// Training records through HTTP: an officer adds a course, a session and who attended (a member of staff, and a
/// volunteer by name only), bad input named and nothing saved; coverage by organisation and refreshers due add up; the
/// officer's dashboard reminds them; a viewer cannot keep records; a volunteer's name stays out of the audit log and
/// is escaped on the page. Run on SQLite and, with DATABASE_URL, PostgreSQL.
@Suite(.serialized) struct TrainingHTTPTests {
    typealias S = StandardsHTTPTests

    @Test func aCourseItsSessionAndWhoCompletedItGiveCoverageAndRefresherReminders() async throws {
        try await TestApp.run { app, f in
            let nhs = try await S.staff(app, f.viewer)
            _ = try await nhs.get(SiteURL.Guidance.training)
            #expect(try await nhs.post(SiteURL.Guidance.courses, pairs: [("title", "x"), ("level", "practitioner")]).status == .forbidden)

            let officer = try await S.staff(app, f.officer)
            _ = try await officer.get(SiteURL.Guidance.training)
            let bad = try await officer.post(SiteURL.Guidance.courses, pairs: [("title", ""), ("level", "guru"), ("refresh_months", "0")])
            #expect(bad.status == .badRequest)
            for field in ["title", "level", "refresh_months"] {
                #expect(bad.body.string.contains("href=\"#\(Form.fieldID(field))\""), "\(field) named")
            }
            #expect(try await TrainingCourse.query(on: app.db).count() == 0)
            #expect(
                try await officer.post(
                    SiteURL.Guidance.courses, pairs: [("title", "Engagement practitioner"), ("level", "practitioner"), ("refresh_months", "24")]
                ).status == .seeOther)
            let course = try #require(try await TrainingCourse.query(on: app.db).first()).id!

            let badSession = try await officer.post(SiteURL.Guidance.sessions(course), pairs: [("day", "soon"), ("place", "")])
            #expect(badSession.status == .badRequest && badSession.body.string.contains("Enter the date as a real date"))
            let held = Day(Date()).adding(days: -700)  // its 24-month refresher falls due within 60 days
            #expect(
                try await officer.post(
                    SiteURL.Guidance.sessions(course), pairs: [("day", held.description), ("place", "Town hall"), ("trainer", "Tess Trainer")]
                ).status == .seeOther)
            let session = try #require(try await TrainingSession.query(on: app.db).first()).id!
            let suffix = session.uuidString.lowercased()

            let officerID = try #require(try await Person.query(on: app.db).filter(\.$email == f.officer).first()).id!
            let nobody = try await officer.post(SiteURL.Guidance.attendees(session), pairs: [("person_id", ""), ("attendee_name", "")])
            #expect(nobody.status == .badRequest && nobody.body.string.contains("href=\"#f-person-id-\(suffix)\""))
            #expect(
                try await officer.post(SiteURL.Guidance.attendees(session), pairs: [("person_id", officerID.uuidString), ("completed", "true")])
                    .status
                    == .seeOther)
            let twice = try await officer.post(SiteURL.Guidance.attendees(session), pairs: [("person_id", officerID.uuidString)])
            #expect(twice.status == .badRequest && twice.body.string.contains("is already on this session"))
            let volunteer = "=Val <b>Volunteer</b>"
            #expect(
                try await officer.post(
                    SiteURL.Guidance.attendees(session),
                    pairs: [("attendee_name", volunteer), ("organisation_id", f.nhsID.uuidString), ("completed", "true")]
                ).status == .seeOther)

            let coursePage = try await officer.get(SiteURL.Guidance.course(course)).body.string
            #expect(coursePage.contains("=Val &lt;b&gt;Volunteer&lt;/b&gt;") && !coursePage.contains("<b>Volunteer"))
            let home = try await nhs.get(SiteURL.Guidance.training).body.string
            #expect(home.contains("Test Council") && home.contains("Test NHS Trust"))
            #expect(home.contains("Refresher due by"), "the officer's refresher is due soon")
            let dashboard = try await officer.get("/").body.string
            #expect(dashboard.contains("Your training to refresh") && dashboard.contains("Engagement practitioner"))
            let coverage = try await TrainingService.coverage(TrainingService.completions(app.db), today: Day(Date()), app.db)
            let council = try #require(coverage.first { $0.organisation == "Test Council" }).row
            #expect(council.practitioner == 1 && council.staff >= 2)
            #expect(try #require(coverage.first { $0.organisation == "Test NHS Trust" }).row.volunteers == 1)
            let labels = try await AuditEvent.query(on: app.db).filter(\.$entity == TrainingService.attendanceEntity).all().map(\.label)
            #expect(labels.count == 2 && !labels.contains { $0.contains("Val") })
        }
    }
}
