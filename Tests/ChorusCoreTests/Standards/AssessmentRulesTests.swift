import Foundation
import Testing
import ChorusCore

@Suite struct AssessmentRulesTests {
    let keys = ["inclusion", "planning", "impact", "methods"]

    @Test func changesReadStandardByStandard() {
        let c = AssessmentRules.changes(
            previous: ["inclusion": .emerging, "planning": .established, "impact": .aspiring],
            current: ["inclusion": .aspiring, "planning": .aspiring, "impact": .aspiring, "methods": .emerging] as [String: StandardLevel],
            keys: keys + ["support"])
        #expect(c["inclusion"] == .up(from: .emerging, to: .aspiring))
        #expect(c["planning"] == .down(from: .established, to: .aspiring))
        #expect(c["impact"] == .same(.aspiring))
        #expect(c["methods"] == .new(.emerging))
        #expect(c["support"] == .unrated)
        #expect(c["inclusion"]?.label == "Up from Emerging to Aspiring")
    }

    @Test func gapsAreTheStandardsBelowTheTargetInOrder() {
        let r: [String: StandardLevel] = ["inclusion": .established, "planning": .emerging, "impact": .aspiring]
        #expect(AssessmentRules.gaps(r, keys: keys) == ["planning", "impact"])
        #expect(AssessmentRules.gaps(r, keys: keys, target: .aspiring) == ["planning"])
        #expect(AssessmentRules.counts(r) == [.emerging: 1, .aspiring: 1, .established: 1])
    }

    @Test func moderationNeedsEveryRatingWithEvidence() {
        let errors = AssessmentRules.checkReadyForModeration(
            ratings: ["inclusion": .aspiring, "planning": .aspiring], evidence: ["inclusion": true],
            keys: ["inclusion", "planning", "impact"], titles: ["impact": "Impact"])
        #expect(errors.map(\.field) == ["evidence_planning", "level_impact"])
        #expect(errors[1].message == "Rate Impact before sending the assessment for moderation")
    }

    @Test func agreeingNeedsModerationNoOpenChallengeAndASecondPerson() {
        let a = UUID(), b = UUID()
        #expect(AssessmentRules.checkAgree(status: .moderation, openChallenges: 0, agreer: b, raters: [a]).isEmpty)
        #expect(AssessmentRules.checkAgree(status: .moderation, openChallenges: 0, agreer: a, raters: [a, b]).isEmpty)
        #expect(AssessmentRules.checkAgree(status: .moderation, openChallenges: 0, agreer: a, raters: [a]).map(\.field) == ["status"])
        #expect(
            AssessmentRules.checkAgree(status: .draft, openChallenges: 2, agreer: b, raters: [a]).map(\.message) == [
                "Send the assessment for moderation before agreeing it", "Uphold or dismiss the 2 open challenges first",
            ])
    }

    @Test func aChallengeProposesAnotherLevelWithAReasonFromSomeoneElse() {
        let rater = UUID(), other = UUID()
        #expect(
            AssessmentRules.checkChallenge(
                status: .moderation, current: .established, proposed: .aspiring, reason: "No plan for 3 of 5", challenger: other, ratedBy: rater
            ).isEmpty)
        // Community members invited to moderate have no staff id.
        #expect(
            AssessmentRules.checkChallenge(
                status: .moderation, current: .established, proposed: .emerging, reason: "x", challenger: nil, ratedBy: rater
            )
            .isEmpty)
        let bad = AssessmentRules.checkChallenge(
            status: .draft, current: .aspiring, proposed: .aspiring, reason: "  ", challenger: rater, ratedBy: rater)
        #expect(bad.map(\.field) == ["status", "proposed_level", "proposed_level", "reason"])
    }
}
