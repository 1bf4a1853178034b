import Foundation
import Testing
@testable import ChorusCore

@Suite struct TrimTests {
    @Test func sameSetsAsFoundationForEveryScalar() {
        var differ: [String] = []
        for v in UInt32(0)...0x10FFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            if Trim.isSpace(s, newlines: true) != CharacterSet.whitespacesAndNewlines.contains(s)
                || Trim.isSpace(s, newlines: false) != CharacterSet.whitespaces.contains(s)
            {
                differ.append("U+" + String(v, radix: 16))
            }
        }
        #expect(differ.isEmpty)
    }

    @Test func sameResultsAsFoundation() {
        let samples = [
            "", " ", "\t\r\n", "abc", "  abc  ", "\u{FEFF}abc", "\r\nline one\nline two\r\n", "\u{00A0}café\u{3000}", "\u{200B}x\u{2028}",
            " \u{301}é ", "a b", "  ", "x\u{85}", "\u{1F600} ", "\n\n\n",
        ]
        for s in samples {
            #expect(s.trimmedWhitespaceAndNewlines == s.trimmingCharacters(in: .whitespacesAndNewlines), "\(s.debugDescription)")
            #expect(s.trimmedWhitespace == s.trimmingCharacters(in: .whitespaces), "\(s.debugDescription)")
            #expect(s.dropFirst(0).trimmedWhitespace == s.trimmingCharacters(in: .whitespaces))
        }
    }
}

@Suite struct ImportCodesTests {
    @Test func codesTableAnswersLikeCodeAmong() {
        let options = EqualityMonitoring.ethnicGroup.options.map { ($0.code, $0.label) } + [("x1", "Élan vital"), ("x2", "ÉLAN VITAL")]
        let table = ActivityImport.Codes(options)
        let cells = [
            "Indian", "indian", "asian_indian", "ASIAN INDIAN", " Prefer not to say ", "Pakistani!", "White and Black African",
            "élan vital", "Elan vital", "", "nothing like it", "Any other White background", "any-other-white-background",
        ]
        for c in cells { #expect(table.code(c) == ActivityImport.code(c, among: options), "\(c)") }
        #expect(table.code("asian indian") == "asian_indian")
        #expect(table.code("élan VITAL") == "x1")
    }

    @Test func squashKeepsLowercasedLettersAndDigits() {
        #expect(ActivityImport.squash("25 to 29") == "25to29")
        #expect(ActivityImport.squash("Yes, 9 hours a week or less") == "yes9hoursaweekorless")
        #expect(ActivityImport.squash("Café Ünïcode") == "caféünïcode")
        #expect(ActivityImport.isoDate("1/3/2026") == "2026-03-01")
        #expect(ActivityImport.isoDate("31/02/2026") == nil)
        #expect(ActivityImport.isoDate("01/13/2026") == nil)
        #expect(ActivityImport.isoDate("-1/03/2026") == nil)
    }
}
