import Testing
import Foundation
@testable import ChorusCore

/// A fully answered, neutral starting point: real options, formative, no duty, a neighbourhood, no protected
/// group affected more, no change, nothing held by communities, not delegable, moderate resources.
private func answers(_ change: (inout AdvisorAnswers) -> Void = { _ in }) -> AdvisorAnswers {
    var a = AdvisorAnswers(
        decisionFlexibility: .choiceOfOptions, formativeStage: .yes, consultationDuty: [],
        affectedScale: .neighbourhood, protectedGroups: .no, proposedChange: [],
        communityContribution: [], delegation: .no, resources: .moderate)
    change(&a)
    return a
}

private func codes(_ w: [PlanWarning]) -> [String] { w.map(\.code) }

@Suite struct AdvisorRuleTableTests {
    /// Answers for which each rule must fire. Every rule in the table needs one (checked below).
    static let witnesses: [String: AdvisorAnswers] = [
        "decision-fixed": answers { $0.decisionFlexibility = .fixed },
        "not-formative": answers { $0.formativeStage = .no },
        "formative-unsure": answers { $0.formativeStage = .notSure },
        "details-only": answers { $0.decisionFlexibility = .detailsOnly },
        "details-only-not-delegated": answers {
            $0.decisionFlexibility = .detailsOnly; $0.delegation = .notSure
        },
        "real-options": answers(),
        "open-decision": answers { $0.decisionFlexibility = .open },
        "statutory-duty": answers { $0.consultationDuty = [.statutory] },
        "promise-to-consult": answers { $0.consultationDuty = [.promise] },
        "established-practice": answers { $0.consultationDuty = [.establishedPractice] },
        "duty-unsure": answers { $0.consultationDuty = [.notSure] },
        "wide-impact": answers { $0.affectedScale = .wide },
        "protected-groups": answers { $0.protectedGroups = .yes },
        "protected-groups-unsure": answers { $0.protectedGroups = .notSure },
        "service-change": answers { $0.proposedChange = [.serviceChange] },
        "service-reduction": answers { $0.proposedChange = [.serviceReduction] },
        "vcse-funding-cut": answers { $0.proposedChange = [.vcseFundingCut] },
        "community-knowledge": answers { $0.communityContribution = [.knowledge] },
        "community-assets": answers { $0.communityContribution = [.assets] },
        "delivery-capacity": answers { $0.communityContribution = [.deliveryCapacity] },
        "co-production": answers {
            $0.decisionFlexibility = .open; $0.communityContribution = [.knowledge, .deliveryCapacity]
        },
        "delegable": answers { $0.delegation = .yes },
        "partly-delegable": answers { $0.delegation = .partly },
        "not-delegable": answers(),
        "limited-resources": answers { $0.resources = .limited },
        "moderate-resources": answers(),
    ]

    @Test func everyRuleInTheTableFiresForSomeAnswersAndIsShownAsAReason() throws {
        #expect(Set(AdvisorRules.table.map(\.id)).count == AdvisorRules.table.count, "rule ids are unique")
        for rule in AdvisorRules.table {
            let witness = try #require(Self.witnesses[rule.id], "no witness answers for rule \(rule.id)")
            #expect(rule.fires(for: witness), "\(rule.id) does not fire for its witness")
            #expect(LadderAdvisor.recommend(witness).reasons.contains { $0.id == rule.id }, "\(rule.id) not among the reasons")
            #expect(!rule.reason.isEmpty && !rule.when.isEmpty && !rule.effects.isEmpty)
        }
        #expect(Set(Self.witnesses.keys) == Set(AdvisorRules.table.map(\.id)), "witnesses for rules that no longer exist")
    }

    @Test func neutralAnswersFireOnlyTheirOwnRules() {
        let r = LadderAdvisor.recommend(answers())
        #expect(r.reasons.map(\.id) == ["real-options", "not-delegable", "moderate-resources"])
        #expect(r.level == .consult && r.warnings.isEmpty && !r.isProvisional)
    }

    @Test func reasonsAreEveryFiredRuleInTableOrder() {
        let a = answers {
            $0.resources = .limited; $0.protectedGroups = .yes; $0.consultationDuty = [.statutory, .promise]
            $0.proposedChange = [.serviceReduction, .vcseFundingCut]
        }
        let ids = LadderAdvisor.recommend(a).reasons.map(\.id)
        let tableOrder = AdvisorRules.table.map(\.id).filter { ids.contains($0) }
        #expect(ids == tableOrder)
        #expect(
            ids == [
                "real-options", "statutory-duty", "promise-to-consult", "protected-groups", "service-reduction",
                "vcse-funding-cut", "not-delegable", "limited-resources",
            ])
    }

    @Test func everyRuleIsDocumentedForOfficers() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/planning.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        for rule in AdvisorRules.table { #expect(text.contains("`\(rule.id)`"), "docs/planning.md does not describe \(rule.id)") }
    }

    /// Random answer sets (including unanswered questions) against the documented precedence.
    @Test func precedenceHoldsForManyRandomAnswerSets() {
        var rng = PlanningRNG(seed: 2026)
        func pick<T>(_ all: [T]) -> T? { let i = Int(rng.next() % UInt64(all.count + 1)); return i == all.count ? nil : all[i] }
        func subset<T: Hashable>(_ all: [T]) -> Set<T>? {
            if rng.next() % 6 == 0 { return nil }
            return Set(all.filter { _ in rng.next() % 3 == 0 })
        }
        var fired: Set<String> = []
        for _ in 0..<4000 {
            let a = AdvisorAnswers(
                decisionFlexibility: pick(DecisionFlexibility.allCases), formativeStage: pick(FormativeStage.allCases),
                consultationDuty: subset(ConsultationDutySource.allCases), affectedScale: pick(AffectedScale.allCases),
                protectedGroups: pick(ProtectedGroupsImpact.allCases), proposedChange: subset(ProposedChange.allCases),
                communityContribution: subset(CommunityContribution.allCases), delegation: pick(Delegation.allCases),
                resources: pick(ResourceLevel.allCases))
            let r = LadderAdvisor.recommend(a)
            let res = r.resolution
            fired.formUnion(r.reasons.map(\.id))
            // Decision ceilings beat everything.
            if let d = res.decisionCeiling { #expect(r.level <= d) }
            if a.decisionFlexibility == .fixed || a.formativeStage == .no { #expect(r.level == .inform) }
            // Floors beat practical ceilings and pushes: below the floor only when a decision ceiling says so.
            if r.level < res.floor { #expect(res.decisionCeiling == r.level) }
            // Pushes move one step at most.
            #expect(r.level <= res.floor.stepUp || r.level == res.floor)
            // Practical ceilings hold the level unless a floor is higher.
            if let p = res.practicalCeiling, r.level > p { #expect(r.level == res.floor) }
            // Empower only when residents can decide.
            if r.level == .empower { #expect(a.delegation == .yes || a.delegation == .partly) }
            // Co-production is named only at collaborate or above.
            if r.coProduction { #expect(r.level >= .collaborate && r.flags.contains(.coProduction)) }
            // A duty to consult with nothing left to consult on is always a critical warning.
            if r.flags.contains(.consultationDuty) && r.level == .inform {
                #expect(r.warnings.first?.code == "advisor.duty_but_not_formative" && r.warnings.first?.severity == .critical)
            }
            #expect(r.isProvisional == !a.isComplete)
            #expect(r.warnings == r.warnings.bySeverity())
        }
        #expect(
            fired == Set(AdvisorRules.table.map(\.id)), "rules never fired in the sample: \(Set(AdvisorRules.table.map(\.id)).subtracting(fired))")
    }
}

@Suite struct AdvisorConflictTests {
    @Test func aDecisionThatCannotChangeBeatsADutyToConsultAndSaysConsultationWouldNotBeLawful() throws {
        let r = LadderAdvisor.recommend(
            answers {
                $0.decisionFlexibility = .fixed; $0.consultationDuty = [.statutory]
            })
        #expect(r.level == .inform)
        let w = try #require(r.warnings.first)
        #expect(w.code == "advisor.duty_but_not_formative" && w.severity == .critical)
        #expect(w.message.contains("the decision cannot change") && w.message.contains("would not be lawful"))
        #expect(w.action.contains("legal services"))
        let duty = try #require(r.reasons.first { $0.id == "statutory-duty" })
        #expect(duty.overridden && duty.overriddenBy == ["decision-fixed"])
        #expect(r.promise == "We will keep you informed.")
    }

    @Test func aProposalNoLongerFormativeIsHeldAtInformEvenWithAPromiseToConsult() {
        let r = LadderAdvisor.recommend(
            answers {
                $0.formativeStage = .no; $0.consultationDuty = [.promise]; $0.decisionFlexibility = .open
            })
        #expect(r.level == .inform)
        #expect(r.warnings.first?.code == "advisor.duty_but_not_formative")
        #expect(r.warnings.first?.message.contains("no longer at a formative stage") == true)
        #expect(r.reasons.first { $0.id == "open-decision" }?.overriddenBy == ["not-formative"])
    }

    @Test func floorsCutByTheDecisionWithoutADutyGiveAnOrdinaryWarning() {
        let r = LadderAdvisor.recommend(
            answers {
                $0.decisionFlexibility = .fixed; $0.proposedChange = [.serviceReduction]
            })
        #expect(r.level == .inform)
        #expect(codes(r.warnings).contains("advisor.floor_above_decision_ceiling"))
        #expect(!codes(r.warnings).contains("advisor.duty_but_not_formative"))
    }

    @Test func floorsBeatPracticalCeilings() throws {
        // The problem is open (at least involve) but time is limited (at most consult): involve, with a warning.
        let r = LadderAdvisor.recommend(
            answers {
                $0.decisionFlexibility = .open; $0.resources = .limited
            })
        #expect(r.level == .involve)
        #expect(codes(r.warnings) == ["advisor.resources_short"])
        let limited = try #require(r.reasons.first { $0.id == "limited-resources" })
        #expect(limited.overridden && limited.overriddenBy == ["open-decision"])
    }

    @Test func practicalCeilingsBeatPushes() throws {
        let r = LadderAdvisor.recommend(
            answers {
                $0.consultationDuty = [.statutory]; $0.protectedGroups = .yes; $0.resources = .limited
            })
        #expect(r.level == .consult)
        #expect(r.resolution.pushed == .involve)
        #expect(r.reasons.first { $0.id == "protected-groups" }?.overriddenBy == ["limited-resources"])
        #expect(codes(r.warnings).contains("advisor.held_by_resources"))
        #expect(r.warnings.first { $0.code == "advisor.held_by_resources" }?.severity == .info)
    }

    @Test func pushesMoveOneStepHoweverManyFire() {
        let many = answers {
            $0.protectedGroups = .yes; $0.communityContribution = [.knowledge, .assets]; $0.delegation = .partly; $0.resources = .ample
        }
        let r = LadderAdvisor.recommend(many)
        #expect(r.resolution.floor == .consult && r.level == .involve)
        #expect(
            LadderAdvisor.recommend(
                answers {
                    $0.protectedGroups = .yes; $0.resources = .ample
                }
            ).level == .involve)
    }

    @Test func withoutDelegationEmpowerIsNeverRecommended() {
        let r = LadderAdvisor.recommend(
            answers {
                $0.decisionFlexibility = .open; $0.communityContribution = [.knowledge, .deliveryCapacity]; $0.resources = .ample
            })
        #expect(r.level == .collaborate && r.coProduction)
        #expect(r.reasons.first { $0.id == "community-knowledge" }?.overriddenBy == ["not-delegable"])
    }

    @Test func aDelegableBudgetWithRealOptionsIsEmpower() {
        let r = LadderAdvisor.recommend(
            answers {
                $0.delegation = .yes; $0.resources = .ample
            })
        #expect(r.level == .empower && r.promise == "We will implement what you decide.")
        // Limited time cannot pull a delegable decision below collaborate, but it warns.
        let short = LadderAdvisor.recommend(
            answers {
                $0.delegation = .yes; $0.resources = .limited
            })
        #expect(short.level == .collaborate && codes(short.warnings).contains("advisor.resources_short"))
    }

    @Test func coProductionIsNamedWhereTheAnswersPointThere() {
        let r = LadderAdvisor.recommend(
            answers {
                $0.decisionFlexibility = .open; $0.communityContribution = [.assets, .deliveryCapacity]; $0.delegation = .partly;
                $0.resources = .ample
            })
        #expect(r.coProduction && r.level == .empower)
        #expect(r.flags.contains(.coProduction))
        // Delivery capacity alone does not make it co-production.
        #expect(
            !LadderAdvisor.recommend(
                answers {
                    $0.decisionFlexibility = .open; $0.communityContribution = [.deliveryCapacity]
                }
            ).coProduction)
    }

    @Test func coProductionHeldBackByTheDecisionIsNotNamedAndSaysWhy() {
        let r = LadderAdvisor.recommend(
            answers {
                $0.decisionFlexibility = .open; $0.formativeStage = .no; $0.communityContribution = [.knowledge, .deliveryCapacity]
            })
        #expect(r.level == .inform && !r.coProduction)
        #expect(codes(r.warnings).contains("advisor.co_production_limited"))
    }

    @Test func onlyTheDetailsCanChange() {
        #expect(
            LadderAdvisor.recommend(
                answers {
                    $0.decisionFlexibility = .detailsOnly; $0.protectedGroups = .yes; $0.resources = .ample
                }
            ).level == .involve)
        #expect(
            LadderAdvisor.recommend(
                answers {
                    $0.decisionFlexibility = .detailsOnly; $0.communityContribution = [.knowledge]; $0.resources = .ample
                }
            ).level == .involve, "at most involve when the details cannot be handed over")
        // Residents can be handed the details themselves.
        #expect(
            LadderAdvisor.recommend(
                answers {
                    $0.decisionFlexibility = .detailsOnly; $0.delegation = .yes; $0.resources = .ample
                }
            ).level == .empower)
    }

    @Test func contradictoryDelegationAnswersAreFlagged() {
        let r = LadderAdvisor.recommend(
            answers {
                $0.decisionFlexibility = .fixed; $0.delegation = .yes
            })
        #expect(r.level == .inform && codes(r.warnings).contains("advisor.delegation_conflict"))
    }

    @Test func uncertainAnswersRaiseWarningsWithWhatToDo() {
        let r = LadderAdvisor.recommend(
            answers {
                $0.formativeStage = .notSure; $0.consultationDuty = [.notSure]; $0.protectedGroups = .notSure
            })
        #expect(Set(codes(r.warnings)) == ["advisor.formative_unsure", "advisor.duty_unsure", "advisor.equality_unknown"])
        #expect(r.warnings.allSatisfy { !$0.action.isEmpty && $0.field != nil })
    }

    @Test func dutiesEqualityAndVCSEFlagsAddGuidance() {
        let r = LadderAdvisor.recommend(
            answers {
                $0.consultationDuty = [.establishedPractice]; $0.proposedChange = [.serviceChange, .vcseFundingCut]
            })
        #expect(r.flags == [.consultationDuty, .equalityImpact, .vcseNotice])
        #expect(Set(codes(r.warnings)) == ["advisor.gunning_applies", "advisor.equality_impact", "advisor.vcse_notice"])
        #expect(r.warnings.first?.code == "advisor.equality_impact", "warnings before infos")
    }

    @Test func unansweredQuestionsMakeTheRecommendationProvisional() {
        let r = LadderAdvisor.recommend(AdvisorAnswers())
        #expect(r.level == .inform && r.isProvisional && r.unanswered == AdvisorQuestionID.allCases)
        #expect(r.reasons.map(\.id) == ["not-delegable"])
        #expect(r.warnings.map(\.code) == ["advisor.provisional"])
        #expect(r.warnings[0].message.contains("9 questions are not answered"))
        var one = answers()
        one.resources = nil
        #expect(LadderAdvisor.recommend(one).warnings.first { $0.code == "advisor.provisional" }?.message.contains("1 question is") == true)
    }

    @Test func eachLevelCarriesTheIAP2Promise() {
        #expect(LadderLevel.inform.promise == "We will keep you informed.")
        #expect(
            LadderLevel.consult.promise.contains(
                "listen to and acknowledge concerns and aspirations, and provide feedback on how public input influenced the decision"))
        #expect(LadderLevel.involve.promise.hasPrefix("We will work with you"))
        #expect(LadderLevel.collaborate.promise.hasPrefix("We will look to you for advice and innovation"))
        #expect(LadderLevel.empower.promise == "We will implement what you decide.")
        #expect(Set(LadderLevel.allCases.map(\.promise)).count == 5 && Set(LadderLevel.allCases.map(\.goal)).count == 5)
        #expect(LadderLevel.empower.stepUp == .empower && LadderLevel.inform.stepUp == .consult)
    }
}

@Suite struct LevelChoiceTests {
    @Test func aReasonIsRequiredForAnyOtherLevel() throws {
        for rec in LadderLevel.allCases {
            for chosen in LadderLevel.allCases { #expect(LevelChoice.reasonRequired(recommended: rec, chosen: chosen) == (rec != chosen)) }
        }
        #expect(try LevelChoice.validateReason(recommended: .consult, chosen: .consult, reason: "  ") == nil)
        #expect(
            try LevelChoice.validateReason(recommended: .consult, chosen: .involve, reason: "  The youth council asked to be involved. ")
                == "The youth council asked to be involved.")
        #expect(throws: FieldError("level_reason", "Enter why you chose involve instead of the recommended consult")) {
            try LevelChoice.validateReason(recommended: .consult, chosen: .involve, reason: " \n ")
        }
        #expect(throws: FieldError("override_reason", "Enter why you chose inform instead of the recommended consult")) {
            try LevelChoice.validateReason(recommended: .consult, chosen: .inform, reason: nil, field: "override_reason")
        }
        #expect(throws: FieldError.self) {
            try LevelChoice.validateReason(recommended: .consult, chosen: .inform, reason: String(repeating: "x", count: 2001))
        }
        #expect(throws: FieldError.self) { try LevelChoice.validateReason(recommended: .consult, chosen: .inform, reason: "bad\u{0}") }
    }

    @Test func choosingMoreThanTheDecisionAllowsIsFlagged() {
        let fixed = LadderAdvisor.recommend(answers { $0.decisionFlexibility = .fixed })
        let w = LevelChoice.warnings(chosen: .consult, recommendation: fixed)
        #expect(w.map(\.code) == ["choice.above_decision_ceiling"] && w[0].severity == .critical)
        let details = LadderAdvisor.recommend(answers { $0.decisionFlexibility = .detailsOnly })
        #expect(LevelChoice.warnings(chosen: .collaborate, recommendation: details).map(\.severity) == [.warning])
        #expect(LevelChoice.warnings(chosen: .involve, recommendation: details).isEmpty, "up to the ceiling is fine")
    }

    @Test func choosingLessThanADutyRequiresIsCritical() {
        let rec = LadderAdvisor.recommend(answers { $0.consultationDuty = [.statutory] })
        #expect(rec.level == .consult)
        let w = LevelChoice.warnings(chosen: .inform, recommendation: rec)
        #expect(w.map(\.code) == ["choice.below_duty"] && w[0].severity == .critical)
        let open = LadderAdvisor.recommend(answers { $0.decisionFlexibility = .open })
        #expect(LevelChoice.warnings(chosen: .consult, recommendation: open).map(\.code) == ["choice.below_floor"])
        #expect(LevelChoice.warnings(chosen: rec.level, recommendation: rec).isEmpty)
    }

    @Test func choosingBelowCoProductionIsNoted() {
        let rec = LadderAdvisor.recommend(
            answers {
                $0.decisionFlexibility = .open; $0.communityContribution = [.knowledge, .deliveryCapacity]
            })
        #expect(rec.level == .collaborate)
        #expect(LevelChoice.warnings(chosen: .involve, recommendation: rec).map(\.code) == ["choice.below_floor", "choice.below_co_production"])
    }
}

@Suite struct AdvisorQuestionTests {
    @Test func questionsAreOrderedWithUniqueIdsAndOptions() {
        #expect(AdvisorQuestion.all.map(\.id) == AdvisorQuestionID.allCases)
        for q in AdvisorQuestion.all {
            #expect(!q.title.isEmpty && q.title.hasSuffix("?") && !q.hint.isEmpty)
            #expect(Set(q.options.map(\.value)).count == q.options.count && q.options.count >= 2)
            #expect(q.options.filter(\.exclusive).count == (q.kind == .multiple ? 1 : 0))
        }
        #expect(AdvisorQuestionID.decisionFlexibility.next == .formativeStage && AdvisorQuestionID.decisionFlexibility.previous == nil)
        #expect(AdvisorQuestionID.resources.next == nil && AdvisorQuestionID.resources.previous == .delegation)
        #expect(AdvisorQuestionID.resources.number == 9)
    }

    @Test func everyOptionOfEveryQuestionCanBeRecordedAndShownAgain() throws {
        var a = AdvisorAnswers()
        for q in AdvisorQuestion.all {
            for o in q.options {
                try a.record(q.id, values: [o.value])
                #expect(a.values(for: q.id) == [o.value])
                #expect(a.labels(for: q.id) == [o.label])
            }
        }
        #expect(a.isComplete)
    }

    @Test func checkboxesRecordSeveralAnswersAndNoneOnItsOwn() throws {
        var a = AdvisorAnswers()
        try a.record(.consultationDuty, values: ["promise", "statutory", "promise"])
        #expect(a.consultationDuty == [.statutory, .promise])
        #expect(a.values(for: .consultationDuty) == ["statutory", "promise"], "in option order")
        try a.record(.consultationDuty, values: ["none"])
        #expect(a.consultationDuty == [] && a.isAnswered(.consultationDuty))
        #expect(a.labels(for: .consultationDuty) == ["None of these"])
        #expect(throws: FieldError("consultation_duty", "Select \"None of these\" on its own, or untick it")) {
            try a.record(.consultationDuty, values: ["none", "statutory"])
        }
        #expect(a.consultationDuty == [], "unchanged after an error")
    }

    @Test func badSubmissionsNameTheQuestionField() {
        var a = AdvisorAnswers()
        #expect(throws: FieldError("delegation", "Select an answer")) { try a.record(.delegation, values: []) }
        #expect(throws: FieldError("delegation", "Select an answer")) { try a.record(.delegation, values: ["  "]) }
        #expect(throws: FieldError("delegation", "Select only one answer")) { try a.record(.delegation, values: ["yes", "no"]) }
        #expect(throws: FieldError("resources", "Select one of the answers shown")) { try a.record(.resources, values: ["lots"]) }
        #expect(throws: FieldError("proposed_change", "Select at least one answer, or \"None of these\"")) {
            try a.record(.proposedChange, values: [])
        }
        #expect(throws: FieldError("proposed_change", "Select one of the answers shown")) {
            try a.record(.proposedChange, values: ["service_change", "x"])
        }
        #expect(a == AdvisorAnswers())
    }

    @Test func answersSurviveAJSONRoundTrip() throws {
        let a = answers {
            $0.consultationDuty = [.statutory, .promise]; $0.communityContribution = []; $0.proposedChange = nil
        }
        let back = try JSONDecoder().decode(AdvisorAnswers.self, from: JSONEncoder().encode(a))
        #expect(back == a && back.unanswered == [.proposedChange])
    }
}

/// A small deterministic generator for the property test.
private struct PlanningRNG {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
