import Foundation
import Testing
import VaporTesting
@testable import Chorus
import ChorusCore

/// "Check an outcome": staff upload a Pabulib file, choose a rule, and read why each project was or was not funded,
/// compared with the file's official outcome. Nothing is stored, so one run covers both databases' code paths.
@Suite(.serialized) struct BudgetCheckHTTPTests {
    /// Ten voters share 10 GBP. Six like A (6) and B (4), four like C (4). Greedy by votes funds A and B (6 votes each,
    /// A first by id; then nothing is left for C). Equal Shares gives each voter 1: A's six supporters pay 1 each at
    /// a price of 1/6 per unit of benefit (B ties at 1/6 and loses on id), then C's four pay 1 each; B's supporters
    /// have nothing left. The file's official outcome is Equal Shares'.
    static let election =
        [
            "META", "key;value", "description;Test", "country;Testland", "unit;Harbourside", "instance;2026", "budget;10", "vote_type;approval",
            "currency;GBP", "PROJECTS", "project_id;cost;name;selected", "A;6;Park benches \"new\" <b>;1", "B;4;Bins;0", "C;4;Library books;1",
            "VOTES", "voter_id;vote",
        ].joined(separator: "\r\n") + "\r\n" + (1...10).map { "\($0);" + ($0 <= 6 ? "A,B" : "C") }.joined(separator: "\r\n") + "\r\n"

    func check(_ b: Browser, _ content: String, rule: String, seed: String = "") async throws -> TestingHTTPResponse {
        _ = try await b.get(SiteURL.Budgeting.check)
        return try await b.upload(
            SiteURL.Budgeting.check, field: "file", filename: "test.pb", content: content, fields: ["rule": rule, "seed": seed])
    }

    @Test func equalSharesAndGreedyAreExplainedAndComparedWithTheOfficialOutcome() async throws {
        try await TestApp.run { app, f in
            let b = Browser(app)
            try await b.signIn(f.officer)
            let mes = try await check(b, Self.election, rule: "mes")
            #expect(mes.status == .ok)
            let html = mes.body.string
            #expect(html.contains("Same as the official outcome in the file."))
            #expect(html.contains("Bought in round 1 of Equal Shares: its 6 supporters paid 1 GBP each"))
            #expect(html.contains("Bought in round 2 of Equal Shares: its 4 supporters paid 1 GBP each"))
            #expect(
                html.contains("Not funded: when Equal Shares stopped, its 6 supporters had 0 GBP left between them, less than its cost of 4 GBP."))
            #expect(html.contains("Park benches \"new\" &lt;b&gt;"), "a name from the file is escaped")
            #expect(html.contains("2 of 3 projects, 10 GBP (0 GBP left)"))

            let greedy = try await check(b, Self.election, rule: "greedy").body.string
            #expect(greedy.contains("Different from the official outcome in the file"))
            #expect(greedy.contains("Funded here, not officially: B") && greedy.contains("Funded officially, not here: C"))
            #expect(greedy.contains("Funded by greedy: ranked 2 with 6 votes; 0 GBP left after it."))
            #expect(greedy.contains("Not funded: ranked 3 with 4 votes; it costs 4 GBP and did not fit"))

            // A seed decides the A–B tie differently from ids only if its order says so; either way it is shown.
            let seeded = try await check(b, Self.election, rule: "mes", seed: "Harbourside 2026").body.string
            #expect(seeded.contains("seed “Harbourside 2026”"))
        }
    }

    @Test func badFilesAndChoicesAreNamedAndNothingIsKept() async throws {
        try await TestApp.run { app, f in
            let b = Browser(app)
            try await b.signIn(f.officer)
            let notPB = try await check(b, "name,cost\nA,5\n", rule: "mes")
            #expect(notPB.status == .badRequest)
            #expect(notPB.body.string.contains("The file is not a Pabulib election"))
            let noBudget = try await check(b, Self.election.replacingOccurrences(of: "budget;10\r\n", with: ""), rule: "mes")
            #expect(noBudget.status == .badRequest && noBudget.body.string.contains("the file gives no budget"))
            let badRule = try await check(b, Self.election, rule: "dictator")
            #expect(badRule.status == .badRequest && badRule.body.string.contains("Rule"))
            let latin1 = try await b.postMultipart(
                SiteURL.Budgeting.check,
                [FormPart(name: "rule", bytes: Array("mes".utf8)), FormPart(name: "file", filename: "x.pb", bytes: [0x4D, 0xE9, 0xFF])])
            #expect(latin1.status == .badRequest && latin1.body.string.contains("not UTF-8"))
            let empty = try await b.postMultipart(
                SiteURL.Budgeting.check, [FormPart(name: "rule", bytes: Array("mes".utf8)), FormPart(name: "file", filename: "", bytes: [])])
            #expect(empty.status == .badRequest && empty.body.string.contains("Choose a Pabulib file"))
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
                .filter { $0.hasPrefix("chorus-pb-check-") }
            #expect(leftovers.isEmpty, "the uploaded file is removed")
            // Residents and visitors never reach it.
            #expect(try await Browser(app).get(SiteURL.Budgeting.check).status == .seeOther)
        }
    }

    /// A real election (skipped without ../shared/data): Swiecie 2023's official outcome is Equal Shares with Add1.
    @Test func aCitysPublishedVoteChecksOut() async throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data/pabulib/Poland_Swiecie_2023.pb")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            print("skipped: \(file.path) is not here (the reference data sits beside the repository in CI)")
            return
        }
        try await TestApp.run { app, f in
            let b = Browser(app)
            try await b.signIn(f.officer)
            let page = try await check(b, text, rule: "mes-add1").body.string
            #expect(page.contains("Same as the official outcome in the file."))
            #expect(page.contains("raised") && page.contains("times by Add1"))
        }
    }
}
