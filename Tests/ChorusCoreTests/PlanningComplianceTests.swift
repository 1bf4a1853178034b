import Testing
import Foundation
@testable import ChorusCore

private func day(_ s: String) -> Day { Day(iso: s)! }

@Suite struct EqualityScreeningTests {
    @Test func protectedGroupsAffectedDifferentlyNeedAnAssessmentBeforeTheDecision() throws {
        let r = EqualityScreening.screen(EqualityScreeningInput(protectedGroupsAffected: .yes, serviceChange: false, decisionDate: day("2026-06-10")))
        #expect(r.outcome == .needed && r.reasons.count == 1)
        let w = try #require(r.warnings.first)
        #expect(w.code == "eia.needed" && w.action.contains("before the decision on 10 June 2026"))
    }

    @Test func aServiceChangeAloneNeedsAnAssessment() {
        let r = EqualityScreening.screen(EqualityScreeningInput(protectedGroupsAffected: .no, serviceChange: true))
        #expect(r.outcome == .needed)
        #expect(
            EqualityScreening.screen(EqualityScreeningInput(protectedGroupsAffected: .no, serviceChange: false, vcseFundingCut: true)).outcome
                == .needed)
    }

    @Test func theAssessmentMustBeRecordedBeforeOrOnTheDecisionDay() {
        let onTime = EqualityScreeningInput(
            protectedGroupsAffected: .yes, serviceChange: true,
            assessmentRecordedOn: day("2026-06-10"), decisionDate: day("2026-06-10"))
        #expect(EqualityScreening.screen(onTime).warnings.isEmpty)
        var late = onTime
        late.assessmentRecordedOn = day("2026-06-11")
        let w = EqualityScreening.screen(late).warnings
        #expect(w.map(\.code) == ["eia.after_decision"] && w[0].severity == .critical)
    }

    @Test func noDifferentEffectAndNoChangeIsNotNeededButSaysToRecordTheCheck() {
        let r = EqualityScreening.screen(EqualityScreeningInput(protectedGroupsAffected: .no, serviceChange: false))
        #expect(r.outcome == .notNeeded && r.warnings.isEmpty)
        #expect(r.reasons.last?.contains("Record how this was checked") == true)
    }

    @Test func unknownEffectsMeanScreenFurther() {
        for unknown: ProtectedGroupsImpact? in [.notSure, nil] {
            let r = EqualityScreening.screen(EqualityScreeningInput(protectedGroupsAffected: unknown, serviceChange: false))
            #expect(r.outcome == .screenFurther && r.warnings.map(\.code) == ["eia.screen_further"])
        }
    }

    @Test func buildsFromTheAdvisorAnswers() {
        let a = AdvisorAnswers(protectedGroups: .no, proposedChange: [.serviceReduction])
        let input = EqualityScreeningInput(answers: a)
        #expect(input.serviceChange && !input.vcseFundingCut)
        #expect(EqualityScreening.screen(input).outcome == .needed)
    }
}

@Suite struct DPIAScreeningTests {
    @Test func outcomes() throws {
        #expect(DPIAScreening.screen(collectsPersonalData: nil, criteria: []).outcome == .screenFurther)
        #expect(DPIAScreening.screen(collectsPersonalData: false, criteria: [.newTechnology]).outcome == .notNeeded)
        let plain = DPIAScreening.screen(collectsPersonalData: true, criteria: [])
        #expect(plain.outcome == .notNeeded && plain.warnings.isEmpty && plain.reasons[0].contains("privacy notice"))
        let r = DPIAScreening.screen(collectsPersonalData: true, criteria: [.systematicMonitoring, .childrenOrVulnerable])
        #expect(r.outcome == .needed)
        #expect(r.reasons == [DPIACriterion.childrenOrVulnerable.reason, DPIACriterion.systematicMonitoring.reason], "in criteria order")
        let w = try #require(r.warnings.first)
        #expect(w.code == "dpia.needed" && w.action.contains("data protection officer"))
    }

    @Test func everyCriterionAloneMakesADPIANeeded() {
        for c in DPIACriterion.allCases {
            #expect(DPIAScreening.screen(collectsPersonalData: true, criteria: [c]).outcome == .needed, "\(c)")
            #expect(!c.label.isEmpty && !c.reason.isEmpty)
        }
    }
}

@Suite struct GunningChecklistTests {
    @Test func aNewChecklistHasFourUncheckedPrinciples() {
        let c = GunningChecklist()
        #expect(c.checks.map(\.principle) == GunningPrinciple.allCases)
        #expect(c.checks.allSatisfy { $0.status == .notChecked } && !c.isPassing && c.failing.isEmpty)
        #expect(c.warnings().map(\.code) == Array(repeating: "gunning.not_checked", count: 4))
    }

    @Test func statusesAndEvidence() throws {
        var c = GunningChecklist()
        try c.update(.formativeStage, status: "met", evidenceLink: "/decisions/12", note: nil)
        try c.update(.sufficientReasons, status: "met", evidenceLink: nil, note: "Options paper drafted")
        try c.update(.adequateTime, status: "at_risk", evidenceLink: nil, note: "Runs over Easter")
        try c.update(.conscientiousConsideration, status: "not_met", evidenceLink: "https://example.org/report.pdf", note: nil)
        #expect(c[.formativeStage].evidenceLink == "/decisions/12" && c[.sufficientReasons].note == "Options paper drafted")
        #expect(c.failing == [.adequateTime, .conscientiousConsideration] && !c.isPassing)
        let w = c.warnings()
        #expect(w.map(\.code) == ["gunning.not_met", "gunning.no_evidence", "gunning.at_risk"])
        #expect(w.map(\.severity) == [.critical, .warning, .warning])
        #expect(w[0].field == "gunning_conscientious_consideration_status" && w[1].field == "gunning_sufficient_reasons_evidence")
        for p in GunningPrinciple.allCases { try c.update(p, status: "met", evidenceLink: "https://council.example/p/\(p.rawValue)", note: "") }
        #expect(c.isPassing && c.warnings().isEmpty && c.failing.isEmpty)
    }

    @Test func badInputNamesTheField() {
        var c = GunningChecklist()
        #expect(throws: FieldError("gunning_formative_stage_status", "Select a status for formative stage")) {
            try c.update(.formativeStage, status: "done", evidenceLink: nil, note: nil)
        }
        for bad in ["javascript:alert(1)", "//evil.example/x", "ftp://files.example/x", "https://", "see the report", "https://a.example/x y"] {
            #expect(throws: FieldError.self, "\(bad)") { try c.update(.adequateTime, status: "met", evidenceLink: bad, note: nil) }
        }
        #expect(throws: FieldError.self) { try c.update(.adequateTime, status: "met", evidenceLink: nil, note: String(repeating: "n", count: 2001)) }
        #expect(c == GunningChecklist(), "nothing changed")
    }

    @Test func recordedStatusesContradictedByThePlanAreFlagged() throws {
        var c = GunningChecklist()
        try c.update(.formativeStage, status: "met", evidenceLink: "/evidence/1", note: nil)
        try c.update(.adequateTime, status: "met", evidenceLink: "/evidence/2", note: nil)
        let fixed = AdvisorAnswers(decisionFlexibility: .fixed, formativeStage: .yes)
        let eightWeeks = try ConsultationDuration.assess(opens: day("2026-01-05"), closes: day("2026-03-01"), holidays: HolidayCalendar(periods: []))
        let w = c.warnings(answers: fixed, period: eightWeeks)
        #expect(w.first?.code == "gunning.formative_contradicted" && w.first?.severity == .critical)
        #expect(w.contains { $0.code == "gunning.time_contradicted" })
        let explained = try ConsultationDuration.assess(
            opens: day("2026-01-05"), closes: day("2026-03-01"),
            shortPeriodReason: "Statutory timetable", holidays: HolidayCalendar(periods: []))
        #expect(
            !c.warnings(answers: AdvisorAnswers(decisionFlexibility: .open, formativeStage: .yes), period: explained)
                .contains { $0.code.hasSuffix("_contradicted") })
    }

    @Test func storedChecksComeBackInPrincipleOrder() throws {
        let stored = [
            GunningCheck(principle: .adequateTime, status: .met, evidenceLink: "/x"), GunningCheck(principle: .formativeStage, status: .notMet),
        ]
        let c = GunningChecklist(checks: stored)
        #expect(c.checks.map(\.principle) == GunningPrinciple.allCases)
        #expect(c[.adequateTime].status == .met && c[.sufficientReasons].status == .notChecked)
        #expect(try JSONDecoder().decode(GunningChecklist.self, from: JSONEncoder().encode(c)) == c)
    }
}
