import Foundation
import Testing
@testable import ChorusCore

@Suite struct PBRulesTests {
    static func election(_ costs: [(String, Double)], budget: Double, _ ballots: [[Int]], points: [[Double]]? = nil) throws(BudgetElection.InputError)
        -> BudgetElection
    {
        try BudgetElection(
            projects: costs.map { .init(id: $0.0, cost: $0.1) }, budget: budget,
            ballots: ballots.enumerated().map { .init(projects: $1, points: points?[$0]) })
    }

    static func purchase(_ f: FundedProject) -> EqualSharesPurchase? {
        if case .equalShares(let p) = f.reason { return p }
        return nil
    }

    // MARK: greedy

    /// Budget 10. a: cost 6, 3 votes; b: cost 5, 2 votes; c: cost 4, 2 votes; d: cost 1, no votes.
    /// Order a (3), b (2, id before c), c (2), d (0). a fits (4 left); b does not (5 > 4), skipped; c fits (0 left);
    /// d does not. Funded a, c.
    @Test func greedySkipsWhatDoesNotFitAndContinues() throws {
        let e = try Self.election([("a", 6), ("b", 5), ("c", 4), ("d", 1)], budget: 10, [[0, 1], [0, 2], [0, 1, 2]])
        let out = GreedyBudget.run(e)
        #expect(out.funded.map(\.id) == ["a", "c"])
        #expect(
            out.funded.map(\.reason) == [.greedy(GreedyPick(score: 3, rank: 1, remaining: 4)), .greedy(GreedyPick(score: 2, rank: 3, remaining: 0))])
        // A seed changes only the order among equal scores: with "chorus-2026", c's key (0x96af8cee5495b1f2) is
        // below b's (0x96af8dee5495b3a5), computed with the Python formula in BudgetTieBreak's documentation.
        let seeded = GreedyBudget.run(e, tieBreak: .seeded("chorus-2026"))
        #expect(seeded.funded.map(\.id) == ["a", "c"])
        #expect(seeded.funded.map(\.reason).last == .greedy(GreedyPick(score: 2, rank: 2, remaining: 0)))
        #expect(BudgetTieBreak.fnv1a("chorus-2026", "b") == 0x96af_8dee_5495_b3a5)
        #expect(BudgetTieBreak.seeded("chorus-2026").ranks(of: ["a", "b", "c"]) == [0, 2, 1])
        // Ids compare by bytes, as Python compares strings: "10" before "9".
        #expect(BudgetTieBreak.projectID.ranks(of: ["9", "10"]) == [1, 0])
    }

    /// Budget 10; projects "x" and "y" both cost 6 and have one vote each, so only one fits and the tie order picks it.
    @Test func greedyTiesFollowTheSeed() throws {
        let e = try Self.election([("x", 6), ("y", 6)], budget: 10, [[0], [1]])
        #expect(GreedyBudget.run(e).fundedIDs == ["x"])
        // FNV keys with seed "chorus-2026": x 0x96afa3ee5495d907, y 0x96afa2ee5495d754, so y first.
        #expect(GreedyBudget.run(e, tieBreak: .seeded("chorus-2026")).fundedIDs == ["y"])
    }

    /// Points ballots: scored by total points, not by the number of voters. p: 1 voter × 10 points; q: 3 voters × 1.
    @Test func greedyWithPointsRanksByTotalPoints() throws {
        let e = try Self.election([("p", 5), ("q", 5)], budget: 5, [[0, 1], [1], [1]], points: [[10, 1], [1], [1]])
        #expect(GreedyBudget.run(e, score: .cardinal).fundedIDs == ["p"])
        #expect(GreedyBudget.run(e, score: .cost).fundedIDs == ["q"])
    }

    // MARK: Equal Shares

    /// Budget 100, 4 voters, 25 each. A costs 60 (voters 0,1,2); B costs 40 (voter 3); C costs 30 (everyone).
    /// Cost utilities, so a project's rho is 1/supporters while everyone can pay their share cost/supporters.
    /// Round 1: A rho 1/3 (20 each), B unaffordable (25 < 40), C rho 1/4 (7.5 each): buy C, 17.5 left each.
    /// Round 2: A needs 60 from 3 × 17.5 = 52.5: unaffordable. MES = {C}.
    /// Add1: endowment 26 → 3 × 18.5 = 55.5, 27 → 58.5, 28 → 61.5 ≥ 60: A bought at rho 1/3 (20 each), spent 90,
    /// 10 left and B costs 40: exhaustive, so pabutools' variant stops after 3 steps. Raising on until over budget:
    /// B becomes affordable when voter 3 keeps 40 after C's 7.5, endowment 47.5, so at 48 (step 23) C, A, B cost 130
    /// > 100 and the outcome of step 22 (endowment 47: C, A) is kept. Greedy by votes would give C, A too.
    @Test func equalSharesHandWorked() throws {
        let e = try Self.election([("A", 60), ("B", 40), ("C", 30)], budget: 100, [[0, 2], [0, 2], [0, 2], [1, 2]])
        let plain = EqualShares.run(e)
        #expect(plain.funded.map(\.id) == ["C"] && plain.endowment == 25)
        let c = try #require(Self.purchase(plain.funded[0]))
        #expect(c.round == 1 && c.rho == 0.25 && c.payers == [0, 1, 2, 3] && c.payments == [7.5, 7.5, 7.5, 7.5])
        let add1 = EqualShares.run(e, add1: .untilExhaustive)
        #expect(add1.funded.map(\.id) == ["C", "A"] && add1.add1Steps == 3 && add1.endowment == 28)
        let a = try #require(Self.purchase(add1.funded[1]))
        #expect(a.round == 2 && abs(a.rho - 1.0 / 3) < 1e-12 && a.payers == [0, 1, 2] && a.payments.allSatisfy { abs($0 - 20) < 1e-9 })
        #expect(add1.voterSpending.map { ($0 * 1000).rounded() / 1000 } == [27.5, 27.5, 27.5, 7.5])
        let over = EqualShares.run(e, add1: .untilOverBudget)
        #expect(over.funded.map(\.id) == ["C", "A"] && over.add1Steps == 22 && over.endowment == 47)
        // Greedy completion has nothing to add here (10 left, B costs 40).
        #expect(EqualShares.run(e, add1: .untilOverBudget, thenGreedy: true).funded.map(\.id) == ["C", "A"])
        // Without Add1, greedy spends what MES left: A (3 votes) fits in the 70 left.
        let completed = EqualShares.run(e, thenGreedy: true)
        #expect(completed.funded.map(\.id) == ["C", "A"])
        #expect(completed.funded[1].reason == .greedy(GreedyPick(score: 3, rank: 1, remaining: 10)))
    }

    /// Cardinal utilities, where a supporter who cannot pay rho × utility pays all they have (the "poor").
    /// Budget 30, 3 voters, 10 each. Q costs 9, voter 0 gives it 3 points; P costs 20, voters 0, 1, 2 give 1, 1, 4.
    /// Round 1: Q rho 9/3 = 3 (voter 0 pays 9). P: 20/6 = 3.33 would cost voter 2 13.3 > 10, so voter 2 pays 10
    /// and the other two cover 10 with utility 2: rho 5. Buy Q (3 < 5); voter 0 has 1 left.
    /// Round 2: P: voters 0 (1 left) and 2 (10) cannot pay their share, pay 11; voter 1 covers 9 alone: rho 9.
    /// Payments 1, 9, 10 = 20. Spent 29.
    @Test func equalSharesCardinalWithPoorSupporters() throws {
        let e = try Self.election([("P", 20), ("Q", 9)], budget: 30, [[0, 1], [0], [0]], points: [[1, 3], [1], [4]])
        let out = EqualShares.run(e, utility: .cardinal)
        #expect(out.funded.map(\.id) == ["Q", "P"])
        let q = try #require(Self.purchase(out.funded[0]))
        let p = try #require(Self.purchase(out.funded[1]))
        #expect(q.rho == 3 && q.payers == [0] && q.payments == [9])
        #expect(p.round == 2 && abs(p.rho - 9) < 1e-9 && p.payers == [0, 1, 2])
        #expect(zip(p.payments, [1.0, 9, 10]).allSatisfy { abs($0 - $1) < 1e-9 })
        #expect(p.minPaid < 1.0001 && p.maxPaid > 9.9999 && abs(p.totalPaid - 20) < 1e-9)
    }

    /// Budget 10, 2 voters (5 each), a, b, c cost 4 each and both voters approve all three: every rho is 1/2, a
    /// tie. By id: a (each pays 2, 3 left), then b and c tie again: b (1 left each); c is then unaffordable.
    /// With seed "chorus-2026" the order is a, c, b (keys …ae8c, …b1f2, …b3a5), so a then c.
    @Test func equalSharesTiesFollowTheTieBreak() throws {
        let e = try Self.election([("b", 4), ("c", 4), ("a", 4)], budget: 10, [[0, 1, 2], [0, 1, 2]])
        #expect(EqualShares.run(e).funded.map(\.id) == ["a", "b"])
        #expect(EqualShares.run(e, tieBreak: .seeded("chorus-2026")).funded.map(\.id) == ["a", "c"])
    }

    /// A free project with supporters is taken before the first round (pabutools does the same). With cost
    /// utilities a free project is worth 0 to everyone, so Equal Shares leaves it (as pabutools' Cost_Sat does) and
    /// greedy, which funds anything that fits, takes it; one nobody supports is funded by greedy only.
    @Test func freeProjects() throws {
        let e = try Self.election([("f", 0), ("g", 0), ("h", 4)], budget: 4, [[0, 2], [2]])
        let cardinal = EqualShares.run(e, utility: .cardinal)
        #expect(cardinal.funded.map(\.id) == ["f", "h"] && cardinal.funded[0].reason == .free)
        #expect(EqualShares.run(e).funded.map(\.id) == ["h"])
        #expect(EqualShares.run(e, thenGreedy: true).fundedIDs == ["f", "g", "h"])
    }

    /// A project named twice on a Pabulib ballot counts once (pabutools: a set, or a dictionary whose later points
    /// win); hand-made ballots with a repeat are refused instead (see below).
    @Test func pabulibRepeatsCountOnce() throws {
        let head = "META\nkey;value\nbudget;10\nvote_type;cumulative\nPROJECTS\nproject_id;cost\n1;5\n2;5\nVOTES\n"
        let e = try BudgetElection(PabulibElection.parse(head + "voter_id;vote;points\nv;1,2,1;3,2,4\n"))
        #expect(e.ballots == [BudgetElection.Ballot(projects: [0, 1], points: [4, 2])])
        let a = try BudgetElection(PabulibElection.parse(head.replacingOccurrences(of: "cumulative", with: "approval") + "voter_id;vote\nv;2,2,1\n"))
        #expect(a.ballots == [BudgetElection.Ballot(projects: [1, 0])])
    }

    @Test func badInputIsRefusedNamingTheField() {
        func problem(_ make: () throws -> BudgetElection) -> String {
            do {
                _ = try make()
                return "accepted"
            } catch { return (error as? BudgetElection.InputError)?.message ?? "\(error)" }
        }
        #expect(problem { try Self.election([("a", 1)], budget: -1, []) } == "budget: -1.0 is not a number of 0 or more")
        #expect(problem { try Self.election([("a", 1), ("a", 2)], budget: 1, []) } == "projects: the id a is used twice")
        #expect(problem { try Self.election([("a", .nan)], budget: 1, []) }.hasPrefix("projects, a: the cost"))
        #expect(problem { try Self.election([("a", 1)], budget: 1, [[1]]) } == "ballots, voter 0: no project number 1")
        #expect(problem { try Self.election([("a", 1)], budget: 1, [[0, 0]]) } == "ballots, voter 0: project a is listed twice")
        #expect(problem { try Self.election([("a", 1)], budget: 1, [[0]], points: [[1, 2]]) } == "ballots, voter 0: 2 points for 1 projects")
        #expect(
            problem { try Self.election([("a", 1)], budget: 1, [[0]], points: [[-1]]) } == "ballots, voter 0: points must be numbers of 0 or more")
    }

    // MARK: properties over random elections

    /// A deliberately plain Equal Shares, written from the definition rather than for speed: every round computes
    /// every remaining project's rho by sorting its supporters by budget/utility, and takes the lowest (ties by
    /// id rank). The engine's lazy scan and poor/rich iteration must give the same outcome.
    static func plainEqualShares(_ e: BudgetElection, _ kind: BudgetElection.Utility, endowment: Double) -> [String] {
        let cols = e.supporters(kind)
        let rank = BudgetTieBreak.projectID.ranks(of: e.projects.map(\.id))
        var budgets = Array(repeating: endowment, count: e.ballots.count)
        var left = e.projects.indices.filter { !cols[$0].voters.isEmpty && e.projects[$0].cost > 0 }
        var out = e.projects.indices.filter { !cols[$0].voters.isEmpty && e.projects[$0].cost == 0 }.sorted { rank[$0] < rank[$1] }
        while true {
            var best: (rho: Double, j: Int)? = nil
            for j in left {
                let order = cols[j].voters.indices.sorted {
                    budgets[cols[j].voters[$0]] / cols[j].utilities[$0] < budgets[cols[j].voters[$1]] / cols[j].utilities[$1]
                }
                var paid = 0.0
                var denominator = cols[j].utilities.reduce(0, +)
                for k in order {
                    let rho = (e.projects[j].cost - paid) / denominator
                    let b = budgets[cols[j].voters[k]]
                    if rho * cols[j].utilities[k] <= b * (1 + 1e-9) + 1e-9 {
                        if best == nil || rho < best!.rho * (1 - 1e-9) || (rho <= best!.rho * (1 + 1e-9) && rank[j] < rank[best!.j]) {
                            best = (rho, j)
                        }
                        break
                    }
                    paid += b
                    denominator -= cols[j].utilities[k]
                }
            }
            guard let (rho, j) = best else { return out.map { e.projects[$0].id } }
            for (k, v) in cols[j].voters.enumerated() { budgets[v] -= min(budgets[v], rho * cols[j].utilities[k]) }
            out.append(j)
            left.removeAll { $0 == j }
        }
    }

    /// Add1 by its definition, on the plain Equal Shares: raise one unit at a time, keep the last outcome within
    /// budget; `.untilExhaustive` also stops when nothing else Equal Shares could buy fits. Once everything buyable
    /// is bought more money changes nothing, so it stops there too (which also bounds the loop).
    static func plainAdd1(_ e: BudgetElection, _ kind: BudgetElection.Utility, _ add1: EqualShares.Add1) -> Set<String> {
        let base = e.budget / Double(e.ballots.count)
        let cols = e.supporters(kind)
        let buyable = e.projects.indices.filter { !cols[$0].voters.isEmpty && e.projects[$0].cost > 0 }
        let cost = { (ids: [String]) in ids.reduce(0.0) { total, id in total + e.projects.first { $0.id == id }!.cost } }
        var kept = plainEqualShares(e, kind, endowment: base)
        var k = 1.0
        while !buyable.allSatisfy({ kept.contains(e.projects[$0].id) }) {
            if add1 == .untilExhaustive
                && !buyable.contains(where: { !kept.contains(e.projects[$0].id) && e.projects[$0].cost <= e.budget - cost(kept) })
            {
                break
            }
            let next = plainEqualShares(e, kind, endowment: base + k)
            if cost(next) > e.budget { break }
            kept = next
            k += 1
        }
        return Set(kept)
    }

    static func randomElection(_ rng: inout SeededRandom) throws -> BudgetElection {
        let m = rng.int(1...10), n = rng.int(1...25)
        // Costs on a coarse grid so equal costs, equal supporter counts and so exact ties happen often.
        let costs = (0..<m).map { _ in Double(rng.int(0...12) * 10) }
        let budget = Double(rng.int(1...(m * 60)))
        var ballots: [[Int]] = [], points: [[Double]] = []
        for _ in 0..<n {
            let chosen = rng.sample(Array(0..<m), rng.int(0...m))
            ballots.append(chosen)
            points.append(chosen.map { _ in Double(rng.int(0...5)) })
        }
        return try election((0..<m).map { ("p\($0)", costs[$0]) }, budget: budget, ballots, points: points)
    }

    @Test func invariantsHoldOnRandomElections() throws {
        var rng = SeededRandom(state: 2026)
        for trial in 0..<200 {
            let e = try Self.randomElection(&rng)
            // Greedy: within budget, and every project left out did not fit when its turn came.
            for kind in BudgetElection.Utility.allCases {
                let g = GreedyBudget.run(e, score: kind)
                #expect(g.spent <= e.budget, "trial \(trial)")
                let scores = GreedyBudget.scores(e, kind)
                let rank = BudgetTieBreak.projectID.ranks(of: e.projects.map(\.id))
                let ahead = { (a: Int, b: Int) in scores[a] > scores[b] || (scores[a] == scores[b] && rank[a] < rank[b]) }
                let fundedSet = g.fundedIDs
                for j in e.projects.indices where !fundedSet.contains(e.projects[j].id) {
                    let before = e.projects.indices.filter { fundedSet.contains(e.projects[$0].id) && ahead($0, j) }
                    let left = e.budget - before.reduce(0) { $0 + e.projects[$1].cost }
                    #expect(e.projects[j].cost > left, "trial \(trial): greedy skipped \(e.projects[j].id) that fitted")
                }
            }
            for kind in BudgetElection.Utility.allCases {
                let plain = EqualShares.run(e, utility: kind)
                let endowment = e.ballots.isEmpty ? 0 : e.budget / Double(e.ballots.count)
                #expect(plain.funded.map(\.id) == Self.plainEqualShares(e, kind, endowment: endowment), "trial \(trial) \(kind)")
                // Add1 by definition reruns the plain version up to hundreds of times: every fourth election.
                for add1 in EqualShares.Add1.allCases where !e.ballots.isEmpty && trial % 4 == 0 {
                    let out = EqualShares.run(e, utility: kind, add1: add1)
                    #expect(out.endowment == endowment + Double(out.add1Steps))
                    #expect(out.fundedIDs == Self.plainAdd1(e, kind, add1), "trial \(trial) \(kind) \(add1)")
                }
                for (add1, greedy) in [(nil, false), (EqualShares.Add1.untilOverBudget, false), (.untilExhaustive, true), (nil, true)] {
                    let out = EqualShares.run(e, utility: kind, add1: add1, thenGreedy: greedy)
                    #expect(out.spent <= e.budget, "trial \(trial)")
                    var paid = Array(repeating: 0.0, count: e.ballots.count)
                    let cols = e.supporters(kind)
                    for f in out.funded {
                        guard let p = Self.purchase(f) else { continue }
                        let j = e.projects.firstIndex { $0.id == f.id }!
                        #expect(abs(p.totalPaid - f.cost) <= 1e-6 * max(1, f.cost), "trial \(trial): \(f.id) paid \(p.totalPaid) of \(f.cost)")
                        for (v, amount) in zip(p.payers, p.payments) {
                            let k = try #require(
                                cols[j].voters.firstIndex(of: v), "trial \(trial): voter \(v) paid for \(f.id) without supporting it")
                            #expect(amount <= p.rho * cols[j].utilities[k] * (1 + 1e-9) + 1e-9)
                            paid[v] += amount
                        }
                    }
                    for v in paid.indices {
                        #expect(paid[v] <= (out.endowment ?? 0) * (1 + 1e-9) + 1e-9, "trial \(trial): voter \(v) paid \(paid[v])")
                        #expect(abs(paid[v] - out.voterSpending[v]) <= 1e-6)
                    }
                }
            }
        }
    }

    /// Pabulib's reader trims values itself rather than through Foundation (for speed); it must trim exactly what
    /// `trimmingCharacters(in: .whitespaces)` trims: spaces, tabs and other Unicode spaces, but not line breaks.
    @Test func pabulibTrimsLikeFoundation() {
        for text in ["", " ", "a", " a ", "\ta b\t", "\u{00A0}7 200\u{3000}", "\u{2009}x", "\nx\n", " \r\n", "é ", " 😀 "] {
            #expect(PabulibElection.trimmed(Substring(text)) == text.trimmingCharacters(in: .whitespaces), "\(Array(text.unicodeScalars))")
        }
    }

    // MARK: the reference data

    static let folder = PabulibTests.folder

    static func load(_ name: String) throws -> (BudgetElection, Set<String>) {
        let pabulib = try PabulibElection.parse(String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
        return (try BudgetElection(pabulib), Set(pabulib.projects.filter { $0.selected == true }.map(\.id)))
    }

    /// The official outcomes named in ../shared/data/README.md: three cities that used Equal Shares with Add1 (no
    /// greedy completion: Assen's outcome has money left that greedy would spend on project 7) and Łódź 2022's
    /// greedy. One case per file so they run in parallel. Skipped where the data is not beside the repository.
    @Test(
        .enabled(if: FileManager.default.fileExists(atPath: folder.path), "../shared/data/pabulib is not beside the repository"),
        arguments: [
            ("Poland_Swiecie_2023.pb", "mes-add1"), ("Netherlands_Assen_2024.pb", "mes-add1"),
            ("Poland_Wieliczka_2023_Green_Budget.pb", "mes-add1"), ("Poland_Lodz_2022.pb", "greedy"),
        ])
    func officialOutcomeIsReproduced(file: String, rule: String) throws {
        let (e, selected) = try Self.load(file)
        let out = rule == "greedy" ? GreedyBudget.run(e) : EqualShares.run(e, add1: .untilOverBudget)
        #expect(!selected.isEmpty)
        #expect(out.fundedIDs == selected, "\(file): extra \(out.fundedIDs.subtracting(selected)), missing \(selected.subtracting(out.fundedIDs))")
        #expect(out.spent <= e.budget)
    }
}
