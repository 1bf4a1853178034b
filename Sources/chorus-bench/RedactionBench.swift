import Foundation
import ChorusCore

/// `chorus-bench redaction`: times PIIRedactor over every comment of a JSONL file (one object a line with a "text"
/// field, as bench/redaction_labelled.py writes) and writes what it found, for bench/redaction_score.py to score.
///
///   chorus-bench redaction --input comments.jsonl [--runs 5] [--output found.jsonl] [--limit N] [--verify]
///   chorus-bench redaction --text "My name is Sarah, call 07700 900123"     (one text, redactions listed)
///
/// --verify (untimed) checks every comment: the ranges rebuild the redacted text from the original byte for byte,
/// and redacting the redacted text again changes nothing.
///
/// Timing: each run redacts every comment once (reading the file and writing the output are outside the clock);
/// prints wall time and process CPU time of every run, the best and the median. Nothing passes or fails on time.
enum RedactionBench {
    static func run(_ arguments: [String]) {
        var input: String?, output: String?, text: String?
        var runs = 5, limit = Int.max, verify = false
        var i = 0
        func value() -> String {
            i += 1
            guard i < arguments.count else { fail("\(arguments[i - 1]) needs a value") }
            return arguments[i]
        }
        while i < arguments.count {
            switch arguments[i] {
            case "--input": input = value()
            case "--output": output = value()
            case "--text": text = value()
            case "--runs": runs = max(1, Int(value()) ?? 0)
            case "--limit": limit = max(1, Int(value()) ?? 0)
            case "--verify": verify = true
            case "-h", "--help": usage(); exit(0)
            default: fail("unknown option \(arguments[i])")
            }
            i += 1
        }
        if let text {
            explain(text)
            return
        }
        guard let input else { usage(); exit(2) }
        let (ids, texts) = load(input, limit: limit)
        let bytes = texts.reduce(0) { $0 + $1.utf8.count }
        let words = texts.reduce(0) { $0 + $1.split(whereSeparator: { $0 == " " || $0 == "\n" }).count }
        print(
            "redaction: \(texts.count) comments, \(bytes) bytes UTF-8 (mean \(bytes / max(1, texts.count)) bytes, \(words / max(1, texts.count)) words), \(runs) runs"
        )

        var walls: [Double] = [], cpus: [Double] = []
        var sink = 0
        for run in 1...runs {
            let cpu0 = cpuSeconds()
            let t0 = DispatchTime.now().uptimeNanoseconds
            for text in texts {
                let result = PIIRedactor.redact(text)
                sink &+= result.redactions.count &+ result.text.utf8.count
            }
            let wall = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            let cpu = cpuSeconds() - cpu0
            walls.append(wall)
            cpus.append(cpu)
            print(String(format: "  run %d: %.3f s wall, %.3f s CPU, %.0f comments/s", run, wall, cpu, Double(texts.count) / wall))
        }
        let sorted = walls.sorted()
        let best = sorted[0]
        let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        print(
            String(
                format: "swift PIIRedactor: best %.3f s (%.0f comments/s, %.1f MB/s), median %.3f s (%.0f comments/s), CPU best %.3f s",
                best, Double(texts.count) / best, Double(bytes) / best / 1e6, median, Double(texts.count) / median, cpus.min()!))
        print("RESULT swift best_s=\(best) median_s=\(median) cpu_best_s=\(cpus.min()!) comments=\(texts.count) check=\(sink % 1000)")

        if verify { check(texts) }
        if let output {
            write(output, ids: ids, texts: texts)
            print("wrote \(output)")
        }
    }

    /// Untimed: ranges rebuild the redacted text, and redaction is idempotent, for every comment.
    static func check(_ texts: [String]) {
        var badRanges = 0, notIdempotent = 0, shown = 0
        for text in texts {
            let once = PIIRedactor.redact(text)
            let bytes = Array(text.utf8)
            var rebuilt: [UInt8] = [], at = 0
            var ok = true
            for r in once.redactions {
                guard r.utf8Range.lowerBound >= at, r.utf8Range.upperBound <= bytes.count,
                    String(decoding: bytes[r.utf8Range], as: UTF8.self) == r.original
                else { ok = false; break }
                rebuilt += bytes[at..<r.utf8Range.lowerBound]
                rebuilt += Array(r.replacement.utf8)
                at = r.utf8Range.upperBound
            }
            if ok { rebuilt += bytes[at...] }
            if !ok || String(decoding: rebuilt, as: UTF8.self) != once.text { badRanges += 1 }
            let twice = PIIRedactor.redact(once.text)
            if twice.text != once.text {
                notIdempotent += 1
                if shown < 5 { shown += 1; print("  not idempotent: \(once.text.debugDescription) → \(twice.text.debugDescription)") }
            }
        }
        print(
            "verify: \(texts.count) comments; ranges that do not rebuild the redacted text: \(badRanges); changed by a second redaction: \(notIdempotent)"
        )
    }

    static func usage() {
        print(
            """
            usage: chorus-bench redaction --input comments.jsonl [--runs 5] [--output found.jsonl] [--limit N] [--verify]
                   chorus-bench redaction --text "some text"
            """)
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("chorus-bench redaction: \(message)\n".utf8))
        exit(2)
    }

    static func cpuSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func load(_ path: String, limit: Int) -> (ids: [Any], texts: [String]) {
        guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
        var ids: [Any] = [], texts: [String] = []
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            lineNumber += 1
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                let text = object["text"] as? String
            else { fail("\(path):\(lineNumber): not a JSON object with a \"text\" string") }
            ids.append(object["id"] ?? lineNumber)
            texts.append(text)
            if texts.count >= limit { break }
        }
        return (ids, texts)
    }

    /// One JSON object a line: {"id":…, "spans":[{"kind":"phone","start":12,"end":24}, …], "text": redacted}.
    /// Offsets are UTF-8 bytes of the original text.
    static func write(_ path: String, ids: [Any], texts: [String]) {
        var out = Data()
        for (id, text) in zip(ids, texts) {
            let result = PIIRedactor.redact(text)
            let spans: [[String: Any]] = result.redactions.map {
                ["kind": $0.kind.rawValue, "start": $0.utf8Range.lowerBound, "end": $0.utf8Range.upperBound]
            }
            let object: [String: Any] = ["id": id, "spans": spans, "text": result.text]
            out.append(try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            out.append(UInt8(ascii: "\n"))
        }
        guard FileManager.default.createFile(atPath: path, contents: out) else { fail("cannot write \(path)") }
    }

    static func explain(_ text: String) {
        let result = PIIRedactor.redact(text)
        print(result.text)
        for r in result.redactions {
            print("  \(r.kind.rawValue) [\(r.utf8Range.lowerBound)..<\(r.utf8Range.upperBound)] \(r.original.debugDescription) → \(r.replacement)")
        }
        if !result.postcodeSectors.isEmpty { print("  postcode sectors: \(result.postcodeSectors.joined(separator: ", "))") }
    }
}
