import Foundation
import Testing

@testable import ChorusCore

/// Names in running text, measured on a labelled set of resident comments (Fixtures/redaction-names.tsv) and
/// checked on the hard cases one by one.
@Suite struct RedactionNameSetTests {
    struct Labelled {
        let split: String
        let text: String
        /// UTF-8 byte ranges of the names that must go.
        let names: [Range<Int>]
    }

    static func load() throws -> [Labelled] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/redaction-names.tsv")
        var rows: [Labelled] = []
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2 else { continue }
            var bytes: [UInt8] = [], names: [Range<Int>] = [], open: Int?
            for b in parts[1].replacingOccurrences(of: "\\n", with: "\n").utf8 {
                if b == UInt8(ascii: "{") {
                    open = bytes.count
                } else if b == UInt8(ascii: "}"), let start = open {
                    names.append(start..<bytes.count)
                    open = nil
                } else {
                    bytes.append(b)
                }
            }
            rows.append(Labelled(split: String(parts[0]), text: String(decoding: bytes, as: UTF8.self), names: names))
        }
        return rows
    }

    struct Score {
        var found = 0, gold = 0, correct = 0, predicted = 0
        var recall: Double { gold == 0 ? 1 : Double(found) / Double(gold) }
        var precision: Double { predicted == 0 ? 1 : Double(correct) / Double(predicted) }
    }

    /// A gold name counts as found when name redactions cover all of it; a name redaction counts as correct when
    /// it lies inside a gold name (so "Will Sarah" for "Sarah" is wrong, and "Sarah" for "Sarah Jones" is a miss).
    static func score(_ rows: [Labelled]) -> (score: Score, misses: [String], wrong: [String]) {
        var s = Score()
        var misses: [String] = [], wrong: [String] = []
        for row in rows {
            let found = PIIRedactor.redact(row.text).redactions.filter { $0.kind == .name }.map(\.utf8Range)
            let bytes = Array(row.text.utf8)
            for g in row.names {
                s.gold += 1
                if found.contains(where: { $0.lowerBound <= g.lowerBound && g.upperBound <= $0.upperBound }) {
                    s.found += 1
                } else {
                    misses.append("\(String(decoding: bytes[g], as: UTF8.self)) in: \(row.text)")
                }
            }
            for f in found {
                s.predicted += 1
                if row.names.contains(where: { $0.lowerBound <= f.lowerBound && f.upperBound <= $0.upperBound }) {
                    s.correct += 1
                } else {
                    wrong.append("\(String(decoding: bytes[f], as: UTF8.self)) in: \(row.text)")
                }
            }
        }
        return (s, misses, wrong)
    }

    /// Floors: 0.9 recall and precision on each part. Without name detection in running text (cues and titles
    /// only) recall on this set is 0.33 (0.41 dev, 0.30 held, 0.24 held2; measured), so the recall floor fails if
    /// it is switched off; the precision floor fails if it takes capitalised words, streets, months or "Will"
    /// freely. The untouched first scores of the held-out parts are in the fixture's header and docs/redaction.md.
    @Test func precisionAndRecallOnTheLabelledSet() throws {
        let rows = try Self.load()
        #expect(rows.count >= 200)
        #expect(rows.filter { $0.names.isEmpty }.count >= 50, "hard negatives: comments with no name at all")
        for split in ["dev", "held", "held2", "all"] {
            let part = split == "all" ? rows : rows.filter { $0.split == split }
            let (s, misses, wrong) = Self.score(part)
            print(
                String(
                    format: "redaction names [%@]: %d comments, %d names; recall %.3f (%d/%d), precision %.3f (%d/%d)", split,
                    part.count, s.gold, s.recall, s.found, s.gold, s.precision, s.correct, s.predicted))
            for m in misses { print("  missed: \(m)") }
            for w in wrong { print("  wrongly taken: \(w)") }
            #expect(s.recall >= 0.9, "\(split) recall \(s.recall)")
            #expect(s.precision >= 0.9, "\(split) precision \(s.precision)")
        }
    }

    @Test func redactingTheSetTwiceChangesNothing() throws {
        for row in try Self.load() {
            let once = PIIRedactor.redact(row.text).text
            #expect(PIIRedactor.redact(once).text == once, "\(row.text)")
        }
    }

    @Test func namesInRunningText() {
        #expect(piiRedacted("Sarah Jones was not told about the survey") == "[name] was not told about the survey")
        #expect(piiFound("I spoke to Mohammed Al-Hassan yesterday") == ["name:Mohammed Al-Hassan"])
        #expect(piiFound("ask Abdi bin Ali at the mosque") == ["name:Abdi bin Ali"])
        #expect(piiFound("Łukasz Nowak's van blocks the drive") == ["name:Łukasz Nowak"])
        #expect(piiFound("Zoë said no") == ["name:Zoë"])
        #expect(piiFound("we saw Anne-Marie and Kerry-Ann") == ["name:Anne-Marie", "name:Kerry-Ann"])
        #expect(piiFound("Sarah J. Jones rang") == ["name:Sarah J. Jones"])
        #expect(piiFound("Grace said it was fine") == ["name:Grace"], "a word-like name with a verb of speech")
        #expect(piiFound("the kids love it and Ruby goes every week") == ["name:Ruby"], "word-like inside a sentence")
        #expect(piiFound("Will Thompson fixed it") == ["name:Will Thompson"])
        #expect(piiFound("Will Sarah get a reply?") == ["name:Sarah"])
        #expect(piiFound("a lady called Grace came round") == ["name:Grace"])
        #expect(piiFound("a man named Ezekiel took the form") == ["name:Ezekiel"], "any name after a person word")
        #expect(piiRedacted("Sarah's son") == "[name]'s son")
    }

    @Test func wordsPlacesAndOrganisationsThatContainNamesStay() {
        let negatives = [
            "Will the council fix it?", "Will Harbourside Homes fix it?", "May I ask why", "In May the bins were late",
            "since June last year", "April showers", "Mark my words", "Hope Street is a rat run", "Grace is key",
            "Faith groups help", "Amber warning for rain", "Victoria Road floods", "the Victoria line",
            "Victoria station", "St Mary's school", "Mary Seacole House", "Alexandra Park", "Albert Hall",
            "King George's Field", "Queen Elizabeth Hospital", "in Jordan and Syria", "Christian Aid week",
            "John Lewis", "Marie Curie nurses", "Storm Ciarán", "May Bank Holiday", "the Albert pub",
            "Chelsea fans", "Frank discussions", "Rose Court", "SARAH", "sarah@example.com",
            "a street called Brickfields", "I called Harbourside Homes", "Jack Russells bark",
        ]
        for text in negatives { #expect(piiFound(text).filter { $0.hasPrefix("name:") } == [], "\(text)") }
    }

    @Test func theNameListHasNoRepeats() {
        var seen: [String: String] = [:]
        for group in GivenNames.groups {
            for name in group.names.split(whereSeparator: \.isWhitespace) {
                let key = name.lowercased()
                #expect(seen[key] == nil, "\(name) is in \(group.community) and \(seen[key] ?? "")")
                seen[key] = group.community
            }
        }
        #expect(seen.count > 1_500)
        #expect(GivenNames.table.count > 1_500)
    }
}
