import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// An activity's public page carries the privacy notice drafted from its plan's DPIA screening and the retention
/// periods, in the reader's language; an activity whose plan has not screened for personal data shows none.
@Suite struct PrivacyNoticeHTTPTests {
    @Test func thePublicActivityPageSaysWhatIsCollectedAndForHowLong() async throws {
        try await TestApp.run { app, f in
            func activity(_ title: String) async throws -> UUID {
                let a = Activity()
                a.title = title; a.purpose = "p"; a.$organisation.id = f.councilID; a.status = ActivityStatus.open.rawValue
                a.ladderLevel = "consult"; a.startDay = Day(Date()).ordinal; a.boroughWide = true; a.isPublic = true; a.methods = ",survey,"
                try await a.create(on: app.db)
                return a.id!
            }
            let screened = try await activity("Library hours")
            let plan = EngagementPlan.blank(for: screened)
            plan.dpiaPersonalData = true; plan.dpiaCriteriaSet = [.specialCategoryLargeScale]; plan.isConsultation = true
            try await plan.create(on: app.db)
            let rule = RetentionRule()
            rule.kind = PersonalDataKind.insightContacts.rawValue; rule.$activity.id = screened; rule.days = 120; rule.updatedAt = Date()
            try await rule.create(on: app.db)
            let unscreened = try await activity("Park walk")

            let page = try await Browser(app).get(SiteURL.Register.publicActivity(screened)).body.string
            #expect(page.contains("How we use your information") && page.contains("Equality monitoring answers, only if you choose"))
            #expect(page.contains("Test Council uses it to inform its decision in this consultation"))
            #expect(page.contains("Your email address: 120 days"), "the activity's own period")
            #expect(page.contains("Equality answers: \(PersonalDataKind.equalityAnswers.defaultDays) days"))
            let urdu = Browser(app)
            urdu.cookies[Request.languageCookie] = "ur"
            #expect(try await urdu.get(SiteURL.Register.publicActivity(screened)).body.string.contains("ہم آپ کی معلومات کیسے استعمال کرتے ہیں"))
            #expect(!(try await Browser(app).get(SiteURL.Register.publicActivity(unscreened)).body.string.contains("How we use your information")))
        }
    }
}
