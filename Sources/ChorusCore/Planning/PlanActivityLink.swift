import Foundation

/// What the activity (the register's record) already says that its engagement plan repeats.
public struct ActivityPlanFacts: Sendable, Equatable {
    public var purpose: String
    /// Method names as the reader reads them ("Survey", "Drop-in session").
    public var methods: [String]
    /// Names of the audiences the activity is for.
    public var audiences: [String]
    /// The level of engagement chosen on the activity.
    public var level: LadderLevel?
    public var starts: Day
    public var ends: Day?

    public init(purpose: String, methods: [String], audiences: [String], level: LadderLevel?, starts: Day, ends: Day?) {
        self.purpose = purpose
        self.methods = methods
        self.audiences = audiences
        self.level = level
        self.starts = starts
        self.ends = ends
    }
}

/// How a plan and its activity stay in step. The activity is the one place for the facts both hold: the plan's
/// purpose, methods and who is affected read from the activity unless the officer writes the plan's own text
/// (which then wins, and is shown as the plan's); the level is the activity's unless the plan chose another.
/// Dates are always the activity's. Pure, so the web layer only loads and shows.
public enum PlanActivityLink {
    /// Plan fields that mirror an activity field.
    public static let mirrored: [PlanField] = [.purpose, .methods, .affected]

    /// The activity's text for a mirrored field (nil for other fields, or when the activity says nothing).
    public static func activityText(_ field: PlanField, _ facts: ActivityPlanFacts) -> String? {
        let text: String
        switch field {
        case .purpose: text = facts.purpose
        case .methods: text = facts.methods.joined(separator: ", ")
        case .affected: text = facts.audiences.isEmpty ? "" : "Audiences named on the activity: " + facts.audiences.joined(separator: ", ")
        default: return nil
        }
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return t.isEmpty ? nil : t
    }

    /// The plan as it reads: its own text, and the activity's where the plan left a mirrored field blank.
    public static func effective(_ content: EngagementPlanContent, _ facts: ActivityPlanFacts) -> (
        content: EngagementPlanContent, fromActivity: Set<PlanField>
    ) {
        var out = content
        var from: Set<PlanField> = []
        for field in mirrored where content.text(field) == nil {
            guard let text = activityText(field, facts), (try? out.set(field, String(text.prefix(field.maxLength)))) != nil else { continue }
            from.insert(field)
        }
        return (out, from)
    }

    /// The level the plan works to: the plan's own choice, else the activity's.
    public static func level(planChoice: LadderLevel?, activity: LadderLevel?) -> LadderLevel? { planChoice ?? activity }

    /// One sentence that puts the activity's level, the plan's choice and the advisor's recommendation side by side,
    /// so they never contradict each other unseen.
    public static func levelSentence(planChoice: LadderLevel?, activity: LadderLevel?, recommendation rec: LadderRecommendation) -> String {
        let recommended = rec.level.label.lowercased()
        let because = determiningReason(rec).map { " because " + lowercasedFirst(trimmedStop($0)) } ?? ""
        let n = rec.unanswered.count
        let answered =
            n == 0
            ? ""
            : n == AdvisorQuestionID.allCases.count
                ? " (none of the advisor's questions is answered yet)" : " (\(n) of the advisor's questions are still unanswered)"
        switch (activity, planChoice) {
        case (nil, nil):
            return "The advisor recommends \(recommended)\(because)\(answered)."
        case (let a?, nil),
            (let a?, .some(_)) where planChoice == activity:
            return a == rec.level
                ? "The activity says \(a.label.lowercased()), as the advisor recommends\(because)\(answered)."
                : "The activity says \(a.label.lowercased()); the advisor recommends \(recommended)\(because)\(answered)."
        case (let a?, let p?):
            return
                "The plan chose \(p.label.lowercased()), but the activity says \(a.label.lowercased()); the advisor recommends \(recommended)\(because)\(answered)."
        case (nil, let p?):
            return p == rec.level
                ? "The plan chose \(p.label.lowercased()), as the advisor recommends\(because)\(answered)."
                : "The plan chose \(p.label.lowercased()); the advisor recommends \(recommended)\(because)\(answered)."
        }
    }

    /// A warning when the plan's chosen level and the activity's disagree (residents read the activity's), and when
    /// the level worked to differs from the recommendation with no reason recorded (a note while the advisor's
    /// questions are still unanswered, as the recommendation is provisional).
    public static func levelWarnings(
        planChoice: LadderLevel?, activity: LadderLevel?, recommendation rec: LadderRecommendation? = nil, reason: String? = nil
    ) -> [PlanWarning] {
        var out: [PlanWarning] = []
        if let p = planChoice, let a = activity, p != a {
            out.append(
                PlanWarning(
                    code: "plan.level_differs_from_activity", severity: .warning,
                    message:
                        "The plan chose \(p.label.lowercased()), but the activity says \(a.label.lowercased()), and the activity is what residents see.",
                    action: "Change the level on the activity to \(p.label.lowercased()), or choose \(a.label.lowercased()) in the plan.",
                    field: LevelChoice.reasonField))
        }
        let hasReason = !(reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        if let rec, let level = level(planChoice: planChoice, activity: activity), level != rec.level, !hasReason {
            out.append(
                PlanWarning(
                    code: "plan.level_without_reason", severity: rec.isProvisional ? .info : .warning,
                    message:
                        "The plan works to \(level.label.lowercased()), but the advisor recommends \(rec.level.label.lowercased()), and no reason is recorded.",
                    action: rec.isProvisional
                        ? "Answer the advisor's remaining questions; if the recommendation still differs, record why on its summary page."
                        : "Record why \(level.label.lowercased()) is right on the advisor's summary page, or choose the recommended level.",
                    field: LevelChoice.reasonField))
        }
        return out
    }

    /// Every check's warnings in one list, most serious first, each said once. When the equality screening ran
    /// (`equalityScreened`, as every plan page does), its outcome (which knows whether the assessment was recorded, and
    /// when) replaces the advisor's general warnings about the same duty; a warning repeated with the same code and
    /// sentence is kept once.
    public static func combined(_ warnings: [PlanWarning], equalityScreened: Bool = true) -> [PlanWarning] {
        var seen: Set<String> = []
        return warnings.filter { w in
            if equalityScreened && (w.code == "advisor.equality_impact" || w.code == "advisor.equality_unknown") { return false }
            return seen.insert(w.code + "\u{1F}" + w.message).inserted
        }.bySeverity()
    }

    /// The reason of the rule that set the recommended level: the decision ceiling, the practical ceiling, or the
    /// floor (or a push above it), whichever the level came from; nil when no rule set it (nothing answered).
    public static func determiningReason(_ rec: LadderRecommendation) -> String? {
        let r = rec.resolution
        let ids: [String]
        if let d = r.decisionCeiling, d == r.level {
            ids = r.decisionCeilingRules
        } else if let p = r.practicalCeiling, p == r.level, r.pushed > r.level {
            ids = r.practicalCeilingRules
        } else if r.level == r.floor {
            ids = r.floorRules
        } else {
            ids = rec.reasons.filter { $0.effects.contains(.push) }.map(\.id)
        }
        return ids.lazy.compactMap { id in rec.reasons.first { $0.id == id }?.reason }.first
    }

    static func trimmedStop(_ s: String) -> String { s.hasSuffix(".") ? String(s.dropLast()) : s }

    static func lowercasedFirst(_ s: String) -> String {
        guard let f = s.first, s.dropFirst().first?.isLowercase ?? true else { return s }
        return f.lowercased() + s.dropFirst()
    }
}
