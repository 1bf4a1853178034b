import Foundation
import ChorusCore

/// `chorus-bench themes --input FILE.jsonl --k N|auto [--seed S] [--output FILE.jsonl] [--range LO-HI]
/// [--threads T] [--dimensions D] [--power-iterations Q] [--fit-documents N]`
///
/// Runs the thematic analysis engine on one JSON object per line with a "text" field (other fields, such as the
/// benchmark's "label", are ignored) and writes one line per document, in input order: {"cluster": c} with c the
/// theme's index (largest theme 0) or -1 for unassigned. Prints a JSON summary to stdout (seconds spent in the
/// engine, themes, unassigned share, the themes' labels). bench/themes_bench.py scores the assignments.
enum ThemeBench {
    static func run(_ arguments: [String]) {
        var input: String?
        var output: String?
        var k = "auto"
        var seed: UInt64 = 1
        var range = 2...30
        var threads = ProcessInfo.processInfo.activeProcessorCount
        var dimensions = 100
        var powerIterations = 3
        var fitDocuments = 30_000
        var i = 0
        func value() -> String {
            i += 1
            guard i < arguments.count else { fail("missing value for \(arguments[i - 1])") }
            return arguments[i]
        }
        while i < arguments.count {
            switch arguments[i] {
            case "--input": input = value()
            case "--output": output = value()
            case "--k": k = value()
            case "--seed": seed = UInt64(value()) ?? { fail("--seed takes a whole number") }()
            case "--threads": threads = Int(value()) ?? { fail("--threads takes a whole number") }()
            case "--dimensions": dimensions = Int(value()) ?? { fail("--dimensions takes a whole number") }()
            case "--fit-documents": fitDocuments = Int(value()) ?? { fail("--fit-documents takes a whole number") }()
            case "--power-iterations": powerIterations = Int(value()) ?? { fail("--power-iterations takes a whole number") }()
            case "--range":
                let parts = value().split(separator: "-").compactMap { Int($0) }
                guard parts.count == 2, parts[0] >= 1, parts[0] <= parts[1] else { fail("--range takes LO-HI, e.g. 2-30") }
                range = parts[0]...parts[1]
            default: fail("unknown option \(arguments[i])")
            }
            i += 1
        }
        guard let input else {
            fail("usage: chorus-bench themes --input FILE.jsonl --k N|auto [--seed S] [--output FILE] [--range LO-HI] [--threads T]")
        }
        let themeCount: ThemeCount
        if k == "auto" {
            themeCount = .automatic(range)
        } else if let fixed = Int(k), fixed >= 1 {
            themeCount = .fixed(fixed)
        } else {
            fail("--k takes a number or auto")
        }

        let documents = readDocuments(input)
        let options = AnalysisOptions(seed: seed, themeCount: themeCount, threads: threads)
        let embedder: (any DocumentEmbedder)? =
            dimensions == 100 && powerIterations == 3 && fitDocuments == 30_000
            ? nil : LatentSemanticEmbedder(dimensions: dimensions, powerIterations: powerIterations, fitDocuments: fitDocuments)
        let result = ThematicAnalyser.run(documents, options: options, embedder: embedder)

        var cluster = [UUID: Int](minimumCapacity: documents.count)
        for (t, theme) in result.themes.enumerated() { for id in theme.memberIDs { cluster[id] = t } }
        if let output {
            var text = ""
            text.reserveCapacity(documents.count * 16)
            for d in documents { text += "{\"cluster\":\(cluster[d.id] ?? -1)}\n" }
            do { try text.write(toFile: output, atomically: true, encoding: .utf8) } catch { fail("cannot write \(output): \(error)") }
        }
        let summary: [String: Any] = [
            "documents": documents.count,
            "seconds": result.diagnostics.seconds,
            "themes": result.themes.count,
            "unassigned": result.unassigned.count,
            "unassigned_share": documents.isEmpty ? 0 : Double(result.unassigned.count) / Double(documents.count),
            "vectoriser": result.diagnostics.vectoriser,
            "vocabulary": result.diagnostics.vocabularySize,
            "silhouette": Dictionary(uniqueKeysWithValues: result.diagnostics.silhouetteByThemeCount.map { (String($0.key), $0.value) }),
            "labels": result.themes.prefix(40).map {
                ["label": $0.label, "size": $0.memberIDs.count, "cohesion": Double($0.cohesion)] as [String: Any]
            },
            "threads": threads,
            "stages": result.diagnostics.stageSeconds.map { [$0.stage, $0.seconds] as [Any] },
        ]
        let data = (try? JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys])) ?? Data("{}".utf8)
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    static func readDocuments(_ path: String) -> [AnalysisDocument] {
        guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
        var documents: [AnalysisDocument] = []
        var random = SeededRandom(state: 7)  // ids: deterministic, so runs are repeatable
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                let text = object["text"] as? String
            else { fail("line \(documents.count + 1): not a JSON object with a \"text\" string") }
            let id = UUID(uuid: random.uuidBytes())
            documents.append(AnalysisDocument(id: id, text: text, weight: (object["weight"] as? Int) ?? 1))
        }
        return documents
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("chorus-bench themes: \(message)\n".utf8))
        exit(2)
    }
}

extension SeededRandom {
    /// 16 bytes for a UUID (benchmark ids only).
    mutating func uuidBytes() -> uuid_t {
        let a = next(), b = next()
        func byte(_ x: UInt64, _ i: Int) -> UInt8 { UInt8(truncatingIfNeeded: x >> (8 * i)) }
        return (
            byte(a, 0), byte(a, 1), byte(a, 2), byte(a, 3), byte(a, 4), byte(a, 5), byte(a, 6), byte(a, 7),
            byte(b, 0), byte(b, 1), byte(b, 2), byte(b, 3), byte(b, 4), byte(b, 5), byte(b, 6), byte(b, 7)
        )
    }
}
