import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// A participatory budgeting round end to end through HTTP, as staff and residents use it: staff make a round with
/// pots, residents and staff propose, staff moderate and review, residents vote on a knapsack ballot without script
/// (refused over the pot's money, naming it), get a receipt, change their vote; a paper ballot is keyed in and the
/// same voter's second refused; results are published with each project's reason and the receipt is found. Run on
/// SQLite and, with DATABASE_URL, PostgreSQL.
@Suite(.serialized) struct BudgetRoundHTTPTests {
    static let hostile = "Swings \"'<>\r\n=SUM(A1)"

    /// Makes a knapsack round through the form as the council's officer and returns its id.
    static func round(_ app: Application, _ f: Fixture, _ staff: Browser, fields extra: [String: String] = [:]) async throws -> UUID {
        let activity = try await Surveys.activity(app, org: f.councilID)
        _ = try await staff.get(SiteURL.Budgeting.new)
        var fields = [
            "activity_id": activity.uuidString, "title": "Harbour budget 2027", "intro": "Decide how £15,000 is spent.", "ballot_kind": "knapsack",
            "minimum": "1", "outcome_rule": "mes-add1", "tie_seed": "harbour-2027", "minimum_age": "16", "categories": "Parks, Streets",
            "text_voting": "Choose the projects you want, up to the money in each pot.",
        ]
        fields.merge(extra) { _, new in new }
        let made = try await staff.post(SiteURL.Budgeting.new, fields)
        let location = try #require(made.headers.first(name: .location), "\(made.status) \(made.body.string.prefix(2000))")
        return try #require(UUID(uuidString: String(location.split(separator: "/").last ?? "")))
    }

    static func proposal(_ app: Application, _ title: String) async throws -> BudgetProposal {
        try #require(try await BudgetProposal.query(on: app.db).filter(\.$title == title).first())
    }

    @Test func aRoundFromProposalsToResultsWithAKnapsackBallotAndAPaperVote() async throws {
        try await TestApp.run { app, f in
            try await Surveys.ward(app)
            let harbour = try #require(try await Place.query(on: app.db).filter(\.$name == "Harbour").first()?.id)
            let staff = Browser(app)
            try await staff.signIn(f.officer)
            let id = try await Self.round(app, f, staff)

            // Bad input names the field and stores nothing.
            let badPot = try await staff.post(SiteURL.Budgeting.pots(id), ["pot_name": "Whole area", "pot_budget": "lots"])
            #expect(badPot.status == .badRequest && badPot.body.string.contains("Enter the money in the pot as pounds"))
            #expect(try await BudgetPot.query(on: app.db).count() == 0)
            let badRules = try await staff.post(
                SiteURL.Budgeting.new, ["activity_id": "", "title": "", "intro": "x", "ballot_kind": "approval", "minimum": "3", "maximum": "2"])
            #expect(badRules.status == .badRequest)
            #expect(
                badRules.body.string.contains("Choose the activity the budgeting round is for")
                    && badRules.body.string.contains("href=\"#f-maximum\""))

            #expect(try await staff.post(SiteURL.Budgeting.pots(id), ["pot_name": "Whole area", "pot_budget": "£10,000"]).status == .seeOther)
            #expect(
                try await staff.post(SiteURL.Budgeting.pots(id), ["pot_name": "Harbour", "pot_budget": "5000", "pot_ward": harbour.uuidString]).status
                    == .seeOther)
            // Residents cannot see a draft.
            #expect(try await Browser(app).get(SiteURL.Budgeting.publicRound(id)).status == .notFound)
            #expect(try await staff.post(SiteURL.Budgeting.advance(id), [:]).status == .seeOther)

            // A resident proposes; bad input is named; the hostile title comes back escaped.
            let resident = Browser(app)
            try await Residents.signIn(app, resident, "resident@example.test")
            _ = try await resident.get(SiteURL.Budgeting.propose(id))
            let badCost = try await resident.post(
                SiteURL.Budgeting.propose(id),
                ["title": Self.hostile, "description": "For the park", "cost": "four grand", "ward": harbour.uuidString])
            #expect(badCost.status == .badRequest && badCost.body.string.contains("Enter the cost in pounds"))
            #expect(badCost.body.string.contains("&lt;&gt;") && !badCost.body.string.contains("\"'<>"))
            let proposed = try await resident.post(
                SiteURL.Budgeting.propose(id),
                ["title": "Park swings", "description": "New swings \"'<> =SUM(A1)", "cost": "£4,000", "ward": harbour.uuidString])
            #expect(proposed.status == .ok && proposed.body.string.contains("P-"))
            // Staff add the groups' proposals.
            for (title, cost) in [("Benches", "3000"), ("Street lights", "6000"), ("Trees", "2000"), ("Mural", "1500")] {
                let added = try await staff.post(
                    SiteURL.Budgeting.addProposal(id), ["on_behalf_of": "Friends of the Park", "title": title, "description": "d", "cost": cost])
                #expect(added.status == .seeOther, "\(title): \(added.body.string.prefix(300))")
            }
            // Voting cannot open while proposals wait.
            #expect(try await staff.post(SiteURL.Budgeting.advance(id), [:]).status == .seeOther)  // to review
            let early = try await staff.post(SiteURL.Budgeting.advance(id), [:])
            #expect(early.status == .badRequest && early.body.string.contains("still waiting for moderation or feasibility review"))

            // Moderation and review: reasons are required where residents are owed one.
            for title in ["Park swings", "Benches", "Street lights", "Trees", "Mural"] {
                let p = try await Self.proposal(app, title)
                #expect(try await staff.post(SiteURL.Budgeting.moderate(id, p.id!), ["decision": "publish"]).status == .seeOther)
            }
            let mural = try await Self.proposal(app, "Mural")
            let noReason = try await staff.post(SiteURL.Budgeting.review(id, mural.id!), ["feasibility": "not_feasible"])
            #expect(noReason.status == .badRequest && noReason.body.string.contains("Give the reason it is not feasible"))
            #expect(
                try await staff.post(
                    SiteURL.Budgeting.review(id, mural.id!), ["feasibility": "not_feasible", "feasibility_reason": "The wall is listed."]
                )
                .status == .seeOther)
            let swings = try await Self.proposal(app, "Park swings")
            #expect(swings.potID != nil, "a Harbour proposal goes in the Harbour pot")
            let noCostReason = try await staff.post(SiteURL.Budgeting.review(id, swings.id!), ["feasibility": "feasible", "cost": "£4,500"])
            #expect(noCostReason.status == .badRequest && noCostReason.body.string.contains("Give the reason the cost changed"))
            #expect(
                try await staff.post(
                    SiteURL.Budgeting.review(id, swings.id!),
                    ["feasibility": "feasible", "cost": "£4,500", "cost_reason": "Safety surfacing is needed."]
                ).status == .seeOther)
            for title in ["Benches", "Street lights", "Trees"] {
                let p = try await Self.proposal(app, title)
                #expect(try await staff.post(SiteURL.Budgeting.review(id, p.id!), ["feasibility": "feasible"]).status == .seeOther)
            }
            #expect(try await staff.post(SiteURL.Budgeting.advance(id), [:]).status == .seeOther)  // to voting
            let fixed = try await staff.post(SiteURL.Budgeting.pots(id), ["pot_name": "Late", "pot_budget": "100"])
            #expect(fixed.status == .badRequest && fixed.body.string.contains("Pots cannot change once voting has opened"))

            let page = try await Browser(app).get(SiteURL.Budgeting.publicRound(id)).body.string
            #expect(page.contains("The wall is listed.") && page.contains("Safety surfacing is needed.") && page.contains("£4,500"))
            #expect(page.contains("New swings \"'&lt;&gt; =SUM(A1)"), "typed text is escaped in the page")

            // The ballot: the resident's ward is asked for, the pot's money is the limit, the age is declared.
            let refs = Dictionary(
                try await BudgetProposal.query(on: app.db).all().map { ($0.title, $0.reference) }, uniquingKeysWith: { a, _ in a })
            let ballotPage = try await resident.get(SiteURL.Budgeting.ballot(id))
            #expect(ballotPage.status == .ok && ballotPage.body.string.contains("Your postcode"))
            #expect(!ballotPage.body.string.contains(refs["Park swings"]!), "the Harbour pot shows once the ward is known")
            let over = try await resident.post(
                SiteURL.Budgeting.ballot(id),
                pairs: [
                    ("postcode", "HS1 1AA"), ("choice", refs["Street lights"]!), ("choice", refs["Benches"]!), ("choice", refs["Trees"]!),
                    ("action", "update"),
                ])
            #expect(over.status == .ok)
            #expect(over.body.string.contains("Whole area: your choices cost £11,000, more than the £10,000 to spend"))
            #expect(over.body.string.contains("Money left: -£1,000") && over.body.string.contains(refs["Park swings"]!))
            let noAge = try await resident.post(
                SiteURL.Budgeting.ballot(id),
                pairs: [("postcode", "HS1 1AA"), ("choice", refs["Street lights"]!), ("choice", refs["Park swings"]!), ("action", "send")])
            #expect(noAge.status == .badRequest && noAge.body.string.contains("Tick to say you are 16 or older"))
            #expect(try await BudgetBallot.query(on: app.db).count() == 0, "nothing stored until the ballot is within every limit")
            let sent = try await resident.post(
                SiteURL.Budgeting.ballot(id),
                pairs: [
                    ("postcode", "HS1 1AA"), ("choice", refs["Street lights"]!), ("choice", refs["Park swings"]!), ("age", "true"),
                    ("action", "send"),
                ])
            let voted = try #require(sent.headers.first(name: .location))
            let reference = try #require(voted.components(separatedBy: "ref=").last)
            #expect(BudgetCodes.normaliseBallotReference(reference) == reference)
            let mail = try #require(try await OutboxEmail.query(on: app.db).filter(\.$kind == "pb_receipt").first())
            #expect(mail.toAddress == "resident@example.test" && mail.body.contains(reference) && mail.body.contains("Street lights"))

            // Changing the vote keeps one ballot and its reference; twenty presses at once still leave one.
            let again = try await resident.post(
                SiteURL.Budgeting.ballot(id),
                pairs: [
                    ("choice", refs["Benches"]!), ("choice", refs["Trees"]!), ("choice", refs["Park swings"]!), ("age", "true"), ("action", "send"),
                ])
            #expect(
                again.headers.first(name: .location) == voted,
                "\(again.status) \(again.body.string.components(separatedBy: "<main").last?.prefix(1500) ?? "")")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<20 {
                    let copy = Browser(app)
                    copy.cookies = resident.cookies
                    copy.csrf = resident.csrf
                    group.addTask {
                        _ = try await copy.post(
                            SiteURL.Budgeting.ballot(id),
                            pairs: [("choice", refs["Benches"]!), ("choice", refs["Trees"]!), ("age", "true"), ("action", "send")])
                    }
                }
                try await group.waitForAll()
            }
            #expect(
                try await OutboxEmail.query(on: app.db).filter(\.$kind == "pb_receipt").count() <= 2, "a waiting receipt is rewritten, not repeated")
            let ballots = try await BudgetBallot.query(on: app.db).all()
            #expect(ballots.count == 1 && ballots.first?.reference == reference)
            #expect(BudgetBallotService.decode(ballots.first!.choices) == [refs["Benches"]!: 1, refs["Trees"]!: 1])

            // A second resident, and a paper voter; the same paper voter again is refused.
            let second = Browser(app)
            try await Residents.signIn(app, second, "second@example.test")
            _ = try await second.get(SiteURL.Budgeting.ballot(id))
            // Their first ballot sent twenty times at once: every press is answered with the same receipt, one is stored
            // (on PostgreSQL the inserts race for the unique index; the losers retry as updates).
            let firstPresses = try await withThrowingTaskGroup(of: (HTTPStatus, String?).self) { group in
                for _ in 0..<20 {
                    let copy = Browser(app)
                    copy.cookies = second.cookies
                    copy.csrf = second.csrf
                    group.addTask {
                        let res = try await copy.post(
                            SiteURL.Budgeting.ballot(id),
                            pairs: [
                                ("postcode", "HS1 9ZZ"), ("choice", refs["Street lights"]!), ("choice", refs["Park swings"]!), ("age", "true"),
                                ("action", "send"),
                            ])
                        return (res.status, res.headers.first(name: .location))
                    }
                }
                var out: [(HTTPStatus, String?)] = []
                for try await r in group { out.append(r) }
                return out
            }
            #expect(firstPresses.allSatisfy { $0.0 == .seeOther }, "\(firstPresses.map(\.0))")
            #expect(Set(firstPresses.compactMap(\.1)).count == 1, "one receipt for all twenty")
            let secondResident = try await Residents.resident(app, "second@example.test")
            #expect(try await BudgetBallot.query(on: app.db).filter(\.$residentID == secondResident.id!).count() == 1)
            _ = try await staff.get(SiteURL.Budgeting.paper(id))
            let paper = try await staff.post(
                SiteURL.Budgeting.paper(id),
                pairs: [("voter_name", "Mary O'Neil"), ("voter_postcode", "HS1 2AB"), ("age", "true"), ("choice", refs["Street lights"]!)])
            #expect(paper.status == .seeOther, "\(paper.body.string.components(separatedBy: "error-message").dropFirst().map { $0.prefix(200) })")
            let twice = try await staff.post(
                SiteURL.Budgeting.paper(id),
                pairs: [("voter_name", "mary  oneil"), ("voter_postcode", "hs12ab"), ("age", "true"), ("choice", refs["Trees"]!)])
            #expect(twice.status == .badRequest && twice.body.string.contains("already has a ballot in this round"))
            let outside = try await staff.post(
                SiteURL.Budgeting.paper(id),
                pairs: [("voter_name", "Sam"), ("voter_postcode", "ZZ9 9ZZ"), ("age", "true"), ("choice", refs["Trees"]!)])
            #expect(outside.status == .badRequest && outside.body.string.contains("not in any ward of the area"))
            // An assisted vote: staff key in the ballot of a registered resident without email; it is theirs, once.
            let helped = try await ResidentAccountService.create(email: nil, language: "en", now: Date(), app.db)
            helped.assisted = true
            helped.$place.id = harbour
            try await helped.update(on: app.db)
            let assisted = try await staff.post(
                SiteURL.Budgeting.paper(id),
                pairs: [("resident_reference", helped.reference.lowercased()), ("age", "true"), ("choice", refs["Trees"]!)])
            #expect(
                assisted.status == .seeOther, "\(assisted.body.string.components(separatedBy: "error-message").dropFirst().map { $0.prefix(200) })")
            let theirs = try #require(try await BudgetBallot.query(on: app.db).filter(\.$residentID == helped.id!).first())
            #expect(theirs.channel == "assisted" && theirs.keyedByName?.isEmpty == false)
            let audit = try #require(try await AuditEvent.query(on: app.db).filter(\.$label == theirs.reference).first())
            #expect(audit.actorName.contains(helped.reference) && audit.actorName.contains("Test Council"), "\(audit.actorName)")
            let helpedTwice = try await staff.post(
                SiteURL.Budgeting.paper(id), pairs: [("resident_reference", helped.reference), ("age", "true"), ("choice", refs["Benches"]!)])
            #expect(helpedTwice.status == .badRequest && helpedTwice.body.string.contains("(reference \(theirs.reference))"))
            let nobody = try await staff.post(SiteURL.Budgeting.paper(id), pairs: [("resident_reference", "R-0000-0000"), ("age", "true")])
            #expect(nobody.status == .badRequest && nobody.body.string.contains("No resident has this reference"))
            #expect(try await BudgetBallot.query(on: app.db).count() == 4)
            // Checked in person by the reference on the voter's receipt.
            let unknown = try await staff.post(SiteURL.Budgeting.verify(id), ["verify_reference": "B-0000-0000"])
            #expect(unknown.status == .badRequest && unknown.body.string.contains("href=\"#f-verify-reference\""))
            #expect(try await staff.post(SiteURL.Budgeting.verify(id), ["verify_reference": reference.lowercased()]).status == .seeOther)
            #expect(try await BudgetBallot.query(on: app.db).filter(\.$reference == reference).first()?.verifiedAt != nil)
            #expect(try await staff.get(SiteURL.Budgeting.paper(id)).body.string.contains("Ballots of this round checked so far: 1."))

            // Results: counted, frozen, each project's reason; the receipt is found.
            #expect(try await staff.post(SiteURL.Budgeting.advance(id), [:]).status == .seeOther)  // counting
            let closed = try await resident.post(
                SiteURL.Budgeting.ballot(id), pairs: [("choice", refs["Trees"]!), ("age", "true"), ("action", "send")])
            #expect(closed.status == .conflict)
            #expect(try await staff.post(SiteURL.Budgeting.advance(id), [:]).status == .seeOther)  // results
            let results = try await Browser(app).get(SiteURL.with(SiteURL.Budgeting.results(id), ["ref": reference.lowercased()]))
            let html = results.body.string
            #expect(results.status == .ok)
            #expect(html.contains("Ballot \(reference) was counted."))
            #expect(html.contains("4 ballots, of which 1 on paper and 0 blank."))
            // Whole area (£10,000): lights have 2 supporters (a resident and the paper voter), benches and trees 1 each.
            #expect(html.contains("Street lights") && html.contains("Bought in round 1"))
            #expect(html.contains("harbour-2027"), "the tie seed is published")
            #expect(html.contains("fewer than 5"), "small ward counts are suppressed")
            let missing = try await Browser(app).get(SiteURL.with(SiteURL.Budgeting.results(id), ["ref": "B-0000-0000"])).body.string
            #expect(missing.contains("No ballot B-0000-0000 in this round"))
            // The outcome is frozen: ballots erased later do not change the published result.
            let round = try #require(try await BudgetRound.find(id, on: app.db))
            let outcome: [BudgetRoundCount.PotResult] = try #require(StoredJSON.decode(round.outcome ?? ""))
            let whole = try #require(outcome.first { $0.budget == 1_000_000 })
            #expect(whole.voters == 4 && whole.spent <= whole.budget)
            #expect(whole.projects.first(where: { $0.id == refs["Street lights"]! })?.funded == true)
        }
    }

    @Test func draftsAndOtherOrganisationsRoundsAreWalledOff() async throws {
        try await TestApp.run { app, f in
            let staff = Browser(app)
            try await staff.signIn(f.officer)
            let id = try await Self.round(app, f, staff)
            let other = Browser(app)
            try await other.signIn(f.viewer)
            #expect(try await other.get(SiteURL.Budgeting.round(id)).status == .notFound, "another organisation's draft does not exist for them")
            #expect(!(try await other.get(SiteURL.Budgeting.list).body.string.contains("Harbour budget 2027")))
            _ = try await staff.post(SiteURL.Budgeting.pots(id), ["pot_name": "Whole area", "pot_budget": "1000"])
            #expect(try await staff.post(SiteURL.Budgeting.advance(id), [:]).status == .seeOther)
            _ = try await other.get(SiteURL.Budgeting.round(id))
            #expect(try await other.post(SiteURL.Budgeting.pots(id), ["pot_name": "Mine", "pot_budget": "1"]).status == .forbidden)
            #expect(try await other.post(SiteURL.Budgeting.advance(id), [:]).status == .forbidden)
            #expect(try await BudgetPot.query(on: app.db).count() == 1)
            // Voting is not open: the ballot says so and stores nothing.
            let resident = Browser(app)
            try await Residents.signIn(app, resident, "resident@example.test")
            #expect(try await resident.get(SiteURL.Budgeting.ballot(id)).status == .conflict)
        }
    }

    /// A round with three projects in one £10,000 pot, voting open, and `ballots` stored as voters left them.
    static func votedRound(_ app: Application, _ f: Fixture, _ staff: Browser, ballots: [[String]], fields: [String: String] = [:]) async throws -> (
        UUID, [String: String]
    ) {
        let id = try await Self.round(
            app, f, staff, fields: ["ballot_kind": "approval", "minimum": "0", "minimum_age": ""].merging(fields) { _, new in new })
        _ = try await staff.post(SiteURL.Budgeting.pots(id), ["pot_name": "Whole area", "pot_budget": "10000"])
        for (title, cost) in [("Benches =SUM(A1)", "3000"), ("Lights; \"bright\"", "6000"), ("Trees", "4000")] {
            _ = try await staff.post(SiteURL.Budgeting.addProposal(id), ["on_behalf_of": "Group", "title": title, "description": "d", "cost": cost])
        }
        for p in try await BudgetProposal.query(on: app.db).filter(\.$roundID == id).filter(\.$status == "submitted").all() {
            _ = try await staff.post(SiteURL.Budgeting.moderate(id, p.id!), ["decision": "publish"])
            _ = try await staff.post(SiteURL.Budgeting.review(id, p.id!), ["feasibility": "feasible"])
        }
        for _ in 0..<3 { #expect(try await staff.post(SiteURL.Budgeting.advance(id), [:]).status == .seeOther) }
        let refs = Dictionary(
            try await BudgetProposal.query(on: app.db).filter(\.$roundID == id).all().map { (String($0.title.prefix(5)), $0.reference) },
            uniquingKeysWith: { a, _ in a })
        for (n, picks) in ballots.enumerated() {
            let b = BudgetBallot()
            b.roundID = id; b.reference = String(format: "B-TEST-%04d", n); b.channel = "web"; b.blank = picks.isEmpty; b.ageDeclared = true
            b.choices = StoredJSON.encode(Dictionary(uniqueKeysWithValues: picks.map { (refs[$0]!, 1) }))
            b.createdAt = Date(); b.updatedAt = b.createdAt
            try await b.create(on: app.db)
        }
        return (id, refs)
    }

    @Test func theExportRecountsToTheSameOutcomeAndDecisionsAndDeliveryShowOnResults() async throws {
        try await TestApp.run { app, f in
            let staff = Browser(app)
            try await staff.signIn(f.officer)
            // Six like Benches and Lights, four like Trees, one blank.
            let ballots = Array(repeating: ["Bench", "Light"], count: 6) + Array(repeating: ["Trees"], count: 4) + [[]]
            let (id, refs) = try await Self.votedRound(app, f, staff, ballots: ballots)
            _ = try await staff.post(SiteURL.Budgeting.advance(id), [:])
            #expect(try await staff.post(SiteURL.Budgeting.advance(id), [:]).status == .seeOther)
            let round = try #require(try await BudgetRound.find(id, on: app.db))
            let pot = try #require(try await BudgetPot.query(on: app.db).filter(\.$roundID == id).first())
            let outcome: [BudgetRoundCount.PotResult] = try #require(StoredJSON.decode(round.outcome ?? ""))
            let funded = Set(outcome[0].projects.filter(\.funded).map(\.id))
            #expect(funded.count == 2 && outcome[0].spent <= 1_000_000 && outcome[0].voters == 10, "the blank ballot supports nothing")

            // The export: a name made of ids, no receipt in it, and it counts to the same outcome.
            let export = try await staff.get(SiteURL.Budgeting.export(id, pot: pot.id!))
            #expect(export.status == .ok)
            let disposition = try #require(export.headers.first(name: .contentDisposition))
            #expect(disposition.hasPrefix("attachment; filename=\"chorus-pb-") && !disposition.contains("Harbour"))
            let text = export.body.string
            #expect(!text.contains("B-TEST"), "voter ids are not receipts")
            let file = try PabulibElection.parse(text)
            #expect(file.votes.count == 10 && file.votes.map(\.voterID) == (1...10).map(String.init))
            #expect(file.projects.first { $0.id == refs["Bench"]! }?.fields["name"] == "Benches =SUM(A1)")
            #expect(file.projects.first { $0.id == refs["Light"]! }?.fields["name"] == "Lights; \"bright\"")
            let recount = BudgetRule.equalSharesAdd1.run(try BudgetElection(file), .seeded("harbour-2027"))
            #expect(Set(recount.funded.map(\.id)) == funded)
            #expect(Set(file.projects.filter { $0.selected == true }.map(\.id)) == funded)
            let withWard = try await staff.get(SiteURL.Budgeting.export(id, pot: pot.id!, ward: true))
            #expect(withWard.body.string.contains("voter_id;vote;ward") && withWard.headers.first(name: .cacheControl) == "no-store")
            let other = Browser(app)
            try await other.signIn(f.viewer)
            #expect(try await other.get(SiteURL.Budgeting.export(id, pot: pot.id!)).status == .forbidden)

            // A decision after the count, with its reason, shown to residents.
            // (Which of Benches and Lights is bought first is a tie, settled by the seed over random references.)
            let all = try await BudgetProposal.query(on: app.db).filter(\.$roundID == id).all()
            let lights = try #require(all.first { !funded.contains($0.reference) })
            let benches = try #require(all.first { funded.contains($0.reference) })
            let noReason = try await staff.post(SiteURL.Budgeting.override(id, lights.id!), ["override": "fund"])
            #expect(noReason.status == .badRequest && noReason.body.string.contains("Give the reason for the decision"))
            #expect(
                try await staff.post(
                    SiteURL.Budgeting.override(id, lights.id!), ["override": "fund", "override_reason": "Cabinet added <£6,000> on 3 March"]
                )
                .status == .seeOther)

            // Delivery through an action of a decision linked to the round's activity.
            let space = DecisionSpace()
            space.name = "Cabinet"; space.kind = "board"; space.remit = "r"; space.isPublic = true
            try await space.create(on: app.db)
            let meeting = Meeting()
            meeting.$space.id = space.id!; meeting.title = "March"; meeting.meetingDay = Day(Date()).ordinal
            try await meeting.create(on: app.db)
            let item = AgendaItem()
            item.$meeting.id = meeting.id!; item.position = 1; item.title = "Community Fund"
            try await item.create(on: app.db)
            let decision = Decision()
            decision.$agendaItem.id = item.id!; decision.$space.id = space.id!; decision.text = "Fund the winners";
            decision.decidedDay = Day(Date()).ordinal
            try await decision.create(on: app.db)
            let link = DecisionLink()
            link.$decision.id = decision.id!; link.kind = DecisionLink.Kind.activity.rawValue; link.targetID = round.activityID
            try await link.create(on: app.db)
            let action = DecisionAction()
            action.$decision.id = decision.id!; action.$space.id = space.id!; action.title = "Install the benches";
            action.$organisation.id = f.councilID
            action.status = ActionStatus.inProgress.rawValue; action.statusDay = Day(Date()).ordinal
            try await action.create(on: app.db)
            let badAction = try await staff.post(SiteURL.Budgeting.delivery(id, benches.id!), ["delivery_action": UUID().uuidString])
            #expect(badAction.status == .badRequest && badAction.body.string.contains("Choose the action from the list"))
            #expect(
                try await staff.post(
                    SiteURL.Budgeting.delivery(id, benches.id!), ["delivery_action": action.id!.uuidString, "delivery_note": "Spring"]
                )
                .status == .seeOther)

            let results = try await Browser(app).get(SiteURL.Budgeting.results(id)).body.string
            #expect(results.contains("Funded by decision: Cabinet added &lt;£6,000&gt; on 3 March"))
            #expect(results.contains("In progress (action: Install the benches): Spring"))
            #expect(results.contains("10 ballots") || results.contains("11 ballots, of which 0 on paper and 1 blank."))
        }
    }

    @Test func pointsAndRankedBallotsNameTheLimitTheyBreak() async throws {
        try await TestApp.run { app, f in
            try await Surveys.ward(app)
            let staff = Browser(app)
            try await staff.signIn(f.officer)
            let resident = Browser(app)
            try await Residents.signIn(app, resident, "points@example.test")
            for (kind, extra) in [("cumulative", ["points": "10", "max_points_per_project": "6"]), ("ranked", ["maximum": "2"])] {
                let (id, refs) = try await Self.votedRound(app, f, staff, ballots: [], fields: ["ballot_kind": kind].merging(extra) { a, _ in a })
                let (b, l, t) = (refs["Bench"]!, refs["Light"]!, refs["Trees"]!)
                let prefix = kind == "cumulative" ? "points_" : "rank_"
                _ = try await resident.get(SiteURL.Budgeting.ballot(id))
                func send(_ values: [(String, String)]) async throws -> TestingHTTPResponse {
                    try await resident.post(
                        SiteURL.Budgeting.ballot(id), pairs: [("postcode", "HS1 1AA"), ("action", "send")] + values.map { (prefix + $0.0, $0.1) })
                }
                let notANumber = try await send([(b, "lots")])
                #expect(notANumber.status == .badRequest && notANumber.body.string.contains("Enter a whole number, or leave it empty"))
                #expect(notANumber.body.string.contains("href=\"#f-choice-\(b)\""), "the error links to the field")
                if kind == "cumulative" {
                    let tooMany = try await send([(b, "6"), (l, "6")])
                    #expect(tooMany.status == .badRequest && tooMany.body.string.contains("you can give 10 points in all (you gave 12)"))
                    let oneTooMany = try await send([(b, "7")])
                    #expect(oneTooMany.status == .badRequest && oneTooMany.body.string.contains("at most 6 points on one project (you gave 7)"))
                    #expect(try await send([(b, "6"), (t, "4")]).status == .seeOther)
                } else {
                    let gap = try await send([(b, "1"), (l, "3")])
                    #expect(gap.status == .badRequest && gap.body.string.contains("number your choices 1, 2, 3 and so on, each number once"))
                    let three = try await send([(b, "1"), (l, "2"), (t, "3")])
                    #expect(three.status == .badRequest && three.body.string.contains("choose at most 2 (you chose 3)"))
                    #expect(try await send([(t, "1"), (b, "2")]).status == .seeOther)
                }
                let ballot = try #require(try await BudgetBallot.query(on: app.db).filter(\.$roundID == id).first())
                #expect(BudgetBallotService.decode(ballot.choices) == (kind == "cumulative" ? [b: 6, t: 4] : [t: 1, b: 2]))
            }
        }
    }

    /// A resident's ballot and proposals are theirs to download; erasing them leaves the vote counted but naming
    /// nobody (or removes it, with their contributions); after the retention period the ballot names nobody.
    @Test func aResidentsBallotIsExportedErasedAndExpiredAsDeclared() async throws {
        try await TestApp.run { app, f in
            try await Surveys.ward(app)
            let staff = Browser(app)
            try await staff.signIn(f.officer)
            let (id, refs) = try await Self.votedRound(app, f, staff, ballots: [])
            let b = Browser(app)
            try await Residents.signIn(app, b, "voter@example.org")
            _ = try await b.get(SiteURL.Budgeting.ballot(id))
            #expect(
                try await b.post(SiteURL.Budgeting.ballot(id), pairs: [("postcode", "HS1 1AA"), ("choice", refs["Trees"]!), ("action", "send")])
                    .status
                    == .seeOther)
            let resident = try await Residents.resident(app, "voter@example.org")
            let key = ResidentKey(id: resident.id, email: resident.email)
            let records = try await PersonalDataRegistry.export(key, app.db)
            let ballot = try #require(records.first { $0.title.hasPrefix("Your ballot: Harbour budget 2027") })
            let trees = refs["Trees"]! + "=1"
            #expect(ballot.fields.contains { (f: ExportedRecord.Field) in f.name == "choices" && f.value == trees })

            try await app.db.transaction { tx in _ = try await PersonalDataRegistry.erase([key], scope: .identity, tx) }
            let kept = try #require(try await BudgetBallot.query(on: app.db).filter(\.$roundID == id).first())
            #expect(kept.residentID == nil, "the vote stays, naming nobody")

            // Voting again (signed in afresh) makes a new ballot; erasing contributions removes it.
            let again = Browser(app)
            try await Residents.signIn(app, again, "voter@example.org")
            _ = try await again.get(SiteURL.Budgeting.ballot(id))
            _ = try await again.post(SiteURL.Budgeting.ballot(id), pairs: [("postcode", "HS1 1AA"), ("choice", refs["Bench"]!), ("action", "send")])
            let now = try await Residents.resident(app, "voter@example.org")
            #expect(try await BudgetBallot.query(on: app.db).filter(\.$residentID == now.id!).count() == 1)
            try await app.db.transaction { tx in
                _ = try await PersonalDataRegistry.erase([ResidentKey(id: now.id, email: now.email)], scope: .contributions, tx)
            }
            #expect(try await BudgetBallot.query(on: app.db).filter(\.$roundID == id).count() == 1)

            // A paper voter's name and postcode go after the period; the choices stay.
            _ = try await staff.get(SiteURL.Budgeting.paper(id))
            _ = try await staff.post(
                SiteURL.Budgeting.paper(id), pairs: [("voter_name", "Ann Lee"), ("voter_postcode", "HS1 2AB"), ("choice", refs["Trees"]!)])
            let later = Date().addingTimeInterval(400 * 86_400)
            _ = try await RetentionService.run(now: later, db: app.db, gate: app.writeGate)
            let paper = try #require(try await BudgetBallot.query(on: app.db).filter(\.$channel == "paper").first())
            #expect(paper.voterName == nil && paper.voterPostcode == nil && !BudgetBallotService.decode(paper.choices).isEmpty)
        }
    }

    /// A 1×1 grey PNG carrying a text chunk with where it was taken, as a phone's export might.
    static func pngWithLocation() -> [UInt8] {
        func be32(_ n: Int) -> [UInt8] { [UInt8(n >> 24 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] }
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let typed = Array(type.utf8) + data
            return be32(data.count) + typed + be32(Int(CRC32.checksum(typed)))
        }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", be32(1) + be32(1) + [8, 0, 0, 0, 0])
            + chunk("tEXt", Array("Comment".utf8) + [0] + Array("Location: 51.5072,-0.1276".utf8))
            + chunk("IDAT", [0x78, 0x01, 0x01, 0x02, 0x00, 0xFD, 0xFF, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01]) + chunk("IEND", [])
    }

    @Test func aProposersPhotoIsCheckedStrippedOfLocationAndShownWithItsAltText() async throws {
        try await TestApp.run { app, f in
            let staff = Browser(app)
            try await staff.signIn(f.officer)
            let id = try await Self.round(app, f, staff)
            _ = try await staff.post(SiteURL.Budgeting.pots(id), ["pot_name": "Whole area", "pot_budget": "10000"])
            _ = try await staff.post(SiteURL.Budgeting.advance(id), [:])
            let resident = Browser(app)
            try await Residents.signIn(app, resident, "photo@example.test")
            _ = try await resident.get(SiteURL.Budgeting.propose(id))
            _ = try await resident.post(SiteURL.Budgeting.propose(id), ["title": "Swings", "description": "New swings", "cost": "4000"])
            let p = try await Self.proposal(app, "Swings")
            let url = SiteURL.Budgeting.addPhoto(id, p.reference)
            #expect(try await resident.get(url).status == .ok)
            let noAlt = try await resident.postMultipart(url, [FormPart(name: "image", filename: "swings.png", bytes: Self.pngWithLocation())])
            #expect(noAlt.status == .badRequest && noAlt.body.string.contains("Say what the photo shows"))
            let html = try await resident.postMultipart(
                url,
                [
                    FormPart(name: "image", filename: "swings.png", bytes: Array("<html><script>alert(1)</script>".utf8)),
                    FormPart(name: "image_alt", bytes: Array("x".utf8)),
                ])
            #expect(html.status == .badRequest && html.body.string.contains("The file is not a JPEG or PNG photo"))
            let alt = "The broken \"swings\" <b>'here'</b>"
            let added = try await resident.postMultipart(
                url,
                [FormPart(name: "image", filename: "swings.png", bytes: Self.pngWithLocation()), FormPart(name: "image_alt", bytes: Array(alt.utf8))])
            #expect(added.status == .seeOther, "\(added.status) \(added.body.string.prefix(300))")
            let photoURL = SiteURL.Budgeting.photo(id, p.reference)
            #expect(try await Browser(app).get(photoURL).status == .notFound, "not published yet: only its proposer sees it")
            #expect(try await resident.get(photoURL).status == .ok)
            #expect(try await staff.get(photoURL).status == .ok, "the round's staff see it to moderate it")
            let other = Browser(app)
            try await other.signIn(f.viewer)
            #expect(try await other.get(photoURL).status == .notFound, "another organisation's staff do not")
            _ = try await staff.post(SiteURL.Budgeting.moderate(id, p.id!), ["decision": "publish"])
            let served = try await Browser(app).get(photoURL)
            #expect(served.status == .ok && served.headers.first(name: .contentType) == "image/png")
            #expect(served.headers.first(name: "X-Content-Type-Options") == "nosniff")
            let bytes = Array(served.body.readableBytesView)
            #expect(bytes.count > 8 && !String(decoding: bytes, as: UTF8.self).contains("Location"), "where it was taken is removed")
            let page = try await Browser(app).get(SiteURL.Budgeting.publicRound(id)).body.string
            #expect(
                page.contains("alt=\"The broken &quot;swings&quot; &lt;b&gt;&#39;here&#39;&lt;/b&gt;\"")
                    || page.contains("alt=\"The broken &quot;swings&quot; &lt;b&gt;'here'&lt;/b&gt;\""))
            // Moderation removes it.
            _ = try await staff.get(SiteURL.Budgeting.proposal(id, p.id!))
            #expect(try await staff.post(SiteURL.Budgeting.removePhoto(id, p.id!), [:]).status == .seeOther)
            #expect(try await Browser(app).get(photoURL).status == .notFound)
        }
    }
}
