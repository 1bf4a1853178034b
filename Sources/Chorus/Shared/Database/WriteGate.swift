import Vapor

/// One writer at a time on embedded SQLite. SQLite allows a single writer; two connections that each read and then
/// write in a transaction make one fail with "database is locked" (SQLITE_BUSY / BUSY_SNAPSHOT) instead of waiting.
/// Chorus therefore runs state-changing requests one after another when it uses SQLite (reads stay concurrent under
/// WAL). PostgreSQL needs no gate. Re-entrant within one request through a task-local flag.
final class WriteGate: Sendable {
    @TaskLocal static var holding = false
    private let enabled: Bool
    private let mutex = AsyncMutex()

    init(enabled: Bool) { self.enabled = enabled }

    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        guard enabled, !Self.holding else { return try await body() }
        await mutex.lock()
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

/// Sends every state-changing request through the write gate.
struct WriteGateMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard ![.GET, .HEAD, .OPTIONS].contains(req.method) else { return try await next.respond(to: req) }
        return try await req.application.writeGate.run { try await next.respond(to: req) }
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
