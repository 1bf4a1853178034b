import Foundation
import Testing
@testable import ChorusCore

@Suite struct PabulibTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data/pabulib")

    @Test func readsASmallElectionWithCRLFQuotingAndNone() throws {
        let text = [
            "META", "key;value", "vote_type;cumulative", "budget;1000", #"description;"Park; and ""playground""""#,
            "PROJECTS", "Project_ID;Cost;Name;selected", #"1;600;"Swings; new";1"#, "2;500;none;0",
            "VOTES", "voter_id;vote;points;age", "a;1,2;3,2;34", "b;2;5;none", "",
        ].joined(separator: "\r\n")
        let e = try PabulibElection.parse(text)
        #expect(e.voteType == .cumulative && e.budget == 1000 && e.meta["description"] == "Park; and \"playground\"")
        #expect(e.projects.map(\.id) == ["1", "2"] && e.projects[0].fields["name"] == "Swings; new" && e.projects[1].fields["name"] == nil)
        #expect(e.projects.map(\.selected) == [true, false])
        #expect(e.votes[0].projects == ["1", "2"] && e.votes[0].points == [3, 2] && e.votes[0].fields == ["age": "34"])
        #expect(e.votes[1].fields.isEmpty)
    }

    @Test func badFilesAreRefusedNamingTheSectionRecordAndColumn() {
        func problem(_ text: String) -> String {
            do {
                _ = try PabulibElection.parse(text)
                return "parsed"
            } catch { return error.message }
        }
        let head = "META\nkey;value\nbudget;10\n"
        #expect(problem("PROJECTS\nproject_id;cost\n") == "The file has no META section")
        #expect(problem("budget;10\nMETA\n") == "The file must start with the META section")
        #expect(problem(head + "PROJECTS\nproject_id;cost\n1;5\n") == "The file has no VOTES section")
        #expect(problem(head + "PROJECTS\nproject_id;price\n1;5\nVOTES\nvoter_id;vote\n").contains("no cost column"))
        #expect(
            problem(head + "PROJECTS\nproject_id;cost\n1;five\nVOTES\nvoter_id;vote\n")
                == "PROJECTS, project 1: the cost \"five\" is not a number of 0 or more")
        #expect(
            problem(head + "PROJECTS\nproject_id;cost\n1;5\nVOTES\nvoter_id;vote\nv1;1,9\n")
                == "VOTES, voter v1: the vote names project 9, which is not in PROJECTS")
        #expect(
            problem(head + "PROJECTS\nproject_id;cost\n1;5\n2;5\nVOTES\nvoter_id;vote;points\nv1;1,2;3\n").contains(
                "must be one number for each project"))
        #expect(problem(head + "PROJECTS\nproject_id;cost\n1;5\n1;6\nVOTES\nvoter_id;vote\n") == "PROJECTS: the project id 1 is used twice")
        #expect(problem(head + "PROJECTS\nproject_id;cost\n1;5\nVOTES\nvoter_id;vote\nv;1\nv;1\n") == "VOTES: the voter id v is used twice")
        #expect(problem(head + "PROJECTS\nproject_id;cost\n\"1;5\nVOTES\n").hasPrefix("The file is not readable"))
    }

    /// A blank ballot (allowed in some Chorus rounds) is written with its vote missing, and read back as blank.
    @Test func aMissingVoteIsReadAsABlankBallot() throws {
        let e = try PabulibElection.parse("META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\n1;5\nVOTES\nvoter_id;vote\nv1;1\nv2;none\nv3;\n")
        #expect(e.votes.map(\.projects) == [["1"], [], []])
        #expect(try BudgetElection(e).ballots.map(\.projects) == [[0], [], []])
    }

    /// Every election in the reference data parses, and agrees with its own META counts. The data sits beside the
    /// repository (`../shared/data/pabulib`, not copied in); where it is absent the test is reported skipped.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: folder.path), "../shared/data/pabulib is not beside the repository"))
    func everyFileInTheReferenceDataParses() throws {
        let files = try FileManager.default.contentsOfDirectory(at: Self.folder, includingPropertiesForKeys: nil).filter { $0.pathExtension == "pb" }
        #expect(files.count >= 60)
        for file in files {
            let e: PabulibElection
            do { e = try PabulibElection.parse(String(contentsOf: file, encoding: .utf8)) } catch {
                Issue.record("\(file.lastPathComponent): \(error)")
                continue
            }
            #expect(e.voteType != nil, "\(file.lastPathComponent): vote_type \(e.meta["vote_type"] ?? "missing")")
            #expect(e.budget != nil, "\(file.lastPathComponent)")
            if let n = e.meta["num_projects"].flatMap(Int.init) { #expect(n == e.projects.count, "\(file.lastPathComponent) projects") }
            if let n = e.meta["num_votes"].flatMap(Int.init) { #expect(n == e.votes.count, "\(file.lastPathComponent) votes") }
            if e.voteType == .cumulative || e.voteType == .scoring {
                #expect(e.votes.allSatisfy { $0.points != nil }, "\(file.lastPathComponent) points")
            }
        }
    }
}
