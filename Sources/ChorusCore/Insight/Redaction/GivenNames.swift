import Foundation

/// The given-name list (`GivenNamesData.swift`) as a table keyed by the lower-cased UTF-8 bytes of a name, built
/// once on first use. A lookup packs the word's bytes into two integers and hashes them: no `String` is made
/// unless the word has non-ASCII letters.
enum GivenNames {
    /// How much a capitalised word that is a given name says on its own.
    enum Kind: UInt8 {
        /// Almost only a name: "Sarah", "Mohammed", "Łukasz".
        case plain
        /// Also an ordinary word ("Grace", "Will", "Amber"): a name inside a sentence, where the word would be
        /// lower case; at the start of a sentence only with a surname or "said", "told" … after it.
        case wordLike
        /// Also a month, place or other proper noun ("May", "Jordan", "Victoria"): only with a surname or
        /// "said", "told" … after it.
        case properNounLike
    }

    struct Entry: Equatable {
        var kind: Kind
        /// "Will", "May", "Hope": before another given name it is a verb, not part of the name.
        var verbLike = false
        /// "Albert", "Victoria": "Albert Park" and "Victoria Hall" are places.
        var commemorative = false
    }

    struct Key: Hashable {
        var a: UInt64 = 0
        var b: UInt64 = 0

        /// Packs up to 16 bytes; nil for longer words (no name in the list is longer).
        init?(_ bytes: some Sequence<UInt8>) {
            var i = 0
            for byte in bytes {
                guard i < 16 else { return nil }
                let v = UInt64(byte &- 0x41 < 26 ? byte | 0x20 : byte)
                if i < 8 { a |= v << (8 * UInt64(i)) } else { b |= v << (8 * UInt64(i - 8)) }
                i += 1
            }
        }
    }

    static let table: [Key: Entry] = {
        var table: [Key: Entry] = [:]
        func add(_ names: String, _ update: (inout Entry) -> Void, kind: Kind) {
            for name in names.split(whereSeparator: \.isWhitespace) {
                guard let key = Key(name.lowercased().utf8) else { continue }
                var entry = table[key] ?? Entry(kind: kind)
                update(&entry)
                table[key] = entry
            }
        }
        for group in groups { add(group.names, { _ in }, kind: .plain) }
        add(wordLike, { $0.kind = .wordLike }, kind: .wordLike)
        add(properNounLike, { $0.kind = .properNounLike }, kind: .properNounLike)
        add(verbLike, { $0.verbLike = true }, kind: .wordLike)
        add(commemorative, { $0.commemorative = true }, kind: .plain)
        return table
    }()

    /// The entry for the word `s..<e` of `t`, compared without case.
    static func lookup(_ t: PIIText, _ s: Int, _ e: Int) -> Entry? {
        guard e - s >= 2, e - s <= 16 else { return nil }
        var ascii = true
        for i in s..<e where t[i] >= 0x80 {
            ascii = false
            break
        }
        if ascii {
            return Key(UnsafeBufferPointer(start: t.p + s, count: e - s)).flatMap { table[$0] }
        }
        return Key(t.string(s, e).lowercased().utf8).flatMap { table[$0] }
    }
}
