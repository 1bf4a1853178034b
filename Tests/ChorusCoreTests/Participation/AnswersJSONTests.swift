import Foundation
import Testing
@testable import ChorusCore

/// The fast reader of stored answers gives exactly what JSONDecoder gives, or nil (never something else).
struct AnswersJSONTests {
    @Test func readsWhatTheEncoderWrites() throws {
        let samples: [[String: [String]]] = [
            [:], ["q1": []], ["q1": ["Yes"], "q3": ["Books", "Events"], "q3#other": ["Chess \"club\""]],
            ["q2": ["Line one\nline two\ttab \\ back/slash", "émoji 🎉 اردو", "\u{1}control", ""]],
        ]
        let enc = JSONEncoder()
        for s in samples {
            for format in [JSONEncoder.OutputFormatting.sortedKeys, [.sortedKeys, .prettyPrinted], [.withoutEscapingSlashes]] {
                enc.outputFormatting = format
                let text = String(decoding: try enc.encode(s), as: UTF8.self)
                #expect(AnswersJSON.decode(text) == s, "\(text)")
            }
        }
    }

    @Test func agreesWithJSONDecoderOnGeneratedText() {
        var rng = SeededRandom(state: 42)
        let pieces = [
            "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u00e9", "\\ud83c\\udf89", "\\ud83c", "\\n", "q1", "Yes", " ", "é", "1", "null", "\u{7}",
        ]
        var agreed = 0
        for _ in 0..<5_000 {
            var text = "{\"q\":[\""
            for _ in 0..<rng.int(0...12) { text += rng.pick(pieces) }
            if rng.int(0...1) == 0 { text += "\"]}" }
            let fast = AnswersJSON.decode(text)
            let slow = try? JSONDecoder().decode([String: [String]].self, from: Data(text.utf8))
            if let fast { #expect(fast == slow, "\(text)"); agreed += 1 }
        }
        #expect(agreed > 100, "some generated texts are valid")
    }

    @Test func refusesOtherShapes() {
        for text in ["", "[]", "{\"q\":\"x\"}", "{\"q\":[1]}", "{\"q\":[\"x\"]} x", "{\"q\":[\"x\",]}", "{\"q\":[\"\\x\"]}"] {
            #expect(AnswersJSON.decode(text) == nil, "\(text)")
        }
    }
}
