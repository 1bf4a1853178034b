import CBLAS
import Foundation

/// all-MiniLM-L6-v2 (or another uncased BERT sentence-transformer with mean pooling) run in-process:
/// texts → WordPiece ids → BERT → mean over tokens → unit vector of `dimensions` floats.
/// Matches sentence-transformers' `encode(normalize_embeddings=True)` to cosine ≥ 0.999 (see bench/README.md).
///
/// Thread-safe: `embed` can be called from several threads at once; each call uses its own scratch memory.
public final class SentenceEmbedder: Sendable {
    /// Vector width (384 for all-MiniLM-L6-v2).
    public let dimensions: Int
    /// "all-MiniLM-L6-v2@" + the first 12 hex digits of model.safetensors' SHA-256: stored vectors made with a
    /// different identifier must be recomputed.
    public let modelIdentifier: String
    public let tokenizer: WordPieceTokenizer
    /// Packed tokens per batch (a batch is a unit of work for one thread).
    public let tokensPerBatch: Int
    let encoder: BertEncoder

    /// Loads `model.safetensors`, `config.json` and `vocab.txt` from `modelDirectory`. Throws `EmbeddingError`
    /// naming the file (and tensor) when anything is missing, truncated or malformed.
    public convenience init(modelDirectory: URL, maxTokens: Int = 256, tokensPerBatch: Int = 1024, name: String = "all-MiniLM-L6-v2") throws {
        let weightsURL = modelDirectory.appendingPathComponent("model.safetensors")
        let configuration = try BertConfiguration(url: modelDirectory.appendingPathComponent("config.json"))
        let tokenizer = try WordPieceTokenizer(
            vocabularyURL: modelDirectory.appendingPathComponent("vocab.txt"),
            maxTokens: min(maxTokens, configuration.maxPositions))
        guard tokenizer.vocabularySize <= configuration.vocabularySize else {
            throw EmbeddingError.badConfiguration(
                file: modelDirectory.appendingPathComponent("vocab.txt").path,
                detail: "\(tokenizer.vocabularySize) tokens, the model has \(configuration.vocabularySize) embeddings")
        }
        let data: Data
        do {
            data = try Data(contentsOf: weightsURL, options: .alwaysMapped)
        } catch {
            throw EmbeddingError.unreadable(
                file: weightsURL.path,
                reason: FileManager.default.fileExists(atPath: weightsURL.path)
                    ? error.localizedDescription : "no such file")
        }
        let file = try SafetensorsFile(data: data, path: weightsURL.path)
        let weights = try BertWeights(file: file, configuration: configuration)
        self.init(
            encoder: BertEncoder(configuration: configuration, weights: weights), tokenizer: tokenizer,
            identifier: name + "@" + String(SHA256Digest.hex(of: data).prefix(12)), tokensPerBatch: tokensPerBatch)
    }

    init(encoder: BertEncoder, tokenizer: WordPieceTokenizer, identifier: String, tokensPerBatch: Int = 1024) {
        self.encoder = encoder
        self.tokenizer = tokenizer
        self.dimensions = encoder.configuration.hiddenSize
        self.modelIdentifier = identifier
        self.tokensPerBatch = max(tokensPerBatch, tokenizer.maxTokens)
        // One OpenBLAS thread per call: `embed` parallelises across batches, which measured faster than
        // OpenBLAS's own threads on these small matrices (bench/README.md).
        openblas_set_num_threads(1)
    }

    /// The CPU kernels OpenBLAS picked, e.g. "SkylakeX" or "Haswell". Debian's OpenBLAS 0.3.21 does not know
    /// AMD Zen 4/5 and falls back to its AVX2 "Haswell" kernels there; starting the process with
    /// OPENBLAS_CORETYPE=SkylakeX selects the AVX-512 ones (about 1.4× faster, docs/embeddings.md).
    public static var blasCore: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// A one-line hint when OpenBLAS runs slower kernels than the CPU supports (the CPU has AVX-512 but OpenBLAS
    /// chose AVX2 ones, as Debian's 0.3.21 does on AMD Zen 4/5 or when OPENBLAS_CORETYPE says so); nil otherwise.
    /// Meant for the operator log at start-up.
    public static var blasAdvice: String? {
        let core = blasCore
        guard !["SkylakeX", "Cooperlake", "SapphireRapids"].contains(core),
            let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
            cpuinfo.contains(" avx512f")
        else { return nil }
        return "OpenBLAS uses its \(core) kernels on a CPU with AVX-512: start Chorus with OPENBLAS_CORETYPE=SkylakeX "
            + "for about 1.8x faster sentence embeddings"
    }

    /// OpenBLAS's own thread count for the whole process. `init` sets 1 (`embed` parallelises across batches);
    /// the benchmark raises it to compare the two ways of using cores. Not for use while `embed` runs.
    public static func setBLASThreads(_ n: Int) { openblas_set_num_threads(Int32(max(1, n))) }

    /// Token count of each text after WordPiece, including [CLS] and [SEP] (what the model actually runs on).
    public func tokenCounts(_ texts: [String]) -> [Int] { texts.map { tokenizer.encode($0).count } }

    /// One unit vector per text, row-major: `texts.count × dimensions` floats. `threads` workers split the batches;
    /// `progress` gets 0…1 as batches finish (from worker threads).
    public func embed(_ texts: [String], threads: Int = 1, progress: (@Sendable (Double) -> Void)? = nil) -> [Float] {
        embed(tokenIDs: texts.map { tokenizer.encode($0) }, threads: threads, progress: progress)
    }

    /// One text's vector.
    public func embed(_ text: String) -> [Float] { embed([text]) }

    /// Embeds already tokenized sequences (`tokenizer.encode`).
    public func embed(tokenIDs: [[Int32]], threads: Int = 1, progress: (@Sendable (Double) -> Void)? = nil) -> [Float] {
        let n = tokenIDs.count
        var output = [Float](repeating: 0, count: n * dimensions)
        guard n > 0 else { progress?(1); return output }
        let limit = encoder.configuration.vocabularySize
        let ids = tokenIDs.map { seq in
            Array(seq.prefix(encoder.configuration.maxPositions)).map { $0 >= 0 && Int($0) < limit ? $0 : tokenizer.unkID }
        }
        // Batches: longest first (sorted by length so each worker's attention work is even), cut at a token budget
        // small enough that every thread gets work.
        let order = ids.indices.sorted { ids[$0].count > ids[$1].count }
        let total = ids.reduce(0) { $0 + $1.count }
        let workers = max(1, min(threads, n))
        let budget = max(1, min(tokensPerBatch, (total + workers - 1) / workers))
        var batches: [[Int]] = []
        var current: [Int] = []
        var size = 0
        for i in order {
            if !current.isEmpty && size + ids[i].count > budget {
                batches.append(current); current = []; size = 0
            }
            current.append(i)
            size += ids[i].count
        }
        if !current.isEmpty { batches.append(current) }

        let batchList = batches
        let queue = BatchQueue(count: batches.count, tokens: total, progress: progress)
        let model = self.encoder
        let dims = dimensions
        output.withUnsafeMutableBufferPointer { buffer in
            let out = SendablePointer(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: min(workers, batches.count)) { _ in
                let workspace = BertEncoder.Workspace()
                var pooled = [Float]()
                while let b = queue.next() {
                    let members = batchList[b]
                    pooled = [Float](repeating: 0, count: members.count * dims)
                    pooled.withUnsafeMutableBufferPointer { p in
                        model.encode(members.map { ids[$0] }, workspace: workspace, output: p.baseAddress!)
                    }
                    for (k, i) in members.enumerated() {
                        for j in 0..<dims { out.base[i * dims + j] = pooled[k * dims + j] }
                    }
                    queue.finished(tokens: members.reduce(0) { $0 + ids[$1].count })
                }
            }
        }
        return output
    }
}

/// Hands out batch numbers to workers and reports progress by tokens done.
private final class BatchQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var nextBatch = 0
    private var done = 0
    private let count: Int
    private let tokens: Int
    private let progress: (@Sendable (Double) -> Void)?

    init(count: Int, tokens: Int, progress: (@Sendable (Double) -> Void)?) {
        self.count = count
        self.tokens = max(1, tokens)
        self.progress = progress
    }

    func next() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard nextBatch < count else { return nil }
        nextBatch += 1
        return nextBatch - 1
    }

    func finished(tokens t: Int) {
        // Reported under the lock so the values a caller sees never go backwards.
        lock.lock(); defer { lock.unlock() }
        done += t
        progress?(min(1, Double(done) / Double(tokens)))
    }
}

/// Workers write disjoint rows of the output.
private struct SendablePointer: @unchecked Sendable {
    let base: UnsafeMutablePointer<Float>
}
