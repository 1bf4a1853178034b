import Fluent
import Vapor
import ChorusCore

/// The card provider's webhook (`POST /crowdfunding/webhooks/stripe`): refused with 400 unless its signature checks
/// out; each event is applied once (its id is written in the same transaction as its effect, so a replay, or the same
/// event delivered to two servers, changes nothing the second time). Handled: a card saved (checkout.session.completed),
/// a charge that succeeded or failed after being sent (payment_intent.succeeded / payment_intent.payment_failed),
/// and a refund (charge.refunded). Other events are acknowledged and ignored.
enum CrowdfundWebhookController {
    static func routes(_ r: FeatureRoutes) {
        r.bare.on(.POST, SiteURL.Crowdfunding.Route.webhook.pathComponents, body: .collect(maxSize: "256kb"), use: receive)
    }

    @Sendable static func receive(_ req: Request) async throws -> Response {
        guard let card = CrowdfundCloseJob.card(req.application) else { throw Abort(.notFound) }
        let body = req.body.string ?? ""
        if let problem = card.webhookProblem(body: body, signature: req.headers.first(name: "Stripe-Signature"), now: Date()) {
            req.logger.warning("crowdfunding webhook refused: \(problem)")
            return Response(status: .badRequest, body: .init(string: problem))
        }
        guard let event = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any], let id = event["id"] as? String,
            let type = event["type"] as? String, let object = (event["data"] as? [String: Any])?["object"] as? [String: Any]
        else { return Response(status: .badRequest, body: .init(string: "Not an event")) }
        if try await PaymentEvent.find(id, on: req.db) != nil { return Response(status: .ok, body: .init(string: "already applied")) }
        // Saving a card asks the provider for the session, so it runs before the transaction that records the event.
        if type == "checkout.session.completed", let session = object["id"] as? String {
            try await CrowdfundPledgeService.cardSaved(session: session, card: card, on: req.db)
        }
        let parsed = Event(type: type, object: object)
        let now = Date()
        do {
            try await req.db.transaction { tx in
                let e = PaymentEvent()
                e.id = id
                e.type = String(type.prefix(100))
                e.receivedAt = now
                try await e.create(on: tx)
                try await apply(parsed, now: now, tx)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return Response(status: .ok, body: .init(string: "already applied"))
        }
        return Response(status: .ok, body: .init(string: "ok"))
    }

    /// What of an event the handlers use, read out of its JSON before the transaction.
    struct Event: Sendable {
        let type: String
        let pledge: UUID?
        let objectID: String
        let fee: Int64
        let failure: String?

        init(type: String, object: [String: Any]) {
            self.type = type
            pledge = ((object["metadata"] as? [String: Any])?["pledge"] as? String).flatMap(UUID.init(uuidString:))
            objectID = object["id"] as? String ?? ""
            fee = StripeProvider.fee(object)
            failure = (object["last_payment_error"] as? [String: Any])?["message"] as? String
        }
    }

    static func apply(_ e: Event, now: Date, _ tx: any Database) async throws {
        guard let id = e.pledge else { return }
        switch e.type {
        case "payment_intent.succeeded":
            guard let pledge = try await CrowdfundPledge.find(id, on: tx), pledge.statusValue == .charging else { return }
            try await CrowdfundCloseJob.record(.collected(payment: e.objectID, feePence: e.fee), id, attempt: pledge.attempts, now: now, tx)
        case "payment_intent.payment_failed":
            guard let pledge = try await CrowdfundPledge.find(id, on: tx), pledge.statusValue == .charging else { return }
            try await CrowdfundCloseJob.record(
                .declined(payment: e.objectID, reason: e.failure ?? "The charge failed"), id, attempt: pledge.attempts, now: now, tx)
        case "charge.refunded":
            try await CrowdfundCloseJob.recordRefund(.refunded(reference: e.objectID), id, now: now, tx)
        default: return
        }
    }
}
