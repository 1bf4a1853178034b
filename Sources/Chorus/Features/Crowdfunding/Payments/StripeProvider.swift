import Foundation
import Vapor

/// Where Chorus reaches Stripe (`CHORUS_STRIPE_SECRET_KEY`, `CHORUS_STRIPE_WEBHOOK_SECRET`, `CHORUS_STRIPE_API_URL`).
public struct StripeSettings: Sendable, Equatable {
    public var secretKey: String
    public var webhookSecret: String
    public var apiURL: String = "https://api.stripe.com"
    /// How old a webhook's signed timestamp may be (Stripe's own libraries use five minutes).
    public var tolerance: TimeInterval = 300
}

/// Card pledges through Stripe's API: at pledge time a Checkout Session in setup mode saves the card on Stripe's page
/// (a customer is created with it); at close an off-session PaymentIntent charges it; refunds go back to the
/// PaymentIntent. Every POST carries an idempotency key, so a request repeated after a lost answer charges once.
/// Webhooks are checked as Stripe signs them: HMAC-SHA256 of "timestamp.body" with the endpoint's secret, in the
/// `Stripe-Signature` header's v1 entries, within the tolerance.
struct StripeProvider: CardProvider {
    let settings: StripeSettings
    let client: any Client

    var method: PledgeMethod { .card }

    func startSaving(pledge: UUID, email: String?, returnURL: String, cancelURL: String) async throws -> (session: String, url: String) {
        var form: [(String, String)] = [
            ("mode", "setup"), ("currency", "gbp"), ("payment_method_types[]", "card"), ("customer_creation", "always"),
            ("success_url", returnURL + "?session={CHECKOUT_SESSION_ID}"), ("cancel_url", cancelURL),
            ("client_reference_id", pledge.uuidString.lowercased()), ("metadata[pledge]", pledge.uuidString.lowercased()),
        ]
        if let email { form.append(("customer_email", email)) }
        let json = try await send(.POST, "/v1/checkout/sessions", form, idempotencyKey: "chorus-save-\(pledge.uuidString.lowercased())")
        guard let id = json["id"] as? String, let url = json["url"] as? String else {
            throw ProviderUnavailable(description: "Stripe's answer had no session")
        }
        return (id, url)
    }

    func savedCard(session: String) async throws -> (customer: String, method: String)? {
        let json = try await send(.GET, "/v1/checkout/sessions/\(Self.pathSafe(session))?expand[]=setup_intent", [])
        guard json["status"] as? String == "complete", let customer = json["customer"] as? String,
            let intent = json["setup_intent"] as? [String: Any], let method = intent["payment_method"] as? String
        else { return nil }
        return (customer, method)
    }

    func collect(_ p: PledgeCharge) async throws -> CollectOutcome {
        guard let customer = p.customer, let method = p.paymentMethod else { return .declined(payment: nil, reason: "No card was saved") }
        let form: [(String, String)] = [
            ("amount", String(p.amountPence)), ("currency", "gbp"), ("customer", customer), ("payment_method", method),
            ("off_session", "true"), ("confirm", "true"), ("metadata[pledge]", p.pledge.uuidString.lowercased()),
            ("expand[]", "latest_charge.balance_transaction"),
        ]
        do {
            let json = try await send(.POST, "/v1/payment_intents", form, idempotencyKey: p.idempotencyKey)
            let id = json["id"] as? String ?? ""
            switch json["status"] as? String {
            case "succeeded": return .collected(payment: id, feePence: Self.fee(json))
            case "processing": return .pending(payment: id)
            default: return .declined(payment: id, reason: "The card needs its holder (\(json["status"] as? String ?? "unknown"))")
            }
        } catch let refused as StripeRefusal {
            return .declined(payment: refused.payment, reason: refused.message)
        }
    }

    func refund(_ p: PledgeCharge) async throws -> RefundOutcome {
        guard let payment = p.payment else { return .failed(reason: "No charge to refund") }
        do {
            let json = try await send(
                .POST, "/v1/refunds", [("payment_intent", payment), ("metadata[pledge]", p.pledge.uuidString.lowercased())],
                idempotencyKey: "chorus-refund-\(p.pledge.uuidString.lowercased())")
            let id = json["id"] as? String ?? ""
            return json["status"] as? String == "succeeded" ? .refunded(reference: id) : .pending(reference: id)
        } catch let refused as StripeRefusal {
            return .failed(reason: refused.message)
        }
    }

    func webhookProblem(body: String, signature: String?, now: Date) -> String? {
        StripeSignature.problem(body: body, header: signature, secret: settings.webhookSecret, now: now, tolerance: settings.tolerance)
    }

    /// The fee from an expanded `latest_charge.balance_transaction`, 0 when Stripe did not include it.
    static func fee(_ intent: [String: Any]) -> Int64 {
        let charge = intent["latest_charge"] as? [String: Any]
        let balance = charge?["balance_transaction"] as? [String: Any]
        return (balance?["fee"] as? NSNumber)?.int64Value ?? 0
    }

    static func pathSafe(_ id: String) -> String { String(id.filter { $0.isLetter || $0.isNumber || $0 == "_" }) }

    /// A card error Stripe answered with (HTTP 402 and the like), as opposed to Stripe being unreachable.
    struct StripeRefusal: Error {
        let message: String
        let payment: String?
    }

    private func send(_ method: HTTPMethod, _ path: String, _ form: [(String, String)], idempotencyKey: String? = nil) async throws -> [String: Any] {
        var headers = HTTPHeaders()
        headers.add(name: .authorization, value: "Bearer \(settings.secretKey)")
        if let idempotencyKey { headers.add(name: "Idempotency-Key", value: idempotencyKey) }
        var body: ByteBuffer? = nil
        if method == .POST {
            headers.add(name: .contentType, value: "application/x-www-form-urlencoded")
            body = ByteBuffer(string: form.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&"))
        }
        let request = ClientRequest(method: method, url: URI(string: settings.apiURL + path), headers: headers, body: body, timeout: .seconds(30))
        let response: ClientResponse
        do { response = try await client.send(request) } catch { throw ProviderUnavailable(description: "Stripe could not be reached: \(error)") }
        let data = response.body.map { Data(buffer: $0) } ?? Data()
        let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        if response.status.code >= 500 || response.status == .tooManyRequests || response.status == .unauthorized {
            throw ProviderUnavailable(description: "Stripe answered \(response.status.code)")
        }
        if response.status.code >= 400 {
            let error = json["error"] as? [String: Any]
            let intent = error?["payment_intent"] as? [String: Any]
            throw StripeRefusal(message: error?["message"] as? String ?? "Refused (\(response.status.code))", payment: intent?["id"] as? String)
        }
        return json
    }

    private static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
    static func encode(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: unreserved) ?? s }
}

/// Stripe's webhook signature: `Stripe-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "t.body">[,v1=…]`.
enum StripeSignature {
    static func problem(body: String, header: String?, secret: String, now: Date, tolerance: TimeInterval) -> String? {
        guard let header, !header.isEmpty else { return "The Stripe-Signature header is missing" }
        var timestamp: Int? = nil
        var signatures: [String] = []
        for part in header.split(separator: ",") {
            let kv = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard kv.count == 2 else { continue }
            if kv[0] == "t" { timestamp = Int(kv[1]) }
            if kv[0] == "v1" { signatures.append(kv[1]) }
        }
        guard let t = timestamp else { return "The signature has no timestamp" }
        guard !signatures.isEmpty else { return "The signature has no v1 entry" }
        guard abs(now.timeIntervalSince1970 - Double(t)) <= tolerance else { return "The signature's timestamp is outside the tolerance" }
        let expected = sign(body: body, timestamp: t, secret: secret)
        return signatures.contains { Tokens.constantTimeEqual($0, expected) } ? nil : "The signature does not match"
    }

    static func sign(body: String, timestamp: Int, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(timestamp).\(body)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return Tokens.hex(mac)
    }

    static func header(body: String, timestamp: Int, secret: String) -> String {
        "t=\(timestamp),v1=\(sign(body: body, timestamp: timestamp, secret: secret))"
    }
}
