import Foundation
import Testing

@testable import ChorusCore

@Suite struct ResidentReferenceTests {
    @Test func referencesHaveTheShapeAndOnlyCrockfordCharacters() {
        var rng = SeededRandom(state: 20)
        var seen = Set<String>()
        var used = Set<Character>()
        for _ in 0..<2000 {
            let r = ResidentReference.make(using: &rng)
            #expect(r.count == 11 && r.hasPrefix("R-") && Array(r)[6] == "-")
            used.formUnion(r.dropFirst(2).filter { $0 != "-" })
            seen.insert(r)
        }
        #expect(seen.count == 2000)
        #expect(used == Set("0123456789ABCDEFGHJKMNPQRSTVWXYZ"))
        #expect(ResidentReference.normalise(ResidentReference.make()) != nil)
    }

    @Test func whatStaffTypeIsReadBack() {
        #expect(ResidentReference.normalise("R-7K3M-9QXD") == "R-7K3M-9QXD")
        #expect(ResidentReference.normalise("r-7k3m-9qxd") == "R-7K3M-9QXD")
        #expect(ResidentReference.normalise(" r 7k3m 9qxd ") == "R-7K3M-9QXD")
        #expect(ResidentReference.normalise("7K3M9QXD") == "R-7K3M-9QXD")
        #expect(ResidentReference.normalise("R7K3M9QXD") == "R-7K3M-9QXD")
        // Misheard letters: O is zero, I and L are one.
        #expect(ResidentReference.normalise("R-O0IL-ABCD") == "R-0011-ABCD")
        // A reference starting with R, typed without the prefix.
        #expect(ResidentReference.normalise("RRRR-RRRR") == "R-RRRR-RRRR")
        #expect(ResidentReference.normalise("R RRRR RRRR") == "R-RRRR-RRRR")
        #expect(ResidentReference.normalise("RRRRRRRRR") == "R-RRRR-RRRR")
    }

    @Test func otherTextIsNotAReference() {
        for typed in [
            "", "R-", "R-7K3M-9QX", "R-7K3M-9QXDD", "R-7K3M-9QXU", "X-7K3M-9QXD", "R-7K3M-9QX!", "amina@example.org", "R-7K3M-9QXD-1", "R 7K3M 9QX",
            "R--",
        ] {
            #expect(ResidentReference.normalise(typed) == nil, "\(typed)")
        }
    }
}
