import Foundation
import ChorusCore

/// `chorus-bench pb`: times the participatory-budgeting rules on Pabulib files and prints, per file, one JSON line
/// with the parse time, the rule time and the funded project ids, the same line bench/pb_reference.py prints for
/// pabutools so bench/run_pb_bench.sh can compare outcomes and times side by side.
///
///   chorus-bench pb --rule greedy|mes|mes-add1|mes-add1-exhaustive|mes-add1-greedy|mes-cardinal [--runs 3]
///                   [--seed S] file.pb ...
///
/// Rules: `greedy` ranks by total points (an approval is one point, so on approval ballots: by votes); `mes` is
/// Equal Shares with cost utilities; `mes-add1` adds Add1 raising until over budget (the cities' rule);
/// `mes-add1-exhaustive` stops Add1 at the first exhaustive outcome (pabutools' voter_budget_increment=1);
/// `mes-add1-greedy` is mes-add1 then greedy by votes on the rest; `mes-cardinal` is Equal Shares with the ballots'
/// points as utilities. Ties: project id, or `--seed`.
///
/// Timing: parse = reading the file, PabulibElection.parse and the conversion to BudgetElection; rule = the rule
/// alone. Each is the best of `--runs` runs (wall clock). Nothing passes or fails on time.
enum PBBench {
    static let rules = ["greedy", "mes", "mes-add1", "mes-add1-exhaustive", "mes-add1-greedy", "mes-cardinal"]

    static func run(_ arguments: [String]) {
        var rule: String?, seed: String?
        var runs = 3
        var files: [String] = []
        var i = 0
        func value() -> String {
            i += 1
            guard i < arguments.count else { fail("\(arguments[i - 1]) needs a value") }
            return arguments[i]
        }
        while i < arguments.count {
            switch arguments[i] {
            case "--rule": rule = value()
            case "--runs": runs = max(1, Int(value()) ?? 0)
            case "--seed": seed = value()
            case "-h", "--help":
                usage()
                exit(0)
            case let a where a.hasPrefix("--"): fail("unknown option \(a)")
            default: files.append(arguments[i])
            }
            i += 1
        }
        guard let rule, rules.contains(rule), !files.isEmpty else {
            usage()
            exit(2)
        }
        let tieBreak: BudgetTieBreak = seed.map { .seeded($0) } ?? .projectID
        for file in files {
            var parseBest = Double.infinity, ruleBest = Double.infinity
            var outcome: BudgetOutcome?
            for _ in 1...runs {
                let t0 = DispatchTime.now().uptimeNanoseconds
                guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { fail("cannot read \(file)") }
                let election: BudgetElection
                do { election = try BudgetElection(PabulibElection.parse(text)) } catch { fail("\(file): \(error)") }
                let t1 = DispatchTime.now().uptimeNanoseconds
                outcome = apply(rule, election, tieBreak)
                let t2 = DispatchTime.now().uptimeNanoseconds
                parseBest = min(parseBest, Double(t1 - t0) / 1e9)
                ruleBest = min(ruleBest, Double(t2 - t1) / 1e9)
            }
            guard let outcome else { continue }
            let line: [String: Any] = [
                "file": (file as NSString).lastPathComponent, "rule": rule, "parse_s": parseBest, "rule_s": ruleBest,
                "selected": outcome.funded.map(\.id).sorted(), "spent": outcome.spent, "add1_steps": outcome.add1Steps,
            ]
            let data = try! JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }
    }

    static func apply(_ rule: String, _ election: BudgetElection, _ tieBreak: BudgetTieBreak) -> BudgetOutcome {
        switch rule {
        case "greedy": GreedyBudget.run(election, score: .cardinal, tieBreak: tieBreak)
        case "mes": EqualShares.run(election, utility: .cost, tieBreak: tieBreak)
        case "mes-add1": EqualShares.run(election, utility: .cost, tieBreak: tieBreak, add1: .untilOverBudget)
        case "mes-add1-exhaustive": EqualShares.run(election, utility: .cost, tieBreak: tieBreak, add1: .untilExhaustive)
        case "mes-add1-greedy": EqualShares.run(election, utility: .cost, tieBreak: tieBreak, add1: .untilOverBudget, thenGreedy: true)
        default: EqualShares.run(election, utility: .cardinal, tieBreak: tieBreak)
        }
    }

    static func usage() {
        print("usage: chorus-bench pb --rule \(rules.joined(separator: "|")) [--runs 3] [--seed S] file.pb ...")
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("chorus-bench pb: \(message)\n".utf8))
        exit(2)
    }
}
