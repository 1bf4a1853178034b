import Foundation
import ChorusCore

/// "Check an outcome": a Pabulib file run through a chosen rule, as a page model. Each project gets its result in
/// plain words from the rule's own record (`BudgetOutcome`): the round Equal Shares bought it in and what its
/// supporters paid, or its place by votes and the money left; for a project not funded, why, in numbers anyone can
/// recompute from the file. When the file gives the official outcome (`selected`), the two are compared.
enum BudgetCheck {
    /// The rules a city uses, as the form offers them.
    enum Rule: String, CaseIterable, Sendable {
        case greedy
        case equalShares = "mes"
        case equalSharesAdd1 = "mes-add1"
        case equalSharesAdd1Greedy = "mes-add1-greedy"
        case equalSharesPoints = "mes-cardinal"

        var label: String {
            switch self {
            case .greedy: return "Greedy by votes (points, on a points ballot)"
            case .equalShares: return "Method of Equal Shares"
            case .equalSharesAdd1: return "Method of Equal Shares with Add1 (raise each voter's share while it fits)"
            case .equalSharesAdd1Greedy: return "Method of Equal Shares with Add1, then greedy on what is left"
            case .equalSharesPoints: return "Method of Equal Shares with the ballots' points as benefit"
            }
        }

        func run(_ e: BudgetElection, _ tie: BudgetTieBreak) -> BudgetOutcome {
            switch self {
            case .greedy: return GreedyBudget.run(e, score: .cardinal, tieBreak: tie)
            case .equalShares: return EqualShares.run(e, utility: .cost, tieBreak: tie)
            case .equalSharesAdd1: return EqualShares.run(e, utility: .cost, tieBreak: tie, add1: .untilOverBudget)
            case .equalSharesAdd1Greedy: return EqualShares.run(e, utility: .cost, tieBreak: tie, add1: .untilOverBudget, thenGreedy: true)
            case .equalSharesPoints: return EqualShares.run(e, utility: .cardinal, tieBreak: tie)
            }
        }
    }

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
        let votes = GreedyBudget.scores(election, .cost)
        let hasPoints = election.ballots.contains { $0.points != nil }
        let points = hasPoints ? GreedyBudget.scores(election, .cardinal) : nil
        let score = points ?? votes
        let scoreWord = hasPoints ? "points" : "votes"
        // Greedy's order (score, then the tie order), for "ranked n" whether or not a project was funded.
        let tieRank = tie.ranks(of: election.projects.map(\.id))
        let order = election.projects.indices.sorted { score[$0] != score[$1] ? score[$0] > score[$1] : tieRank[$0] < tieRank[$1] }
        var place = Array(repeating: 0, count: order.count)
        for (n, j) in order.enumerated() { place[j] = n + 1 }
        let bought = Dictionary(outcome.funded.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        // What each project's supporters had left at the end (Equal Shares), to say why one could not be bought.
        var left = Array(repeating: 0.0, count: election.projects.count)
        if let endowment = outcome.endowment, outcome.voterSpending.count == election.ballots.count {
            for (v, ballot) in election.ballots.enumerated() {
                for (k, j) in ballot.projects.enumerated() where (ballot.points?[k] ?? 1) > 0 {
                    left[j] += max(0, endowment - outcome.voterSpending[v])
                }
            }
        }
        let spent = outcome.spent
        let rows = election.projects.enumerated().map { j, p -> Row in
            let fields = file.projects[j].fields
            var why: String
            if let f = bought[p.id] {
                switch f.reason {
                case .equalShares(let purchase):
                    why =
                        "Bought in round \(purchase.round) of Equal Shares: its \(NumberText.grouped(purchase.payers.count)) supporters paid "
                        + (purchase.minPaid == purchase.maxPaid
                            ? "\(money(purchase.minPaid)) each"
                            : "between \(money(purchase.minPaid)) and \(money(purchase.maxPaid)) each")
                        + String(format: " (price %.6g per unit of benefit).", purchase.rho)
                case .greedy(let pick):
                    why =
                        "Funded by greedy: ranked \(pick.rank) with \(Self.number(pick.score)) \(scoreWord); \(money(pick.remaining)) left after it."
                case .free:
                    why = "Costs nothing and has supporters: taken before the first round."
                }
            } else if rule == .greedy || rule == .equalSharesAdd1Greedy {
                why =
                    "Not funded: ranked \(place[j]) with \(Self.number(score[j])) \(scoreWord); it costs \(money(p.cost)) and did not fit in "
                    + "what was left when its turn came."
            } else if votes[j] == 0 {
                why = "Not funded: nobody voted for it."
            } else {
                why =
                    "Not funded: when Equal Shares stopped, its \(NumberText.grouped(Int(votes[j]))) supporters had \(money(left[j])) left "
                    + "between them, less than its cost of \(money(p.cost))."
            }
            return Row(
                id: p.id, name: fields["name"] ?? "", cost: p.cost, supporters: Int(votes[j]), points: points?[j], funded: bought[p.id] != nil,
                why: why, official: file.projects[j].selected)
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

    /// "12,345 PLN", or with pence where a value has them ("12.34 PLN").
    static func money(_ x: Double, _ currency: String) -> String {
        let cents = Int((x * 100).rounded())
        let text = NumberText.grouped(cents / 100) + (cents % 100 == 0 ? "" : String(format: ".%02d", abs(cents % 100)))
        return currency.isEmpty ? text : text + " " + currency
    }

    static func number(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? NumberText.grouped(Int(x)) : String(format: "%.2f", x) }
}
