import Fluent
import SQLKit
import Vapor
import ChorusCore

/// A saved analysis that runs again by itself (daily or weekly). It follows the newest run of its chain: each
/// scheduled (or manual) re-run becomes `latestRun`, and the next one is matched to it, so themes keep their
/// identity and the analysts' edits.
final class AnalysisSchedule: Model, @unchecked Sendable {
    static let schema = "analysis_schedules"
    @ID(key: .id) var id: UUID?
    @Parent(key: "latest_run_id") var latestRun: AnalysisRun
    @Field(key: "frequency") var frequency: String
    @Field(key: "next_run_at") var nextRunAt: Date
    /// Changed by every server that starts a run, so two servers sweeping at once cannot both start the same one.
    @OptionalField(key: "claim") var claim: String?
    @OptionalParent(key: "person_id") var person: Person?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}

    var frequencyValue: AnalysisFrequency { AnalysisFrequency(rawValue: frequency) ?? .weekly }
}
