import Foundation
import Testing
import VaporTesting
import Fluent
import Crypto
@testable import Chorus
import ChorusCore

/// Citizens' panels through HTTP as staff and residents use them: a panel made (bad input named, nothing saved),
/// members added from paper, an address list imported (a bad row named, nothing imported) and households drawn by a
/// seeded letter lottery that replays; a resident joins with a letter's code (a wrong code and a full household
/// refused); a selection with bad or impossible targets named, published with the files' SHA-256 and drawn with a
/// seed, every target met; another organisation sees none of it; leaving erases the profile. Run on SQLite and, with
/// DATABASE_URL, PostgreSQL.
@Suite(.serialized) struct PanelHTTPTests {
    static let hostile = "Ann \"'<>\r\n=SUM(A1)"

    static func panel(_ app: Application, _ staff: Browser, perHousehold: String = "1") async throws -> UUID {
        _ = try await staff.get(SiteURL.Panels.list)
        let made = try await staff.post(
            SiteURL.Panels.list,
            ["name": "Harbourside Panel", "intro": "Residents who help us decide.", "max_per_household": perHousehold, "open": "true"])
        let location = try #require(made.headers.first(name: .location), "\(made.status) \(made.body.string.prefix(1500))")
        return try #require(UUID(uuidString: String(location.split(separator: "/").last ?? "")))
    }

    static func profile(_ i: Int) -> [String: String] {
        [
            "age_band": ["16_24", "35_44", "65_74"][i % 3], "sex": i % 2 == 0 ? "female" : "male",
            "ethnic_group": ["white", "asian", "black"][i % 3],
            "disability": "not_limited", "ward": "E05009999",
        ]
    }

    /// `count` members keyed in from phone forms, with `contact(i)` as each one's email or phone.
    static func addMembers(_ staff: Browser, _ id: UUID, _ count: Int, contact: (Int) -> String) async throws {
        for i in 0..<count {
            let fields = profile(i).merging(["name": "Member \(i)", "contact": contact(i), "channel": "phone", "consent": "true"]) { a, _ in a }
            #expect(try await staff.post(SiteURL.Panels.members(id), fields).status == .seeOther)
        }
    }

    /// The council's officer, signed in on a new panel with `members` members keyed in (`contact(i)` each one's address).
    static func panelOf(_ app: Application, _ f: Fixture, members: Int, contact: (Int) -> String) async throws -> (Browser, UUID) {
        try await Surveys.ward(app)
        let staff = Browser(app)
        try await staff.signIn(f.officer)
        let id = try await panel(app, staff)
        _ = try await staff.get(SiteURL.Panels.panel(id))
        try await addMembers(staff, id, members, contact: contact)
        return (staff, id)
    }

    @Test func staffAddMembersDrawLettersAndAResidentJoinsWithTheCode() async throws {
        try await TestApp.run { app, f in
            try await Surveys.ward(app)
            let staff = Browser(app)
            try await staff.signIn(f.officer)
            // Bad input names each field and saves nothing.
            let bad = try await staff.post(SiteURL.Panels.list, ["name": "", "intro": "x", "max_per_household": "lots"])
            #expect(
                bad.status == .badRequest && bad.body.string.contains("href=\"#f-name\"") && bad.body.string.contains("href=\"#f-max-per-household\"")
            )
            #expect(try await Panel.query(on: app.db).count() == 0)
            let id = try await Self.panel(app, staff)
            _ = try await staff.get(SiteURL.Panels.panel(id))

            // A paper member: a missing answer and no consent are named; then saved, the hostile name escaped.
            var paper = Self.profile(0).merging(["name": Self.hostile, "contact": "ann@example.test", "channel": "paper"]) { a, _ in a }
            paper["age_band"] = "ancient"
            let refused = try await staff.post(SiteURL.Panels.members(id), paper)
            #expect(
                refused.status == .badRequest && refused.body.string.contains("href=\"#f-age-band\"")
                    && refused.body.string.contains("href=\"#f-consent\""))
            paper["age_band"] = "35_44"
            paper["consent"] = "true"
            let twoLines = try await staff.post(SiteURL.Panels.members(id), paper)
            #expect(twoLines.status == .badRequest && twoLines.body.string.contains("href=\"#f-name\""), "a name is one line")
            paper["name"] = "Ann \"'<>=SUM(A1)"
            #expect(try await staff.post(SiteURL.Panels.members(id), paper).status == .seeOther)
            let page = try await staff.get(SiteURL.Panels.panel(id)).body.string
            #expect(page.contains("Ann \"'&lt;&gt;=SUM(A1)"), "the name is escaped")
            #expect(!page.contains("Ann \"'<>"))

            // An address list with a bad postcode on line 3 imports nothing and names the line.
            let badCSV = "uprn,address,postcode\n100001,1 Quay Street,HS1 1AA\n100002,2 Quay Street,NOT A POSTCODE\n"
            let badImport = try await staff.postMultipart(
                SiteURL.Panels.addresses(id), [FormPart(name: "file", filename: "a.csv", bytes: Array(badCSV.utf8))])
            #expect(badImport.status == .badRequest && badImport.body.string.contains("line 3"))
            #expect(try await PanelHousehold.query(on: app.db).count() == 0)
            let csv = "uprn,address,postcode\n100001,1 Quay Street,HS1 1AA\n100002,2 Quay Street,HS1 1AB\n100003,3 Quay Street,HS1 1AD\n"
            #expect(
                try await staff.postMultipart(SiteURL.Panels.addresses(id), [FormPart(name: "file", filename: "a.csv", bytes: Array(csv.utf8))])
                    .status
                    == .seeOther)
            #expect(try await staff.post(SiteURL.Panels.lottery(id), ["count": "none"]).status == .badRequest)
            #expect(try await staff.post(SiteURL.Panels.lottery(id), ["count": "2", "seed": "42"]).status == .seeOther)
            // The draw replays from the list, its order and the seed.
            let drawn = try await PanelHousehold.query(on: app.db).filter(\.$lotteryID != nil).sort(\.$position).all()
            #expect(drawn.map(\.position) == PanelLetterLottery.draw(total: 3, count: 2, seed: 42))
            let draw = try #require(try await PanelLotteryDraw.query(on: app.db).first())
            let letters = try await staff.get(SiteURL.Panels.letters(id, draw: draw.id!)).body.string
            #expect(drawn.allSatisfy { letters.contains($0.code) })

            // A resident joins with a letter's code; a wrong code is named; the household's one place is then taken.
            let resident = Browser(app)
            try await Residents.signIn(app, resident, "resident@example.test")
            _ = try await resident.get(SiteURL.Panels.join(id))
            let wrong = try await resident.post(
                SiteURL.Panels.join(id), Self.profile(1).merging(["code": "H-0000-0000", "consent": "true"]) { a, _ in a })
            #expect(wrong.status == .badRequest && wrong.body.string.contains("Check the code"))
            let code = drawn[0].code.lowercased().replacingOccurrences(of: "-", with: " ")
            #expect(
                try await resident.post(SiteURL.Panels.join(id), Self.profile(1).merging(["code": code, "consent": "true"]) { a, _ in a }).status
                    == .seeOther)
            let member = try #require(try await PanelMember.query(on: app.db).filter(\.$residentID != nil).first())
            #expect(member.householdID == drawn[0].id && member.consentWording.contains("I agree"))
            let neighbour = Browser(app)
            try await Residents.signIn(app, neighbour, "neighbour@example.test")
            _ = try await neighbour.get(SiteURL.Panels.join(id))
            let full = try await neighbour.post(
                SiteURL.Panels.join(id), Self.profile(2).merging(["code": drawn[0].code, "consent": "true"]) { a, _ in a })
            #expect(full.status == .badRequest && full.body.string.contains("the most one household can register"))

            // Another organisation's staff see none of it; residents never reach staff pages.
            let nhs = Browser(app)
            try await nhs.signIn(f.viewer)
            #expect(try await nhs.get(SiteURL.Panels.panel(id)).status == .notFound)
            #expect(try await nhs.get(SiteURL.Panels.letters(id, draw: draw.id!)).status == .notFound)
            #expect(!(try await nhs.get(SiteURL.Panels.list).body.string.contains("Harbourside Panel")))
            #expect(try await resident.get(SiteURL.Panels.panel(id)).status != .ok)

            // Leaving erases the profile at once.
            #expect(try await resident.post(SiteURL.Panels.leave(id), [:]).status == .ok)
            #expect(try await PanelMember.query(on: app.db).filter(\.$residentID != nil).count() == 0)
        }
    }

    @Test func aSelectionIsPublishedWithItsHashDrawnWithASeedAndMeetsEveryTarget() async throws {
        try await TestApp.run { app, f in
            let (staff, id) = try await Self.panelOf(app, f, members: 12) { "member\($0)@example.test" }
            // Census counts that are not numbers, and session dates that are not dates, are named.
            let badCensus = try await staff.post(
                SiteURL.Panels.selections(id),
                ["title": "Census", "panel_size": "4", "algorithm": "maximin", "census": "sex,female,lots", "sessions": "next Tuesday"])
            #expect(badCensus.status == .badRequest && badCensus.body.string.contains("Census counts line 1"))
            #expect(badCensus.body.string.contains("href=\"#f-sessions\""))
            // Bad targets are named; an unknown category and max below min.
            let bad = try await staff.post(
                SiteURL.Panels.selections(id),
                ["title": "Harbour assembly", "panel_size": "4", "algorithm": "leximin", "targets": "shoe,size9,1,2\nsex,female,3,1"])
            #expect(bad.status == .badRequest && bad.body.string.contains("href=\"#f-targets\""))
            #expect(try await PanelSelectionRecord.query(on: app.db).count() == 0)
            // Impossible: 4 seats, at least 3 aged 75 or over (nobody is).
            let impossible = try await staff.post(
                SiteURL.Panels.selections(id),
                ["title": "Impossible", "panel_size": "4", "algorithm": "leximin", "targets": "sex,female,2,2\nsex,male,2,2\nage_band,75_plus,3,4"])
            let impossibleID = try #require(
                impossible.headers.first(name: .location).flatMap { UUID(uuidString: String($0.split(separator: "/").last ?? "")) })
            let verdict = try await staff.get(SiteURL.Panels.selection(impossibleID)).body.string
            #expect(verdict.contains("No panel can meet every target") && verdict.contains("age_band 75_plus"), "\(verdict.suffix(3000))")
            #expect(try await staff.post(SiteURL.Panels.publish(impossibleID), [:]).status == .badRequest)

            let made = try await staff.post(
                SiteURL.Panels.selections(id),
                [
                    "title": "Harbour assembly", "panel_size": "4", "algorithm": "leximin",
                    "targets": "sex,female,2,2\nsex,male,2,2\nage_band,16_24,1,2", "sessions": "2027-03-13, 2027-03-06",
                ])
            let sid = try #require(made.headers.first(name: .location).flatMap { UUID(uuidString: String($0.split(separator: "/").last ?? "")) })
            #expect(try await Browser(app).get(SiteURL.Panels.audit(sid)).status == .notFound, "a draft is not public")
            #expect(try await staff.post(SiteURL.Panels.publish(sid), [:]).status == .seeOther)

            // The audit page shows the hash of the files as published; anyone can check a download against it.
            let visitor = Browser(app)
            let audit = try await visitor.get(SiteURL.Panels.audit(sid)).body.string
            let categories = try await visitor.get(SiteURL.Panels.auditFile(sid, "categories.csv")).body.string
            let respondents = try await visitor.get(SiteURL.Panels.auditFile(sid, "respondents.csv")).body.string
            func hex(_ s: String) -> String { SHA256.hash(data: Data(s.utf8)).map { String(format: "%02x", $0) }.joined() }
            #expect(audit.contains(hex(categories)) && audit.contains(hex(respondents)))
            #expect(!respondents.contains("Member"), "pseudonyms only")
            #expect(respondents.split(separator: "\n").count == 13)

            #expect(try await staff.post(SiteURL.Panels.draw(sid), ["seed": "not a number"]).status == .badRequest)
            #expect(try await staff.post(SiteURL.Panels.draw(sid), ["seed": "2027"]).status == .seeOther)
            let record = try #require(try await PanelSelectionRecord.find(sid, on: app.db))
            #expect(record.seed == "2027" && record.status == "drawn")
            let people = try await PanelSelectionPerson.query(on: app.db).filter(\.$selectionID == sid).all()
            let seated = people.filter { $0.status != "pool" }
            #expect(seated.count == 4)
            #expect(abs(people.compactMap(\.probability).reduce(0, +) - 4) < 1e-6, "probabilities sum to the seats")
            // Every target holds for the panel drawn, and the same seed draws the same panel from the published files.
            let problem = try PanelSelectionService.publishedProblem(record)
            let chosen = seated.map(\.position).sorted()
            for q in problem.quotas {
                let n = chosen.filter { problem.volunteers[$0].features[q.category] == q.feature }.count
                #expect(n >= q.min && n <= q.max, "\(q.category) \(q.feature): \(n)")
            }
            let d = try JSONDecoder().decode(PanelDistribution.self, from: Data((record.distribution ?? "").utf8))
            #expect(PanelSelection.draw(d, seed: 2027).sorted() == chosen)
            // The published files alone replay the draw (`chorus panel-replay`).
            let replay = PanelReplay.check(problem, d, seed: 2027)
            #expect(replay.ok && replay.drawn == seated.sorted { $0.position < $1.position }.map(\.pseudonym), "\(replay.problems)")
            let after = try await visitor.get(SiteURL.Panels.audit(sid)).body.string
            #expect(after.contains("2027") && seated.allSatisfy { after.contains($0.pseudonym) })

            // After the draw: attendance per session, payments for finance (bad amount named; formula text made safe).
            let someone = try #require(seated.first)
            let personPage = SiteURL.Panels.person(sid, someone.id!)
            _ = try await staff.get(personPage)
            #expect(try await staff.post(personPage, ["status": "confirmed", "access_needs": "Step-free access"]).status == .seeOther)
            #expect(try await staff.post(SiteURL.Panels.attendance(sid, someone.id!), pairs: [("attended", "2027-03-06")]).status == .seeOther)
            #expect(try await staff.post(SiteURL.Panels.attendance(sid, someone.id!), pairs: [("attended", "2027-04-01")]).status == .badRequest)
            let confirmations = try await OutboxEmail.query(on: app.db).filter(\.$kind == "panel_confirmation").all()
            #expect(confirmations.count == 1, "a confirmation by email")
            #expect(try await OutboxEmail.query(on: app.db).filter(\.$kind == "panel_invitation").count() == 4, "each person drawn was invited")
            #expect(
                confirmations.allSatisfy { $0.body.contains("(6 Mar 2027, 13 Mar 2027)") }, "with the session dates: \(confirmations.map(\.body))")
            let stored = try #require(try await PanelSelectionPerson.find(someone.id, on: app.db))
            #expect(stored.status == "confirmed" && stored.attended == "2027-03-06" && stored.accessNeeds == "Step-free access")
            let badPay = try await staff.post(
                SiteURL.Panels.payments(sid, someone.id!), ["kind": "thank_you", "amount": "fifty", "method": "cash", "paid_on": "2027-03-06"])
            #expect(badPay.status == .badRequest && badPay.body.string.contains("href=\"#f-amount\""))
            #expect(try await PanelPayment.query(on: app.db).count() == 0)
            #expect(
                try await staff.post(
                    SiteURL.Panels.payments(sid, someone.id!),
                    ["kind": "thank_you", "amount": "50", "method": "voucher", "paid_on": "2027-03-06", "note": "=HYPERLINK(\"x\")"]
                ).status == .seeOther)
            let finance = try await staff.get(SiteURL.Panels.paymentsCSV(sid))
            #expect(finance.headers.first(name: .cacheControl) == "no-store")
            let rows = finance.body.string.split(separator: "\r\n")
            #expect(rows.count == 2 && rows[1].contains("2027-03-06") && rows[1].contains("50.00") && rows[1].contains("voucher"))
            #expect(!rows[1].contains(",=HYPERLINK"), "a formula is not left for a spreadsheet to run: \(rows[1])")

            // Another organisation cannot open the staff page of the selection, a person, or the finance CSV.
            let nhs = Browser(app)
            try await nhs.signIn(f.viewer)
            #expect(try await nhs.get(SiteURL.Panels.selection(sid)).status == .notFound)
            #expect(try await nhs.get(personPage).status == .notFound)
            #expect(try await nhs.get(SiteURL.Panels.paymentsCSV(sid)).status == .notFound)
        }
    }

    @Test func onlyMembersWhoSayTheyCanComeAreInTheDraw() async throws {
        try await TestApp.run { app, f in
            let (staff, id) = try await Self.panelOf(app, f, members: 3) { "paper\($0)@example.test" }
            let resident = Browser(app)
            try await Residents.signIn(app, resident, "resident@example.test")
            _ = try await resident.get(SiteURL.Panels.join(id))
            #expect(try await resident.post(SiteURL.Panels.join(id), Self.profile(1).merging(["consent": "true"]) { a, _ in a }).status == .seeOther)

            let made = try await staff.post(
                SiteURL.Panels.selections(id),
                ["title": "Saturday workshop", "panel_size": "2", "algorithm": "leximin", "targets": "sex,female,0,2", "pool_rule": "available"])
            let sid = try #require(made.headers.first(name: .location).flatMap { UUID(uuidString: String($0.split(separator: "/").last ?? "")) })
            _ = try await staff.get(SiteURL.Panels.selection(sid))
            #expect(try await staff.post(SiteURL.Panels.ask(sid), [:]).status == .seeOther)
            #expect(try await OutboxEmail.query(on: app.db).filter(\.$kind == "panel_availability").count() == 4, "every member with an address")

            // The resident says yes on their panel page; staff record a paper member's yes and another's no.
            let page = try await resident.get(SiteURL.Panels.join(id)).body.string
            #expect(page.contains("Can you come to Saturday workshop?"))
            #expect(try await resident.post(SiteURL.Panels.answer(id, sid), ["available": "yes"]).status == .seeOther)
            let members = try await PanelMember.query(on: app.db).sort(\.$createdAt).all()
            #expect(
                try await staff.post(SiteURL.Panels.availability(sid), ["member_id": members[0].id!.uuidString, "available": "yes"]).status
                    == .seeOther)
            #expect(
                try await staff.post(SiteURL.Panels.availability(sid), ["member_id": members[1].id!.uuidString, "available": "no"]).status
                    == .seeOther)
            #expect(try await staff.post(SiteURL.Panels.availability(sid), ["member_id": "", "available": "yes"]).status == .badRequest)
            // Another organisation's staff cannot record answers.
            let nhs = Browser(app)
            try await nhs.signIn(f.viewer)
            #expect(
                try await nhs.post(SiteURL.Panels.availability(sid), ["member_id": members[2].id!.uuidString, "available": "yes"]).status == .notFound
            )

            #expect(try await staff.post(SiteURL.Panels.publish(sid), [:]).status == .seeOther)
            let people = try await PanelSelectionPerson.query(on: app.db).filter(\.$selectionID == sid).all()
            let resident0 = try #require(members.first { $0.residentID != nil })
            #expect(Set(people.compactMap(\.memberID)) == [members[0].id!, resident0.id!], "the two who said yes, and only them")
        }
    }
}
