import Foundation

/// Whether a server should be given traffic (`/readyz`), as a load balancer or orchestrator asks: its database
/// answers, every migration this version knows has run (and none it does not know, which means a newer version
/// migrated the database), and, where this server sweeps background work, its last sweep finished lately (a stuck
/// sweep means jobs and the outbox stop moving). `/healthz` stays the cheap liveness check.
public enum Readiness {
    /// How long a sweep may go without finishing before the server is not ready (a sweep runs every 30 seconds;
    /// a step can take a while, so this is ten of them).
    public static let sweepStaleAfter: TimeInterval = 300

    public struct Sweep: Sendable, Equatable {
        public let workerStarted: Bool
        public let lastFinished: Date?
        public init(workerStarted: Bool, lastFinished: Date?) {
            self.workerStarted = workerStarted
            self.lastFinished = lastFinished
        }
    }

    /// What stops the server being ready, in words for the operator; empty when ready.
    public static func problems(known: [String], applied: [String], sweep: Sweep, startedAt: Date, now: Date) -> [String] {
        var out: [String] = []
        let done = Set(applied)
        let pending = known.filter { !done.contains($0) }
        if !pending.isEmpty { out.append("migrations not run: " + pending.joined(separator: ", ")) }
        let unknown = applied.filter { !Set(known).contains($0) }
        if !unknown.isEmpty {
            out.append("the database has migrations this version does not know (a newer version ran): " + unknown.joined(separator: ", "))
        }
        if sweep.workerStarted {
            let since = sweep.lastFinished ?? startedAt
            if now.timeIntervalSince(since) > sweepStaleAfter {
                out.append("no background sweep has finished for \(Int(now.timeIntervalSince(since))) seconds")
            }
        }
        return out
    }
}
