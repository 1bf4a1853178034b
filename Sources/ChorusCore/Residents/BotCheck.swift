import Foundation

/// Bot protection for public forms without a CAPTCHA, because CAPTCHAs shut out disabled residents (issue 20): a
/// honeypot field hidden from people, a minimum time to fill the form in, and a maximum age after which the form is
/// served again rather than refused. Rate limits per client and per address are applied by the app alongside.
public struct BotCheck: Sendable, Equatable {
    /// A field humans never see or fill.
    public var honeypotField: String = "website"
    /// A form filled faster than this is a script.
    public var minimumSeconds: TimeInterval = 3
    /// A form older than this is stale: ask again, not refuse forever.
    public var maximumAge: TimeInterval = 24 * 3600

    public init(honeypotField: String = "website", minimumSeconds: TimeInterval = 3, maximumAge: TimeInterval = 24 * 3600) {
        self.honeypotField = honeypotField
        self.minimumSeconds = minimumSeconds
        self.maximumAge = maximumAge
    }

    public enum Verdict: Sendable, Equatable { case human, honeypotFilled, tooFast, stale, missingStamp }

    /// `honeypot`: the honeypot field's value (nil/empty is human). `issuedAt`: when the form was served, from a
    /// signed stamp the app verified (nil when missing or forged).
    /// Whitespace alone in the honeypot counts as empty: some browsers and assistive tools put a blank in every
    /// field, and refusing a person costs more than letting one bot past a single signal. Exactly `minimumSeconds`
    /// or exactly `maximumAge` is human; a stamp from the future (clock skew) is too fast.
    public func judge(honeypot: String?, issuedAt: Date?, now: Date) -> Verdict {
        if let h = honeypot, !h.trimmedWhitespaceAndNewlines.isEmpty { return .honeypotFilled }
        guard let issuedAt else { return .missingStamp }
        let elapsed = now.timeIntervalSince(issuedAt)
        if elapsed < minimumSeconds { return .tooFast }
        if elapsed > maximumAge { return .stale }
        return .human
    }
}
