import ChorusEmbed
import Foundation

/// `chorus-bench embed`: embeds texts (one JSON string per line, or one {"text": …} object per line) with
/// ChorusEmbed's SentenceEmbedder, reports tokens per second, and writes the vectors for comparison with
/// sentence-transformers (bench/embed_bench.py does both).
///   chorus-bench embed --input texts.jsonl [--output vectors.f32] [--threads 1] [--repeat 3] [--model DIR]
///                      [--batch-tokens 1024] [--blas-threads 1]
/// --blas-threads N > 1 lets OpenBLAS use N threads inside each matrix product (run with --threads 1 to compare
/// that with Chorus's own per-batch threads).
enum EmbedBench {
    static func run(_ args: [String]) {
        var input: String?
        var output: String?
        var threads = 1
        var repeats = 3
        var model: String?
        var batchTokens = 1024
        var blasThreads = 1
        var i = 0
        func value() -> String {
            i += 1
            guard i < args.count else { fail("\(args[i - 1]) needs a value") }
            return args[i]
        }
        while i < args.count {
            switch args[i] {
            case "--input": input = value()
            case "--output": output = value()
            case "--threads": threads = Int(value()) ?? 1
            case "--repeat": repeats = max(1, Int(value()) ?? 3)
            case "--model": model = value()
            case "--batch-tokens": batchTokens = Int(value()) ?? 1024
            case "--blas-threads": blasThreads = Int(value()) ?? 1
            default: fail("unknown option \(args[i])")
            }
            i += 1
        }
        guard let input else { fail("--input FILE is required") }
        let located = model.map { EmbeddingModelLocator.check($0, source: "--model") } ?? EmbeddingModelLocator.locate()
        guard let directory = located.directory else {
            if case let .notFound(reason) = located { fail(reason) }
            fail("model not found")
        }
        let texts = readTexts(input)
        let clock = ContinuousClock()
        let loadStart = clock.now
        let embedder: SentenceEmbedder
        do {
            embedder = try SentenceEmbedder(modelDirectory: directory, tokensPerBatch: batchTokens)
        } catch {
            fail("\(error)")
        }
        let loadSeconds = (clock.now - loadStart).inSeconds
        if blasThreads > 1 { SentenceEmbedder.setBLASThreads(blasThreads) }
        let tokenizeStart = clock.now
        let ids = texts.map { embedder.tokenizer.encode($0) }
        let tokenizeSeconds = (clock.now - tokenizeStart).inSeconds
        let tokens = ids.reduce(0) { $0 + $1.count }
        print(
            "model \(embedder.modelIdentifier) from \(directory.path), loaded in \(fmt(loadSeconds)) s; "
                + "OpenBLAS kernels: \(SentenceEmbedder.blasCore)")
        if let advice = SentenceEmbedder.blasAdvice { print("note: \(advice)") }
        print("texts \(texts.count), tokens \(tokens) (with [CLS]/[SEP]), tokenizer \(fmt(tokenizeSeconds)) s")
        var vectors: [Float] = []
        var best = Double.infinity
        var bestCPU = Double.infinity
        for r in 0..<repeats {
            let start = clock.now
            let cpuStart = cpuSeconds()
            vectors = embedder.embed(tokenIDs: ids, threads: threads)
            let s = (clock.now - start).inSeconds
            let cpu = cpuSeconds() - cpuStart
            best = min(best, s)
            bestCPU = min(bestCPU, cpu)
            print("run \(r + 1): \(fmt(s)) s wall, \(fmt(cpu)) s CPU, \(Int(Double(tokens) / s)) tokens/s with \(threads) thread(s)")
        }
        let perCore = Double(tokens) / best / Double(threads)
        print(
            "chorus: best \(fmt(best)) s wall, \(Int(Double(tokens) / best)) tokens/s, \(Int(perCore)) tokens/s per core "
                + "(threads \(threads), OpenBLAS threads \(blasThreads), batch \(batchTokens) tokens); per CPU-second \(Int(Double(tokens) / bestCPU)) tokens (best CPU \(fmt(bestCPU)) s)"
        )
        if let output {
            let data = vectors.withUnsafeBufferPointer { Data(buffer: $0) }
            do {
                try data.write(to: URL(fileURLWithPath: output))
            } catch {
                fail("cannot write \(output): \(error.localizedDescription)")
            }
            print("vectors: \(texts.count) × \(embedder.dimensions) float32 little-endian → \(output)")
        }
    }

    static func readTexts(_ path: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
        var texts: [String] = []
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            guard let json = try? JSONSerialization.jsonObject(with: Data(line), options: [.fragmentsAllowed]) else {
                fail("\(path): a line is not JSON")
            }
            if let s = json as? String {
                texts.append(s)
            } else if let o = json as? [String: Any], let s = o["text"] as? String {
                texts.append(s)
            } else {
                fail("\(path): a line is neither a JSON string nor an object with \"text\"")
            }
        }
        return texts
    }

    /// User + system CPU time of the whole process: under a loaded machine, tokens per CPU-second is the fairer
    /// per-core figure (wall time includes waiting for a core).
    static func cpuSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
            getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        #else
            getrusage(RUSAGE_SELF, &usage)
        #endif
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6
    }

    static func fmt(_ x: Double) -> String { String(format: "%.3f", x) }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("chorus-bench embed: \(message)\n".utf8))
        exit(1)
    }
}
