import Foundation
import NIOConcurrencyHelpers
import Vapor
@testable import Chorus

/// An in-process stand-in for the parts of Stripe's API Chorus calls, served on a free port the way `FakeSMTPServer`
/// stands in for a mail server: Checkout Sessions in setup mode (completed by the test, as the resident would on
/// Stripe's page), off-session PaymentIntents (a card the test marks as declining is refused with 402, one marked
/// slow answers `processing`), refunds; requests without the secret key get 401. It keeps every charge request, and
/// answers a repeated idempotency key with the first answer, as Stripe does.
final class FakeStripe: @unchecked Sendable {
    static let secretKey = "sk_test_chorus_fake"
    static let webhookSecret = "whsec_chorus_fake"

    struct State {
        var sessions: [String: (pledge: String, complete: Bool, method: String)] = [:]
        var declining: Set<String> = []
        var slow: Set<String> = []
        var answers: [String: String] = [:]
        /// Every POST /v1/payment_intents that reached the card (repeats of an idempotency key excluded).
        var charges: [(key: String, method: String, amount: Int)] = []
        var refunds: [String] = []
        /// Refunds answered 503, as when Stripe cannot be reached.
        var refundsDown = false
        var counter = 0
    }

    let state = NIOLockedValueBox(State())
    private let app: Application
    private(set) var port = 0

    private init(_ app: Application) { self.app = app }

    var settings: StripeSettings { StripeSettings(secretKey: Self.secretKey, webhookSecret: Self.webhookSecret, apiURL: "http://127.0.0.1:\(port)") }

    static func start() async throws -> FakeStripe {
        let app = try await Application.make(.testing)
        let fake = FakeStripe(app)
        app.post("v1", "checkout", "sessions") { req in
            try fake.answer(req) { form, s in
                s.counter += 1
                let id = "cs_test_\(s.counter)"
                s.sessions[id] = (form["metadata[pledge]"] ?? "", false, "")
                return ["id": id, "url": "http://127.0.0.1:\(fake.port)/pay/\(id)", "status": "open"]
            }
        }
        app.get("v1", "checkout", "sessions", ":id") { req in
            try fake.answer(req) { _, s in
                let id = req.parameters.get("id") ?? ""
                guard let session = s.sessions[id] else { return ["error": ["message": "No such session"]] }
                return [
                    "id": id, "status": session.complete ? "complete" : "open", "customer": "cus_\(id)",
                    "setup_intent": ["id": "seti_\(id)", "payment_method": session.method],
                ]
            }
        }
        app.post("v1", "payment_intents") { req in
            try fake.answer(req) { form, s in
                s.counter += 1
                let id = "pi_test_\(s.counter)"
                let method = form["payment_method"] ?? ""
                let amount = Int(form["amount"] ?? "") ?? 0
                s.charges.append((req.headers.first(name: "Idempotency-Key") ?? "", method, amount))
                if s.declining.contains(method) {
                    return [
                        "error": ["type": "card_error", "code": "card_declined", "message": "Your card was declined.", "payment_intent": ["id": id]]
                    ]
                }
                if s.slow.contains(method) { return ["id": id, "status": "processing"] }
                return ["id": id, "status": "succeeded", "latest_charge": ["balance_transaction": ["fee": 20 + amount * 15 / 1000]]]
            }
        }
        app.post("v1", "refunds") { req in
            if fake.state.withLockedValue({ $0.refundsDown }) { return Response(status: .serviceUnavailable) }
            return try fake.answer(req) { form, s in
                s.counter += 1
                s.refunds.append(form["payment_intent"] ?? "")
                return ["id": "re_test_\(s.counter)", "status": "succeeded"]
            }
        }
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        fake.port = app.http.server.shared.localAddress?.port ?? 0
        return fake
    }

    func stop() async throws {
        await app.server.shutdown()
        try await app.asyncShutdown()
    }

    /// The resident finishing on Stripe's page with a card (`method` names it: mark it declining or slow to test those).
    func complete(session: String, method: String) {
        state.withLockedValue { $0.sessions[session] = ($0.sessions[session]?.pledge ?? "", true, method) }
    }

    /// A signed webhook body and header for an event, as Stripe would send it.
    static func webhook(id: String, type: String, object: [String: Any], secret: String = webhookSecret, at time: Date = Date()) -> (
        body: String, signature: String
    ) {
        let event: [String: Any] = ["id": id, "type": type, "object": "event", "data": ["object": object]]
        let body = String(decoding: try! JSONSerialization.data(withJSONObject: event, options: [.sortedKeys]), as: UTF8.self)
        return (body, StripeSignature.header(body: body, timestamp: Int(time.timeIntervalSince1970), secret: secret))
    }

    private func answer(_ req: Request, _ body: (_ form: [String: String], _ state: inout State) -> [String: Any]) throws -> Response {
        guard req.headers.first(name: .authorization) == "Bearer \(Self.secretKey)" else {
            return Response(status: .unauthorized, body: .init(string: #"{"error":{"message":"Invalid API key"}}"#))
        }
        let key = req.headers.first(name: "Idempotency-Key")
        var form: [String: String] = [:]
        for pair in (req.body.string ?? "").split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
            if kv.count == 2 { form[kv[0]] = kv[1] }
        }
        let text: String = state.withLockedValue { s in
            if let key, let earlier = s.answers[key] { return earlier }
            let text = String(decoding: try! JSONSerialization.data(withJSONObject: body(form, &s), options: [.sortedKeys]), as: UTF8.self)
            if let key { s.answers[key] = text }
            return text
        }
        let status: HTTPResponseStatus = text.contains("card_declined") ? .paymentRequired : text.contains(#""error""#) ? .notFound : .ok
        return Response(status: status, headers: ["Content-Type": "application/json"], body: .init(string: text))
    }
}
