import Foundation
import ChorusCore

/// `chorus-bench embed-themes --vectors FILE.f32 --texts FILE.jsonl [--k N] [--seed S] [--method k-means|spectral-graph]
/// [--sample N] [--smooth N] [--range LO-HI] [--threads T] [--out FILE.json]`
///
/// Thematic analysis of pre-embedded documents: FILE.f32 holds one row of raw little-endian float32 per line of
/// FILE.jsonl (384 columns for all-MiniLM-L6-v2; the width is the file size / rows / 4). Runs the whole engine
/// (`ThematicAnalyser.run(_:vectors:)`: sentiment, terms for the labels, number of themes, clustering, outliers,
/// labels) and writes a JSON object: "assignments" (one theme index per line, largest theme 0, -1 unassigned),
/// "themes", "seconds" (in the engine), "stages", "labels". Without --k the number of themes is automatic. --smooth N:
/// average each vector with up to N nearest neighbours before grouping (`AnalysisOptions.neighbourSmoothing`; 0 = off).
/// bench/embed_themes_bench.py scores the assignments.
enum EmbedThemeBench {
    static func run(_ arguments: [String]) {
        var vectorsPath: String?
        var textsPath: String?
        var out: String?
        var k: Int?
        var seed: UInt64 = 1
        var method = AnalysisOptions().embeddingClustering
        var sample = AnalysisOptions().graphSampleSize
        var smooth = AnalysisOptions().neighbourSmoothing
        var range = 2...30
        var threads = ProcessInfo.processInfo.activeProcessorCount
        var i = 0
        func value() -> String {
            i += 1
            guard i < arguments.count else { ThemeBench.fail("missing value for \(arguments[i - 1])") }
            return arguments[i]
        }
        while i < arguments.count {
            switch arguments[i] {
            case "--vectors": vectorsPath = value()
            case "--texts": textsPath = value()
            case "--out": out = value()
            case "--k": k = Int(value()) ?? { ThemeBench.fail("--k takes a whole number") }()
            case "--seed": seed = UInt64(value()) ?? { ThemeBench.fail("--seed takes a whole number") }()
            case "--threads": threads = Int(value()) ?? { ThemeBench.fail("--threads takes a whole number") }()
            case "--sample": sample = Int(value()) ?? { ThemeBench.fail("--sample takes a whole number") }()
            case "--smooth": smooth = Int(value()) ?? { ThemeBench.fail("--smooth takes a whole number") }()
            case "--method":
                method = EmbeddingClusterMethod(rawValue: value()) ?? { ThemeBench.fail("--method takes spectral-graph or k-means") }()
            case "--range":
                let parts = value().split(separator: "-").compactMap { Int($0) }
                guard parts.count == 2, parts[0] >= 1, parts[0] <= parts[1] else { ThemeBench.fail("--range takes LO-HI") }
                range = parts[0]...parts[1]
            default: ThemeBench.fail("unknown option \(arguments[i])")
            }
            i += 1
        }
        guard let vectorsPath, let textsPath else {
            ThemeBench.fail("usage: chorus-bench embed-themes --vectors FILE.f32 --texts FILE.jsonl [--k N] [--seed S] [--method M] [--out FILE]")
        }
        let documents = ThemeBench.readDocuments(textsPath)
        guard let raw = FileManager.default.contents(atPath: vectorsPath) else { ThemeBench.fail("cannot read \(vectorsPath)") }
        let rows = documents.count
        guard rows > 0, raw.count % (rows * 4) == 0 else { ThemeBench.fail("\(vectorsPath): \(raw.count) bytes is not \(rows) rows of float32") }
        let columns = raw.count / (rows * 4)
        var values = [Float](repeating: 0, count: rows * columns)
        values.withUnsafeMutableBytes { target in
            raw.withUnsafeBytes { source in target.copyMemory(from: source) }
        }
        for j in values.indices { values[j] = Float(bitPattern: UInt32(littleEndian: values[j].bitPattern)) }
        let vectors = DenseMatrix(rows: rows, columns: columns, values: values)
        let options = AnalysisOptions(
            seed: seed, themeCount: k.map { .fixed($0) } ?? .automatic(range), threads: threads,
            embeddingClustering: method, graphSampleSize: sample, neighbourSmoothing: smooth)
        let result = ThematicAnalyser.run(documents, vectors: vectors, options: options)

        var cluster = [UUID: Int](minimumCapacity: rows)
        for (t, theme) in result.themes.enumerated() { for id in theme.memberIDs { cluster[id] = t } }
        let summary: [String: Any] = [
            "documents": rows,
            "dimensions": columns,
            "method": method.rawValue,
            "smoothing": options.neighbourSmoothing,
            "seconds": result.diagnostics.seconds,
            "themes": result.themes.count,
            "unassigned": result.unassigned.count,
            "assignments": documents.map { cluster[$0.id] ?? -1 },
            "stages": result.diagnostics.stageSeconds.map { [$0.stage, $0.seconds] as [Any] },
            "labels": result.themes.prefix(40).map {
                ["label": $0.label, "size": $0.memberIDs.count, "cohesion": Double($0.cohesion)] as [String: Any]
            },
            "threads": threads,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys])) ?? Data("{}".utf8)
        if let out {
            do { try data.write(to: URL(fileURLWithPath: out)) } catch { ThemeBench.fail("cannot write \(out): \(error)") }
        } else {
            FileHandle.standardOutput.write(data)
            FileHandle.standardOutput.write(Data("\n".utf8))
        }
    }
}
