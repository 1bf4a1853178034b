import Foundation

/// BERT's uncased WordPiece tokenizer, as Hugging Face `tokenizers` runs it for all-MiniLM-L6-v2
/// (BertNormalizer → BertPreTokenizer → WordPiece → `[CLS] … [SEP]`), written from `vocab.txt`:
///
/// 1. Clean: drop NUL, U+FFFD and control/format/unassigned characters (Unicode category C*, except tab, newline
///    and carriage return); every White_Space character becomes a space.
/// 2. CJK: put spaces around each CJK ideograph so each is its own word.
/// 3. Strip accents (NFD, then drop nonspacing marks, category Mn), then lower-case (per character, full mapping).
/// 4. Split on whitespace, and split every punctuation character (ASCII punctuation or Unicode P*) into its own word.
/// 5. WordPiece: greedy longest match from the left, continuation pieces prefixed `##`; a word longer than 100
///    characters, or one with a part no piece matches, becomes `[UNK]`.
/// 6. Truncate to `maxTokens` including `[CLS]` and `[SEP]`. No padding: the model batches by length itself.
public struct WordPieceTokenizer: Sendable {
    public let maxTokens: Int
    public let maxCharactersPerWord = 100
    public let clsID: Int32
    public let sepID: Int32
    public let unkID: Int32
    public let padID: Int32
    public var vocabularySize: Int { vocabulary.count }

    /// Keys are UTF-8 bytes, not `String`: Swift compares strings by canonical equivalence, the vocabulary does not.
    private let vocabulary: [[UInt8]: Int32]

    public init(vocabularyURL: URL, maxTokens: Int = 256) throws {
        let text: String
        do {
            text = try String(contentsOf: vocabularyURL, encoding: .utf8)
        } catch {
            throw EmbeddingError.unreadable(
                file: vocabularyURL.path,
                reason: FileManager.default.fileExists(atPath: vocabularyURL.path)
                    ? "not UTF-8 text" : "no such file")
        }
        var tokens = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        if tokens.last == "" { tokens.removeLast() }
        try self.init(tokens: tokens, maxTokens: maxTokens, source: vocabularyURL.path)
    }

    /// `tokens[i]` has id `i`, as in vocab.txt.
    public init(tokens: [String], maxTokens: Int = 256, source: String = "vocabulary") throws {
        var vocabulary: [[UInt8]: Int32] = [:]
        vocabulary.reserveCapacity(tokens.count)
        for (i, token) in tokens.enumerated() where vocabulary[Array(token.utf8)] == nil {
            vocabulary[Array(token.utf8)] = Int32(i)
        }
        func id(_ token: String) throws -> Int32 {
            guard let id = vocabulary[Array(token.utf8)] else {
                throw EmbeddingError.badConfiguration(file: source, detail: "the vocabulary has no \(token) token")
            }
            return id
        }
        guard maxTokens >= 2 else {
            throw EmbeddingError.badConfiguration(file: source, detail: "maxTokens \(maxTokens) leaves no room for [CLS] and [SEP]")
        }
        self.vocabulary = vocabulary
        self.maxTokens = maxTokens
        self.clsID = try id("[CLS]")
        self.sepID = try id("[SEP]")
        self.unkID = try id("[UNK]")
        self.padID = vocabulary[Array("[PAD]".utf8)] ?? 0
    }

    /// Token ids of `text`: `[CLS]`, at most `maxTokens - 2` word pieces, `[SEP]`.
    public func encode(_ text: String) -> [Int32] {
        var ids: [Int32] = [clsID]
        let budget = maxTokens - 1
        outer: for word in words(text) {
            for piece in wordPieces(word) {
                if ids.count >= budget { break outer }
                ids.append(piece)
            }
        }
        ids.append(sepID)
        return ids
    }

    /// The word-piece strings of `text` without `[CLS]`/`[SEP]` (for tests and diagnostics).
    public func tokenize(_ text: String) -> [String] {
        var reverse: [Int32: String] = [:]
        for (k, v) in vocabulary { reverse[v] = String(decoding: k, as: UTF8.self) }
        return words(text).flatMap { wordPieces($0) }.map { reverse[$0] ?? "[UNK]" }
    }

    // MARK: - Basic tokenizer (normalise and pre-tokenize)

    /// The normalised words of `text`, each as Unicode scalars.
    func words(_ text: String) -> [[Unicode.Scalar]] {
        // 1–2: clean and space out CJK ideographs.
        var cleaned: [Unicode.Scalar] = []
        cleaned.reserveCapacity(text.unicodeScalars.count)
        for s in text.unicodeScalars {
            if s.value == 0 || s.value == 0xFFFD || Self.isControl(s) { continue }
            if Self.isWhitespace(s) {
                cleaned.append(" ")
            } else if Self.isCJK(s.value) {
                cleaned.append(" "); cleaned.append(s); cleaned.append(" ")
            } else {
                cleaned.append(s)
            }
        }
        // 3: NFD, drop nonspacing marks, lower-case.
        var scalarString = String.UnicodeScalarView()
        scalarString.append(contentsOf: cleaned)
        let decomposed = String(scalarString).decomposedStringWithCanonicalMapping
        var normal: [Unicode.Scalar] = []
        normal.reserveCapacity(cleaned.count)
        for s in decomposed.unicodeScalars where s.properties.generalCategory != .nonspacingMark {
            if s.isASCII {
                normal.append(s.value >= 65 && s.value <= 90 ? Unicode.Scalar(s.value + 32)! : s)
            } else {
                normal.append(contentsOf: s.properties.lowercaseMapping.unicodeScalars)
            }
        }
        // 4: whitespace and punctuation split.
        var words: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        for s in normal {
            if Self.isWhitespace(s) {
                if !current.isEmpty { words.append(current); current = [] }
            } else if Self.isPunctuation(s) {
                if !current.isEmpty { words.append(current); current = [] }
                words.append([s])
            } else {
                current.append(s)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    // MARK: - WordPiece

    func wordPieces(_ word: [Unicode.Scalar]) -> [Int32] {
        if word.count > maxCharactersPerWord { return [unkID] }
        // UTF-8 bytes of the word and the byte offset where each character starts.
        var bytes: [UInt8] = []
        var starts: [Int] = []
        for s in word {
            starts.append(bytes.count)
            bytes.append(contentsOf: UTF8.encode(s)!)
        }
        starts.append(bytes.count)
        var pieces: [Int32] = []
        var start = 0
        var key: [UInt8] = []
        while start < word.count {
            var end = word.count
            var found: Int32?
            while end > start {
                key.removeAll(keepingCapacity: true)
                if start > 0 { key.append(0x23); key.append(0x23) }  // "##"
                key.append(contentsOf: bytes[starts[start]..<starts[end]])
                if let id = vocabulary[key] { found = id; break }
                end -= 1
            }
            guard let id = found else { return [unkID] }
            pieces.append(id)
            start = end
        }
        return pieces
    }

    // MARK: - Character classes (as in tokenizers' bert normalizer and pre-tokenizer)

    @inline(__always) static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09, 0x0A, 0x0D: return true
        case 0..<0x80: return false
        default: return s.properties.isWhitespace
        }
    }

    @inline(__always) static func isControl(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09, 0x0A, 0x0D: return false
        case 0x20..<0x7F: return false
        default:
            switch s.properties.generalCategory {
            case .control, .format, .surrogate, .privateUse, .unassigned: return true
            default: return false
            }
        }
    }

    @inline(__always) static func isPunctuation(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if (33...47).contains(v) || (58...64).contains(v) || (91...96).contains(v) || (123...126).contains(v) { return true }
        if v < 0x80 { return false }
        switch s.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation:
            return true
        default: return false
        }
    }

    @inline(__always) static func isCJK(_ v: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x20000...0x2A6DF).contains(v)
            || (0x2A700...0x2B73F).contains(v) || (0x2B740...0x2B81F).contains(v) || (0x2B820...0x2CEAF).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0x2F800...0x2FA1F).contains(v)
    }
}
