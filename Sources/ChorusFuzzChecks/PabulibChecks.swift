import ChorusCore
import Foundation

/// The Pabulib reader (Participation/Pabulib.swift), which will read files staff upload to replay an election.
///
/// Any bytes are either refused with a message or read into an election that keeps its own rules: project and voter
/// ids unique, every vote naming only projects in PROJECTS, points one for each project voted for, costs finite and
/// not negative, and no column named twice in a record's fields.
enum PabulibChecks {
    static func check(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        let election: PabulibElection
        do { election = try PabulibElection.parse(text) } catch {
            precondition(!error.message.isEmpty, "a refusal says why")
            return
        }
        let ids = election.projects.map(\.id)
        precondition(Set(ids).count == ids.count, "project ids are unique")
        precondition(election.projects.allSatisfy { $0.cost.isFinite && $0.cost >= 0 }, "costs are finite and not negative")
        let known = Set(ids)
        precondition(Set(election.votes.map(\.voterID)).count == election.votes.count, "voter ids are unique")
        for v in election.votes {
            precondition(v.projects.allSatisfy(known.contains), "votes name only known projects")
            if let points = v.points { precondition(points.count == v.projects.count, "one point value a project") }
            precondition(v.fields["voter_id"] == nil && v.fields["vote"] == nil, "the ballot's own columns are not kept twice")
        }
    }
}
