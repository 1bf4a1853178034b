import Vapor
import ChorusCore

extension InsightEmbeddings {
    /// The background embedding queue on this server (`/metrics`): whether it is working, and its progress.
    static func metrics(_ app: Application) -> [Prometheus.Family] {
        let queue = app.embeddingQueue
        let running = queue.running.withLockedValue { $0 }
        let progress = queue.progress.withLockedValue { $0 }
        return [
            .init(
                "chorus_embedding_queue_running", .gauge, help: "1 while this server embeds insights in the background.",
                [.init(value: running ? 1 : 0)]),
            .init(
                "chorus_embedding_queue_insights", .gauge, help: "The running queue's insights: done so far and still to embed.",
                [
                    .init(labels: [("state", "done")], value: Double(progress?.done ?? 0)),
                    .init(labels: [("state", "pending")], value: Double(max(0, (progress?.pending ?? 0) - (progress?.done ?? 0)))),
                ]),
        ]
    }
}
