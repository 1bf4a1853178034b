import Foundation

extension ActionRules {
    /// The day an action has been at its status, as people read it ("Agreed since …"). An action is agreed with its
    /// decision, so it cannot be at any status before the decision's day: an action recorded on 6 December under a
    /// decision dated 22 December is agreed since 22 December. A later change of status keeps its own, later day.
    public static func since(statusDay: Day, decided: Day?) -> Day {
        guard let decided else { return statusDay }
        return max(statusDay, decided)
    }
}
