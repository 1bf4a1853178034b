import Foundation

/// Where a pledge's money is at any moment. Every movement is one ledger entry taking an amount out of one account and
/// putting it into another, so the accounts always sum to zero: `backers` (outside Chorus) goes negative by exactly what
/// the others hold, and no total can be created or lost. Every figure a page shows is a sum of entries (`LedgerTotals`),
/// never a counter kept beside them.
public enum LedgerAccount: String, CaseIterable, Sendable, Codable {
    /// Outside: backers (residents, groups, match funds) before they pledge.
    case backers
    /// Promised, not yet secured: an offline promise to pay by cash, cheque or bank transfer; a card pledge before the
    /// card is saved; a match fund's approved offer.
    case pledged
    /// Secured: the card is saved with the provider, to be charged at close.
    case authorised
    /// Received and held until the project is paid out or the money refunded.
    case collected
    /// A charge that failed for good (retries used up) or a promise never paid.
    case failed
    /// Withdrawn by the backer, or released because an all-or-nothing project missed its target.
    case cancelled
    /// Returned to the backer.
    case refunded
    /// Paid to the project.
    case paidOut
    /// Kept by the payment provider.
    case fees
}

/// What happened to a pledge, and so which account its money moves from and to.
public enum LedgerEvent: String, CaseIterable, Sendable, Codable {
    case pledge, authorise, collect, fail, cancel, refund, payout, fee

    /// The accounts money may come from for this event, in the order they are drawn on.
    public var from: [LedgerAccount] {
        switch self {
        case .pledge: [.backers]
        case .authorise: [.pledged]
        case .collect: [.authorised, .pledged]
        case .fail: [.authorised, .pledged]
        case .cancel: [.pledged, .authorised]
        // A refund returns the whole charge: the provider's fee comes back out of `fees` (the operator bears it).
        case .refund: [.collected, .fees]
        case .payout, .fee: [.collected]
        }
    }

    public var to: LedgerAccount {
        switch self {
        case .pledge: .pledged
        case .authorise: .authorised
        case .collect: .collected
        case .fail: .failed
        case .cancel: .cancelled
        case .refund: .refunded
        case .payout: .paidOut
        case .fee: .fees
        }
    }
}

/// One movement: `amount` pence of one pledge from one account to another.
public struct LedgerEntry: Sendable, Equatable, Codable {
    public let pledge: UUID
    public let event: LedgerEvent
    public let from: LedgerAccount
    public let to: LedgerAccount
    public let amount: Int64

    public init(pledge: UUID, event: LedgerEvent, from: LedgerAccount, to: LedgerAccount, amount: Int64) {
        self.pledge = pledge
        self.event = event
        self.from = from
        self.to = to
        self.amount = amount
    }
}

/// Why a movement was refused: it would move money a pledge does not have where the event takes it from.
public struct LedgerError: Error, Equatable, Sendable, CustomStringConvertible {
    public let pledge: UUID
    public let event: LedgerEvent
    public let wanted: Int64
    public let available: Int64
    public var description: String {
        "\(event.rawValue) of \(MoneyText.pounds(wanted)) refused: the pledge has \(MoneyText.pounds(available)) to move"
    }
}

/// A ledger being written: the entries so far and each pledge's balance per account, so a new movement is checked
/// against what the pledge actually holds before it is written.
public struct CrowdfundLedger: Sendable {
    public private(set) var entries: [LedgerEntry] = []
    private var balances: [UUID: [LedgerAccount: Int64]] = [:]

    public init(_ entries: [LedgerEntry] = []) {
        for e in entries { apply(e) }
    }

    /// What `pledge` holds in `account` (positive; `backers` is negative by what was ever pledged).
    public func balance(_ pledge: UUID, _ account: LedgerAccount) -> Int64 { balances[pledge]?[account] ?? 0 }

    /// The entries of these pledges (one project's, of a ledger read for several).
    public func entries(of pledges: Set<UUID>) -> [LedgerEntry] { entries.filter { pledges.contains($0.pledge) } }

    /// What of `pledge` counts towards the target: promised, secured, held, paid out or kept in fees (as
    /// `LedgerTotals.standing` for a whole project).
    public func standing(_ pledge: UUID) -> Int64 {
        [LedgerAccount.pledged, .authorised, .collected, .paidOut, .fees].reduce(0) { $0 + balance(pledge, $1) }
    }

    /// The entries that move `amount` of `pledge` for `event`, drawing on the event's source accounts in order
    /// (a collection takes from `authorised` before `pledged`). Nothing is written; `post` writes them.
    public func entries(for event: LedgerEvent, pledge: UUID, amount: Int64) throws(LedgerError) -> [LedgerEntry] {
        guard amount > 0 else { throw LedgerError(pledge: pledge, event: event, wanted: amount, available: 0) }
        if event == .pledge { return [LedgerEntry(pledge: pledge, event: .pledge, from: .backers, to: .pledged, amount: amount)] }
        let available = event.from.reduce(Int64(0)) { $0 + balance(pledge, $1) }
        guard available >= amount else { throw LedgerError(pledge: pledge, event: event, wanted: amount, available: available) }
        var left = amount
        var out: [LedgerEntry] = []
        for account in event.from where left > 0 {
            let take = min(left, balance(pledge, account))
            if take > 0 { out.append(LedgerEntry(pledge: pledge, event: event, from: account, to: event.to, amount: take)) }
            left -= take
        }
        return out
    }

    /// Checks and writes the movement; returns the entries written.
    @discardableResult
    public mutating func post(_ event: LedgerEvent, pledge: UUID, amount: Int64) throws(LedgerError) -> [LedgerEntry] {
        let new = try entries(for: event, pledge: pledge, amount: amount)
        for e in new { apply(e) }
        return new
    }

    /// Moves everything `pledge` holds in the event's source accounts (cancel what is left, refund all collected).
    @discardableResult
    public mutating func postAll(_ event: LedgerEvent, pledge: UUID) -> [LedgerEntry] {
        let available = event.from.reduce(Int64(0)) { $0 + balance(pledge, $1) }
        guard available > 0 else { return [] }
        return (try? post(event, pledge: pledge, amount: available)) ?? []
    }

    private mutating func apply(_ e: LedgerEntry) {
        entries.append(e)
        balances[e.pledge, default: [:]][e.from, default: 0] -= e.amount
        balances[e.pledge, default: [:]][e.to, default: 0] += e.amount
    }
}

/// The totals a project page, a fund page and the finance export show, each the sum of the entries into an account
/// minus those out of it.
public struct LedgerTotals: Sendable, Equatable {
    public private(set) var byAccount: [LedgerAccount: Int64] = [:]

    public init<S: Sequence>(_ entries: S) where S.Element == LedgerEntry {
        for e in entries {
            byAccount[e.from, default: 0] -= e.amount
            byAccount[e.to, default: 0] += e.amount
        }
        // An account emptied again holds nothing, as one never touched (so totals compare equal however summed).
        byAccount = byAccount.filter { $0.value != 0 }
    }

    /// Totals summed per account elsewhere (by the database: each account's entries in minus its entries out).
    public init(balances: [LedgerAccount: Int64]) {
        byAccount = balances.filter { $0.value != 0 }
    }

    public subscript(_ account: LedgerAccount) -> Int64 { byAccount[account] ?? 0 }

    /// Everything ever pledged.
    public var everPledged: Int64 { -self[.backers] }
    /// Promised or secured and not yet charged, cancelled or failed: what still counts towards the target.
    public var outstanding: Int64 { self[.pledged] + self[.authorised] }
    /// Counts towards the target: outstanding plus what is held or already paid out.
    public var standing: Int64 { outstanding + self[.collected] + self[.paidOut] + self[.fees] }
    /// Zero for every well-formed ledger: money is neither created nor lost.
    public var imbalance: Int64 { byAccount.values.reduce(0, +) }
}
