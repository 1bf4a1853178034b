import Foundation

/// How money moves for one kind of pledge. The close job asks the pledge's provider to collect it, and to return it
/// when a project refunds; it records in the ledger only what the provider says happened. Card data never reaches
/// Chorus: the card provider sends the resident to the provider's own page to save a card and keeps only references.
protocol PaymentProvider: Sendable {
    var method: PledgeMethod { get }
    func collect(_ pledge: PledgeCharge) async throws -> CollectOutcome
    func refund(_ pledge: PledgeCharge) async throws -> RefundOutcome
}

/// What a provider is told about a pledge.
struct PledgeCharge: Sendable {
    let pledge: UUID
    let amountPence: Int64
    /// Which try this is (1 for the first): part of the idempotency key, so a retry is a new charge and a repeated
    /// request of the same try is not.
    let attempt: Int
    let customer: String?
    let paymentMethod: String?
    let payment: String?
    var idempotencyKey: String { "chorus-\(pledge.uuidString.lowercased())-\(attempt)" }
}

enum CollectOutcome: Sendable, Equatable {
    /// Collected now; the provider kept `feePence`.
    case collected(payment: String, feePence: Int64)
    /// Sent; the result comes by webhook.
    case pending(payment: String)
    /// Refused (declined, expired, needs the cardholder): tried again under `ChargeRetryPolicy`.
    case declined(payment: String?, reason: String)
    /// Nothing for the provider to do: staff record the money when it arrives (offline).
    case awaitingStaff
}

enum RefundOutcome: Sendable, Equatable {
    case refunded(reference: String)
    case pending(reference: String)
    case failed(reason: String)
    /// Staff return the money by hand and record it (offline).
    case awaitingStaff
}

/// Cash, cheque and bank transfer: staff record money as it arrives and as it is returned, so collecting and refunding
/// wait for them.
struct OfflineProvider: PaymentProvider {
    var method: PledgeMethod { .offline }
    func collect(_ pledge: PledgeCharge) async throws -> CollectOutcome { .awaitingStaff }
    func refund(_ pledge: PledgeCharge) async throws -> RefundOutcome { .awaitingStaff }
}

/// A card provider: saving a card on its own page at pledge time, then the charge at close.
protocol CardProvider: PaymentProvider {
    /// Starts saving a card for `pledge`; the provider's session and the page to send the resident to.
    func startSaving(pledge: UUID, email: String?, returnURL: String, cancelURL: String) async throws -> (session: String, url: String)
    /// The saved card of a finished session; nil while the resident has not finished.
    func savedCard(session: String) async throws -> (customer: String, method: String)?
    /// Checks a webhook's signature header against its raw body; nil when it is genuine, else why not.
    func webhookProblem(body: String, signature: String?, now: Date) -> String?
}

/// A provider call that failed for a reason other than the card (network, the provider's own error): nothing is
/// recorded and the job tries again at its next sweep.
struct ProviderUnavailable: Error, CustomStringConvertible {
    let description: String
}
