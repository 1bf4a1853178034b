import Foundation

/// Where an action agreed by a decision space is in its life: proposed → agreed → in progress → done, or not doing
/// (with a reason) from any open state. A finished action may be reopened (to agreed) when circumstances change.
public enum ActionStatus: String, CaseIterable, Codable, Sendable {
    case proposed, agreed
    case inProgress = "in_progress"
    case done
    case notDoing = "not_doing"

    public var label: String {
        switch self {
        case .proposed: return "Proposed"
        case .agreed: return "Agreed"
        case .inProgress: return "In progress"
        case .done: return "Done"
        case .notDoing: return "Not doing"
        }
    }

    /// Done or not doing: nothing more is expected.
    public var isFinished: Bool { self == .done || self == .notDoing }

    /// The statuses an action may move to from this one.
    public var next: [ActionStatus] {
        switch self {
        case .proposed: return [.agreed, .notDoing]
        case .agreed: return [.inProgress, .done, .notDoing]
        case .inProgress: return [.done, .notDoing]
        case .done, .notDoing: return [.agreed]
        }
    }
}

/// The rules for changing an action's status. Pure: the web layer passes plain values and gets field errors back.
public enum ActionRules {
    public static let reasonField = "reason"
    public static let statusField = "status"

    /// Checks a status change. Moving to "not doing" needs a reason (residents are told why); an unchanged status is
    /// allowed (a progress note alone).
    public static func check(from: ActionStatus, to: ActionStatus, reason: String?) -> [FieldError] {
        var errors: [FieldError] = []
        if from != to && !from.next.contains(to) {
            errors.append(
                FieldError(
                    statusField,
                    "An action that is \(from.label.lowercased()) can move to: \(from.next.map { $0.label.lowercased() }.joined(separator: ", "))"))
        }
        if to == .notDoing && from != .notDoing && (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            errors.append(FieldError(reasonField, "Say why this action will not be done; residents are told the reason"))
        }
        return errors
    }

    /// Open (not finished) and its due day has passed.
    public static func isOverdue(status: ActionStatus, due: Day?, today: Day) -> Bool {
        guard let due, !status.isFinished else { return false }
        return due < today
    }

    /// Done on or before its due day (an action with no due day counts as on time when done).
    public static func doneOnTime(status: ActionStatus, due: Day?, doneOn: Day?) -> Bool {
        guard status == .done, let doneOn else { return false }
        guard let due else { return true }
        return doneOn <= due
    }
}
