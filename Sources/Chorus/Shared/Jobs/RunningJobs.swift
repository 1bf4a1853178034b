import Vapor
import NIOConcurrencyHelpers

/// Background jobs this process has started and not finished (`JobRunner.start`). Shutting down waits for them, up to
/// `shutdownWait`, before the databases close: a job that finished its work but still had to give up its lease used
/// to reach for a database that was already gone, which stops the process (seen in the HTTP tests, where every test's
/// app shuts down as soon as the test has seen its job finish). A job still running after the wait is left to the
/// lease: another server's sweep starts it again.
final class RunningJobs: Sendable {
    static let shutdownWait: Duration = .seconds(30)
    private let tasks = NIOLockedValueBox<[UUID: (job: UUID, task: Task<Void, Never>)]>([:])
    private let stopping = NIOLockedValueBox(false)

    /// True once the server has begun to shut down: long work (the embedding queue) stops between batches rather than
    /// keep the process, and its database, waiting.
    var isStopping: Bool { stopping.withLockedValue { $0 } }
    func stop() { stopping.withLockedValue { $0 = true } }

    func add(_ id: UUID, job: UUID, _ task: Task<Void, Never>) { tasks.withLockedValue { $0[id] = (job, task) } }
    func remove(_ id: UUID) { _ = tasks.withLockedValue { $0.removeValue(forKey: id) } }
    /// True while this process runs `job`: its own sweep must not start it again, even if the lease lapsed.
    func isRunning(job: UUID) -> Bool { tasks.withLockedValue { $0.values.contains { $0.job == job } } }

    /// Returns when every job started so far has finished, or after `limit`.
    func wait(upTo limit: Duration) async {
        await Self.wait(for: tasks.withLockedValue { $0.values.map(\.task) }, upTo: limit)
    }

    /// Returns when all of `pending` have finished, or after `limit` (a task's value cannot be awaited with a limit).
    static func wait(for pending: [Task<Void, Never>], upTo limit: Duration) async {
        guard !pending.isEmpty else { return }
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            let resumed = NIOLockedValueBox(false)
            let finish: @Sendable () -> Void = {
                if resumed.withLockedValue({ was in
                    defer { was = true }; return !was
                }) {
                    done.resume()
                }
            }
            Task {
                for task in pending { await task.value }; finish()
            }
            Task {
                try? await Task.sleep(for: limit); finish()
            }
        }
    }
}

/// Waits for running jobs when the application shuts down. Registered after Fluent, so it runs before the databases close.
struct RunningJobsLifecycle: LifecycleHandler {
    func shutdownAsync(_ application: Application) async {
        application.runningJobs.stop()
        await application.runningJobs.wait(upTo: RunningJobs.shutdownWait)
    }
}

extension Application {
    private struct RunningJobsKey: StorageKey { typealias Value = RunningJobs }

    var runningJobs: RunningJobs {
        if let existing = storage[RunningJobsKey.self] { return existing }
        let made = RunningJobs()
        storage[RunningJobsKey.self] = made
        return made
    }
}
