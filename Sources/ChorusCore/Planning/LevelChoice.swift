import Foundation

/// The officer's choice of level. The advisor recommends; the officer decides, and records why when they choose
/// a different level from the recommendation.
public enum LevelChoice {
    /// The default form field name of the reason.
    public static let reasonField = "level_reason"
    public static let maxReasonLength = 2000

    /// A reason is required whenever the chosen level differs from the recommendation (higher or lower).
    public static func reasonRequired(recommended: LadderLevel, chosen: LadderLevel) -> Bool { recommended != chosen }

    /// Checks the reason for the choice and returns it trimmed (nil when none is needed and none was given).
    /// Throws a `FieldError` naming `field` when a reason is required but empty, too long, or contains control characters.
    public static func validateReason(
        recommended: LadderLevel, chosen: LadderLevel, reason: String?,
        field: String = reasonField
    ) throws(FieldError) -> String? {
        let text = (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if Validation.hasControlCharacters(text) { throw FieldError(field, "The reason must not contain control characters") }
        if text.count > maxReasonLength { throw FieldError(field, "The reason must be \(maxReasonLength) characters or fewer") }
        if text.isEmpty {
            if reasonRequired(recommended: recommended, chosen: chosen) {
                throw FieldError(
                    field, "Enter why you chose \(chosen.label.lowercased()) instead of the recommended \(recommended.label.lowercased())")
            }
            return nil
        }
        return text
    }

    /// What the officer should know about choosing `chosen` given the recommendation: promising more influence
    /// than the decision allows, or less than a duty requires. Empty when the choice is the recommendation or
    /// raises nothing. Most serious first.
    public static func warnings(chosen: LadderLevel, recommendation rec: LadderRecommendation) -> [PlanWarning] {
        guard chosen != rec.level else { return [] }  // the advisor's own warnings cover the recommendation
        let r = rec.resolution
        var out: [PlanWarning] = []
        if let ceiling = r.decisionCeiling, chosen > ceiling {
            let sham = ceiling == .inform
            out.append(
                PlanWarning(
                    code: "choice.above_decision_ceiling", severity: sham ? .critical : .warning,
                    message: sham
                        ? "You chose \(chosen.label.lowercased()), but the answers say the decision cannot change: residents would be asked for views that cannot change anything."
                        : "You chose \(chosen.label.lowercased()), which promises more influence than the decision allows (at most \(ceiling.label.lowercased()), \(LadderAdvisor.ruleList(r.decisionCeilingRules))).",
                    action: sham
                        ? "Choose inform and explain the decision clearly, or reopen the decision with the decision-maker first."
                        : "Choose \(ceiling.label.lowercased()) or lower, or agree with the decision-maker what residents can really change and answer the questions again.",
                    field: reasonField))
        }
        if chosen < r.floor {
            let duty = rec.flags.contains(.consultationDuty) && chosen < .consult
            out.append(
                PlanWarning(
                    code: duty ? "choice.below_duty" : "choice.below_floor", severity: duty ? .critical : .warning,
                    message: duty
                        ? "There is a duty to consult, and \(chosen.label.lowercased()) would not meet it."
                        : "You chose \(chosen.label.lowercased()), below the \(r.floor.label.lowercased()) the answers call for (\(LadderAdvisor.ruleList(r.floorRules))).",
                    action: duty
                        ? "Choose consult or higher, or record legal services' advice that the duty does not apply."
                        : "Record why a lower level is enough, and how residents will still be heard.",
                    field: reasonField))
        }
        if rec.flags.contains(.coProduction) && chosen < .collaborate {
            out.append(
                PlanWarning(
                    code: "choice.below_co_production", severity: .info,
                    message: "The answers point to co-production, which needs at least collaborate.",
                    action: "Say in the plan how communities' knowledge and capacity will still shape the outcome.",
                    field: reasonField))
        }
        return out.bySeverity()
    }
}
