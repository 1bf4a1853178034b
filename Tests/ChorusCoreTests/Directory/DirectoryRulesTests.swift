import Foundation
import Testing
@testable import ChorusCore

/// The directory's pure rules: who is suggested for an activity and in what order, when an entry is due or out of
/// date, who sees a connector's contact details, and the shape checks on phones, web addresses, postcodes and languages.
@Suite struct DirectoryRulesTests {
    let ward1 = UUID(), ward2 = UUID(), parks = UUID(), litter = UUID(), older = UUID(), young = UUID()

    @Test func suggestionsNeedAPlaceAndASubjectInCommonAndRankAudiencesAboveThemes() {
        let activity = DirectoryReach(wards: [ward1], themes: [parks], audiences: [older])
        let entries: [(id: String, reach: DirectoryReach)] = [
            ("theme only, same ward", DirectoryReach(wards: [ward1], themes: [parks])),
            ("audience, same ward", DirectoryReach(wards: [ward1], audiences: [older])),
            ("audience, borough-wide", DirectoryReach(audiences: [older], boroughWide: true)),
            ("audience, other ward", DirectoryReach(wards: [ward2], audiences: [older])),
            ("same ward, nothing in common", DirectoryReach(wards: [ward1], themes: [litter], audiences: [young])),
        ]
        let ranked = DirectoryMatch.rank(entries, for: activity).map(\.id)
        #expect(ranked == ["audience, same ward", "audience, borough-wide", "theme only, same ward"])
        // A borough-wide activity matches entries in any ward.
        let wide = DirectoryMatch.rank(entries, for: DirectoryReach(audiences: [older], boroughWide: true)).map(\.id)
        #expect(Set(wide) == ["audience, same ward", "audience, borough-wide", "audience, other ward"])
        #expect(DirectoryMatch.rank(entries, for: activity, limit: 1).map(\.id) == ["audience, same ward"])
        #expect(DirectoryMatch.rank(entries, for: DirectoryReach(wards: [ward1])).isEmpty, "no theme or audience: no suggestion")
    }

    @Test func freshnessTurnsDueAMonthBeforeAYearAndStaleAtAYear() {
        let today = 20_000
        #expect(DirectoryFreshness.of(assuredDay: today, today: today) == .current)
        #expect(DirectoryFreshness.of(assuredDay: today - 334, today: today) == .current)
        #expect(DirectoryFreshness.of(assuredDay: today - 335, today: today) == .dueSoon)
        #expect(DirectoryFreshness.of(assuredDay: today - 364, today: today) == .dueSoon)
        #expect(DirectoryFreshness.of(assuredDay: today - 365, today: today) == .stale)
        #expect(DirectoryFreshness.lastCurrentDay(assuredDay: today) == today + 364)
    }

    @Test func aConnectorsContactDetailsShowOnlyAsTheyAgreed() {
        let owner = UUID(), other = UUID()
        #expect(ContactSharing.ownOrganisation.shows(readerOrganisation: owner, owner: owner))
        #expect(!ContactSharing.ownOrganisation.shows(readerOrganisation: other, owner: owner))
        #expect(!ContactSharing.ownOrganisation.shows(readerOrganisation: nil, owner: owner))
        #expect(ContactSharing.partners.shows(readerOrganisation: other, owner: owner))
        #expect(!ContactSharing.partners.shows(readerOrganisation: nil, owner: owner))
        #expect(ContactSharing.residents.shows(readerOrganisation: nil, owner: owner))
    }

    @Test func phonesWebAddressesAndPostcodesAreChecked() {
        #expect(DirectoryRules.isPlausiblePhone("0161 496 0000") && DirectoryRules.isPlausiblePhone("+44 (0)161 496-0000"))
        #expect(
            !DirectoryRules.isPlausiblePhone("call me") && !DirectoryRules.isPlausiblePhone("123") && !DirectoryRules.isPlausiblePhone("=1+2 3456789")
        )
        #expect(WebAddress.isWeb("https://example.org/a?b=1") && WebAddress.isWeb("http://x.test"))
        for bad in [
            "javascript:alert(1)", "example.org", "https://", "https://a b.test", "https://x.test/\"><script>", "ftp://x.test",
            "https://x.test\r\nSet-Cookie: a",
        ] {
            #expect(!WebAddress.isWeb(bad), "\(bad)")
        }
        #expect(DirectoryRules.fullPostcode("hs1 2ab") == "HS1 2AB" && DirectoryRules.fullPostcode("SW1A1AA") == "SW1A 1AA")
        #expect(DirectoryRules.fullPostcode("HS1") == nil && DirectoryRules.fullPostcode("12345") == nil && DirectoryRules.fullPostcode("") == nil)
    }

    @Test func languagesAreWrittenTheUsualWayOnceAndCodedWhereKnown() {
        #expect(DirectoryLanguages.parse("urdu, Punjabi; URDU,, bsl, Klingon") == ["Urdu", "Punjabi", "bsl", "Klingon"])
        #expect(DirectoryLanguages.parse("british sign language") == ["British Sign Language"])
        #expect(DirectoryLanguages.code("Polish") == "pl" && DirectoryLanguages.code("ur") == "ur" && DirectoryLanguages.code("Klingon") == nil)
    }

    @Test func accessibilityDescriptionsFromAFeedMatchTheFacts() {
        #expect(VenueFact.from(description: " hearing loop ") == .hearingLoop)
        #expect(VenueFact.from(description: "Step-free entrance") == .stepFreeEntrance)
        #expect(VenueFact.from(description: "changing_places") == .changingPlaces)
        #expect(VenueFact.from(description: "Lift to all floors") == nil)
        #expect(Set(VenueFact.allCases.map(\.englishLabel)).count == VenueFact.allCases.count)
    }
}
