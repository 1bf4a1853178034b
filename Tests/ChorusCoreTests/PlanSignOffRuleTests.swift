import Testing
import Foundation
@testable import ChorusCore

private let eia = PlanWarning(code: "eia.needed", severity: .warning, message: "An EIA is needed.", action: "Record it.")
private let dpia = PlanWarning(code: "dpia.needed", severity: .critical, message: "A DPIA is needed.", action: "Do it.")
private let note = PlanWarning(code: "advisor.gunning_applies", severity: .info, message: "Gunning applies.", action: "Check it.")

/// Which warnings stop a one-click sign-off, and what the acknowledgement must carry.
@Suite struct PlanSignOffRuleTests {
    @Test func warningsAndCriticalsBlockNotesDoNot() {
        #expect(PlanSignOffRule.blocking([note, eia, dpia]).map(\.code) == ["dpia.needed", "eia.needed"], "most serious first, notes left out")
        #expect(PlanSignOffRule.blocking([note]).isEmpty)
        #expect(PlanSignOffRule.check(open: [note], acknowledged: false, reason: nil, shownCodes: nil) == .clear)
        #expect(PlanSignOffRule.check(open: [], acknowledged: false, reason: nil, shownCodes: nil) == .clear)
    }

    @Test func openWarningsWithoutTheBoxOrAReasonAreRefusedNamingEachField() {
        let shown = ["eia.needed", "dpia.needed"]
        guard case .refused(let errors) = PlanSignOffRule.check(open: [eia, dpia, note], acknowledged: false, reason: "  ", shownCodes: shown) else {
            Issue.record("approving with open warnings and no acknowledgement must be refused")
            return
        }
        #expect(errors.map(\.field) == [PlanSignOffRule.acknowledgeField, PlanSignOffRule.reasonField])
        #expect(errors[0].message.contains("these 2 warnings"))
        guard case .refused(let noReason) = PlanSignOffRule.check(open: [eia], acknowledged: true, reason: nil, shownCodes: ["eia.needed"]) else {
            Issue.record("a reason is required")
            return
        }
        #expect(noReason.map(\.field) == [PlanSignOffRule.reasonField] && noReason[0].message.contains("this warning"))
        guard case .refused(let control) = PlanSignOffRule.check(open: [eia], acknowledged: true, reason: "ok\u{0}", shownCodes: ["eia.needed"])
        else {
            Issue.record("control characters are refused")
            return
        }
        #expect(control.map(\.field) == [PlanSignOffRule.reasonField])
        let long = String(repeating: "a", count: PlanSignOffRule.maxReasonLength + 1)
        #expect(PlanSignOffRule.check(open: [eia], acknowledged: true, reason: long, shownCodes: ["eia.needed"]) != .clear)
    }

    @Test func warningsTheReviewerDidNotSeeCannotBeAcknowledged() {
        // The page showed only the EIA warning; a DPIA warning opened since.
        guard
            case .refused(let errors) = PlanSignOffRule.check(
                open: [eia, dpia], acknowledged: true, reason: "Board agreed", shownCodes: ["eia.needed"])
        else {
            Issue.record("a changed set of warnings must be read again")
            return
        }
        #expect(errors.map(\.field) == [PlanSignOffRule.acknowledgeField] && errors[0].message.contains("changed"))
        #expect(PlanSignOffRule.check(open: [eia], acknowledged: true, reason: "x", shownCodes: nil) != .clear)
    }

    @Test func anAcknowledgementKeepsTheWarningsAsReadAndTheTrimmedReason() {
        let outcome = PlanSignOffRule.check(
            open: [note, eia, dpia], acknowledged: true, reason: "  The DPIA is booked for 3 March; the EIA is with legal.  ",
            shownCodes: ["eia.needed", "dpia.needed"])
        #expect(
            outcome
                == .acknowledged(
                    PlanAcknowledgement(
                        warnings: [
                            .init(code: "dpia.needed", message: "A DPIA is needed."), .init(code: "eia.needed", message: "An EIA is needed."),
                        ],
                        reason: "The DPIA is booked for 3 March; the EIA is with legal.")))
        #expect(PlanSignOffRule.label(count: 1) == "I have read this warning and approve anyway")
        #expect(PlanSignOffRule.label(count: 7) == "I have read these 7 warnings and approve anyway")
    }

    @Test func theWorkflowKeepsTheAcknowledgementWithTheApprovalAndOldRecordsStillRead() throws {
        let author = UUID(), alice = UUID()
        let sent = try PlanWorkflow.apply(.sendForChallenge(reviewers: [alice], missingSections: []), by: author, at: Date(), to: PlanSignOff()).state
        let ack = PlanAcknowledgement(warnings: [.init(code: "eia.needed", message: "An EIA is needed.")], reason: "Legal advised")
        let t = try PlanWorkflow.apply(.approve, by: alice, at: Date(), to: sent, acknowledgement: ack)
        #expect(t.state.status == .signedOff && t.state.approvals.first?.acknowledgement == ack)
        // Stored JSON from before acknowledgements decodes with none.
        let json = #"{"reviewer":"\#(alice.uuidString)","at":"2026-01-01T00:00:00Z"}"#
        let dec = JSONDecoder()
        dec.dateDecodingStrategy = .iso8601
        let old = try dec.decode(PlanApproval.self, from: Data(json.utf8))
        #expect(old.acknowledgement == nil && old.reviewer == alice)
    }
}

/// The plan reads the activity's facts and says the level once, consistently.
@Suite struct PlanActivityLinkTests {
    let facts = ActivityPlanFacts(
        purpose: "Decide new opening hours", methods: ["Survey", "Drop-in session"], audiences: ["Older people", "Private renters"],
        level: .consult, starts: Day(iso: "2027-01-04")!, ends: Day(iso: "2027-01-31")!)

    @Test func blankMirroredFieldsReadTheActivityAndThePlansOwnTextWins() throws {
        var content = EngagementPlanContent()
        try content.set(.methods, "Survey, plus two drop-ins at the library")
        let (effective, from) = PlanActivityLink.effective(content, facts)
        #expect(effective.purpose == "Decide new opening hours")
        #expect(effective.methods == "Survey, plus two drop-ins at the library", "the plan's own text wins")
        #expect(effective.affected == "Audiences named on the activity: Older people, Private renters")
        #expect(from == [.purpose, .affected])
        #expect(!PlanCompleteness.missingSections(in: effective).contains(.purpose), "no longer Missing")
        var empty = facts
        empty.purpose = "  "
        empty.audiences = []
        #expect(PlanActivityLink.effective(EngagementPlanContent(), empty).fromActivity == [.methods])
        #expect(PlanActivityLink.activityText(.budget, facts) == nil, "only mirrored fields")
    }

    @Test func theLevelIsThePlansChoiceElseTheActivitysAndTheSentenceShowsBoth() {
        #expect(PlanActivityLink.level(planChoice: nil, activity: .consult) == .consult)
        #expect(PlanActivityLink.level(planChoice: .involve, activity: .consult) == .involve)
        let rec = LadderAdvisor.recommend(AdvisorAnswers())
        #expect(rec.level == .inform)
        #expect(
            PlanActivityLink.levelSentence(planChoice: nil, activity: .consult, recommendation: rec)
                == "The activity says consult; the advisor recommends inform (none of the advisor's questions is answered yet).")
        #expect(
            PlanActivityLink.levelSentence(planChoice: .involve, activity: .consult, recommendation: rec).hasPrefix(
                "The plan chose involve, but the activity says consult; the advisor recommends inform"))
        #expect(PlanActivityLink.levelWarnings(planChoice: .involve, activity: .consult).map(\.code) == ["plan.level_differs_from_activity"])
        #expect(PlanActivityLink.levelWarnings(planChoice: .consult, activity: .consult).isEmpty)
        #expect(PlanActivityLink.levelWarnings(planChoice: nil, activity: .consult).isEmpty)
        // Working to another level than the recommendation needs a reason: a note while the advice is provisional.
        #expect(
            PlanActivityLink.levelWarnings(planChoice: nil, activity: .consult, recommendation: rec).map { "\($0.code) \($0.severity)" } == [
                "plan.level_without_reason info"
            ])
        #expect(PlanActivityLink.levelWarnings(planChoice: nil, activity: .consult, recommendation: rec, reason: "Board asked").isEmpty)
        #expect(PlanActivityLink.levelWarnings(planChoice: nil, activity: .inform, recommendation: rec).isEmpty, "as recommended")
        var all = AdvisorAnswers()
        for q in AdvisorQuestionID.allCases { try? all.record(q, values: [q.question.options[0].value]) }
        let settled = LadderAdvisor.recommend(all)
        #expect(!settled.isProvisional)
        let other = LadderLevel.allCases.first { $0 != settled.level }!
        #expect(
            PlanActivityLink.levelWarnings(planChoice: nil, activity: other, recommendation: settled).map(\.severity) == [.warning],
            "once every question is answered it must be explained or acknowledged")
    }

    @Test func theRecommendationSaysWhichRuleSetIt() throws {
        var a = AdvisorAnswers()
        try a.record(.decisionFlexibility, values: ["fixed"])
        let rec = LadderAdvisor.recommend(a)
        let reason = try #require(PlanActivityLink.determiningReason(rec))
        #expect(rec.reasons.contains { $0.reason == reason && rec.resolution.decisionCeilingRules.contains($0.id) })
        #expect(PlanActivityLink.levelSentence(planChoice: nil, activity: .consult, recommendation: rec).contains(" because "))
    }

    @Test func theEqualityWarningIsSaidOnce() {
        var a = AdvisorAnswers()
        try? a.record(.protectedGroups, values: ["yes"])
        let rec = LadderAdvisor.recommend(a)
        #expect(rec.warnings.contains { $0.code == "advisor.equality_impact" }, "the advisor alone still says it")
        let equality = EqualityScreening.screen(EqualityScreeningInput(answers: a))
        let all = PlanActivityLink.combined(rec.warnings + equality.warnings + equality.warnings)
        #expect(all.filter { $0.code.contains("equality") || $0.code.hasPrefix("eia.") }.map(\.code) == ["eia.needed"])
        #expect(PlanActivityLink.combined(rec.warnings, equalityScreened: false).contains { $0.code == "advisor.equality_impact" })
        // Recorded in time: no EIA warning left at all.
        let recorded = EqualityScreening.screen(EqualityScreeningInput(answers: a, assessmentRecordedOn: Day(iso: "2027-01-01")))
        #expect(!PlanActivityLink.combined(rec.warnings + recorded.warnings).contains { $0.code.contains("equality") || $0.code.hasPrefix("eia.") })
    }
}

/// Who may review a plan, how the list reads, and the email that asks them.
@Suite struct PlanReviewerTests {
    let council = UUID(), nhs = UUID(), author = UUID()

    func person(_ name: String, _ email: String, _ role: Role, _ org: UUID, id: UUID = UUID()) -> PlanReviewerChoice {
        PlanReviewerChoice(
            id: id, name: name, email: email, role: role, jobTitle: nil, organisation: org == council ? "Council" : "NHS Trust", organisationID: org)
    }

    @Test func viewersChampionsDuplicatesAndTheAuthorAreLeftOut() {
        let ada = UUID()
        let people = [
            person("Zoe Officer", "zoe@nhs.test", .officer, nhs),
            person("Vera Viewer", "vera@nhs.test", .viewer, nhs),
            person("Cara Champion", "cara@council.test", .champion, council),
            person("Ada Admin", "ada@council.test", .partnershipAdmin, council, id: ada),
            person("Ada Admin", "ada@council.test", .partnershipAdmin, council, id: ada),
            person("Ada Admin (old)", "ADA@council.test", .officer, council),
            person("Oscar Officer", "oscar@council.test", .officer, council, id: author),
            person("Ben Analyst", "ben@nhs.test", .insightAnalyst, nhs),
        ]
        let list = PlanReviewers.choices(people, excluding: author, ownOrganisation: council)
        #expect(list.map(\.name) == ["Ada Admin", "Ben Analyst", "Zoe Officer"], "own organisation first, then by organisation and name")
        #expect(!PlanReviewers.canReview(.viewer) && !PlanReviewers.canReview(.champion))
        #expect([Role.officer, .partnershipAdmin, .insightAnalyst, .secretary, .comms].allSatisfy(PlanReviewers.canReview))
    }

    @Test func aDraftActivitysPlanIsReviewedOnlyByThoseWhoCanSeeIt() {
        let people = [
            person("Zoe Officer", "zoe@nhs.test", .officer, nhs), person("Ada Admin", "ada@nhs.test", .partnershipAdmin, nhs),
            person("Cal Comms", "cal@council.test", .comms, council),
        ]
        #expect(
            PlanReviewers.choices(people, excluding: author, ownOrganisation: council, draftOf: council).map(\.name) == ["Cal Comms", "Ada Admin"])
        #expect(PlanReviewers.choices(people, excluding: author, ownOrganisation: council).count == 3, "a registered activity: every partner")
        #expect(!PlanReviewers.canReview(.officer, organisation: nhs, draftOf: council))
        #expect(PlanReviewers.canReview(.partnershipAdmin, organisation: nhs, draftOf: council))
    }

    @Test func namesThatCollideWithinOnePartnerAndRoleAreMarked() {
        let a = person("Sam Jones", "sam.jones1@council.test", .officer, council)
        let b = person("sam jones", "sam.jones9@council.test", .officer, council)
        let c = person("Sam Jones", "sam@nhs.test", .officer, nhs)
        let d = person("Sam Jones", "sam.j@council.test", .comms, council)
        #expect(PlanReviewers.ambiguous([a, b, c, d]) == [a.id, b.id], "another partner or role tells them apart")
    }

    @Test func hostileTitlesCannotBreakTheSubjectLine() {
        let subject = PlanReviewers.emailSubject(activityTitle: "Library\r\nBcc: evil@example.com\u{2028}\u{0}<script>")
        #expect(!subject.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x2028 || $0.value == 0x7F })
        #expect(subject == "Please review the engagement plan: Library Bcc: evil@example.com <script>")
        #expect(PlanReviewers.oneLine(String(repeating: "x", count: 500)).count == 120)
        let body = PlanReviewers.emailBody(
            reviewer: "Ada", sender: "Oscar\r\nX", activityTitle: "T", link: "https://chorus.test/activities/1/plan#review")
        #expect(body.contains("Oscar X has asked you") && body.contains("https://chorus.test/activities/1/plan#review"))
    }
}
