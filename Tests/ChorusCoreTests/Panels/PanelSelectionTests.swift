import Foundation
import Testing
@testable import ChorusCore

@Suite struct PanelSelectionTests {
    /// 24 volunteers, uneven: sex alternates, age comes from (7i mod 5), so "old" is rarer than the others.
    static func uneven(households: Bool = false) -> PanelProblem {
        let ages = ["young", "young", "mid", "mid", "old"]
        let volunteers = (0..<24).map { i in
            PanelVolunteer(
                id: "v\(i)", features: ["sex": i % 2 == 0 ? "f" : "m", "age": ages[(7 * i) % 5]],
                household: households ? "h\(i / 2)" : nil)
        }
        let quotas = [
            PanelQuota(category: "sex", feature: "f", min: 2, max: 4), PanelQuota(category: "sex", feature: "m", min: 2, max: 4),
            PanelQuota(category: "age", feature: "young", min: 1, max: 3), PanelQuota(category: "age", feature: "mid", min: 1, max: 3),
            PanelQuota(category: "age", feature: "old", min: 1, max: 2),
        ]
        return PanelProblem(panelSize: 6, quotas: quotas, volunteers: volunteers, keepHouseholdsApart: households)
    }

    /// Four types of ten volunteers each, every type treated alike by the quotas: LEXIMIN must give everyone 8/40.
    static let symmetric: PanelProblem = {
        let volunteers = (0..<40).map { i in
            PanelVolunteer(id: "\(i + 1)", features: ["gender": i % 2 == 0 ? "female" : "male", "leaning": i % 4 < 2 ? "left" : "right"])
        }
        let quotas =
            ["female", "male"].map { PanelQuota(category: "gender", feature: $0, min: 3, max: 5) }
            + ["left", "right"].map { PanelQuota(category: "leaning", feature: $0, min: 3, max: 5) }
        return PanelProblem(panelSize: 8, quotas: quotas, volunteers: volunteers, keepHouseholdsApart: false)
    }()

    static func meetsQuotas(_ panel: [Int], _ problem: PanelProblem) -> Bool {
        problem.quotas.allSatisfy { quota in
            let count = panel.filter { problem.volunteers[$0].features[quota.category] == quota.feature }.count
            return count >= quota.min && count <= quota.max
        }
    }

    @Test(arguments: PanelAlgorithm.allCases)
    func everyPanelMeetsTheQuotasAndTheProbabilitiesAddUp(_ algorithm: PanelAlgorithm) throws {
        let problem = Self.uneven()
        let d = try PanelSelection.distribution(problem, algorithm: algorithm, seed: 7)
        #expect(!d.panels.isEmpty)
        #expect(d.panels.count == d.weights.count)
        for panel in d.panels {
            #expect(panel.count == problem.panelSize)
            #expect(panel == panel.sorted())
            #expect(Set(panel).count == panel.count)
            #expect(Self.meetsQuotas(panel, problem))
        }
        #expect(abs(d.weights.reduce(0, +) - 1) < 1e-9)
        #expect(d.weights.allSatisfy { $0 >= 0 })
        #expect(abs(d.probabilities.reduce(0, +) - Double(problem.panelSize)) < 1e-9)
        var recomputed = Array(repeating: 0.0, count: problem.volunteers.count)
        for (panel, weight) in zip(d.panels, d.weights) { for v in panel { recomputed[v] += weight } }
        for (a, b) in zip(recomputed, d.probabilities) { #expect(abs(a - b) < 1e-12) }
    }

    @Test func leximinOnASymmetricPoolGivesEveryoneKOverN() throws {
        let d = try PanelSelection.distribution(Self.symmetric, algorithm: .leximin, seed: 1)
        for p in d.probabilities { #expect(abs(p - 0.2) < 1e-6) }
    }

    /// LEXIMIN raises everyone it can above maximin's minimum; both reach the same minimum.
    @Test func leximinAndMaximinShareTheMinimumAndLeximinIsNoLessEven() throws {
        let problem = Self.uneven()
        let leximin = try PanelSelection.distribution(problem, algorithm: .leximin, seed: 3)
        let maximin = try PanelSelection.distribution(problem, algorithm: .maximin, seed: 3)
        let low = leximin.probabilities.min()!
        #expect(abs(low - maximin.probabilities.min()!) < 1e-6)
        // Sorted, leximin's profile is lexicographically at least maximin's.
        for (a, b) in zip(leximin.probabilities.sorted(), maximin.probabilities.sorted()) where abs(a - b) > 1e-6 {
            #expect(a > b)
            break
        }
    }

    @Test(arguments: [PanelAlgorithm.leximin, .lottery])
    func householdsAreKeptApartWhenAsked(_ algorithm: PanelAlgorithm) throws {
        let problem = Self.uneven(households: true)
        let d = try PanelSelection.distribution(problem, algorithm: algorithm, seed: 5)
        for panel in d.panels {
            let households = panel.compactMap { problem.volunteers[$0].household }
            #expect(Set(households).count == households.count)
            #expect(Self.meetsQuotas(panel, problem))
        }
    }

    @Test func theSameSeedGivesTheSamePanel() throws {
        let problem = Self.uneven()
        for algorithm in PanelAlgorithm.allCases {
            let first = try PanelSelection.distribution(problem, algorithm: algorithm, seed: 42)
            let again = try PanelSelection.distribution(problem, algorithm: algorithm, seed: 42)
            #expect(first == again)
            #expect(PanelSelection.draw(first, seed: 9) == PanelSelection.draw(again, seed: 9))
            #expect(Self.meetsQuotas(PanelSelection.draw(first, seed: 9), problem))
        }
        let d = try PanelSelection.distribution(problem, algorithm: .lottery, seed: 42)
        let draws = Set((0..<20).map { PanelSelection.draw(d, seed: UInt64($0)) })
        #expect(draws.count > 1)
    }

    @Test func anInfeasibleQuotaIsNamedWithARelaxationThatWorks() throws {
        var problem = Self.uneven()
        // Only 5 of the 24 are "old"; asking for 6 cannot be met, nor can a feature nobody has.
        problem.quotas[4].min = 6
        problem.quotas[4].max = 6
        problem.quotas.append(PanelQuota(category: "age", feature: "ancient", min: 1, max: 2))
        guard case .infeasible(let changes) = try PanelSelection.feasibility(problem) else {
            Issue.record("expected infeasible")
            return
        }
        let named = Set(changes.map(\.quota.feature))
        #expect(named.contains("old"))
        #expect(named.contains("ancient"))
        #expect(changes.first { $0.quota.feature == "ancient" }?.suggestedMin == 0)
        var relaxed = problem
        for change in changes {
            let i = relaxed.quotas.firstIndex(of: change.quota)!
            relaxed.quotas[i].min = change.suggestedMin
            relaxed.quotas[i].max = change.suggestedMax
        }
        #expect(try PanelSelection.feasibility(relaxed) == .feasible)
        #expect(throws: PanelError.infeasible(changes)) {
            try PanelSelection.distribution(problem, algorithm: .leximin, seed: 1)
        }
    }

    @Test func problemErrorsNameTheField() {
        var big = Self.uneven()
        big.panelSize = 25
        #expect(throws: PanelError.self) { try PanelSelection.feasibility(big) }
        do { _ = try PanelSelection.feasibility(big) } catch let PanelError.invalid(field, _) { #expect(field == "panelSize") } catch {
            Issue.record("\(error)")
        }
        var bad = Self.uneven()
        bad.quotas[2].max = 0
        do { _ = try PanelSelection.feasibility(bad) } catch let PanelError.invalid(field, message) {
            #expect(field == "quotas[2].max")
            #expect(message.contains("below min"))
        } catch { Issue.record("\(error)") }
        var crowded = Self.uneven(households: true)
        crowded.panelSize = 13
        do { _ = try PanelSelection.distribution(crowded, algorithm: .leximin, seed: 1) } catch let PanelError.invalid(field, _) {
            #expect(field == "keepHouseholdsApart")
        } catch { Issue.record("\(error)") }
    }

    @Test func replacementKeepsTheRestAndRefillsWithinTheQuotas() throws {
        let problem = Self.uneven()
        let d = try PanelSelection.distribution(problem, algorithm: .leximin, seed: 2)
        let panel = PanelSelection.draw(d, seed: 2)
        let withdrawn = [panel[0], panel[3]]
        let new = try #require(try PanelSelection.replacement(problem, panel: panel, withdrawn: withdrawn, seed: 4))
        #expect(new.count == problem.panelSize)
        #expect(Set(panel).subtracting(withdrawn).isSubset(of: Set(new)))
        #expect(Set(new).isDisjoint(with: withdrawn))
        #expect(Self.meetsQuotas(new, problem))
        #expect(try PanelSelection.replacement(problem, panel: panel, withdrawn: withdrawn, seed: 4) == new)
    }

    @Test func replacementIsNilWhenNoRefillMeetsTheQuotas() throws {
        // Two "old" volunteers only, both on the panel and both withdrawing: no one can take their place.
        let volunteers = (0..<8).map { i in PanelVolunteer(id: "\(i)", features: ["age": i < 2 ? "old" : "young"]) }
        let problem = PanelProblem(
            panelSize: 3,
            quotas: [PanelQuota(category: "age", feature: "old", min: 1, max: 2), PanelQuota(category: "age", feature: "young", min: 1, max: 2)],
            volunteers: volunteers)
        #expect(try PanelSelection.replacement(problem, panel: [0, 1, 2], withdrawn: [0, 1], seed: 1) == nil)
    }

    /// The Nature paper's example_small_20 (../shared/data/sortition, not copied in): every LEXIMIN probability is
    /// 0.1. Skipped when the data is not beside the repository (or at $CHORUS_SORTITION_DATA).
    static let folder: URL = {
        if let path = ProcessInfo.processInfo.environment["CHORUS_SORTITION_DATA"] { return URL(fileURLWithPath: path) }
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<5 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("shared/data/sortition")
    }()

    @Test(.enabled(if: FileManager.default.fileExists(atPath: folder.appendingPathComponent("example_small_20").path)))
    func exampleSmall20GivesEveryoneOneTenth() throws {
        let dir = Self.folder.appendingPathComponent("example_small_20")
        let problem = try PanelCSV.problem(
            categories: String(contentsOf: dir.appendingPathComponent("categories.csv"), encoding: .utf8),
            respondents: String(contentsOf: dir.appendingPathComponent("respondents.csv"), encoding: .utf8), panelSize: 20)
        #expect(problem.volunteers.count == 200)
        let d = try PanelSelection.distribution(problem, algorithm: .leximin, seed: 1)
        for p in d.probabilities { #expect(abs(p - 0.1) < 1e-6) }
        for panel in d.panels { #expect(Self.meetsQuotas(panel, problem)) }
    }
}
