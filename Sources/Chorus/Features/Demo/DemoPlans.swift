import Vapor
import Fluent
import ChorusCore

/// Engagement plans for a handful of demo activities, one at every stage of challenge and sign-off, and one
/// consultation that fails the Gunning checks (a decision already made, four weeks over Christmas).
enum DemoPlans {
    static func seed(on db: any Database, today: Day) async throws -> Int {
        let activities = try await Activity.query(on: db).filter(\.$status ~~ [ActivityStatus.planned.rawValue, ActivityStatus.open.rawValue])
            .sort(\.$startDay).sort(\.$title).limit(6).all()
        let people = try await Person.query(on: db).filter(\.$active == true).sort(\.$email).all()
        guard activities.count == 6, people.count > 4 else { return 0 }
        var content = EngagementPlanContent()
        for (field, text) in [
            (PlanField.purpose, "Understand what residents need before the service is redesigned"),
            (.decision, "Which option the service adopts next year"), (.decisionMaker, "The partnership board"),
            (.decisionDate, today.adding(days: 120).description), (.negotiable, "How and where the service is delivered"),
            (.notNegotiable, "The overall budget"), (.affected, "Service users, their families and staff"),
            (.beneficiaries, "People who find the service hard to reach today"),
            (.seldomHeardReach, "Sessions with the carers' group, the mosque and the tenants' association; Urdu and Polish materials"),
            (.methods, "Survey, two drop-ins and a focus group"), (.accessibility, "Step-free venues, large print and BSL on request"),
            (.feedback, "A 'You said, we did' page and a note to everyone who asked to hear back"),
            (.feedbackDate, today.adding(days: 150).description), (.evaluation, "Responses from every ward and every audience named"),
            (.budget, "£2,500"), (.staffTime, "15 officer days"),
        ] {
            try? content.set(field, text)
        }
        var answers = AdvisorAnswers()
        try? answers.record(.decisionFlexibility, values: ["choice_of_options"])
        try? answers.record(.formativeStage, values: ["yes"])
        try? answers.record(.consultationDuty, values: ["established_practice"])
        try? answers.record(.affectedScale, values: ["neighbourhood"])
        try? answers.record(.protectedGroups, values: ["yes"])
        try? answers.record(.proposedChange, values: ["service_change"])
        try? answers.record(.communityContribution, values: ["knowledge"])
        try? answers.record(.delegation, values: ["no"])
        try? answers.record(.resources, values: ["moderate"])
        // Reviewers are people who may review plans (no viewers or champions; issue 17.9), not the author.
        let reviewing = people.dropFirst().filter { PlanReviewers.canReview($0.roleValue) }
        guard reviewing.count >= 2 else { return 0 }
        let author = people[0].id!, reviewers = [reviewing[reviewing.startIndex].id!, reviewing[reviewing.startIndex + 1].id!]
        let now = Date()
        func state(_ events: [(PlanEvent, UUID)]) -> PlanSignOff {
            var s = PlanSignOff()
            for (e, by) in events { if let t = try? PlanWorkflow.apply(e, by: by, at: now, to: s) { s = t.state } }
            return s
        }
        let send = (PlanEvent.sendForChallenge(reviewers: reviewers, missingSections: []), author)
        let stages: [PlanSignOff] = [
            PlanSignOff(),  // advisor answered only
            state([]),  // complete draft
            state([send]),  // in challenge
            state([send, (.requestChanges, reviewers[0])]),  // changes requested
            state([send, (.approve, reviewers[0]), (.approve, reviewers[1])]),  // signed off
            state([send, (.approve, reviewers[0])]),  // the failing consultation, half approved
        ]
        for (i, activity) in activities.enumerated() {
            let plan = EngagementPlan.blank(for: activity.id!)
            plan.answers = answers
            plan.chosenLevel = LadderAdvisor.recommend(answers).level.rawValue
            if i > 0 { plan.content = content }
            plan.signOff = stages[i]
            if i == 5 {
                var failing = answers
                try? failing.record(.decisionFlexibility, values: ["fixed"])
                try? failing.record(.formativeStage, values: ["no"])
                try? failing.record(.consultationDuty, values: ["statutory"])
                plan.answers = failing
                plan.isConsultation = true
                var g = GunningChecklist()
                try? g.update(
                    .formativeStage, status: GunningStatus.notMet.rawValue, evidenceLink: nil, note: "The cabinet report already recommends closure")
                try? g.update(.adequateTime, status: GunningStatus.atRisk.rawValue, evidenceLink: nil, note: "Four weeks, including Christmas")
                plan.gunning = g
            }
            try await plan.create(on: db)
            if i == 3 {
                let c = PlanComment()
                c.$plan.id = plan.id!; c.personID = reviewers[0]; c.personName = reviewing[reviewing.startIndex].name;
                c.section = PlanSection.seldomHeard.rawValue
                c.body = "Who will run the session at the mosque, and in which languages?"
                try await c.create(on: db)
            }
        }
        return activities.count
    }
}
