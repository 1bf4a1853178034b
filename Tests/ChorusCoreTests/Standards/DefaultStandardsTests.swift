import Foundation
import Testing

@testable import ChorusCore

@Suite struct DefaultStandardsTests {
    let set = DefaultStandards.set

    @Test func theSevenStandardsComeInOrderAsVersionOne() {
        #expect(set.version == 1)
        #expect(set.keys == ["inclusion", "support", "planning", "working-together", "methods", "communication", "impact"])
        #expect(set.standards.map(\.title) == ["Inclusion", "Support", "Planning", "Working together", "Methods", "Communication", "Impact"])
    }

    @Test func keysAreUniqueLowerCaseLettersDigitsAndHyphens() {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        #expect(Set(set.keys).count == set.keys.count)
        for key in set.keys {
            #expect(!key.isEmpty && key.allSatisfy(allowed.contains), "\(key)")
            #expect(set.standard(key)?.key == key)
        }
    }

    @Test func everyTextIsPresentAndShortEnough() {
        for s in set.standards {
            #expect(!s.title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(s.key)")
            for (name, text) in [("summary", s.summary), ("emerging", s.emerging), ("aspiring", s.aspiring), ("established", s.established)] {
                #expect(!text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(s.key) \(name)")
                #expect(text.count <= 300, "\(s.key) \(name): \(text.count) characters")
            }
            #expect((3...4).contains(s.indicators.count), "\(s.key): \(s.indicators.count) indicators")
            for indicator in s.indicators {
                #expect(!indicator.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(s.key) indicator")
                #expect(indicator.count <= 200, "\(s.key): \(indicator)")
            }
        }
    }

    @Test func eachLevelReadsDifferently() {
        for s in set.standards {
            let levels = StandardLevel.allCases.map { s.describe($0) }
            #expect(Set(levels).count == levels.count, "\(s.key)")
            #expect(Set(s.indicators).count == s.indicators.count, "\(s.key)")
        }
    }
}
