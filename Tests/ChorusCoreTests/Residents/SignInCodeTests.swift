import Foundation
import Testing

@testable import ChorusCore

/// Always returns 1 in both halves of the word: the smallest value `random(in:)` accepts without drawing again
/// (0 is rejected as biased, for ever), so the code it makes is the lowest.
private struct LowRandom: RandomNumberGenerator {
    mutating func next() -> UInt64 { 1 << 32 | 1 }
}

@Suite struct SignInCodeTests {
    let created = Date(timeIntervalSince1970: 1_796_000_000)

    @Test func codesAreSixDigitsAndKeepLeadingZeros() {
        var low = LowRandom()
        #expect(SignInCode.make(using: &low) == "000000")
        var rng = SeededRandom(state: 7)
        for _ in 0..<1000 {
            let c = SignInCode.make(using: &rng)
            #expect(c.utf8.count == 6 && c.utf8.allSatisfy { (48...57).contains($0) })
        }
        #expect(SignInCode.make().utf8.count == 6)
    }

    @Test func digitsAreEvenlySpreadInEveryPosition() {
        // 50,000 codes: each digit in each position expected 5,000 times. A chi-square over 10 cells with 9
        // degrees of freedom above 27.9 happens by chance once in a thousand; a modulo-biased or stuck position fails.
        var rng = SeededRandom(state: 2026)
        var counts = Array(repeating: Array(repeating: 0, count: 10), count: 6)
        var firstHalf = 0
        let n = 50_000
        for _ in 0..<n {
            let code = Array(SignInCode.make(using: &rng).utf8)
            for (i, d) in code.enumerated() { counts[i][Int(d - 48)] += 1 }
            if code[0] < 53 { firstHalf += 1 }
        }
        for position in counts {
            let expected = Double(n) / 10
            let chi = position.reduce(0.0) { $0 + pow(Double($1) - expected, 2) / expected }
            #expect(chi < 27.9, "chi-square \(chi) for \(position)")
        }
        #expect(abs(firstHalf - n / 2) < n / 50)
    }

    @Test func typedCodesAreNormalised() {
        #expect(SignInCode.normalise("123456") == "123456")
        #expect(SignInCode.normalise(" 123 456 ") == "123456")
        #expect(SignInCode.normalise("123-456") == "123456")
        #expect(SignInCode.normalise("123\u{2013}456") == "123456")
        #expect(SignInCode.normalise("\u{00A0}012345\t") == "012345")
        #expect(SignInCode.normalise("٠١٢٣٤٥") == "012345")  // Arabic-Indic
        #expect(SignInCode.normalise("۶۷۸۹۰۱") == "678901")  // Urdu
        #expect(SignInCode.normalise("１２３４５６") == "123456")  // full width
        #expect(SignInCode.normalise("12۳4٥6") == "123456")
    }

    @Test func anythingButSixDigitsIsNotACode() {
        for typed in ["", "12345", "1234567", "12345a", "12.3456", "١٢٣٤٥", "123456\u{0}", "१२३४५६", "+123456", "000 000 0"] {
            #expect(SignInCode.normalise(typed) == nil, "\(typed)")
        }
    }

    @Test func theRightCodeWithinItsLifeIsAccepted() {
        #expect(SignInCode.decide(matches: true, createdAt: created, usedAt: nil, attempts: 0, now: created) == .accepted)
        // Exactly 15 minutes: still good; one second later: expired.
        let edge = created.addingTimeInterval(15 * 60)
        #expect(SignInCode.decide(matches: true, createdAt: created, usedAt: nil, attempts: 0, now: edge) == .accepted)
        #expect(SignInCode.decide(matches: true, createdAt: created, usedAt: nil, attempts: 0, now: edge.addingTimeInterval(1)) == .expired)
        #expect(SignInCode.decide(matches: false, createdAt: created, usedAt: nil, attempts: 0, now: edge.addingTimeInterval(1)) == .expired)
    }

    @Test func wrongCodesCountDownAndTheFifthLocksIt() {
        let now = created.addingTimeInterval(60)
        let outcomes = (0..<5).map { SignInCode.decide(matches: false, createdAt: created, usedAt: nil, attempts: $0, now: now) }
        #expect(outcomes == [.wrong(remaining: 4), .wrong(remaining: 3), .wrong(remaining: 2), .wrong(remaining: 1), .tooManyAttempts])
        // After five wrong attempts even the right code is refused.
        #expect(SignInCode.decide(matches: true, createdAt: created, usedAt: nil, attempts: 5, now: now) == .tooManyAttempts)
        #expect(SignInCode.decide(matches: true, createdAt: created, usedAt: nil, attempts: 4, now: now) == .accepted)
    }

    @Test func usedComesFirstThenTooManyThenExpired() {
        let late = created.addingTimeInterval(3600)
        #expect(SignInCode.decide(matches: true, createdAt: created, usedAt: created, attempts: 9, now: late) == .used)
        #expect(SignInCode.decide(matches: true, createdAt: created, usedAt: nil, attempts: 5, now: late) == .tooManyAttempts)
        #expect(SignInCode.decide(matches: true, createdAt: created, usedAt: nil, attempts: 4, now: late) == .expired)
    }
}
