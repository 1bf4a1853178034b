import Vapor
import NIOConcurrencyHelpers

/// The order a server stops in on SIGTERM: stop accepting and let the requests in flight finish (up to Vapor's
/// `shutdownTimeout`, 10 s), then stop background work between batches and wait for the jobs in hand, and only then
/// close the databases.
///
/// Left to Vapor, the HTTP server and the databases both close in the last step, in no fixed order, after every
/// lifecycle handler: the server went on answering while jobs were waited for (25 s in scripts/sigterm_test.py) and
/// a request that came in after the databases had gone stopped the process (`Request.db` found nil). This handler is
/// registered last, so it runs first; requests that are still running when the wait ends are refused with 503 rather
/// than reach a closed database.
struct StopServingFirst: LifecycleHandler {
    func shutdownAsync(_ app: Application) async {
        app.runningJobs.stop()
        await app.server.shutdown()
        app.servingStopped.withLockedValue { $0 = true }
    }
}

/// Refuses requests once the server has stopped serving (`StopServingFirst`): a connection that outlived the wait
/// for in-flight requests gets 503 and is closed, instead of a handler reaching for a database that is closing.
struct RefuseWhenStoppedMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard req.application.servingStopped.withLockedValue({ $0 }) else { return try await next.respond(to: req) }
        return Response(status: .serviceUnavailable, headers: ["Connection": "close", "Retry-After": "5"])
    }
}

extension Application {
    private struct ServingStoppedKey: StorageKey { typealias Value = NIOLockedValueBox<Bool> }
    /// Set up once in `configure`.
    var servingStopped: NIOLockedValueBox<Bool> {
        get { storage[ServingStoppedKey.self] ?? NIOLockedValueBox(false) }
        set { storage[ServingStoppedKey.self] = newValue }
    }
}
