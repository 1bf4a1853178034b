import Vapor
import ChorusCore
import NIOConcurrencyHelpers

/// One writer at a time on embedded SQLite. SQLite allows a single writer; two connections that each read and then
/// write in a transaction make one fail with "database is locked" (SQLITE_BUSY / BUSY_SNAPSHOT) instead of waiting.
/// Chorus therefore runs state-changing requests one after another when it uses SQLite (reads stay concurrent under
/// WAL). PostgreSQL needs no gate. Re-entrant within one request through a task-local flag.
final class WriteGate: Sendable {
    @TaskLocal static var holding = false
    private let enabled: Bool
    private let mutex = AsyncMutex()
    private let waits = NIOLockedValueBox(LatencyHistogram())

    /// How long writers waited for the gate (`/metrics`): on SQLite, the closest thing to waiting for a connection.
    var waited: LatencyHistogram { waits.withLockedValue { $0 } }

    init(enabled: Bool) { self.enabled = enabled }

    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        guard enabled, !Self.holding else { return try await body() }
        let asked = ContinuousClock.now
        await mutex.lock()
        let wait = ContinuousClock.now - asked
        waits.withLockedValue { $0.observe(Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18) }
        do {
            let result = try await Self.$holding.withValue(true) { try await body() }
            await mutex.unlock()
            return result
        } catch {
            await mutex.unlock()
            throw error
        }
    }
}

/// A fair async mutex: waiters resume in arrival order.
actor AsyncMutex {
    private var locked = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func lock() async {
        if !locked { locked = true; return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func unlock() {
        if waiters.isEmpty { locked = false } else { waiters.removeFirst().resume() }
    }
}

/// Sends every state-changing request through the write gate, once its body has arrived.
///
/// The body is read first, outside the gate: a client that declares a long body and sends it slowly (or never) must
/// not hold the one SQLite writer while it dawdles, or one slow request freezes every write, sign-in included. Routes
/// whose handlers do slow work before they write (validating a large batch, building an import preview, receiving a
/// streamed upload) are marked `gatesItsOwnWrites()` and take the gate themselves around their transactions only.
struct WriteGateMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard ![.GET, .HEAD, .OPTIONS].contains(req.method), let route = req.route else { return try await next.respond(to: req) }
        if route.userInfo[WriteGate.streamsBodyKey] == nil {
            let limit = BodyLimits.limit(for: req)
            if let data = req.body.data {
                guard data.readableBytes <= limit else { throw Abort(.payloadTooLarge) }
            } else {
                do { _ = try await req.body.collect(max: limit).get() } catch let error as any AbortError { throw error } catch {
                    // The client went away or broke off mid-body: its fault, not a server error.
                    throw Abort(.badRequest, reason: "The request body was cut off")
                }
            }
        }
        if route.userInfo[WriteGate.selfGatedKey] != nil { return try await next.respond(to: req) }
        return try await req.application.writeGate.run { try await next.respond(to: req) }
    }
}

extension WriteGate {
    static let selfGatedKey = AnySendableHashable("chorus.gatesItsOwnWrites")
    static let streamsBodyKey = AnySendableHashable("chorus.streamsBody")
}

extension Route {
    /// The handler takes the write gate itself (`Request.gatedWrite`) around its transactions, so work before them
    /// (parsing, validating, building a preview) does not hold up other writers.
    @discardableResult
    func gatesItsOwnWrites() -> Route {
        userInfo[WriteGate.selfGatedKey] = true
        return self
    }

    /// The route takes a bigger form than `BodyLimits.form` (a photo): `bytes` at most.
    @discardableResult
    func acceptsBody(upTo bytes: Int) -> Route {
        userInfo[BodyLimits.maxBodyKey] = bytes
        return self
    }

    /// The route reads its body as a stream (registered with `body: .stream`); it is never collected in memory, and
    /// the handler takes the write gate itself.
    @discardableResult
    func streamsItsBody() -> Route {
        userInfo[WriteGate.streamsBodyKey] = true
        userInfo[WriteGate.selfGatedKey] = true
        return self
    }
}

/// How many bytes of body a route accepts: its own limit when it declared one (`APIDocs.route`'s `maxBody`), the JSON
/// API's 1 MB, else the form limits (256 KB; 65 MB for imports).
enum BodyLimits {
    static let maxBodyKey = AnySendableHashable("chorus.maxBody")
    static let api = 1024 * 1024
    static let form = 256 * 1024
    static let upload = 65 * 1024 * 1024

    static func limit(for req: Request) -> Int {
        if let declared = req.route?.userInfo[maxBodyKey] as? Int { return declared }
        if req.url.path.hasPrefix("/api/") { return api }
        return req.url.path.contains("/import") ? upload : form
    }
}

extension Application {
    private struct WriteGateKey: StorageKey { typealias Value = WriteGate }
    var writeGate: WriteGate {
        get { storage[WriteGateKey.self] ?? WriteGate(enabled: false) }
        set { storage[WriteGateKey.self] = newValue }
    }
}

extension Request {
    /// Runs a small write made while serving a read (session and token "last seen" times) through the gate.
    func gatedWrite(_ body: @Sendable () async throws -> Void) async throws {
        try await application.writeGate.run(body)
    }
}
