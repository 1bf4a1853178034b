import Vapor
import NIOConcurrencyHelpers

/// The order a server stops in on SIGTERM: stop accepting and let the requests in flight finish (up to Vapor's
/// `shutdownTimeout`, 10 s), then stop background work between batches and wait for the jobs in hand, and only then
/// close the databases.
///
/// Left to Vapor, the HTTP server and the databases both close in the last step, in no fixed order, after every
/// lifecycle handler: the server went on answering while jobs were waited for (25 s in scripts/sigterm_test.py) and
/// a request that came in after the databases had gone stopped the process (`Request.db` found nil). This handler is
/// registered last, so it runs first; once it has run, new requests are refused with 503 and those already being
/// handled are waited for.
struct StopServingFirst: LifecycleHandler {
    /// How long requests already being handled may take to finish once the server has stopped accepting.
    static let inFlightWait: Duration = .seconds(30)

    func shutdownAsync(_ app: Application) async {
        app.runningJobs.stop()
        await app.server.shutdown()
        let serving = app.serving
        serving.withLockedValue { $0.stopped = true }
        // Vapor's wait above ends when the connections close, but a handler whose client has gone keeps running
        // (after a burst of 200 connections, requests still waiting for SQLite's connection when wrk had left; the
        // release build then crashed at exit). Wait for every request that got past the door.
        let deadline = ContinuousClock.now + Self.inFlightWait
        while serving.withLockedValue({ $0.inFlight }) > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        let left = serving.withLockedValue { $0.inFlight }
        if left > 0 {
            // Closing the databases under them would stop the process with a trap; leave instead. Their transactions
            // were never committed, and none was acknowledged (their clients have not had an answer).
            app.logger.error("shutdown: \(left) requests still running after \(Self.inFlightWait); exiting without closing the databases")
            exit(0)
        }
    }
}

/// Counts the requests being handled, and refuses new ones once the server has stopped serving (`StopServingFirst`):
/// a connection that outlived Vapor's wait gets 503 and is closed, instead of a handler reaching for a database that
/// is closing.
struct RefuseWhenStoppedMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let serving = req.application.serving
        let admitted = serving.withLockedValue { s -> Bool in
            guard !s.stopped else { return false }
            s.inFlight += 1
            return true
        }
        guard admitted else { return Response(status: .serviceUnavailable, headers: ["Connection": "close", "Retry-After": "5"]) }
        defer { serving.withLockedValue { $0.inFlight -= 1 } }
        return try await next.respond(to: req)
    }
}

struct ServingState: Sendable {
    var stopped = false
    var inFlight = 0
}

extension Application {
    private struct ServingKey: StorageKey { typealias Value = NIOLockedValueBox<ServingState> }
    /// Set up once in `configure`.
    var serving: NIOLockedValueBox<ServingState> {
        get { storage[ServingKey.self] ?? NIOLockedValueBox(ServingState()) }
        set { storage[ServingKey.self] = newValue }
    }
}
