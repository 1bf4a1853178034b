import Foundation
import Fluent
import ChorusCore

/// Planning's reads for the work dashboard: plans waiting for this person, as a reviewer who has not answered yet or
/// as the colleague who sent a plan back to them with changes requested.
extension PlanningService {
    struct WaitingPlan: Sendable {
        let activityID: UUID
        /// True: they are asked to review it; false: changes were requested on a plan they sent.
        let toReview: Bool
        /// When it was sent for challenge, or when changes were requested.
        let since: Date?
        /// Who sent it for review, or who asked for changes.
        let from: UUID?
    }

    /// Plans in challenge awaiting `person`'s review, then plans `person` sent that came back with changes
    /// requested, oldest first. Only plans whose sign-off names the person are decoded (a LIKE on the stored
    /// ids, as `JSONEncoder` writes UUIDs), so the read stays small however many plans exist.
    static func plansWaiting(for person: UUID, limit: Int, _ db: any Database) async throws -> [WaitingPlan] {
        let plans = try await EngagementPlan.query(on: db)
            .filter(\.$status ~~ [PlanStatus.inChallenge.rawValue, PlanStatus.changesRequested.rawValue])
            .filter(\.$signOffJSON ~~ person.uuidString)
            .all()
        var out: [WaitingPlan] = []
        for p in plans {
            let s = p.signOff
            if s.status == .inChallenge, s.awaiting.contains(person) {
                out.append(WaitingPlan(activityID: p.$activity.id, toReview: true, since: s.sentAt, from: s.sentBy))
            } else if s.status == .changesRequested, s.sentBy == person {
                out.append(WaitingPlan(activityID: p.$activity.id, toReview: false, since: s.changesRequestedAt, from: s.changesRequestedBy))
            }
        }
        let sorted = out.sorted { ($0.toReview ? 0 : 1, $0.since ?? .distantPast) < ($1.toReview ? 0 : 1, $1.since ?? .distantPast) }
        return Array(sorted.prefix(limit))
    }
}
