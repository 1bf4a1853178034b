import Foundation
import Testing

@testable import ChorusCore

@Suite struct BotCheckTests {
    let served = Date(timeIntervalSince1970: 1_796_000_000)
    let check = BotCheck()

    @Test func aPersonWhoTakesTheirTimeIsHuman() {
        #expect(check.judge(honeypot: nil, issuedAt: served, now: served.addingTimeInterval(40)) == .human)
        #expect(check.judge(honeypot: "", issuedAt: served, now: served.addingTimeInterval(40)) == .human)
    }

    @Test func whitespaceInTheHoneypotIsEmptyButAnythingElseIsABot() {
        let now = served.addingTimeInterval(40)
        #expect(check.judge(honeypot: "  \n\t", issuedAt: served, now: now) == .human)
        #expect(check.judge(honeypot: " https://spam.example ", issuedAt: served, now: now) == .honeypotFilled)
        #expect(check.judge(honeypot: "x", issuedAt: nil, now: now) == .honeypotFilled)
    }

    @Test func theMinimumTimeIsInclusive() {
        #expect(check.judge(honeypot: nil, issuedAt: served, now: served.addingTimeInterval(2.999)) == .tooFast)
        #expect(check.judge(honeypot: nil, issuedAt: served, now: served.addingTimeInterval(3)) == .human)
        // A stamp from the future (clock skew or tampering) is not a person who took their time.
        #expect(check.judge(honeypot: nil, issuedAt: served.addingTimeInterval(60), now: served) == .tooFast)
    }

    @Test func anOldFormIsStaleAndAMissingStampIsSaid() {
        #expect(check.judge(honeypot: nil, issuedAt: served, now: served.addingTimeInterval(24 * 3600)) == .human)
        #expect(check.judge(honeypot: nil, issuedAt: served, now: served.addingTimeInterval(24 * 3600 + 1)) == .stale)
        #expect(check.judge(honeypot: nil, issuedAt: nil, now: served) == .missingStamp)
    }

    @Test func limitsAreConfigurable() {
        let strict = BotCheck(honeypotField: "homepage", minimumSeconds: 10, maximumAge: 600)
        #expect(strict.honeypotField == "homepage")
        #expect(strict.judge(honeypot: nil, issuedAt: served, now: served.addingTimeInterval(5)) == .tooFast)
        #expect(strict.judge(honeypot: nil, issuedAt: served, now: served.addingTimeInterval(601)) == .stale)
        #expect(check.honeypotField == "website" && check.minimumSeconds == 3 && check.maximumAge == 86_400)
    }
}
