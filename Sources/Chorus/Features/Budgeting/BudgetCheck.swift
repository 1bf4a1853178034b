import Foundation
import ChorusCore

/// "Check an outcome": a Pabulib file run through a chosen rule, as a page model. Each project gets its result in
/// plain words from the rule's own record (`BudgetOutcome`): the round Equal Shares bought it in and what its
/// supporters paid, or its place by votes and the money left; for a project not funded, why, in numbers anyone can
/// recompute from the file. When the file gives the official outcome (`selected`), the two are compared.
enum BudgetCheck {
    typealias Rule = BudgetRule

    struct Row: Sendable {
        let id: String
        let name: String
        let cost: Double
        let supporters: Int
        /// Total points, on a points ballot.
        let points: Double?
        let funded: Bool
        /// Why, in plain words.
        let why: String
        /// The file's official outcome for it, when given.
        let official: Bool?
    }

    struct Result: Sendable {
        let fileName: String
        let title: String
        let voteType: String
        let currency: String
        let budget: Double
        let voters: Int
        let rule: Rule
        let seed: String?
        let rows: [Row]
        let spent: Double
        /// Equal Shares: each voter's starting share, and how many times Add1 raised it.
        let endowment: Double?
        let add1Steps: Int
        /// Ids funded here and not officially, and officially and not here; nil when the file gives no outcome.
        let differences: (onlyHere: [String], onlyOfficial: [String])?
        let parseSeconds: Double
        let ruleSeconds: Double
    }

    /// The file's problem in words naming the section and record, for the form.
    struct Problem: Error { let message: String }

    static let maxBytes = 64 * 1024 * 1024

    /// Parses the file and runs the rule. Seconds are wall-clock, for the page to show what the check cost.
    static func run(text: String, fileName: String, rule: Rule, seed: String?) throws(Problem) -> Result {
        let t0 = Date()
        let file: PabulibElection
        do { file = try PabulibElection.parse(text) } catch { throw Problem(message: "The file is not a Pabulib election: \(error.description)") }
        let election: BudgetElection
        do { election = try BudgetElection(file) } catch { throw Problem(message: "The election cannot be counted: \(error.description)") }
        let t1 = Date()
        let tie: BudgetTieBreak = seed.map { .seeded($0) } ?? .projectID
        let outcome = rule.run(election, tie)
        let t2 = Date()
        let currency = file.meta["currency"] ?? ""
        func money(_ x: Double) -> String { Self.money(x, currency) }
        let hasPoints = election.ballots.contains { $0.points != nil }
        let scoreWord = hasPoints ? "points" : "votes"
        let explained = BudgetExplanation.explain(election, outcome, rule: rule, tieBreak: tie)
        let spent = outcome.spent
        let rows = explained.enumerated().map { j, p -> Row in
            Row(
                id: p.id, name: file.projects[j].fields["name"] ?? "", cost: p.cost, supporters: p.supporters, points: p.points, funded: p.funded,
                why: why(p, scoreWord: scoreWord, money: money), official: file.projects[j].selected)
        }
        var differences: ([String], [String])? = nil
        if file.projects.contains(where: { $0.selected != nil }) {
            let official = Set(file.projects.filter { $0.selected == true }.map(\.id))
            let here = outcome.fundedIDs
            differences = (here.subtracting(official).sorted(), official.subtracting(here).sorted())
        }
        let title = [file.meta["country"], file.meta["unit"], file.meta["subunit"], file.meta["instance"]].compactMap { $0 }
            .filter { !$0.isEmpty && $0.lowercased() != "none" }.joined(separator: ", ")
        return Result(
            fileName: fileName, title: title.isEmpty ? (file.meta["description"] ?? fileName) : title,
            voteType: file.voteType?.rawValue ?? (file.meta["vote_type"] ?? "not given"), currency: currency, budget: election.budget,
            voters: election.ballots.count, rule: rule, seed: seed, rows: rows, spent: spent, endowment: outcome.endowment,
            add1Steps: outcome.add1Steps, differences: differences, parseSeconds: t1.timeIntervalSince(t0), ruleSeconds: t2.timeIntervalSince(t1))
    }

    /// A project's result in plain English (staff pages are English; residents read `BudgetResultsViews`' wording).
    static func why(_ p: BudgetProjectResult, scoreWord: String, money: (Double) -> String) -> String {
        switch p.why {
        case let .equalShares(round, payers, minPaid, maxPaid, rho):
            return "Bought in round \(round) of Equal Shares: its \(NumberText.grouped(payers)) supporters paid "
                + (minPaid == maxPaid ? "\(money(minPaid)) each" : "between \(money(minPaid)) and \(money(maxPaid)) each")
                + String(format: " (price %.6g per unit of benefit).", rho)
        case let .greedy(rank, score, remaining):
            return "Funded by greedy: ranked \(rank) with \(number(score)) \(scoreWord); \(money(remaining)) left after it."
        case .free: return "Costs nothing and has supporters: taken before the first round."
        case let .didNotFit(rank, score):
            return "Not funded: ranked \(rank) with \(number(score)) \(scoreWord); it costs \(money(p.cost)) and did not fit in "
                + "what was left when its turn came."
        case .noSupport: return "Not funded: nobody voted for it."
        case let .supportersShort(supporters, left):
            return "Not funded: when Equal Shares stopped, its \(NumberText.grouped(supporters)) supporters had \(money(left)) left "
                + "between them, less than its cost of \(money(p.cost))."
        }
    }

    /// "12,345 PLN", or with pence where a value has them ("12.34 PLN").
    static func money(_ x: Double, _ currency: String) -> String {
        let cents = Int((x * 100).rounded())
        let text = NumberText.grouped(cents / 100) + (cents % 100 == 0 ? "" : String(format: ".%02d", abs(cents % 100)))
        return currency.isEmpty ? text : text + " " + currency
    }

    static func number(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? NumberText.grouped(Int(x)) : String(format: "%.2f", x) }
}

extension BudgetRule {
    /// The rule as staff forms offer it.
    var label: String {
        switch self {
        case .greedy: return "Greedy by votes (points, on a points ballot)"
        case .equalShares: return "Method of Equal Shares"
        case .equalSharesAdd1: return "Method of Equal Shares with Add1 (raise each voter's share while it fits)"
        case .equalSharesAdd1Greedy: return "Method of Equal Shares with Add1, then greedy on what is left"
        case .equalSharesPoints: return "Method of Equal Shares with the ballots' points as benefit"
        }
    }
}
