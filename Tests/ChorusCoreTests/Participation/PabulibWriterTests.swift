import Foundation
import Testing
@testable import ChorusCore

@Suite struct PabulibWriterTests {
    /// A project as the reader gives it back: its fields hold `project_id` and `cost` too.
    static func project(_ id: String, _ cost: Double, _ fields: [String: String] = [:]) -> PabulibElection.Project {
        PabulibElection.Project(
            id: id, cost: cost, fields: fields.merging(["project_id": id, "cost": PabulibElection.written(cost)]) { $1 })
    }

    @Test func writesTheSectionsInPabulibsLayout() {
        let e = PabulibElection(
            meta: ["zone": "north", "budget": "1000", "description": "Park", "vote_type": "cumulative", "Country": "UK", "num_votes": "2"],
            projects: [Self.project("1", 600, ["name": "Swings, new"]), Self.project("2", 400.5)],
            votes: [
                PabulibElection.Vote(voterID: "a", projects: ["1", "2"], points: [3, 2.5], fields: ["age": "34"]),
                PabulibElection.Vote(voterID: "b", projects: ["2"]),
            ])
        let text = e.pabulibText(projectColumns: ["name", "cost"], voteColumns: ["age"])
        #expect(
            text == """
                META
                key;value
                description;Park
                num_votes;2
                budget;1000
                vote_type;cumulative
                Country;UK
                zone;north
                PROJECTS
                project_id;cost;name
                1;600;"Swings, new"
                2;400.5;none
                VOTES
                voter_id;vote;points;age
                a;1,2;3,2.5;34
                b;2;none;none

                """)
        #expect(!text.contains("\r"))
        #expect(
            PabulibElection(meta: [:], projects: [], votes: [PabulibElection.Vote(voterID: "v", projects: [])]).pabulibText()
                == "META\nkey;value\nPROJECTS\nproject_id;cost\nVOTES\nvoter_id;vote\nv;none\n")
    }

    @Test func hostileNamesSurviveAWriteAndARead() throws {
        let hostile = [#""'<>"#, "a;b", "line\r\nbreak", "cr\ronly", "lf\nonly", "=SUM(A1)", #"say "hi", twice"#, "+1", "@x", "-2,5", "tab\tinside"]
        let ids = ["p1", "p;2", "p\"3", "=p4", "p\n5"]
        var meta = ["budget": "1000", "vote_type": "approval", "empty": ""]
        for (i, h) in hostile.enumerated() { meta["note_\(i)"] = h }
        meta["description"] = hostile.joined(separator: " ")
        let projects = ids.enumerated().map { j, id in
            Self.project(id, Double(100 * (j + 1)), ["name": hostile[j % hostile.count], "category": hostile[(j + 5) % hostile.count]])
        }
        let votes =
            hostile.enumerated().map { i, h in
                PabulibElection.Vote(
                    voterID: "\(h)#\(i)", projects: [ids[i % ids.count], ids[(i + 2) % ids.count]], points: nil, fields: ["note": h])
            } + [PabulibElection.Vote(voterID: "blank", projects: [])]
        let e = PabulibElection(meta: meta, projects: projects, votes: votes)
        let text = e.pabulibText(projectColumns: ["name", "category"], voteColumns: ["note"])
        let read = try PabulibElection.parse(text)
        #expect(read.meta == e.meta)
        #expect(read.projects == e.projects)
        #expect(read.votes == e.votes)
        // Points, and the same election written twice gives the same text.
        let scored = PabulibElection(
            meta: ["budget": "10"], projects: projects,
            votes: [PabulibElection.Vote(voterID: "v;1", projects: ["p;2", "p\"3"], points: [0.1, 1e-7], fields: ["note": "=SUM(A1)"])])
        let columns = (projects: ["name", "category"], votes: ["note"])
        let again = try PabulibElection.parse(scored.pabulibText(projectColumns: columns.projects, voteColumns: columns.votes))
        #expect(again == scored)
        #expect(
            again.pabulibText(projectColumns: columns.projects, voteColumns: columns.votes)
                == scored.pabulibText(projectColumns: columns.projects, voteColumns: columns.votes))
    }

    /// Every election in the reference data (see PabulibTests) read, written with all its columns and read again
    /// gives the same projects, votes and meta.
    @Test(
        .enabled(if: FileManager.default.fileExists(atPath: PabulibTests.folder.path), "../shared/data/pabulib is not beside the repository"))
    func everyReferenceFileReadsBackAsItWasRead() throws {
        let files = try FileManager.default.contentsOfDirectory(at: PabulibTests.folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "pb" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        #expect(files.count >= 60)
        let clock = ContinuousClock()
        let start = clock.now
        var same = 0
        for file in files {
            let name = file.lastPathComponent
            let first = try PabulibElection.parse(String(contentsOf: file, encoding: .utf8))
            let projectColumns = Set(first.projects.flatMap(\.fields.keys)).sorted()
            let voteColumns = Set(first.votes.flatMap(\.fields.keys)).sorted()
            let text = first.pabulibText(projectColumns: projectColumns, voteColumns: voteColumns)
            let second: PabulibElection
            do { second = try PabulibElection.parse(text) } catch {
                Issue.record("\(name): the written file does not read: \(error)")
                continue
            }
            #expect(second.meta == first.meta, "\(name) meta")
            #expect(second.projects == first.projects, "\(name) projects")
            #expect(second.votes == first.votes, "\(name) votes")
            if second == first { same += 1 }
        }
        print("Pabulib write and read back: \(same) of \(files.count) files the same, in \(clock.now - start)")
    }
}
