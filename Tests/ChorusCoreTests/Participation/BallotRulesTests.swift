import Testing
@testable import ChorusCore

@Suite struct BallotRulesTests {
    static let pot = BallotPot(budget: 1000, costs: ["a": 400, "b": 350, "c": 250, "d": 600])

    static func problems(_ choices: [String: Int], _ rules: BallotRules, pot: BallotPot = pot) -> [BallotProblem] {
        BallotCheck.problems(choices, in: pot, rules: rules)
    }

    @Test func approvalAllowsOnlyOnesWithinTheCountsAndKnownProjects() {
        let rules = BallotRules(kind: .approval, minimum: 1, maximum: 2)
        #expect(Self.problems(["a": 1, "b": 1, "c": 0], rules).isEmpty)
        #expect(Self.problems(["x": 1], rules) == [.unknownProject("x")])
        #expect(Self.problems(["a": 2], rules) == [.notAllowedValue(project: "a", value: 2)])
        #expect(Self.problems(["a": 0], rules) == [.tooFew(minimum: 1, chosen: 0)])
        #expect(Self.problems(["a": 1, "b": 1, "c": 1], rules) == [.tooMany(maximum: 2, chosen: 3)])
        // Every problem, per project in id order first, then the counts.
        #expect(
            Self.problems(["z": 1, "a": -1, "b": 1], rules) == [
                .notAllowedValue(project: "a", value: -1), .unknownProject("z"), .tooMany(maximum: 2, chosen: 3),
            ])
        #expect(Self.problems([:], BallotRules(kind: .approval)).isEmpty)
    }

    @Test func knapsackExactlyAtTheBudgetPassesAndOnePennyOverIsRefused() {
        let rules = BallotRules(kind: .knapsack)
        #expect(Self.problems(["a": 1, "b": 1, "c": 1], rules).isEmpty)
        #expect(BallotCheck.spent(["a": 1, "b": 1, "c": 1], in: Self.pot) == 1000)
        let dearer = BallotPot(budget: 1000, costs: ["a": 400, "b": 350, "c": 251])
        #expect(Self.problems(["a": 1, "b": 1, "c": 1], rules, pot: dearer) == [.overBudget(limit: 1000, spent: 1001)])
        #expect(Self.problems(["a": 1, "d": 1], rules).isEmpty)
        #expect(Self.problems(["a": 1, "c": 1, "d": 1], rules) == [.overBudget(limit: 1000, spent: 1250)])
        // A knapsack ballot may also have a maximum; unknown ids cost nothing.
        #expect(Self.problems(["a": 1, "c": 1], BallotRules(kind: .knapsack, maximum: 1)) == [.tooMany(maximum: 1, chosen: 2)])
        #expect(BallotCheck.spent(["a": 1, "x": 1, "d": 0], in: Self.pot) == 400)
        // Costs that would overflow saturate rather than crash.
        let huge = BallotPot(budget: .max, costs: ["a": .max, "b": .max])
        #expect(Self.problems(["a": 1, "b": 1], rules, pot: huge).isEmpty)
        #expect(BallotCheck.spent(["a": 1, "b": 1], in: huge) == .max)
    }

    @Test func cumulativeLimitsTheTotalAndEachProject() {
        let rules = BallotRules(kind: .cumulative, points: 10, maxPointsPerProject: 6)
        #expect(Self.problems(["a": 6, "b": 4], rules).isEmpty)
        #expect(Self.problems(["a": 6, "b": 3, "c": 0], rules).isEmpty)
        #expect(Self.problems(["a": 6, "b": 5], rules) == [.tooManyPoints(limit: 10, given: 11)])
        #expect(Self.problems(["a": 7, "b": 3], rules) == [.tooManyPointsForOne(project: "a", limit: 6, given: 7)])
        // A negative value is refused and cannot offset points given elsewhere.
        #expect(
            Self.problems(["a": -5, "b": 6, "c": 6], rules) == [
                .notAllowedValue(project: "a", value: -5), .tooManyPoints(limit: 10, given: 12),
            ])
        #expect(Self.problems(["a": .max, "b": .max], BallotRules(kind: .cumulative, points: 10)) == [.tooManyPoints(limit: 10, given: .max)])
    }

    @Test func rankedNeedsRanksOneToNWithoutGapsOrRepeats() {
        let rules = BallotRules(kind: .ranked, maximum: 3)
        #expect(Self.problems(["c": 1, "a": 2, "b": 3], rules).isEmpty)
        #expect(Self.problems(["a": 1, "b": 3], rules) == [.ranksNotInOrder])
        #expect(Self.problems(["a": 1, "b": 1], rules) == [.ranksNotInOrder])
        #expect(Self.problems(["a": 2], rules) == [.ranksNotInOrder])
        #expect(Self.problems(["a": 1, "b": -2], rules) == [.notAllowedValue(project: "b", value: -2), .ranksNotInOrder])
        #expect(
            Self.problems(["a": 1, "b": 2, "c": 3, "d": 4], rules) == [.tooMany(maximum: 3, chosen: 4)])
    }

    @Test func electionBallotsAreInIndexOrderWithBordaPointsForRanks() throws {
        let index = ["a": 0, "b": 1, "c": 2, "d": 3]
        let approval = BallotCheck.electionBallot(["c": 1, "a": 1, "b": 0, "x": 1], projectIndex: index, rules: BallotRules(kind: .approval))
        #expect(approval == BudgetElection.Ballot(projects: [0, 2]))
        let cumulative = BallotCheck.electionBallot(["d": 3, "b": 7], projectIndex: index, rules: BallotRules(kind: .cumulative, points: 10))
        #expect(cumulative == BudgetElection.Ballot(projects: [1, 3], points: [7, 3]))
        // n = maximum (3): first 3 points, second 2; without a maximum n = number of projects (4).
        let ranked = ["c": 1, "a": 2]
        #expect(
            BallotCheck.electionBallot(ranked, projectIndex: index, rules: BallotRules(kind: .ranked, maximum: 3))
                == BudgetElection.Ballot(projects: [0, 2], points: [2, 3]))
        #expect(
            BallotCheck.electionBallot(ranked, projectIndex: index, rules: BallotRules(kind: .ranked))
                == BudgetElection.Ballot(projects: [0, 2], points: [3, 4]))
        // A hostile rank does not overflow (the ballot is refused by `problems` anyway).
        _ = BallotCheck.electionBallot(["a": .min], projectIndex: index, rules: BallotRules(kind: .ranked))
    }

    @Test func setupProblemsNameTheField() {
        func fields(_ rules: BallotRules) -> [String] { rules.setupProblems.map(\.field) }
        #expect(fields(BallotRules(kind: .approval, minimum: 1, maximum: 3)) == [])
        #expect(fields(BallotRules(kind: .approval, minimum: -1)) == ["minimum"])
        #expect(fields(BallotRules(kind: .ranked, maximum: 0)) == ["maximum"])
        #expect(fields(BallotRules(kind: .knapsack, minimum: 4, maximum: 3)) == ["maximum"])
        #expect(fields(BallotRules(kind: .cumulative)) == ["points"])
        #expect(fields(BallotRules(kind: .cumulative, points: 10, maxPointsPerProject: 0)) == ["maxPointsPerProject"])
        #expect(fields(BallotRules(kind: .cumulative, points: 10, maxPointsPerProject: 11)) == ["maxPointsPerProject"])
        #expect(fields(BallotRules(kind: .cumulative, points: 10, maxPointsPerProject: 10)) == [])
        #expect(fields(BallotRules(kind: .cumulative, minimum: -2, maximum: 0, points: 0)) == ["minimum", "maximum", "points"])
        let message = BallotRules(kind: .knapsack, minimum: 4, maximum: 3).setupProblems[0].message
        #expect(message.contains("(3)") && message.contains("(4)"))
    }

    /// What `problems` should decide, written out limit by limit without sharing its code.
    static func withinEveryLimit(_ choices: [String: Int], _ pot: BallotPot, _ rules: BallotRules) -> Bool {
        let chosen = choices.filter { $0.value != 0 }
        guard chosen.keys.allSatisfy({ pot.costs[$0] != nil }) else { return false }
        guard chosen.count >= rules.minimum, chosen.count <= (rules.maximum ?? .max) else { return false }
        switch rules.kind {
        case .approval:
            return chosen.values.allSatisfy { $0 == 1 }
        case .knapsack:
            return chosen.values.allSatisfy { $0 == 1 } && chosen.keys.map { pot.costs[$0]! }.reduce(0, +) <= pot.budget
        case .cumulative:
            return chosen.values.allSatisfy { $0 > 0 && $0 <= (rules.maxPointsPerProject ?? .max) } && chosen.values.reduce(0, +) <= rules.points
        case .ranked:
            return chosen.values.sorted() == Array(1..<(chosen.count + 1))
        }
    }

    /// Many seeded random pots, rules and ballots, about half of them valid: `problems` is empty exactly when the
    /// ballot is within every limit, and a valid ballot always makes a `BudgetElection` its init accepts.
    @Test func problemsAreEmptyExactlyForBallotsWithinEveryLimit() throws {
        var random = SeededRandom(state: 20_261_207)
        var valid = 0, invalid = 0
        for _ in 0..<3000 {
            let ids = (0..<random.int(1...7)).map { "p\($0)" }
            let pot = BallotPot(
                budget: Int64(random.int(0...2000)), costs: Dictionary(uniqueKeysWithValues: ids.map { ($0, Int64(random.int(0...600))) }))
            let kind = random.pick(BallotKind.allCases)
            let minimum = random.int(0...2)
            let maximum: Int? = random.int(0...2) == 0 ? nil : random.int(max(1, minimum)...ids.count + 1)
            let points = kind == .cumulative ? random.int(1...12) : 0
            let perProject: Int? = kind == .cumulative && random.int(0...1) == 0 ? random.int(1...points) : nil
            let rules = BallotRules(kind: kind, minimum: minimum, maximum: maximum, points: points, maxPointsPerProject: perProject)
            #expect(rules.setupProblems.isEmpty)

            var choices: [String: Int] = [:]
            let picked = random.sample(ids, random.int(0...ids.count))
            for (k, id) in picked.enumerated() {
                switch kind {
                case .approval, .knapsack: choices[id] = random.int(0...9) == 0 ? random.int(-1...2) : 1
                case .cumulative: choices[id] = random.int(0...9) == 0 ? random.int(-2...0) : random.int(1...max(1, points / 2))
                case .ranked: choices[id] = k + 1
                }
            }
            if kind == .ranked, !picked.isEmpty, random.int(0...4) == 0 { choices[random.pick(picked)] = random.int(-1...ids.count + 1) }
            if random.int(0...14) == 0 { choices["unknown"] = 1 }
            if random.int(0...3) == 0 { choices[random.pick(ids)] = 0 }  // "not chosen", sent by the form anyway

            let found = BallotCheck.problems(choices, in: pot, rules: rules)
            let ok = Self.withinEveryLimit(choices, pot, rules)
            #expect(found.isEmpty == ok, "\(rules) \(pot) \(choices): \(found)")
            guard ok else {
                invalid += 1
                continue
            }
            valid += 1
            let projects = ids.map { BudgetElection.Project(id: $0, cost: Double(pot.costs[$0]!)) }
            let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
            let ballot = BallotCheck.electionBallot(choices, projectIndex: index, rules: rules)
            #expect(throws: Never.self) { try BudgetElection(projects: projects, budget: Double(pot.budget), ballots: [ballot]) }
            #expect(ballot.projects == ballot.projects.sorted() && ballot.projects.count == choices.values.filter { $0 != 0 }.count)
            if kind == .ranked, let points = ballot.points {
                // Borda: every ranked project scores 1 or more, and a better rank scores more.
                let byRank = zip(ballot.projects, points).sorted { choices[ids[$0.0]]! < choices[ids[$1.0]]! }.map(\.1)
                #expect(byRank.allSatisfy { $0 >= 1 } && byRank == byRank.sorted(by: >))
            }
        }
        #expect(valid > 800 && invalid > 800, "valid \(valid), invalid \(invalid)")
    }
}
