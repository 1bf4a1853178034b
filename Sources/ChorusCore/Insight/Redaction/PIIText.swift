import Foundation

/// Read-only view of a comment's UTF-8 bytes for the pattern matchers. Every accessor is safe past either end
/// (reads there give 0), so matchers can look ahead and behind without bounds checks of their own.
struct PIIText {
    let p: UnsafePointer<UInt8>
    let n: Int

    @inline(__always) subscript(_ i: Int) -> UInt8 { i >= 0 && i < n ? p[i] : 0 }

    @inline(__always) func isDigit(_ i: Int) -> Bool { self[i] &- 0x30 < 10 }
    @inline(__always) func isUpper(_ i: Int) -> Bool { self[i] &- 0x41 < 26 }
    @inline(__always) func isLower(_ i: Int) -> Bool { self[i] &- 0x61 < 26 }
    @inline(__always) func isAlpha(_ i: Int) -> Bool { (self[i] | 0x20) &- 0x61 < 26 }
    @inline(__always) func isAlnum(_ i: Int) -> Bool { isDigit(i) || isAlpha(i) }
    @inline(__always) func lower(_ i: Int) -> UInt8 { let b = self[i]; return b &- 0x41 < 26 ? b | 0x20 : b }
    @inline(__always) func upper(_ i: Int) -> UInt8 { let b = self[i]; return b &- 0x61 < 26 ? b & 0xDF : b }
    /// Space or tab (not a line break).
    @inline(__always) func isBlank(_ i: Int) -> Bool { let b = self[i]; return b == 0x20 || b == 0x09 }
    @inline(__always) func isSpace(_ i: Int) -> Bool { let b = self[i]; return b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    // MARK: Unicode scalars (only on the rare non-ASCII paths)

    /// The scalar whose first byte is at `i`, and its length in bytes.
    func scalar(at i: Int) -> (value: UInt32, length: Int) {
        let b0 = UInt32(self[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 >> 5 == 0b110 { return ((b0 & 0x1F) << 6 | UInt32(self[i + 1] & 0x3F), 2) }
        if b0 >> 4 == 0b1110 { return ((b0 & 0x0F) << 12 | UInt32(self[i + 1] & 0x3F) << 6 | UInt32(self[i + 2] & 0x3F), 3) }
        return ((b0 & 0x07) << 18 | UInt32(self[i + 1] & 0x3F) << 12 | UInt32(self[i + 2] & 0x3F) << 6 | UInt32(self[i + 3] & 0x3F), 4)
    }

    /// Start of the scalar that ends just before `i`.
    func scalarStart(before i: Int) -> Int {
        var s = i - 1
        while s > 0 && self[s] & 0xC0 == 0x80 { s -= 1 }
        return s
    }

    static func isLetterLike(_ v: UInt32) -> Bool {
        guard let u = Unicode.Scalar(v) else { return false }
        if u.properties.isAlphabetic { return true }
        switch u.properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    static func isUppercase(_ v: UInt32) -> Bool { Unicode.Scalar(v)?.properties.isUppercase ?? false }

    /// A letter, digit or mark (of any script) starts at `i`.
    func isWordChar(at i: Int) -> Bool {
        let b = self[i]
        if b < 0x80 { return isAlnum(i) }
        return Self.isLetterLike(scalar(at: i).value)
    }

    /// Nothing word-like ends just before `i`.
    func boundaryBefore(_ i: Int) -> Bool {
        if i <= 0 { return true }
        let b = self[i - 1]
        if b < 0x80 { return !isAlnum(i - 1) }
        return !Self.isLetterLike(scalar(at: scalarStart(before: i)).value)
    }

    /// Nothing word-like starts at `i`.
    @inline(__always) func boundaryAfter(_ i: Int) -> Bool { i >= n || !isWordChar(at: i) }

    /// The curly apostrophe U+2019 (E2 80 99) starts at `i`.
    @inline(__always) func isCurlyApostrophe(_ i: Int) -> Bool { self[i] == 0xE2 && self[i + 1] == 0x80 && self[i + 2] == 0x99 }

    // MARK: Words

    /// End of the run of ASCII letters and digits from `i`.
    @inline(__always) func alnumEnd(_ i: Int) -> Int {
        var j = i
        while j < n && isAlnum(j) { j += 1 }
        return j
    }

    /// End of the run of ASCII digits from `i`.
    @inline(__always) func digitsEnd(_ i: Int) -> Int {
        var j = i
        while j < n && isDigit(j) { j += 1 }
        return j
    }

    /// End of a word of ASCII letters from `i` that may contain apostrophes (' or ’) between letters: "I'm", "name’s".
    func letterWordEnd(_ i: Int) -> Int {
        var j = i
        while j < n {
            if isAlpha(j) { j += 1; continue }
            if self[j] == 0x27 && isAlpha(j + 1) && j > i { j += 1; continue }
            if isCurlyApostrophe(j) && isAlpha(j + 3) && j > i { j += 3; continue }
            break
        }
        return j
    }

    /// Skips spaces and tabs.
    @inline(__always) func skipBlanks(_ i: Int) -> Int {
        var j = i
        while j < n && isBlank(j) { j += 1 }
        return j
    }

    /// Skips spaces, tabs and line breaks.
    @inline(__always) func skipSpaces(_ i: Int) -> Int {
        var j = i
        while j < n && isSpace(j) { j += 1 }
        return j
    }

    /// The bytes `s..<e`, compared without ASCII case with `word` (written in lower case; ’ matches ').
    func equals(_ s: Int, _ e: Int, _ word: StaticString) -> Bool {
        let w = word.utf8Start
        let count = word.utf8CodeUnitCount
        var i = s, k = 0
        while i < e && k < count {
            if isCurlyApostrophe(i) && w[k] == 0x27 { i += 3; k += 1; continue }
            if lower(i) != w[k] { return false }
            i += 1; k += 1
        }
        return i == e && k == count
    }

    /// `s..<e` is one of `words` (lower case).
    func isOneOf(_ s: Int, _ e: Int, _ words: [StaticString]) -> Bool {
        let length = e - s
        let first = lower(s)
        guard length > 0 else { return false }
        for w in words where w.utf8Start[0] == first && equals(s, e, w) { return true }
        return false
    }

    /// The text before `i` (up to `window` bytes) contains `needle` (lower case) starting at a word boundary.
    func precededBy(_ i: Int, within window: Int, _ needle: StaticString) -> Bool {
        let w = needle.utf8Start
        let m = needle.utf8CodeUnitCount
        var s = max(0, i - window)
        while s + m <= i {
            if lower(s) == w[0] && boundaryBefore(s) {
                var k = 1
                while k < m && lower(s + k) == w[k] { k += 1 }
                if k == m { return true }
            }
            s += 1
        }
        return false
    }

    /// Up to `count` words (ASCII letters) before `i`, nearest first, skipping spaces and light punctuation.
    func previousWords(before i: Int, count: Int) -> [Range<Int>] {
        var words: [Range<Int>] = []
        var j = i
        while words.count < count {
            while j > 0 && !isAlnum(j - 1) {
                let b = self[j - 1]
                guard b == 0x20 || b == 0x09 || b == 0x3A || b == 0x23 || b == 0x2E || b == 0x2D || b == 0x0A || b == 0x2C else { return words }
                j -= 1
            }
            guard j > 0 else { return words }
            var s = j
            while s > 0 && isAlnum(s - 1) { s -= 1 }
            words.append(s..<j)
            j = s
        }
        return words
    }

    func string(_ s: Int, _ e: Int) -> String { String(decoding: UnsafeBufferPointer(start: p + s, count: e - s), as: UTF8.self) }

    func upperString(_ s: Int, _ e: Int) -> String {
        var bytes = [UInt8](repeating: 0, count: e - s)
        for i in s..<e { bytes[i - s] = upper(i) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension PIIText {
    /// End of a word of letters of any script from `i`, with apostrophes (' ’) and hyphens between letters:
    /// "O'Brien", "Smith-Jones", "Łukasz", "Zoë".
    func nameWordEnd(_ i: Int) -> Int {
        var j = i
        while j < n {
            let b = self[j]
            if (b | 0x20) &- 0x61 < 26 { j += 1; continue }
            if b >= 0x80 {
                if isCurlyApostrophe(j) && j > i && isLetter(at: j + 3) { j += 3; continue }
                let (v, length) = scalar(at: j)
                if Self.isLetterLike(v) && !(v >= 0x2000 && v <= 0x206F) { j += length; continue }
                break
            }
            if (b == 0x27 || b == 0x2D) && j > i && isLetter(at: j + 1) { j += 1; continue }
            break
        }
        return j
    }

    /// A capital letter (any script) starts at `i`.
    func isCapital(at i: Int) -> Bool {
        let b = self[i]
        if b < 0x80 { return isUpper(i) }
        return Self.isUppercase(scalar(at: i).value)
    }

    /// Length in bytes of the scalar at `i`.
    func scalarLength(at i: Int) -> Int { self[i] < 0x80 ? 1 : scalar(at: i).length }

    /// A letter (any script) starts at `i`.
    func isLetter(at i: Int) -> Bool {
        let b = self[i]
        if b < 0x80 { return isAlpha(i) }
        return Unicode.Scalar(scalar(at: i).value)?.properties.isAlphabetic ?? false
    }
}
