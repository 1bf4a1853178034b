import Foundation

/// Splits a text into lower-case words for theme discovery.
///
/// A word is a run of Unicode letters, with apostrophes inside it kept ("don't"; ’ and ʼ count as '); a trailing
/// possessive "'s" is dropped ("council's" → "council"). Digits, punctuation and symbols separate words, so numbers
/// are dropped ("covid19" → "covid"). A whitespace-separated chunk that is a web address ("://" in it, or starting
/// "www.") or has an @ in it (e-mail addresses, @mentions) is skipped whole. Words of one ASCII letter are dropped.
/// The placeholders that PII redaction leaves ("[name]", "[postcode]"…) are dropped.
/// `fold` turns plurals into the singular with a light suffix rule, which joins "parks" and "park" without a stemmer.
enum AnalysisTokeniser {
    /// The words of `text`, in order, stop words included (phrases need to know where they were).
    ///
    /// With `breaks`, an empty string stands where a phrase cannot continue: at sentence and clause punctuation
    /// (. , ; : ! ? brackets quotes slashes), at digits and at a skipped chunk, so "detected. Make sure" gives no
    /// phrase "detected make". Hyphens and apostrophes do not break ("anti-social" → "anti", "social").
    static func words(_ text: String, breaks: Bool = false) -> [String] {
        var text = text
        if text.utf8.contains(0x5B) {  // "[": the placeholders PIIRedactor leaves are not residents' words
            for placeholder in redactionPlaceholders { text = text.replacingOccurrences(of: placeholder, with: " ") }
        }
        return text.withUTF8 { bytes in words(utf8: bytes, breaks: breaks) }
    }

    static let redactionPlaceholders = ["[name]", "[email]", "[phone]", "[postcode]", "[NHS number]", "[NI number]", "[address]"]

    static func words(utf8 bytes: UnsafeBufferPointer<UInt8>, breaks: Bool = false) -> [String] {
        var result: [String] = []
        var word: [UInt8] = []
        word.reserveCapacity(32)
        let n = bytes.count
        var start = 0
        while start < n {
            while start < n, isSpace(bytes[start]) { start += 1 }
            var end = start
            var skip = false
            while end < n, !isSpace(bytes[end]) {
                let b = bytes[end]
                if b == 0x40 {
                    skip = true
                }  // @
                else if b == 0x3A, end + 2 < n, bytes[end + 1] == 0x2F, bytes[end + 2] == 0x2F {
                    skip = true
                }  // ://
                end += 1
            }
            if !skip && !startsWithWWW(bytes, start, end) {
                chunkWords(bytes, start, end, into: &result, word: &word, breaks: breaks)
            } else if breaks && start < end && result.last?.isEmpty == false {
                result.append("")
            }
            start = end
        }
        return result
    }

    private static func chunkWords(
        _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
        into result: inout [String], word: inout [UInt8], breaks: Bool
    ) {
        var pendingApostrophe = false
        func phraseBreak() {
            if breaks, let last = result.last, !last.isEmpty { result.append("") }
        }
        func finish() {
            pendingApostrophe = false
            guard !word.isEmpty else { return }
            if word.count > 2, word[word.count - 1] == 0x73, word[word.count - 2] == 0x27 { word.removeLast(2) }  // 's
            if !(word.count == 1 && word[0] < 0x80) { result.append(String(decoding: word, as: UTF8.self)) }
            word.removeAll(keepingCapacity: true)
        }
        var i = start
        while i < end {
            let b = bytes[i]
            if b < 0x80 {
                if (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) {
                    if pendingApostrophe { word.append(0x27); pendingApostrophe = false }
                    word.append(b | 0x20)
                } else if b == 0x27 {
                    if !word.isEmpty { pendingApostrophe = true }
                } else if b == 0x26, let skip = entityLength(bytes, i, end) {  // &amp; &quot; …: not words
                    finish()
                    i += skip
                    continue
                } else {
                    finish()
                    if b != 0x2D && b != 0x5F { phraseBreak() }  // - and _ join, everything else breaks
                }
                i += 1
                continue
            }
            let (scalar, length) = decode(bytes, at: i, end: end)
            defer { i += length }
            guard let scalar else { finish(); continue }
            if scalar.value == 0x2019 || scalar.value == 0x02BC {  // ’ ʼ
                if !word.isEmpty { pendingApostrophe = true }
                continue
            }
            let properties = scalar.properties
            if properties.isAlphabetic {
                if pendingApostrophe { word.append(0x27); pendingApostrophe = false }
                if properties.changesWhenLowercased {
                    word.append(contentsOf: properties.lowercaseMapping.utf8)
                } else {
                    for k in 0..<length { word.append(bytes[i + k]) }
                }
            } else {
                finish()
                phraseBreak()
            }
        }
        finish()
    }

    /// Length of an HTML entity ("&amp;", "&#39;") starting at i, if there is one.
    private static func entityLength(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int? {
        var j = i + 1
        while j < end, j - i <= 8, (bytes[j] | 0x20 >= 0x61 && bytes[j] | 0x20 <= 0x7A) || (bytes[j] >= 0x30 && bytes[j] <= 0x39) || bytes[j] == 0x23
        {
            j += 1
        }
        return j < end && bytes[j] == 0x3B && j > i + 1 ? j - i + 1 : nil
    }

    /// Light plural folding: "bins" → "bin", "councils" → "council", "libraries" → "library", "buses" → "bus",
    /// "churches" → "church". Words of three letters or fewer, words ending in "ss", "us", "is", and a short list of
    /// words that only look plural ("news", "politics", "series") are left alone.
    static func fold(_ word: String) -> String {
        let u = Array(word.utf8)
        let n = u.count
        guard n > 3, u[n - 1] == 0x73, !notPlural.contains(word) else { return word }  // s
        let p = u[n - 2]
        if p == 0x73 || p == 0x75 || p == 0x69 || p == 0x27 { return word }  // ss us is
        if n > 5, p == 0x65, u[n - 3] == 0x69 {  // ies → y
            return String(decoding: u[0..<(n - 3)] + [0x79], as: UTF8.self)
        }
        if p == 0x65 {  // buses, boxes, churches, wishes → drop "es"; other "-es" (homes, issues) → drop "s"
            let q = u[n - 3]
            if q == 0x78 || (q == 0x68 && (u[n - 4] == 0x63 || u[n - 4] == 0x73)) || (q == 0x73 && u[n - 4] == 0x75) {
                return String(decoding: u[0..<(n - 2)], as: UTF8.self)
            }
        }
        return String(decoding: u[0..<(n - 1)], as: UTF8.self)
    }

    static let notPlural: Set<String> = [
        "news", "lens", "yes", "thus", "series", "species", "politics", "physics", "economics", "mathematics", "maths",
        "athletics", "always", "perhaps", "whereas", "towards", "afterwards", "upstairs", "downstairs", "indoors",
        "outdoors", "overseas", "sometimes", "headquarters", "means", "ethics", "graphics", "diabetes", "measles",
    ]

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D }

    private static func startsWithWWW(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var i = start
        while i < end, bytes[i] < 0x80, !((bytes[i] | 0x20) >= 0x61 && (bytes[i] | 0x20) <= 0x7A) { i += 1 }
        guard end - i >= 4 else { return false }
        return bytes[i] | 0x20 == 0x77 && bytes[i + 1] | 0x20 == 0x77 && bytes[i + 2] | 0x20 == 0x77 && bytes[i + 3] == 0x2E
    }

    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> (Unicode.Scalar?, Int) {
        let b0 = UInt32(bytes[i])
        func cont(_ k: Int) -> UInt32? {
            guard i + k < end else { return nil }
            let b = bytes[i + k]
            return b & 0xC0 == 0x80 ? UInt32(b & 0x3F) : nil
        }
        if b0 & 0xE0 == 0xC0, let c1 = cont(1) { return (Unicode.Scalar(((b0 & 0x1F) << 6) | c1), 2) }
        if b0 & 0xF0 == 0xE0, let c1 = cont(1), let c2 = cont(2) {
            return (Unicode.Scalar(((b0 & 0x0F) << 12) | (c1 << 6) | c2), 3)
        }
        if b0 & 0xF8 == 0xF0, let c1 = cont(1), let c2 = cont(2), let c3 = cont(3) {
            return (Unicode.Scalar(((b0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3), 4)
        }
        return (nil, 1)
    }
}
