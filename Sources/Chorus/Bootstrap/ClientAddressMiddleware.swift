import Vapor
import ChorusCore

extension Request {
    private struct ClientAddressKey: StorageKey { typealias Value = String }

    /// The client's address for throttling and logs: the socket's peer, or behind a trusted proxy the right-most
    /// untrusted hop of `X-Forwarded-For` (`ClientAddress`, `CHORUS_TRUSTED_PROXIES`). "unknown" when there is no peer.
    var clientAddress: String {
        if let known = storage[ClientAddressKey.self] { return known }
        let address = ClientAddress.resolve(
            peer: remoteAddress?.ipAddress, forwardedFor: headers[.xForwardedFor],
            trusted: application.chorusConfig.trustedProxies)
        storage[ClientAddressKey.self] = address
        return address
    }
}

/// Puts the client's address on the request's logger, so every line logged while serving it (errors included) says
/// who it was for; first in the chain, so the error middleware's lines carry it too.
struct ClientAddressMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        req.logger[metadataKey: "client"] = .string(req.clientAddress)
        return try await next.respond(to: req)
    }
}
