import Vapor
import ChorusCore

/// `chorus panel-replay categories.csv respondents.csv distribution.json --seed N --size K`: checks a published
/// selection's files and replays its draw (`PanelReplay`), printing the panel the seed draws; exits non-zero when a
/// check fails. Needs no database.
struct PanelReplayCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "categories", help: "categories.csv as published") var categories: String
        @Argument(name: "respondents", help: "respondents.csv as published") var respondents: String
        @Argument(name: "distribution", help: "distribution.json as published") var distribution: String
        @Option(name: "seed", help: "the seed on the audit page") var seed: String?
        @Option(name: "size", help: "the number of seats") var size: Int?
        @Flag(name: "households", help: "the selection kept households apart") var households: Bool
    }
    var help: String { "Checks a published panel selection from its files and replays the draw." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let seed = signature.seed.flatMap(UInt64.init), let size = signature.size else {
            throw CommandFailure(message: "give --seed N and --size K as the audit page shows them")
        }
        func read(_ path: String) throws -> String {
            guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure(message: "cannot read \(path)") }
            return String(decoding: data, as: UTF8.self)
        }
        let problem: PanelProblem
        do {
            problem = try PanelCSV.problem(
                categories: try read(signature.categories), respondents: try read(signature.respondents), panelSize: size,
                keepHouseholdsApart: signature.households)
        } catch let e as PanelCSV.Error { throw CommandFailure(message: e.description) }
        let d: PanelDistribution
        do { d = try JSONDecoder().decode(PanelDistribution.self, from: Data(try read(signature.distribution).utf8)) } catch {
            throw CommandFailure(message: "\(signature.distribution) is not a distribution.json: \(error)")
        }
        let report = PanelReplay.check(problem, d, seed: seed)
        for line in report.problems { context.console.print("FAIL " + line) }
        guard report.ok else { throw CommandFailure(message: "\(report.problems.count) checks failed") }
        context.console.print("OK: \(d.panels.count) panels, each meets every target; probabilities match the weights and sum to \(size)")
        context.console.print("Drawn with seed \(seed): " + report.drawn.joined(separator: " "))
    }
}
