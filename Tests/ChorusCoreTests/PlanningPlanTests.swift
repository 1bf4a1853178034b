import Testing
import Foundation
@testable import ChorusCore

private func completePlan() throws -> EngagementPlanContent {
    var p = EngagementPlanContent()
    for f in PlanField.allCases {
        try p.set(f, f.isDate ? (f == .decisionDate ? "2026-06-10" : "2026-07-31") : "Text for \(f.label)")
    }
    return p
}

@Suite struct PlanCompletenessTests {
    @Test func sectionsAreTypedWithIdsLabelsAndFields() {
        #expect(
            PlanSection.allCases.map(\.rawValue) == [
                "purpose", "decision", "negotiable", "affected", "seldom_heard", "methods",
                "feedback", "evaluation", "resources",
            ])
        #expect(PlanSection.allCases.allSatisfy { !$0.label.isEmpty && !$0.hint.isEmpty && !$0.fields.isEmpty })
        #expect(PlanSection.decision.fields == [.decision, .decisionMaker, .decisionDate])
        #expect(PlanSection.methods.fields == [.methods, .venues, .accessibility])
        #expect(PlanSection.allCases.flatMap(\.fields) == PlanField.allCases, "every field in exactly one section, in order")
    }

    @Test func anEmptyPlanIsMissingEverySection() {
        let p = EngagementPlanContent()
        #expect(PlanCompleteness.missingSections(in: p) == PlanSection.allCases)
        #expect(!PlanCompleteness.isReadyForChallenge(p))
        let errors = PlanCompleteness.fieldErrors(in: p)
        #expect(errors.count == PlanField.allCases.count - 1, "venues are optional")
        #expect(errors.first == FieldError("purpose", "Enter the purpose of the engagement"))
        #expect(errors.contains(FieldError("feedback_date", "Enter the \u{201C}You said, we did\u{201D} date")))
    }

    @Test func reportsOnlyWhatIsMissing() throws {
        var p = try completePlan()
        #expect(PlanCompleteness.isReadyForChallenge(p) && PlanCompleteness.gaps(in: p).isEmpty)
        try p.set(.venues, "")
        #expect(PlanCompleteness.isReadyForChallenge(p), "venues are optional")
        try p.set(.staffTime, "   ")
        try p.set(.decisionDate, nil)
        try p.set(.notNegotiable, "\n")
        #expect(
            PlanCompleteness.gaps(in: p) == [
                SectionGap(section: .decision, missingFields: [.decisionDate]),
                SectionGap(section: .negotiable, missingFields: [.notNegotiable]),
                SectionGap(section: .resources, missingFields: [.staffTime]),
            ])
        #expect(PlanCompleteness.fieldErrors(in: p).map(\.field) == ["decision_date", "not_negotiable", "staff_time"])
    }

    @Test func settingFieldsValidatesAndTrims() throws {
        var p = EngagementPlanContent()
        try p.set(.purpose, "  Decide the library's opening hours  ")
        #expect(p.purpose == "Decide the library's opening hours" && p.text(.purpose) == "Decide the library's opening hours")
        try p.set(.decisionDate, "2026-02-28")
        #expect(p.decisionDate == Day(iso: "2026-02-28") && p.text(.decisionDate) == "2026-02-28")
        #expect(throws: FieldError("decision_date", "Enter the date of the decision as a real date, like 2026-03-31")) {
            try p.set(.decisionDate, "2026-02-29")
        }
        #expect(throws: FieldError("feedback_date", "Enter the \u{201C}You said, we did\u{201D} date as a real date, like 2026-03-31")) {
            try p.set(.feedbackDate, "31/07/2026")
        }
        #expect(throws: FieldError("decision_maker", "Who makes the decision must be 200 characters or fewer")) {
            try p.set(.decisionMaker, String(repeating: "x", count: 201))
        }
        #expect(throws: FieldError("budget", "Budget must not contain control characters")) { try p.set(.budget, "£2,000\u{7}") }
        #expect(p.decisionDate == Day(iso: "2026-02-28") && p.decisionMaker == nil && p.budget == nil, "unchanged after errors")
        #expect(try JSONDecoder().decode(EngagementPlanContent.self, from: JSONEncoder().encode(completePlan())) == completePlan())
    }
}

@Suite struct PlanSignOffTests {
    let author = UUID(), alice = UUID(), bob = UUID(), stranger = UUID()
    let t0 = Date(timeIntervalSince1970: 1_780_000_000)

    func send(_ s: PlanSignOff, to reviewers: [UUID], missing: [PlanSection] = []) throws -> PlanSignOff {
        try PlanWorkflow.apply(.sendForChallenge(reviewers: reviewers, missingSections: missing), by: author, at: t0, to: s).state
    }

    @Test func draftToChallengeToSignedOffWhenEveryReviewerApproves() throws {
        var s = try send(PlanSignOff(), to: [alice, bob, alice])
        #expect(s.status == .inChallenge && s.reviewers == [alice, bob] && s.sentBy == author && s.sentAt == t0)
        var t = try PlanWorkflow.apply(.approve, by: alice, at: t0.addingTimeInterval(60), to: s)
        s = t.state
        #expect(s.status == .inChallenge && t.changed && t.notice.contains("Waiting for 1 more reviewer"))
        #expect(s.awaiting == [bob] && s.signedOffBy.isEmpty)
        t = try PlanWorkflow.apply(.approve, by: bob, at: t0.addingTimeInterval(120), to: s)
        s = t.state
        #expect(s.status == .signedOff && s.signedOffAt == t0.addingTimeInterval(120) && s.signedOffBy == [alice, bob])
        #expect(t.notice == "Plan signed off.")
    }

    @Test func approvingTwiceIsHarmless() throws {
        let s = try send(PlanSignOff(rule: .any), to: [alice])
        let once = try PlanWorkflow.apply(.approve, by: alice, at: t0, to: s)
        #expect(once.state.status == .signedOff)
        let twice = try PlanWorkflow.apply(.approve, by: alice, at: t0.addingTimeInterval(999), to: once.state)
        #expect(!twice.changed && twice.state == once.state && twice.notice == "You have already approved this plan.")
        // Also while still in challenge.
        let two = try send(PlanSignOff(), to: [alice, bob])
        let a1 = try PlanWorkflow.apply(.approve, by: alice, at: t0, to: two)
        let a2 = try PlanWorkflow.apply(.approve, by: alice, at: t0.addingTimeInterval(5), to: a1.state)
        #expect(!a2.changed && a2.state.approvals.count == 1 && a2.state.status == .inChallenge)
    }

    @Test func anyRuleSignsOffOnTheFirstApprovalAndRecordsLaterOnes() throws {
        let s = try send(PlanSignOff(rule: .any), to: [alice, bob])
        let first = try PlanWorkflow.apply(.approve, by: bob, at: t0, to: s).state
        #expect(first.status == .signedOff && first.signedOffBy == [bob])
        let second = try PlanWorkflow.apply(.approve, by: alice, at: t0.addingTimeInterval(10), to: first)
        #expect(second.changed && second.state.signedOffBy == [bob, alice] && second.state.signedOffAt == t0)
    }

    @Test func onlyInvitedReviewersMayApproveOrRequestChanges() throws {
        let s = try send(PlanSignOff(), to: [alice])
        #expect(throws: PlanWorkflowError.notInvited) { try PlanWorkflow.apply(.approve, by: stranger, at: t0, to: s) }
        #expect(throws: PlanWorkflowError.notInvited) { try PlanWorkflow.apply(.approve, by: author, at: t0, to: s) }
        #expect(throws: PlanWorkflowError.notInvited) { try PlanWorkflow.apply(.requestChanges, by: stranger, at: t0, to: s) }
        #expect(PlanWorkflowError.notInvited.httpStatus == 403)
    }

    @Test func changesRequestedGoesBackToTheOfficerAndCanBeResent() throws {
        var s = try send(PlanSignOff(), to: [alice, bob])
        s = try PlanWorkflow.apply(.approve, by: alice, at: t0, to: s).state
        s = try PlanWorkflow.apply(.requestChanges, by: bob, at: t0.addingTimeInterval(30), to: s).state
        #expect(s.status == .changesRequested && s.approvals.isEmpty && s.changesRequestedBy == bob)
        #expect(throws: PlanWorkflowError.invalidTransition(from: .changesRequested, event: "approve")) {
            try PlanWorkflow.apply(.approve, by: alice, at: t0, to: s)
        }
        let edited = try PlanWorkflow.apply(.edit, by: author, at: t0, to: s)
        #expect(edited.state.status == .changesRequested && !edited.reopened)
        s = try send(edited.state, to: [bob])
        #expect(s.status == .inChallenge && s.reviewers == [bob] && s.changesRequestedBy == nil)
        #expect(throws: PlanWorkflowError.notInvited) { try PlanWorkflow.apply(.approve, by: alice, at: t0, to: s) }
    }

    @Test func editingAfterSignOffReopensItAndSaysSo() throws {
        var s = try send(PlanSignOff(), to: [alice])
        s = try PlanWorkflow.apply(.approve, by: alice, at: t0, to: s).state
        let t = try PlanWorkflow.apply(.edit, by: author, at: t0.addingTimeInterval(3600), to: s)
        #expect(t.reopened && t.changed && t.notice.contains("reopened"))
        #expect(t.state.status == .draft && t.state.approvals.isEmpty && t.state.signedOffAt == nil)
        #expect(t.state.previousSignOffAt == t0 && t.state.reopenedAt == t0.addingTimeInterval(3600))
        // A draft edit reopens nothing.
        let draft = try PlanWorkflow.apply(.edit, by: author, at: t0, to: PlanSignOff())
        #expect(!draft.reopened && !draft.changed && draft.state == PlanSignOff())
    }

    @Test func editingDuringChallengeClearsApprovalsGivenSoFar() throws {
        var s = try send(PlanSignOff(), to: [alice, bob])
        s = try PlanWorkflow.apply(.approve, by: alice, at: t0, to: s).state
        let t = try PlanWorkflow.apply(.edit, by: author, at: t0, to: s)
        #expect(t.state.status == .inChallenge && t.state.approvals.isEmpty && t.changed && !t.reopened)
        #expect(t.notice.contains("will need to approve the changed plan"))
    }

    @Test func sendingNeedsACompletePlanAndColleagues() throws {
        #expect(throws: PlanWorkflowError.incomplete([.purpose, .resources])) {
            try send(PlanSignOff(), to: [alice], missing: [.purpose, .resources])
        }
        #expect(
            PlanWorkflowError.incomplete([.purpose, .resources]).message
                == "Complete these sections before sending the plan for challenge: Purpose and Budget and staff time.")
        #expect(throws: PlanWorkflowError.noReviewers) { try send(PlanSignOff(), to: []) }
        #expect(throws: PlanWorkflowError.selfReview) { try send(PlanSignOff(), to: [alice, author]) }
        #expect(PlanWorkflowError.selfReview.field == "reviewers" && PlanWorkflowError.noReviewers.httpStatus == 422)
        let missing = PlanCompleteness.missingSections(in: EngagementPlanContent())
        #expect(throws: PlanWorkflowError.incomplete(missing)) { try send(PlanSignOff(), to: [alice], missing: missing) }
    }

    @Test func invalidTransitionsAreRefusedWithoutChangingAnything() throws {
        let draft = PlanSignOff()
        #expect(throws: PlanWorkflowError.invalidTransition(from: .draft, event: "approve")) {
            try PlanWorkflow.apply(.approve, by: alice, at: t0, to: draft)
        }
        #expect(throws: PlanWorkflowError.invalidTransition(from: .draft, event: "request changes")) {
            try PlanWorkflow.apply(.requestChanges, by: alice, at: t0, to: draft)
        }
        #expect(throws: PlanWorkflowError.invalidTransition(from: .draft, event: "withdraw")) {
            try PlanWorkflow.apply(.withdraw, by: author, at: t0, to: draft)
        }
        let challenge = try send(draft, to: [alice])
        #expect(throws: PlanWorkflowError.invalidTransition(from: .inChallenge, event: "send for challenge")) { try send(challenge, to: [bob]) }
        let signed = try PlanWorkflow.apply(.approve, by: alice, at: t0, to: challenge).state
        #expect(throws: PlanWorkflowError.invalidTransition(from: .signedOff, event: "request changes")) {
            try PlanWorkflow.apply(.requestChanges, by: alice, at: t0, to: signed)
        }
        #expect(throws: PlanWorkflowError.invalidTransition(from: .signedOff, event: "send for challenge")) { try send(signed, to: [bob]) }
        #expect(throws: PlanWorkflowError.invalidTransition(from: .signedOff, event: "withdraw")) {
            try PlanWorkflow.apply(.withdraw, by: author, at: t0, to: signed)
        }
        #expect(
            PlanWorkflowError.invalidTransition(from: .signedOff, event: "request changes").message
                == "This plan is already signed off. Edit it to reopen it.")
        #expect(PlanWorkflowError.invalidTransition(from: .draft, event: "approve").message == "You cannot approve a plan that is draft.")
        #expect(PlanWorkflowError.invalidTransition(from: .draft, event: "approve").httpStatus == 409)
    }

    @Test func withdrawingReturnsToDraft() throws {
        var s = try send(PlanSignOff(), to: [alice, bob])
        s = try PlanWorkflow.apply(.approve, by: alice, at: t0, to: s).state
        s = try PlanWorkflow.apply(.withdraw, by: author, at: t0, to: s).state
        #expect(s.status == .draft && s.approvals.isEmpty)
        #expect(try JSONDecoder().decode(PlanSignOff.self, from: JSONEncoder().encode(s)) == s)
    }
}
