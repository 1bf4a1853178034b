import Foundation
import Fluent
import ChorusCore

/// What the demo officer's work dashboard needs to show on a first sign-in (issue 18): activities they lead that
/// overlap others, and a colleague's plan waiting for their review. (Their overdue action comes from
/// `DemoDecisions`, the analyst's finished analysis from `DemoAnalysis`.) Run after `DemoActivities` and `DemoPlans`.
enum DemoDashboard {
    static let officerEmail = "officer@harbourside.example"

    /// Returns how many activities the officer now leads and whether a plan waits for them.
    @discardableResult
    static func seed(on db: any Database, today: Day, windowDays: Int = OverlapDetector.defaultWindowDays) async throws -> (
        activities: Int, plan: Bool
    ) {
        guard let officer = try await Person.query(on: db).filter(\.$email == officerEmail).first(), let officerID = officer.id else {
            return (0, false)
        }
        // The council's current live activities, soonest first: the officer leads every other one (their colleagues
        // keep the rest), so some of the officer's overlap a colleague's.
        let current = try await Activity.query(on: db).filter(\.$organisation.$id == officer.$organisation.id)
            .filter(\.$status != ActivityStatus.draft.rawValue)
            .group(.or) { $0.filter(\.$endDay == nil).filter(\.$endDay >= today.ordinal) }
            .sort(\.$startDay).sort(\.$title).limit(12).all()
        var led = 0
        for (i, a) in current.enumerated() where i % 2 == 0 {
            a.$lead.id = officerID
            try await a.save(on: db)
            led += 1
        }
        // A colleague's plan sent to the officer for review: a copy of the demo's complete draft on another current
        // activity of someone else's that has no plan yet.
        let planned = Set(try await EngagementPlan.query(on: db).all().map { $0.$activity.id })
        guard
            let template = try await EngagementPlan.query(on: db).filter(\.$status == PlanStatus.draft.rawValue).all()
                .first(where: { !$0.contentJSON.isEmpty && $0.content != EngagementPlanContent() }),
            let activity = try await Activity.query(on: db).filter(\.$status == ActivityStatus.planned.rawValue)
                .filter(\.$startDay >= today.ordinal).filter(\.$lead.$id != officerID).filter(\.$lead.$id != nil)
                .sort(\.$startDay).sort(\.$title).all().first(where: { !planned.contains($0.id!) }),
            let author = activity.$lead.id
        else { return (led, false) }
        let plan = EngagementPlan.blank(for: activity.id!)
        plan.answers = template.answers
        plan.chosenLevel = template.chosenLevel
        plan.content = template.content
        plan.signOff = try PlanWorkflow.apply(
            .sendForChallenge(reviewers: [officerID], missingSections: []), by: author, at: Date(), to: PlanSignOff()
        ).state
        try await plan.create(on: db)
        return (led, true)
    }
}
