import Vapor
import NIOConcurrencyHelpers

/// Periodic background work every server does while it serves: each feature registers a step (start jobs left
/// behind by a server that stopped, start scheduled analyses). Steps must be safe when several servers sweep at
/// once: they take a job's lease (`JobRunner`) or claim a row with a conditional update before acting.
final class JobSweep: Sendable {
    typealias Step = @Sendable (Application, Date) async throws -> Void
    private let steps = NIOLockedValueBox<[(name: String, step: Step)]>([])
    private let progress = NIOLockedValueBox<(workerStartedAt: Date?, lastFinished: Date?)>((nil, nil))

    /// When a worker started sweeping this server (only `serve` starts one; nil otherwise), and when its last sweep
    /// finished: what `/readyz` reports, so a stuck sweep shows.
    var state: (workerStartedAt: Date?, lastFinished: Date?) { progress.withLockedValue { $0 } }
    func workerStarted(at date: Date = Date()) { progress.withLockedValue { $0.workerStartedAt = date } }

    func register(_ name: String, _ step: @escaping Step) { steps.withLockedValue { $0.append((name, step)) } }

    /// The registered steps' names ("feature: step"), in order.
    var names: [String] { steps.withLockedValue { $0.map(\.name) } }

    /// Runs every step once; a step that fails is logged and the others still run.
    func tick(_ app: Application, now: Date = Date()) async {
        for (name, step) in steps.withLockedValue({ $0 }) {
            do { try await step(app, now) } catch { app.logger.warning("background sweep \(name): \(String(describing: error))") }
        }
        // A step may have written what a public page shows (a scheduled job, a tidy-up).
        await app.publicPages.clock.changed(app.db, logger: app.logger)
        progress.withLockedValue { $0.lastFinished = Date() }
    }
}

extension Application {
    private struct JobSweepKey: StorageKey { typealias Value = JobSweep }
    /// Set up once in `configure` (before routes register their steps).
    var jobSweep: JobSweep {
        get { storage[JobSweepKey.self] ?? JobSweep() }
        set { storage[JobSweepKey.self] = newValue }
    }
}

/// Sweeps every 30 seconds while `serve` runs (not in tests, which call `tick` themselves).
struct JobSweepWorker: LifecycleHandler {
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)
    static let interval: Duration = .seconds(30)

    func didBootAsync(_ app: Application) async throws {
        let command = app.environment.arguments.dropFirst().first ?? "serve"
        guard command == "serve" || command.hasPrefix("-") else { return }
        app.jobSweep.workerStarted()
        let t = Task.detached {
            while !Task.isCancelled {
                await app.jobSweep.tick(app)
                try? await Task.sleep(for: Self.interval)
            }
        }
        task.withLockedValue { $0 = t }
    }

    /// Stops sweeping and waits (up to `RunningJobs.shutdownWait`) for a sweep in progress, such as a batch of
    /// embeddings being stored, so it does not reach for a closed database (that stopped the process on SIGTERM).
    func shutdownAsync(_ app: Application) async {
        guard let t = task.withLockedValue({ $0 }) else { return }
        t.cancel()
        await RunningJobs.wait(for: [t], upTo: RunningJobs.shutdownWait)
    }
}
