import Foundation

/// The six-digit code a resident is emailed to sign in without a password (issue 20). Six digits because people
/// copy them between apps and read them aloud; short life, few attempts and single use make guessing hopeless
/// (5 tries in a million within 15 minutes). The app stores only the code's hash and decides each attempt here.
public enum SignInCode {
    public static let lifetime: TimeInterval = 15 * 60
    public static let maxAttempts = 5

    /// Six digits, uniformly random (no modulo bias), leading zeros kept.
    public static func make<R: RandomNumberGenerator>(using rng: inout R) -> String {
        // `random(in:using:)` rejects the biased values (Lemire's method) rather than taking a remainder.
        let n = String(UInt32.random(in: 0..<1_000_000, using: &rng))
        return String(repeating: "0", count: 6 - n.count) + n
    }

    public static func make() -> String {
        var rng = SystemRandomNumberGenerator()
        return make(using: &rng)
    }

    /// What a resident typed, made comparable: spaces, hyphens removed; Arabic-Indic (٠-٩) and Extended Arabic-Indic
    /// / Urdu (۰-۹) digits and full-width digits mapped to ASCII. nil when the result is not exactly six ASCII digits.
    /// An Urdu keyboard types ۱۲۳, a phone may paste "123 456" or "123-456"; all are the same code.
    public static func normalise(_ typed: String) -> String? {
        var out: [UInt8] = []
        for s in typed.unicodeScalars {
            let v = s.value
            switch v {
            case 0x30...0x39: out.append(UInt8(v))
            case 0x0660...0x0669: out.append(UInt8(0x30 + v - 0x0660))
            case 0x06F0...0x06F9: out.append(UInt8(0x30 + v - 0x06F0))
            case 0xFF10...0xFF19: out.append(UInt8(0x30 + v - 0xFF10))
            default:
                // Spaces of any kind, and the hyphens and dashes phones and word processors substitute.
                if s.properties.isWhitespace || [0x2D, 0x2010, 0x2011, 0x2012, 0x2013, 0x2212, 0xFE63, 0xFF0D].contains(v) { continue }
                return nil
            }
            if out.count > 6 { return nil }
        }
        return out.count == 6 ? String(decoding: out, as: UTF8.self) : nil
    }

    public enum Outcome: Sendable, Equatable {
        case accepted
        /// Wrong; this many attempts are left before the code stops working.
        case wrong(remaining: Int)
        case expired
        case used
        case tooManyAttempts
    }

    /// Decides one attempt. `matches`: the typed code's hash equals the stored one. `attempts`: wrong attempts before
    /// this one. Order: used → tooManyAttempts (attempts >= max) → expired (now > createdAt + lifetime) →
    /// accepted/wrong(remaining: max - attempts - 1; when that reaches 0 the outcome is tooManyAttempts).
    /// A used or exhausted code is reported as such even when expired, so the message tells the resident what
    /// actually happened; a code is still good at exactly 15 minutes.
    public static func decide(matches: Bool, createdAt: Date, usedAt: Date?, attempts: Int, now: Date) -> Outcome {
        if usedAt != nil { return .used }
        if attempts >= maxAttempts { return .tooManyAttempts }
        if now > createdAt.addingTimeInterval(lifetime) { return .expired }
        if matches { return .accepted }
        let remaining = maxAttempts - attempts - 1
        return remaining <= 0 ? .tooManyAttempts : .wrong(remaining: remaining)
    }
}
