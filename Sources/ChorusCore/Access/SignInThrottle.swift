import Foundation

/// The rule for slowing down password guessing: too many failed sign-ins for one account, or from one
/// network address, within a window locks further attempts until the oldest counted failure leaves the window.
/// Pure: the caller supplies the failure times it has stored (shared by every app server via the database).
public struct SignInThrottle: Sendable, Equatable {
    public var window: TimeInterval
    public var maxPerAccount: Int
    public var maxPerAddress: Int

    public init(window: TimeInterval = 15 * 60, maxPerAccount: Int = 5, maxPerAddress: Int = 20) {
        self.window = window
        self.maxPerAccount = maxPerAccount
        self.maxPerAddress = maxPerAddress
    }

    public enum Decision: Equatable, Sendable {
        case allowed
        /// Locked; try again after this many seconds (rounded up to a whole minute for people).
        case locked(retryAfter: TimeInterval)
    }

    /// - Parameters: failure times for the account and for the address (any order), and now.
    public func decide(accountFailures: [Date], addressFailures: [Date], now: Date) -> Decision {
        let a = lockout(accountFailures, limit: maxPerAccount, now: now)
        let b = lockout(addressFailures, limit: maxPerAddress, now: now)
        let wait = max(a, b)
        return wait > 0 ? .locked(retryAfter: wait) : .allowed
    }

    private func lockout(_ failures: [Date], limit: Int, now: Date) -> TimeInterval {
        let recent = failures.filter { now.timeIntervalSince($0) < window }.sorted()
        guard recent.count >= limit else { return 0 }
        // Unlocks when enough failures age out to fall below the limit.
        let unlocking = recent[recent.count - limit]
        return max(0, window - now.timeIntervalSince(unlocking))
    }
}
