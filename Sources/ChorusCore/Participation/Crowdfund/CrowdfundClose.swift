import Foundation

/// How a project takes its pledges.
public enum FundingModel: String, CaseIterable, Sendable, Codable {
    /// Nothing is charged unless the target is reached by the deadline.
    case allOrNothing
    /// Whatever is pledged is charged at the deadline and paid out.
    case keepWhatYouRaise
}

/// Where a project is, from a resident's idea to the delivery report.
public enum CrowdfundStage: String, CaseIterable, Sendable, Codable {
    /// Being written by its creator; only they and staff see it.
    case draft
    /// Sent for verification.
    case submitted
    /// Refused by a verifier, with the reasons; the creator may change it and send it again.
    case refused
    /// Verified and taking pledges.
    case live
    /// Past the deadline: pledges are being charged (and failed charges retried).
    case collecting
    /// Collected and paid out to the project.
    case funded
    /// Missed its target (all-or-nothing) or collected too little: nothing charged, or every charge refunded.
    case unsuccessful
    /// The project reported what it delivered.
    case delivered

    /// Pledges are accepted.
    public var takesPledges: Bool { self == .live }
    /// Seen by the public.
    public var isPublic: Bool { ![.draft, .submitted, .refused].contains(self) }
}

/// What happens when a project closes, as one stated rule (docs/crowdfunding.md). At the deadline an all-or-nothing
/// project charges its pledges only if the crowd and the approved match funds together reach the target; otherwise
/// every pledge is released and nothing is charged. Once every charge has ended (collected, or failed after its
/// retries), a project that collected at least `payoutThresholdPercent` of its target, match included, is paid out;
/// one that collected less refunds everyone, because a project part-funded after failures could not deliver what
/// backers pledged to. A keep-what-you-raise project charges whatever is pledged and pays out whatever is collected.
public enum CrowdfundClose {
    public static let payoutThresholdPercent = 90

    public enum AtDeadline: String, Sendable, Equatable {
        case charge, release
    }

    public static func atDeadline(_ model: FundingModel, target: Int64, crowd: Int64, match: Int64) -> AtDeadline {
        switch model {
        case .allOrNothing: crowd + match >= target ? .charge : .release
        case .keepWhatYouRaise: crowd > 0 ? .charge : .release
        }
    }

    public enum Settlement: String, Sendable, Equatable {
        case payOut, refundAll
    }

    /// `collected` is what the crowd paid; `match` the match funds' pledges recomputed on that.
    public static func settle(
        _ model: FundingModel, target: Int64, collected: Int64, match: Int64, thresholdPercent: Int = payoutThresholdPercent
    ) -> Settlement {
        switch model {
        case .allOrNothing: (collected + match) * 100 >= target * Int64(thresholdPercent) && collected > 0 ? .payOut : .refundAll
        case .keepWhatYouRaise: collected > 0 ? .payOut : .refundAll
        }
    }

    /// When pledges stop being accepted: the deadline, or for a project that reached its target and allows
    /// overfunding, that many days later.
    public static func closes(deadline: Date, overfundingDays: Int, reachedTarget: Bool) -> Date {
        reachedTarget && overfundingDays > 0 ? deadline.addingTimeInterval(Double(overfundingDays) * 86_400) : deadline
    }
}

/// When a failed card charge is tried again: `maxAttempts` in all, `spacing` apart (cards are often declined for a
/// day: a full account, a bank's fraud hold). Nil once the attempts are used up: the pledge has failed for good.
public struct ChargeRetryPolicy: Sendable, Equatable {
    public var maxAttempts: Int
    public var spacing: TimeInterval
    public init(maxAttempts: Int = 3, spacing: TimeInterval = 2 * 86_400) {
        self.maxAttempts = maxAttempts
        self.spacing = spacing
    }

    public func nextAttempt(afterAttempts attempts: Int, lastAt: Date) -> Date? {
        attempts < maxAttempts ? lastAt.addingTimeInterval(spacing) : nil
    }
}
