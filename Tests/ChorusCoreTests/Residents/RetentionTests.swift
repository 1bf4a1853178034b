import Foundation
import Testing

@testable import ChorusCore

@Suite struct RetentionTests {
    let now = Date(timeIntervalSince1970: 1_796_000_000)

    @Test func everyKindHasALabelAReasonAndAPeriodWithinTheLimits() {
        #expect(PersonalDataKind.allCases.count == 14)
        for kind in PersonalDataKind.allCases {
            #expect(!kind.label.isEmpty && !kind.shortName.isEmpty && !kind.referenceTime.isEmpty)
            #expect(kind.reason.hasSuffix(".") && kind.reason.count > 20)
            #expect(RetentionSchedule.allowedDays.contains(kind.defaultDays))
        }
        #expect(Set(PersonalDataKind.allCases.map(\.reason)).count == 14)
    }

    @Test func theDefaultPeriods() {
        let expected: [PersonalDataKind: Int] = [
            .account: 730, .signInCodes: 1, .equalityAnswers: 730, .consentRecords: 2190, .surveyResponses: 730, .ballots: 365,
            .pledges: 2190, .campaignPledges: 730, .panelProfiles: 730, .subscriptions: 730, .outboxAddresses: 90, .insightContacts: 365,
            .uploads: 365,
            .logAddresses: 30,
        ]
        for kind in PersonalDataKind.allCases { #expect(kind.defaultDays == expected[kind], "\(kind)") }
        #expect(PersonalDataKind(rawValue: "sign_in_codes") == .signInCodes)
        #expect(PersonalDataKind.logAddresses.rawValue == "log_addresses")
    }

    @Test func anActivityOverrideBeatsTheCouncilsWhichBeatsTheDefault() {
        let panel = UUID(), other = UUID()
        let schedule = RetentionSchedule(days: [.panelProfiles: 1000, .ballots: 400], activityDays: [panel: [.panelProfiles: 1460]])
        #expect(schedule.days(for: .panelProfiles, activity: panel) == 1460)
        #expect(schedule.days(for: .panelProfiles, activity: other) == 1000)
        #expect(schedule.days(for: .panelProfiles) == 1000)
        #expect(schedule.days(for: .ballots, activity: panel) == 400)  // the activity overrides another kind only
        #expect(schedule.days(for: .uploads, activity: panel) == 365)
        #expect(RetentionSchedule().days(for: .logAddresses) == 30)
    }

    @Test func theCutoffIsThatManyDaysBeforeNow() {
        let schedule = RetentionSchedule(days: [.uploads: 10])
        #expect(schedule.cutoff(for: .uploads, now: now) == now.addingTimeInterval(-10 * 86_400))
        #expect(schedule.cutoff(for: .signInCodes, now: now) == now.addingTimeInterval(-86_400))
    }

    @Test func typedDaysAreCheckedWithAMessageNamingTheKind() {
        #expect(RetentionSchedule.validateDays(" 365 ", kind: .ballots) == .success(365))
        #expect(RetentionSchedule.validateDays("1", kind: .ballots) == .success(1))
        #expect(RetentionSchedule.validateDays("3,650", kind: .ballots) == .success(3650))
        let tooMany = RetentionSchedule.validateDays("3651", kind: .signInCodes)
        #expect(tooMany == .failure(FieldError("sign_in_codes", "Days to keep sign-in codes must be a whole number from 1 to 3650")))
        for bad in ["0", "-5", "1.5", "ten", "+30", "99999999999999999999999"] {
            guard case .failure(let e) = RetentionSchedule.validateDays(bad, kind: .pledges) else {
                Issue.record("\(bad) accepted")
                continue
            }
            #expect(e.field == "pledges" && e.message.contains("pledges"))
        }
        #expect(RetentionSchedule.validateDays("  ", kind: .uploads) == .failure(FieldError("uploads", "Enter how many days to keep uploaded files")))
    }
}
