import Foundation

/// Three months' notice to VCSE organisations whose funding is reduced or ended.
///
/// The Best Value statutory guidance (DCLG, September 2011; check the version in force with legal services) says an authority intending to reduce or end
/// funding or other support to a voluntary and community organisation should give at least three months' notice
/// of the actual reduction to the organisation and to the public and service users, and should engage them
/// early enough to put forward alternatives. Chorus treats the decision date as the date notice is given, so the
/// change may take effect no earlier than three calendar months after it. Months are calendar months, ending on
/// the last day of a shorter month: a decision on 30 November allows a change from 28 February (29 in a leap year).
public enum VCSENotice {
    public static let months = 3
    public static let decisionField = "decision_date"
    public static let changeField = "change_date"

    /// The earliest date a change may take effect after notice given on `decision`.
    public static func earliestChange(afterDecisionOn decision: Day) -> Day { decision.adding(months: months) }

    /// The latest decision (notice) date that still gives three months' notice of a change on `change`.
    public static func latestDecision(forChangeOn change: Day) -> Day {
        // Subtracting months clamps at month ends (31 May - 3 months = 28 February), but adding them back
        // also clamps (31 August + 3 months = 30 November), so step forward to the true latest day.
        var d = change.adding(months: -months)
        while earliestChange(afterDecisionOn: d.adding(days: 1)) <= change { d = d.adding(days: 1) }
        return d
    }

    /// Whether `change` gives at least three months' notice after `decision`.
    public static func isEnoughNotice(decision: Day, change: Day) -> Bool { earliestChange(afterDecisionOn: decision) <= change }

    /// Warnings for a VCSE funding cut with these dates (empty when the notice is enough).
    public static func check(decisionDate: Day?, changeDate: Day?) -> [PlanWarning] {
        guard let decision = decisionDate, let change = changeDate else {
            return [
                PlanWarning(
                    code: "vcse.dates_missing", severity: .warning,
                    message:
                        "VCSE funding would be reduced or ended, but \(decisionDate == nil ? "the decision date" : "the date the change takes effect") is not set, so the three months' notice cannot be checked.",
                    action: "Enter the decision date and the date the change takes effect.",
                    field: decisionDate == nil ? decisionField : changeField)
            ]
        }
        if change < decision {
            return [
                PlanWarning(
                    code: "vcse.change_before_decision", severity: .critical,
                    message: "The change takes effect on \(PlanText.short(change)), before the decision on \(PlanText.short(decision)).",
                    action:
                        "Correct the dates: the change can take effect no earlier than \(PlanText.long(earliestChange(afterDecisionOn: decision))).",
                    field: changeField)
            ]
        }
        guard !isEnoughNotice(decision: decision, change: change) else { return [] }
        return [
            PlanWarning(
                code: "vcse.short_notice", severity: .warning,
                message:
                    "The decision on \(PlanText.short(decision)) is less than three months before the change on \(PlanText.short(change)). VCSE groups and their service users should get at least three months' notice of the actual reduction.",
                action:
                    "Move the change to \(PlanText.long(earliestChange(afterDecisionOn: decision))) or later, or bring the decision forward to \(PlanText.long(latestDecision(forChangeOn: change))) or earlier.",
                field: changeField)
        ]
    }
}
