import Testing
import Foundation
@testable import ChorusCore

@Suite struct PlanningInputsTests {
    @Test func electionPeriodsParseFromConfiguration() throws {
        let ok = try ElectionPeriod.parseList("2027-03-25..2027-05-06 Local elections; 2028-03-23..2028-05-04").get()
        #expect(ok.count == 2 && ok[0].name == "Local elections" && ok[1].name == "Pre-election period")
        #expect(ok[0].range.from.description == "2027-03-25" && ok[0].range.to.description == "2027-05-06")
        #expect(try ElectionPeriod.parseList("").get().isEmpty)
        for bad in ["2027-05-06..2027-03-25 Backwards", "2027-03-25 Local", "2027-02-30..2027-03-01 x", "soon"] {
            guard case .failure(let e) = ElectionPeriod.parseList(bad) else { Issue.record("accepted \(bad)"); continue }
            #expect(e.message.contains("entry 1"), "\(bad)")
        }
    }

    @Test func audiencesFromTheTaxonomyBecomeMethodAdvisorProfiles() {
        let young = AudienceProfile.inferred(name: "Young people (11–25)", kind: .identity)
        #expect(young.youngPeople && young.seldomHeard && !young.olderPeople)
        let urdu = AudienceProfile.inferred(name: "Urdu and Punjabi speakers", kind: .identity)
        #expect(urdu.languages == ["Urdu", "Punjabi"] && urdu.seldomHeard)
        let traders = AudienceProfile.inferred(name: "Town centre traders", kind: .interest)
        #expect(!traders.seldomHeard && !traders.youngPeople && traders.languages.isEmpty)
        let older = AudienceProfile.inferred(name: "Older people (65+)", kind: .identity)
        #expect(older.olderPeople && older.digitallyExcluded)
        // Seldom-heard audiences bring doorstep and community-venue sessions into the suggestions.
        let s = MethodAdvisor.suggest(level: .consult, audiences: [urdu])
        #expect(s.contains { $0.id == "doorstep-and-community-venues" })
    }
}
