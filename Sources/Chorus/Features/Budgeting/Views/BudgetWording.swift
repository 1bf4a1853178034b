import Foundation
import ChorusCore

/// Budgeting's facts in the reader's language: a ballot's limits, what breaks them (naming the limit), and why a
/// project was or was not funded (the same numbers as the staff check page words in English).
enum BudgetWording {
    static func money(_ pence: Int64) -> String { MoneyText.pounds(pence) }
    static func money(_ pence: Double) -> String { MoneyText.pounds(Int64(pence.rounded())) }

    static func rules(_ r: BallotRules, budget: Int64, _ ctx: PageContext) -> String {
        var parts: [String] = []
        switch r.kind {
        case .approval: parts.append(ctx.t("pb.rules_approval"))
        case .knapsack: parts.append(ctx.t("pb.rules_knapsack", money(budget)))
        case .cumulative:
            parts.append(ctx.t("pb.rules_cumulative", String(r.points)))
            if let most = r.maxPointsPerProject { parts.append(ctx.t("pb.rules_most_points", String(most))) }
        case .ranked: parts.append(ctx.t("pb.rules_ranked"))
        }
        if r.minimum > 0 { parts.append(ctx.t("pb.rules_minimum", String(r.minimum))) }
        if let most = r.maximum { parts.append(ctx.t("pb.rules_maximum", String(most))) }
        return parts.joined(separator: " ")
    }

    static func problem(_ p: BallotProblem, pot: String, projects: [BudgetProposal], _ language: UILanguage) -> String {
        func t(_ key: String, _ args: String...) -> String { Catalogue.format(Catalogue.text(key, language), args) }
        func title(_ ref: String) -> String { projects.first { $0.reference == ref }?.title ?? ref }
        switch p {
        case .unknownProject(let ref): return t("pb.problem_unknown", ref)
        case .notAllowedValue(let ref, _): return t("pb.problem_value", title(ref))
        case .tooFew(let minimum, let chosen): return t("pb.problem_too_few", pot, String(minimum), String(chosen))
        case .tooMany(let maximum, let chosen): return t("pb.problem_too_many", pot, String(maximum), String(chosen))
        case .overBudget(let limit, let spent): return t("pb.problem_over_budget", pot, money(limit), money(spent))
        case .tooManyPoints(let limit, let given): return t("pb.problem_points", pot, String(limit), String(given))
        case .tooManyPointsForOne(let ref, let limit, let given): return t("pb.problem_points_one", title(ref), String(limit), String(given))
        case .ranksNotInOrder: return t("pb.problem_ranks", pot)
        }
    }

    static func why(_ p: BudgetProjectResult, _ ctx: PageContext) -> String {
        switch p.why {
        case let .equalShares(round, payers, minPaid, maxPaid, _):
            return minPaid == maxPaid
                ? ctx.t("pb.why_mes_same", String(round), NumberText.grouped(payers), money(minPaid))
                : ctx.t("pb.why_mes_range", String(round), NumberText.grouped(payers), money(minPaid), money(maxPaid))
        case let .greedy(rank, score, remaining): return ctx.t("pb.why_greedy", String(rank), BudgetCheck.number(score), money(remaining))
        case .free: return ctx.t("pb.why_free")
        case let .didNotFit(rank, score): return ctx.t("pb.why_did_not_fit", String(rank), BudgetCheck.number(score), money(p.cost))
        case .noSupport: return ctx.t("pb.why_no_support")
        case let .supportersShort(supporters, left): return ctx.t("pb.why_short", NumberText.grouped(supporters), money(left), money(p.cost))
        }
    }

    static func rule(_ rule: BudgetRule, seed: String, _ ctx: PageContext) -> String {
        let text: String
        switch rule {
        case .greedy: text = ctx.t("pb.rule_greedy")
        case .equalShares: text = ctx.t("pb.rule_mes")
        case .equalSharesAdd1: text = ctx.t("pb.rule_mes_add1")
        case .equalSharesAdd1Greedy: text = ctx.t("pb.rule_mes_add1_greedy")
        case .equalSharesPoints: text = ctx.t("pb.rule_mes_cardinal")
        }
        return text + (seed.isEmpty ? "" : " " + ctx.t("pb.seed", seed))
    }

    static func phase(_ phase: BudgetPhase, _ ctx: PageContext) -> String {
        switch phase {
        case .draft: return ctx.t("pb.phase_draft")
        case .proposals: return ctx.t("pb.phase_proposals")
        case .review: return ctx.t("pb.phase_review")
        case .voting: return ctx.t("pb.phase_voting")
        case .counting: return ctx.t("pb.phase_counting")
        case .results: return ctx.t("pb.phase_results")
        }
    }

    static func feasibility(_ f: BudgetProposalService.Feasibility, _ ctx: PageContext) -> String {
        switch f {
        case .pending: return ctx.t("pb.feasibility_pending")
        case .feasible: return ctx.t("pb.feasibility_feasible")
        case .notFeasible: return ctx.t("pb.feasibility_not_feasible")
        }
    }

    /// A funded project's delivery on the results page: its state (its action's, when one delivers it), the action,
    /// and the note; nothing for a project not funded.
    static func delivery(of p: BudgetResults.Project, _ ctx: PageContext) -> String {
        guard p.funded else { return "" }
        var text = delivery(p.delivery ?? .notStarted, ctx)
        if let action = p.action { text += " (" + ctx.t("pb.delivery_action", action) + ")" }
        if let note = p.deliveryNote { text += ": " + note }
        return text
    }

    static func delivery(_ d: BudgetProposalService.Delivery, _ ctx: PageContext) -> String {
        switch d {
        case .notStarted: return ctx.t("pb.delivery_not_started")
        case .inProgress: return ctx.t("pb.delivery_in_progress")
        case .delivered: return ctx.t("pb.delivery_delivered")
        case .cancelled: return ctx.t("pb.delivery_cancelled")
        }
    }
}
