import Foundation
import Fluent
import ChorusCore

/// Decisions' reads for the work dashboard: a person's open actions, overdue first, and the meetings coming up in
/// the spaces they may see.
extension DecisionsReads {
    struct MyAction: Sendable {
        let id: UUID
        let title: String
        let status: ActionStatus
        let due: Day?
        let space: String
        let overdue: Bool
    }

    /// The open actions `person` owns: the first `limit`, most overdue first, then soonest due, then those with no
    /// due day; and how many are open and overdue in all (counted in SQL, on the owner index).
    static func openActions(ownedBy person: UUID, today: Day, limit: Int, _ db: any Database) async throws -> (
        rows: [MyAction], open: Int, overdue: Int
    ) {
        let open = ActionStatus.allCases.filter { !$0.isFinished }.map(\.rawValue)
        func mine() -> QueryBuilder<DecisionAction> {
            DecisionAction.query(on: db).filter(\.$owner.$id == person).filter(\.$status ~~ open)
        }
        let dated = try await mine().filter(\.$dueDay != nil).sort(\.$dueDay).sort(\.$id).limit(limit).all()
        let undated = dated.count < limit ? try await mine().filter(\.$dueDay == nil).sort(\.$createdAt).limit(limit - dated.count).all() : []
        let openCount = try await mine().count()
        let overdueCount = try await mine().filter(\.$dueDay < today.ordinal).count()
        let actions = dated + undated
        let spaces = try await NameLookup.names(DecisionSpace.self, actions.map { $0.$space.id }, db) { $0.name }
        let rows = actions.map { a in
            let status = ActionStatus(rawValue: a.status) ?? .agreed
            let due = a.dueDay.map(Day.init(ordinal:))
            return MyAction(
                id: a.id!, title: a.title, status: status, due: due, space: spaces[a.$space.id] ?? "",
                overdue: ActionRules.isOverdue(status: status, due: due, today: today))
        }
        return (rows, openCount, overdueCount)
    }

    struct UpcomingMeeting: Sendable {
        let id: UUID
        let title: String
        let day: Day
        let location: String?
        let space: String
        let isMember: Bool
    }

    /// Meetings from today to `days` ahead in the spaces `user` may see (public ones and those they belong to), soonest
    /// first, those of their own spaces first on the same day.
    static func upcomingMeetings(for user: CurrentUser, today: Day, days: Int, limit: Int, _ db: any Database) async throws -> [UpcomingMeeting] {
        let memberOf = Set(try await DecisionSpaceMember.query(on: db).filter(\.$person.$id == user.id).all().map { $0.$space.id })
        let visible = Array(try await DecisionSpaceService.visibleSpaceIDs(user: user, db))
        guard !visible.isEmpty else { return [] }
        let meetings = try await Meeting.query(on: db).filter(\.$space.$id ~~ visible)
            .filter(\.$meetingDay >= today.ordinal).filter(\.$meetingDay <= today.ordinal + days)
            .sort(\.$meetingDay).sort(\.$title).limit(limit * 3).all()
        let spaces = try await NameLookup.names(DecisionSpace.self, meetings.map { $0.$space.id }, db) { $0.name }
        let rows = meetings.map { m in
            UpcomingMeeting(
                id: m.id!, title: m.title, day: Day(ordinal: m.meetingDay), location: m.location, space: spaces[m.$space.id] ?? "",
                isMember: memberOf.contains(m.$space.id))
        }
        return Array(rows.sorted { ($0.day, $0.isMember ? 0 : 1) < ($1.day, $1.isMember ? 0 : 1) }.prefix(limit))
    }
}

extension DecisionsReads {
    /// Open actions past their due day, across the partnership (for the admins' "at a glance").
    static func overdueActionCount(today: Day, _ db: any Database) async throws -> Int {
        try await DecisionAction.query(on: db).filter(\.$status ~~ ActionStatus.allCases.filter { !$0.isFinished }.map(\.rawValue))
            .filter(\.$dueDay < today.ordinal).count()
    }
}
