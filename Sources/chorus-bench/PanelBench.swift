import ChorusCore
import Foundation

/// `chorus-bench panels`: selects a citizens' panel from a folder holding categories.csv and respondents.csv and
/// prints one JSON line with what bench/panel_reference.py prints for sortition-algorithms, so
/// bench/run_panel_bench.sh can put them side by side: wall time of the selection (reading the files excluded),
/// peak resident memory of the process (getrusage ru_maxrss), the smallest and largest selection probability, the geometric
/// mean of the probabilities, the number of panels in the lottery, and the sorted probability profile (compact:
/// each distinct value rounded to 6 decimals with how many volunteers have it).
///
///   chorus-bench panels --algorithm leximin|maximin|lottery --size 20 [--seed 1] [--households] folder ...
///
/// `--size` is the panel size (the files do not say it; run_panel_bench.sh passes 20, 200, 40). Nothing passes or
/// fails on time (see bench/README.md).
enum PanelBench {
    static func run(_ arguments: [String]) {
        var algorithm = PanelAlgorithm.leximin
        var size: Int?
        var seed: UInt64 = 1
        var households = false
        var folders: [String] = []
        var i = 0
        func value() -> String {
            i += 1
            guard i < arguments.count else { fail("\(arguments[i - 1]) needs a value") }
            return arguments[i]
        }
        while i < arguments.count {
            switch arguments[i] {
            case "--algorithm":
                let name = value()
                guard let chosen = PanelAlgorithm(rawValue: name) else { fail("unknown algorithm \(name)") }
                algorithm = chosen
            case "--size": size = Int(value())
            case "--seed": seed = UInt64(value()) ?? 1
            case "--households": households = true
            case "-h", "--help":
                usage()
                exit(0)
            case let a where a.hasPrefix("--"): fail("unknown option \(a)")
            default: folders.append(arguments[i])
            }
            i += 1
        }
        guard let size, !folders.isEmpty else {
            usage()
            exit(2)
        }
        for folder in folders {
            let problem: PanelProblem
            do {
                let categories = try String(contentsOfFile: folder + "/categories.csv", encoding: .utf8)
                let respondents = try String(contentsOfFile: folder + "/respondents.csv", encoding: .utf8)
                problem = try PanelCSV.problem(
                    categories: categories, respondents: respondents, panelSize: size, keepHouseholdsApart: households)
            } catch { fail("\(folder): \(error)") }
            let t0 = DispatchTime.now().uptimeNanoseconds
            let distribution: PanelDistribution
            do { distribution = try PanelSelection.distribution(problem, algorithm: algorithm, seed: seed) } catch {
                fail("\(folder): \(error)")
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            let p = distribution.probabilities
            let geometric = exp(p.reduce(0) { $0 + log(max($1, 1e-300)) } / Double(p.count))
            let line: [String: Any] = [
                "folder": (folder as NSString).lastPathComponent, "algorithm": algorithm.rawValue, "size": size,
                "pool": problem.volunteers.count, "seconds": seconds, "peak_mib": Double(usage.ru_maxrss) / 1024,
                "min": p.min() ?? 0, "max": p.max() ?? 0, "geometric_mean": geometric, "sum": p.reduce(0, +),
                "panels": distribution.panels.count, "profile": profile(p),
            ]
            let data = try! JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }
    }

    /// Sorted probabilities as "value×count" runs, values rounded to 6 decimals.
    static func profile(_ probabilities: [Double]) -> String {
        var runs: [(String, Int)] = []
        for p in probabilities.sorted() {
            let text = String(format: "%.6f", p)
            if runs.last?.0 == text { runs[runs.count - 1].1 += 1 } else { runs.append((text, 1)) }
        }
        return runs.map { "\($0.0)x\($0.1)" }.joined(separator: " ")
    }

    static func usage() {
        print("usage: chorus-bench panels --algorithm leximin|maximin|lottery --size N [--seed S] [--households] folder ...")
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("chorus-bench panels: \(message)\n".utf8))
        exit(1)
    }
}
