import Foundation

/// When a failed email is tried again: exponential backoff (1, 2, 4, 8 … minutes, capped at a day) up to a maximum
/// number of attempts, after which it is marked failed and shown to administrators.
public struct OutboxRetry: Sendable, Equatable {
    public let baseSeconds: Double
    public let maxAttempts: Int
    public let capSeconds: Double

    public init(baseSeconds: Double = 60, maxAttempts: Int = 6, capSeconds: Double = 86_400) {
        self.baseSeconds = baseSeconds; self.maxAttempts = maxAttempts; self.capSeconds = capSeconds
    }

    public enum Outcome: Sendable, Equatable {
        /// Try again after this many seconds.
        case retry(afterSeconds: Double)
        /// Give up: too many attempts.
        case giveUp
    }

    /// After `attempts` failed attempts (1 after the first failure), what happens next.
    public func afterFailure(attempts: Int) -> Outcome {
        guard attempts < maxAttempts else { return .giveUp }
        let exponent = Double(max(0, attempts - 1))
        return .retry(afterSeconds: min(capSeconds, baseSeconds * pow(2, exponent)))
    }
}
