import Vapor
import Fluent
import NIOConcurrencyHelpers

/// Runs background jobs (analyses, insight imports) under a lease (`JobLease`): a job runs on one server at a time,
/// its lease is renewed while it runs, and a job left queued or running by a server that stopped is started again
/// by the next sweep of any server (`JobSweep`). Jobs are written so that running one again from the start is safe:
/// each stores its results in one transaction.
enum JobRunner {
    struct Settings: Sendable {
        /// How long a lease lasts without renewal; a server that stops loses its jobs after this.
        var leaseSeconds: TimeInterval = 60
        /// How often a running job renews its lease.
        var renewSeconds: TimeInterval = 20
    }

    static let processIdentity =
        "\(ProcessInfo.processInfo.hostName.prefix(60))/\(ProcessInfo.processInfo.processIdentifier)/\(UUID().uuidString.prefix(8))"

    /// Claims the lease of `job` and runs `body` while renewing it; does nothing when another server holds it.
    /// Detached, so it does not inherit a request's hold on the write gate.
    /// `afterwards` runs when it is over, whether or not this server got the lease.
    static func start(
        _ app: Application, kind: String, job: UUID, _ body: @escaping @Sendable () async -> Void,
        afterwards: @escaping @Sendable () -> Void = {}
    ) {
        let id = UUID(), running = app.runningJobs
        running.add(
            id, job: job,
            Task.detached {
                await run(app, kind: kind, job: job, body)
                afterwards()
                running.remove(id)
            })
    }

    /// True when this server ran the job.
    @discardableResult
    static func run(_ app: Application, kind: String, job: UUID, _ body: @escaping @Sendable () async -> Void) async -> Bool {
        let owner = app.serverIdentity, settings = app.jobSettings
        do {
            let claimed = try await app.writeGate.run {
                try await JobLease.claim(app.db, job: job, kind: kind, owner: owner, ttl: settings.leaseSeconds)
            }
            guard claimed else { return false }
        } catch {
            app.logger.warning("job \(kind) \(job): could not take its lease: \(String(describing: error))")
            return false
        }
        let heartbeat = Task.detached {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(settings.renewSeconds))
                if Task.isCancelled { break }
                do {
                    let kept = try await app.writeGate.run { try await JobLease.renew(app.db, job: job, owner: owner, ttl: settings.leaseSeconds) }
                    if !kept { app.logger.warning("job \(kind) \(job): its lease was taken by another server") }
                } catch {
                    app.logger.warning("job \(kind) \(job): could not renew its lease: \(String(describing: error))")
                }
            }
        }
        await body()
        heartbeat.cancel()
        await app.publicPages.clock.changed(app.db, logger: app.logger)
        try? await app.writeGate.run { try await JobLease.release(app.db, job: job, owner: owner) }
        return true
    }
}

extension JobRunner {
    /// Jobs created before this are old enough to have a lease if a server runs them.
    static func abandonedBefore(_ app: Application, now: Date) -> Date { now.addingTimeInterval(-app.jobSettings.leaseSeconds) }

    /// Of `jobs` (queued or running, older than a lease), starts again those no server holds a lease on, unless this
    /// process is running them (a lease can lapse while its renewal waits for a busy database).
    static func resume(_ app: Application, kind: String, jobs: [UUID], now: Date, start: (UUID) -> Void) async throws {
        let held = try await JobLease.held(app.db, jobs: jobs, now: now)
        for job in jobs where !held.contains(job) && !app.runningJobs.isRunning(job: job) {
            app.logger.notice("\(kind) \(job) was left unfinished by a server that stopped; starting it again")
            start(job)
        }
    }
}

extension Application {
    private struct ServerIdentityKey: StorageKey { typealias Value = String }
    private struct JobSettingsKey: StorageKey { typealias Value = JobRunner.Settings }

    /// This server, as named in job leases: host, process id and a random part (two servers never share it).
    var serverIdentity: String {
        get { storage[ServerIdentityKey.self] ?? JobRunner.processIdentity }
        set { storage[ServerIdentityKey.self] = newValue }
    }

    var jobSettings: JobRunner.Settings {
        get { storage[JobSettingsKey.self] ?? JobRunner.Settings() }
        set { storage[JobSettingsKey.self] = newValue }
    }
}
