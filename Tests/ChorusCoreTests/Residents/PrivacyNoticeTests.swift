import Foundation
import Testing
@testable import ChorusCore

@Suite struct PrivacyNoticeTests {
    let activity = UUID()

    @Test func anUnansweredScreeningDraftsNothingAndNoPersonalDataSaysSo() {
        let unknown = PrivacyNotice.Screening(collectsPersonalData: nil, criteria: [], isConsultation: false)
        #expect(PrivacyNotice.draft(unknown, organisation: "Harbourside Council", schedule: RetentionSchedule(), activity: activity) == nil)
        let none = PrivacyNotice.Screening(collectsPersonalData: false, criteria: [.specialCategoryLargeScale], isConsultation: false)
        let n = PrivacyNotice.draft(none, organisation: "Harbourside Council", schedule: RetentionSchedule(), activity: activity)
        #expect(n?.collects.map(\.key) == ["notice.collects_nothing"] && n?.kept.isEmpty == true)
    }

    @Test func theCriteriaAddWhatIsCollectedAndTheScheduleSaysForHowLong() throws {
        let s = PrivacyNotice.Screening(
            collectsPersonalData: true, criteria: [.specialCategoryLargeScale, .biometricOrGenetic], isConsultation: true)
        var schedule = RetentionSchedule(days: [.equalityAnswers: 400])
        schedule.activityDays[activity] = [.insightContacts: 90]
        let n = try #require(PrivacyNotice.draft(s, organisation: "NHS Trust", schedule: schedule, activity: activity))
        #expect(n.collects.map(\.key).contains("notice.collects_equality") && n.collects.map(\.key).contains("notice.collects_recordings"))
        #expect(n.purpose == .init("notice.purpose_consultation", ["NHS Trust"]))
        #expect(n.kept.contains(.init("notice.kept_equality", ["400"])), "the partnership's period")
        #expect(n.kept.contains(.init("notice.kept_contact", ["90"])), "the activity's own period")
        let plain = try #require(
            PrivacyNotice.draft(
                .init(collectsPersonalData: true, criteria: [], isConsultation: false), organisation: "X", schedule: schedule, activity: nil))
        #expect(!plain.collects.map(\.key).contains("notice.collects_equality") && plain.kept.count == 2)
        #expect(
            plain.kept.contains(.init("notice.kept_contact", [String(PersonalDataKind.insightContacts.defaultDays)])),
            "another activity's period does not apply")
    }
}
