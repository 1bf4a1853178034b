import Foundation

/// A rule that fired, as the "why" panel shows it.
public struct FiredRule: Sendable, Equatable {
    public let id: String
    public let reason: String
    public let effects: [RuleEffect]
    /// True when a stronger rule outweighed this one (a floor or push cut by a ceiling, or a practical ceiling
    /// outweighed by a floor). The reason is still shown: it is part of the picture.
    public let overridden: Bool
    /// The ids of the rules that outweighed it.
    public let overriddenBy: [String]
}

/// How the level was worked out, step by step (see docs/planning.md, "How conflicting answers are resolved").
public struct LadderResolution: Sendable, Equatable {
    /// The highest floor (inform when no floor fired), and the rules that set it.
    public let floor: LadderLevel
    public let floorRules: [String]
    /// The floor plus one step when any push fired.
    public let pushed: LadderLevel
    /// The lowest practical ceiling (time and resources), if any, and the rules that set it.
    public let practicalCeiling: LadderLevel?
    public let practicalCeilingRules: [String]
    /// The lowest decision ceiling (what the decision allows), if any, and the rules that set it.
    public let decisionCeiling: LadderLevel?
    public let decisionCeilingRules: [String]
    /// The result.
    public let level: LadderLevel
}

/// What the advisor recommends.
public struct LadderRecommendation: Sendable, Equatable {
    public let level: LadderLevel
    /// Every rule that fired, in table order.
    public let reasons: [FiredRule]
    /// True when the answers point to co-production and the level allows it (collaborate or empower).
    public let coProduction: Bool
    public let flags: Set<AdvisorFlag>
    /// The IAP2 promise to residents at the recommended level.
    public var promise: String { level.promise }
    public var goal: String { level.goal }
    /// Most serious first.
    public let warnings: [PlanWarning]
    /// Questions not answered yet; when any are, the recommendation is provisional.
    public let unanswered: [AdvisorQuestionID]
    public var isProvisional: Bool { !unanswered.isEmpty }
    public let resolution: LadderResolution
}

/// The ladder-of-engagement advisor: answers in, recommended level with its reasons out. Pure.
public enum LadderAdvisor {
    public static var questions: [AdvisorQuestion] { AdvisorQuestion.all }

    public static func recommend(_ answers: AdvisorAnswers, rules: [AdvisorRule] = AdvisorRules.table) -> LadderRecommendation {
        let fired = rules.filter { $0.fires(for: answers) }

        var floors: [(LadderLevel, String)] = []
        var practical: [(LadderLevel, String)] = []
        var decision: [(LadderLevel, String)] = []
        var pushes: [String] = []
        var flags: Set<AdvisorFlag> = []
        for rule in fired {
            for effect in rule.effects {
                switch effect {
                case .floor(let l): floors.append((l, rule.id))
                case .ceiling(let l, .practical): practical.append((l, rule.id))
                case .ceiling(let l, .decision): decision.append((l, rule.id))
                case .push: pushes.append(rule.id)
                case .flag(let f): flags.insert(f)
                }
            }
        }

        // 1. Floors: the highest wins.
        let floor = floors.map(\.0).max() ?? .inform
        // 2. Pushes: one step above the floor, however many fired.
        let pushed = pushes.isEmpty ? floor : floor.stepUp
        // 3. Practical ceilings beat pushes but not floors.
        let practicalCeiling = practical.map(\.0).min()
        var level = pushed
        if let p = practicalCeiling { level = max(floor, min(pushed, p)) }
        // 4. Decision ceilings beat everything.
        let decisionCeiling = decision.map(\.0).min()
        if let d = decisionCeiling { level = min(level, d) }

        let resolution = LadderResolution(
            floor: floor, floorRules: floors.filter { $0.0 == floor }.map(\.1),
            pushed: pushed,
            practicalCeiling: practicalCeiling, practicalCeilingRules: practical.filter { $0.0 == practicalCeiling }.map(\.1),
            decisionCeiling: decisionCeiling, decisionCeilingRules: decision.filter { $0.0 == decisionCeiling }.map(\.1),
            level: level)

        let reasons = fired.map { rule in
            FiredRule(
                id: rule.id, reason: rule.reason, effects: rule.effects,
                overridden: !outweighers(of: rule, resolution: resolution, floors: floors).isEmpty,
                overriddenBy: outweighers(of: rule, resolution: resolution, floors: floors))
        }
        let coProduction = flags.contains(.coProduction) && level >= .collaborate
        let warnings = advisorWarnings(answers: answers, flags: flags, resolution: resolution, fired: Set(fired.map(\.id)))
        return LadderRecommendation(
            level: level, reasons: reasons, coProduction: coProduction, flags: flags,
            warnings: warnings.bySeverity(), unanswered: answers.unanswered, resolution: resolution)
    }

    /// The rules that outweighed `rule`'s level effects, if any.
    static func outweighers(of rule: AdvisorRule, resolution r: LadderResolution, floors: [(LadderLevel, String)]) -> [String] {
        var by: [String] = []
        for effect in rule.effects {
            switch effect {
            case .floor(let l) where l > r.level:
                by += r.decisionCeilingRules
            case .push where r.pushed > r.level:
                if let d = r.decisionCeiling, d == r.level {
                    by += r.decisionCeilingRules
                } else if let p = r.practicalCeiling, p == r.level {
                    by += r.practicalCeilingRules
                }
            case .ceiling(let l, .practical) where l < r.level:
                by += floors.filter { $0.0 > l }.map(\.1)
            default: break
            }
        }
        var seen: Set<String> = []
        return by.filter { seen.insert($0).inserted }
    }

    static func ruleList(_ ids: [String]) -> String { (ids.count == 1 ? "rule " : "rules ") + PlanText.list(ids.map { "“\($0)”" }) }

    static func advisorWarnings(answers: AdvisorAnswers, flags: Set<AdvisorFlag>, resolution r: LadderResolution, fired: Set<String>) -> [PlanWarning]
    {
        var out: [PlanWarning] = []
        let notFormative = fired.contains("not-formative")
        let cannotChange = fired.contains("decision-fixed")
        let decisionHeldAtInform = r.decisionCeiling == .inform

        // A duty to consult, but nothing left to consult on.
        if flags.contains(.consultationDuty) && decisionHeldAtInform {
            let why = cannotChange ? "the decision cannot change" : "the proposal is no longer at a formative stage"
            out.append(
                PlanWarning(
                    code: "advisor.duty_but_not_formative", severity: .critical,
                    message:
                        "There is a duty to consult, but \(why). Consultation now would not be lawful: it must happen while proposals are still at a formative stage.",
                    action:
                        "Talk to legal services before going further: reopen the decision so that real options can be consulted on, or record why the duty does not apply.",
                    field: AdvisorQuestionID.decisionFlexibility.rawValue))
        } else if r.floor > r.level {
            out.append(
                PlanWarning(
                    code: "advisor.floor_above_decision_ceiling", severity: .warning,
                    message:
                        "The answers call for at least \(r.floor.label.lowercased()) (\(ruleList(r.floorRules))), but what the decision allows holds the level at \(r.level.label.lowercased()) (\(ruleList(r.decisionCeilingRules))).",
                    action:
                        "Check these answers with the decision-maker. If the decision can still change, answer the first questions again; if not, tell residents plainly why they are being informed rather than asked.",
                    field: AdvisorQuestionID.decisionFlexibility.rawValue))
        }

        if answers.delegation == .yes && (cannotChange || notFormative) {
            out.append(
                PlanWarning(
                    code: "advisor.delegation_conflict", severity: .warning,
                    message:
                        "The answers say the decision or a budget can be delegated, but also that the decision \(cannotChange ? "cannot change" : "has in effect been made").",
                    action: "Check both answers with the decision-maker and correct the one that is wrong.",
                    field: AdvisorQuestionID.delegation.rawValue))
        }

        if let p = r.practicalCeiling, r.floor > p, r.level > p {
            out.append(
                PlanWarning(
                    code: "advisor.resources_short", severity: .warning,
                    message:
                        "Time and resources look short for what the answers require: \(r.level.label.lowercased()) (\(ruleList(r.floorRules))), where the resources allow about \(p.label.lowercased()).",
                    action:
                        "Find more time or resource (move the decision date, or join up with a partner's activity), or record how a proportionate engagement at this level will be run.",
                    field: AdvisorQuestionID.resources.rawValue))
        } else if let p = r.practicalCeiling, r.pushed > r.level, r.level == p, r.decisionCeiling.map({ $0 > p }) ?? true {
            out.append(
                PlanWarning(
                    code: "advisor.held_by_resources", severity: .info,
                    message:
                        "The answers point to \(r.pushed.label.lowercased()), but the time and resources available hold the recommendation at \(r.level.label.lowercased()).",
                    action: "If more time or resource can be found, consider \(r.pushed.label.lowercased()).",
                    field: AdvisorQuestionID.resources.rawValue))
        }

        if flags.contains(.coProduction) && r.level < .collaborate {
            out.append(
                PlanWarning(
                    code: "advisor.co_production_limited", severity: .warning,
                    message: "The answers point to co-production, but what the decision allows holds the level at \(r.level.label.lowercased()).",
                    action:
                        "Co-production needs the decision to stay open and power to be shared. If that is possible, revisit the answers; if not, plan delivery with the community groups as partners.",
                    field: AdvisorQuestionID.communityContribution.rawValue))
        }

        if flags.contains(.formativeStageUncertain) {
            out.append(
                PlanWarning(
                    code: "advisor.formative_unsure", severity: .warning,
                    message: "It is not clear whether the proposal is still at a formative stage.",
                    action:
                        "Ask the decision-maker whether the decision is still open, then answer the question again and record the evidence in the Gunning checklist.",
                    field: AdvisorQuestionID.formativeStage.rawValue))
        }
        if flags.contains(.consultationDutyUncertain) {
            out.append(
                PlanWarning(
                    code: "advisor.duty_unsure", severity: .warning,
                    message: "It is not known whether there is a statutory duty, a promise or an established practice to consult.",
                    action: "Ask legal services before choosing a level below consult, and record their answer.",
                    field: AdvisorQuestionID.consultationDuty.rawValue))
        }
        if flags.contains(.consultationDuty) && r.level >= .consult {
            out.append(
                PlanWarning(
                    code: "advisor.gunning_applies", severity: .info,
                    message: "There is a duty to consult, so the consultation must meet the four Gunning principles.",
                    action: "Complete the Gunning checklist, with evidence for each principle, before the consultation opens.",
                    field: AdvisorQuestionID.consultationDuty.rawValue))
        }
        if flags.contains(.equalityImpact) {
            out.append(
                PlanWarning(
                    code: "advisor.equality_impact", severity: .warning,
                    message:
                        "An equality impact assessment is needed: the decision-maker must have due regard to equality before deciding (Equality Act 2010 s.149).",
                    action:
                        "Start the equality impact assessment now, use the engagement to hear from the groups affected, and make sure the assessment is in front of the decision-maker.",
                    field: AdvisorQuestionID.protectedGroups.rawValue))
        } else if flags.contains(.equalityUnknown) {
            out.append(
                PlanWarning(
                    code: "advisor.equality_unknown", severity: .warning,
                    message: "It is not known whether people with protected characteristics are affected more than others.",
                    action: "Screen for equality effects (service user and Census data by protected characteristic) and answer the question again.",
                    field: AdvisorQuestionID.protectedGroups.rawValue))
        }
        if flags.contains(.vcseNotice) {
            out.append(
                PlanWarning(
                    code: "advisor.vcse_notice", severity: .info,
                    message:
                        "VCSE groups whose funding is reduced or ended should get at least three months' notice of the actual reduction, and the chance to put forward alternatives.",
                    action:
                        "Plan the decision date at least three months before the change takes effect, and involve the groups and their service users before the decision.",
                    field: AdvisorQuestionID.proposedChange.rawValue))
        }

        let missing = answers.unanswered
        if !missing.isEmpty {
            out.append(
                PlanWarning(
                    code: "advisor.provisional", severity: .info,
                    message:
                        "This recommendation is provisional: \(missing.count == 1 ? "1 question is" : "\(missing.count) questions are") not answered yet.",
                    action: "Answer: " + missing.map { $0.question.title }.joined(separator: " "),
                    field: missing.first?.rawValue))
        }
        return out
    }
}
