import Vapor
import NIOPosix

/// Threads for long CPU work: sentence embedding, thematic analysis, scanning an uploaded file. Not Vapor's
/// `threadPool`, because on SQLite every database query runs on that pool too (one thread per core): a minutes-long
/// embedding of 100,000 insights there held both threads of a 2-core server, so pages stopped answering, the job
/// could not renew its lease, and the sweep started the same analysis again, three times (bench/run_analysis_bench.sh,
/// 2026-12-06). Work queued here waits for a free compute thread instead of for the database.
extension Application {
    private struct ComputePoolKey: StorageKey { typealias Value = NIOThreadPool }

    var computePool: NIOThreadPool {
        guard let pool = storage[ComputePoolKey.self] else { fatalError("configure(_:config:) starts the compute pool") }
        return pool
    }

    /// Starts the pool; its shutdown is registered as a lifecycle handler, so register this before the handlers whose
    /// shutdown still needs it (they are shut down in reverse order).
    func startComputePool(threads: Int = System.coreCount) {
        let pool = NIOThreadPool(numberOfThreads: max(1, threads))
        pool.start()
        storage[ComputePoolKey.self] = pool
        lifecycle.use(ComputePoolLifecycle())
    }
}

struct ComputePoolLifecycle: LifecycleHandler {
    func shutdownAsync(_ application: Application) async {
        try? await application.computePool.shutdownGracefully()
    }
}
