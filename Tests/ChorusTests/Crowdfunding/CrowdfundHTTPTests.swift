import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// Crowdfunding through HTTP as residents and staff use it, with Stripe played by `FakeStripe`: a project started
/// (bad input named, nothing saved), verified, pledged to offline and by card, withdrawn; the close job charging each
/// card once even when run twice at once, retrying a declined card and settling by the stated rule; the webhook
/// refusing a wrong signature and applying a replayed event once; a match fund's computed pledge approved and growing;
/// another organisation's staff kept out of a fund. Run on SQLite and, with DATABASE_URL, PostgreSQL.
@Suite(.serialized) struct CrowdfundHTTPTests {
    static let hostile = "Ann \"'<>\r\n=SUM(A1)"
    static let hostileOneLine = "Ann \"'<> =SUM(A1)"

    /// A project started by `email` (signed in on `resident`) and verified by the council's officer; returns its id.
    static func liveProject(
        _ app: Application, _ f: Fixture, resident: Browser, email: String, items: String = "Planters, £60\nBulbs and soil, £40",
        model: String = "allOrNothing", overfunding: String = "0"
    ) async throws -> UUID {
        let id = try await startedProject(app, resident: resident, email: email, items: items, model: model, overfunding: overfunding)
        try await verify(app, f, id)
        return id
    }

    /// A project a resident has sent for checking.
    static func startedProject(
        _ app: Application, resident: Browser, email: String, items: String = "Planters, £60\nBulbs and soil, £40", model: String = "allOrNothing",
        overfunding: String = "0"
    ) async throws -> UUID {
        try await Residents.signIn(app, resident, email)
        _ = try await resident.get(SiteURL.Crowdfunding.start)
        let made = try await resident.post(
            SiteURL.Crowdfunding.start,
            [
                "title": "Harbour Street planters", "summary": "Planters along the harbour wall.", "story": "We will plant them.\nWith the school.",
                "creator_kind": "group", "group_name": "Friends of Harbour Street", "ward": "E05009999", "category": "green_spaces",
                "items": items, "funding_model": model, "deadline": Day(Date()).adding(days: 30).description, "overfunding_days": overfunding,
                "overfunding_uses": overfunding == "0" ? "" : "More bulbs",
            ])
        #expect(made.status == .seeOther, "\(made.body.string.prefix(2000))")
        return try #require(try await CrowdfundProject.query(on: app.db).sort(\.$createdAt, .descending).first()?.id)
    }

    /// Staff check every point and verify the project: it goes live.
    static func verify(_ app: Application, _ f: Fixture, _ id: UUID) async throws {
        let staff = Browser(app)
        try await staff.signIn(f.officer)
        _ = try await staff.get(SiteURL.Crowdfunding.manageProject(id))
        var checks = Dictionary(uniqueKeysWithValues: CrowdfundProjectService.checklist.map { ("check_\($0)", "true") })
        checks["activity"] = ""
        let verified = try await staff.post(SiteURL.Crowdfunding.verify(id), checks)
        #expect(verified.status == .seeOther, "\(verified.body.string.prefix(2000))")
    }

    /// Moves a project's deadline into the past, so the next sweep closes it.
    static func pastDeadline(_ app: Application, _ id: UUID) async throws {
        let p = try #require(try await CrowdfundProject.find(id, on: app.db))
        p.deadlineDay = Day(Date()).adding(days: -1).ordinal
        try await p.save(on: app.db)
    }

    /// Runs `body` with Stripe played by a `FakeStripe` (stopped afterwards, whatever happens) and a live project
    /// started by maker@example.org.
    static func withStripe(_ body: (Application, Fixture, FakeStripe, UUID) async throws -> Void) async throws {
        let stripe = try await FakeStripe.start()
        do {
            try await TestApp.run { app, f in
                app.chorusConfig.stripe = stripe.settings
                try await Surveys.ward(app)
                try await body(app, f, stripe, try await Self.liveProject(app, f, resident: Browser(app), email: "maker@example.org"))
            }
        } catch {
            try await stripe.stop()
            throw error
        }
        try await stripe.stop()
    }

    /// A signed-in resident's card pledge, sent to Stripe's page: its Checkout session.
    static func sendToStripe(_ b: Browser, _ id: UUID, amount: String, _ stripe: FakeStripe) async throws -> String {
        _ = try await b.get(SiteURL.Crowdfunding.project(id))
        let sent = try await b.post(SiteURL.Crowdfunding.pledge(id), ["amount": amount, "method": "card"])
        let to = try #require(sent.headers.first(name: .location), "\(sent.status) \(sent.body.string.prefix(1500))")
        #expect(to.hasPrefix("http://127.0.0.1:\(stripe.port)/pay/cs_test_"))
        return String(to.split(separator: "/").last!)
    }

    /// The project's totals as pages show them (summed by the database), checked against the stored entries summed here.
    static func totals(_ app: Application, _ id: UUID) async throws -> CrowdfundLedgerService.ProjectTotals {
        let totals = try await CrowdfundLedgerService.totals(of: id, app.db)
        let funds = Set(try await CrowdfundPledge.query(on: app.db).filter(\.$projectID == id).filter(\.$method == "fund").all().compactMap(\.id))
        let entries = try await CrowdfundLedgerRow.query(on: app.db).filter(\.$projectID == id).all().map {
            LedgerEntry(
                pledge: $0.pledgeID, event: LedgerEvent(rawValue: $0.event)!, from: LedgerAccount(rawValue: $0.fromAccount)!,
                to: LedgerAccount(rawValue: $0.toAccount)!, amount: $0.amountPence)
        }
        #expect(totals.crowd == LedgerTotals(entries.filter { !funds.contains($0.pledge) }))
        #expect(totals.match == LedgerTotals(entries.filter { funds.contains($0.pledge) }))
        return totals
    }

    @Test func aResidentStartsAProjectStaffCheckItAndPledgesCountTowardsItsTarget() async throws {
        try await TestApp.run { app, f in
            try await Surveys.ward(app)
            let resident = Browser(app)
            try await Residents.signIn(app, resident, "maker@example.org")
            _ = try await resident.get(SiteURL.Crowdfunding.start)
            // Bad input names each field and saves nothing.
            let bad = try await resident.post(
                SiteURL.Crowdfunding.start,
                [
                    "title": "", "items": "Planters £60\nSoil, lots", "deadline": "2020-01-01", "ward": "nowhere", "funding_model": "maybe",
                    "creator_kind": "group",
                ])
            #expect(bad.status == .badRequest)
            for field in ["title", "items", "deadline", "ward", "funding_model", "summary", "story", "group_name", "category"] {
                #expect(bad.body.string.contains("href=\"#\(Form.fieldID(field))\""), "\(field) is named in the error summary")
            }
            #expect(try await CrowdfundProject.query(on: app.db).count() == 0)
            // The project is not public until checked.
            let id = try await Self.liveProject(app, f, resident: resident, email: "maker@example.org")
            #expect(try await app.testing().sendRequest(.GET, SiteURL.Crowdfunding.project(id)).status == .ok)
            // Residents find it on the front door and in the list.
            let front = try await Browser(app).get("/").body.string
            #expect(front.contains("Back a local project") && front.contains("Harbour Street planters"))
            #expect(try await Browser(app).get(SiteURL.Crowdfunding.list + "?ward=E05009999").body.string.contains("Harbour Street planters"))
            // A viewer may read but not verify, record or decide.
            let viewer = Browser(app)
            try await viewer.signIn(f.viewer)
            _ = try await viewer.get(SiteURL.Crowdfunding.manageProject(id))
            #expect(try await viewer.post(SiteURL.Crowdfunding.record(id), ["amount": "5", "contact": "x"]).status == .forbidden)

            // Someone not signed in is offered a way to sign in that comes back to the project.
            let visitor = try await Browser(app).get(SiteURL.Crowdfunding.project(id)).body.string
            #expect(visitor.contains(HTMLEscape.attribute(SiteURL.Residents.signIn(back: SiteURL.Crowdfunding.project(id)))))
            #expect(!visitor.contains("name=\"amount\""))

            let backer = Browser(app)
            try await Residents.signIn(app, backer, "backer@example.org")
            _ = try await backer.get(SiteURL.Crowdfunding.project(id))
            // More than the target is refused (no overfunding), and so is nonsense.
            let tooMuch = try await backer.post(SiteURL.Crowdfunding.pledge(id), ["amount": "150", "method": "offline"])
            #expect(tooMuch.status == .badRequest)
            #expect(tooMuch.body.string.contains("This project needs £100 more"))
            #expect(try await backer.post(SiteURL.Crowdfunding.pledge(id), ["amount": "ten", "method": "offline"]).status == .badRequest)
            // Card is not offered without a card provider.
            #expect(try await backer.post(SiteURL.Crowdfunding.pledge(id), ["amount": "10", "method": "card"]).status == .badRequest)
            let pledged = try await backer.post(
                SiteURL.Crowdfunding.pledge(id), ["amount": "25", "method": "offline", "shown_name": Self.hostileOneLine])
            #expect(pledged.headers.first(name: .location) == SiteURL.Crowdfunding.project(id) + "?done=pledged")
            let page = try await backer.get(SiteURL.Crowdfunding.project(id)).body.string
            #expect(page.contains("£25 pledged of £100 (25%)"))
            #expect(page.contains("Ann &quot;&#39;&lt;&gt; =SUM(A1): £25") || page.contains("Ann \"'&lt;&gt; =SUM(A1): £25"))
            #expect(!page.contains("<> =SUM"))
            // Withdrawn, it no longer counts.
            let pledge = try #require(try await CrowdfundPledge.query(on: app.db).filter(\.$projectID == id).first())
            #expect(try await backer.post(SiteURL.Crowdfunding.cancel(pledge.id!), [:]).status == .seeOther)
            #expect(try await Self.totals(app, id).standing == 0)
            #expect(try await Self.totals(app, id).crowd[.cancelled] == 2_500)
            // Another resident cannot withdraw someone else's pledge.
            #expect(try await resident.post(SiteURL.Crowdfunding.cancel(pledge.id!), [:]).status == .notFound)

            // Staff record cash received at a stall; the ledger CSV keeps hostile text inert.
            let staff = Browser(app)
            try await staff.signIn(f.officer)
            _ = try await staff.get(SiteURL.Crowdfunding.manageProject(id))
            let badCash = try await staff.post(SiteURL.Crowdfunding.record(id), ["amount": "", "contact": ""])
            #expect(badCash.status == .badRequest)
            #expect(badCash.body.string.contains("href=\"#f-contact\""))
            let cash = try await staff.post(
                SiteURL.Crowdfunding.record(id), ["amount": "30", "contact": "=HYPERLINK(\"x\")", "shown_name": "Stall", "received": "true"])
            #expect(cash.status == .seeOther)
            let t = try await Self.totals(app, id)
            #expect(t.crowd[.collected] == 3_000 && t.crowd.imbalance == 0)
            let csv = try await staff.get(SiteURL.Crowdfunding.ledgerCSV)
            #expect(csv.headers.contentType?.description.hasPrefix("text/csv") == true)
            #expect(csv.body.string.contains(",collect,pledged,collected,30.00,"))
            // Audit names who did it.
            #expect(try await AuditEvent.query(on: app.db).filter(\.$entity == CrowdfundPledgeService.entity).count() >= 3)
        }
    }

    @Test func theCloseJobChargesEachCardOnceRetriesADeclineAndPaysOutFromNinetyPercent() async throws {
        try await Self.withStripe { app, f, stripe, id in
            // Two residents pledge by card: £95 on a good card, £10 on one that will be declined.
            for (email, amount, card) in [("a@example.org", "95", "pm_good"), ("b@example.org", "5", "pm_declines")] {
                let b = Browser(app)
                try await Residents.signIn(app, b, email)
                let session = try await Self.sendToStripe(b, id, amount: amount, stripe)
                // Before the card is saved nothing counts; coming back without finishing changes nothing.
                stripe.complete(session: session, method: card)
                let back = try await b.get(SiteURL.Crowdfunding.cardSaved + "?session=" + session)
                #expect(back.headers.first(name: .location) == SiteURL.Crowdfunding.project(id) + "?done=card")
                // The return page twice (a reload) counts it once.
                _ = try await b.get(SiteURL.Crowdfunding.cardSaved + "?session=" + session)
            }
            stripe.state.withLockedValue { $0.declining.insert("pm_declines") }
            #expect(try await Self.totals(app, id).crowd[.authorised] == 10_000)

            try await Self.pastDeadline(app, id)
            let now = Date()
            // Two servers sweeping at once: each card is charged once.
            async let one = CrowdfundCloseJob.sweep(app, now: now)
            async let two = CrowdfundCloseJob.sweep(app, now: now)
            _ = try await (one, two)
            _ = try await CrowdfundCloseJob.sweep(app, now: now)
            var charges = stripe.state.withLockedValue { $0.charges }
            #expect(charges.count == 2, "\(charges)")
            #expect(Set(charges.map(\.key)).count == 2)
            let declined = try #require(try await CrowdfundPledge.query(on: app.db).filter(\.$providerMethod == "pm_declines").first())
            #expect(declined.statusValue == .authorised && declined.attempts == 1 && declined.lastError == "Your card was declined.")
            #expect(try await CrowdfundProject.find(id, on: app.db)?.stageValue == .collecting)
            // Retried two days later, and again; after the third decline it has failed for good and the project settles.
            _ = try await CrowdfundCloseJob.sweep(app, now: now.addingTimeInterval(86_400))
            #expect(stripe.state.withLockedValue { $0.charges.count } == 2)
            _ = try await CrowdfundCloseJob.sweep(app, now: now.addingTimeInterval(2 * 86_400 + 1))
            _ = try await CrowdfundCloseJob.sweep(app, now: now.addingTimeInterval(4 * 86_400 + 2))
            charges = stripe.state.withLockedValue { $0.charges }
            #expect(charges.filter { $0.method == "pm_declines" }.map(\.key).count == 3)
            let p = try #require(try await CrowdfundProject.find(id, on: app.db))
            #expect(p.stageValue == .funded)
            let t = try await Self.totals(app, id)
            #expect(t.crowd[.failed] == 500)
            #expect(t.crowd[.paidOut] + t.crowd[.fees] == 9_500)
            #expect(t.crowd[.fees] == 20 + 9_500 * 15 / 1000)
            #expect(t.crowd.outstanding == 0 && t.crowd[.collected] == 0 && t.crowd.imbalance == 0)
            // Sweeping again changes nothing.
            _ = try await CrowdfundCloseJob.sweep(app, now: now.addingTimeInterval(9 * 86_400))
            #expect(try await Self.totals(app, id) == t)
        }
    }

    @Test func belowNinetyPercentCollectedEveryCardIsRefundedAndCashIsLeftToStaff() async throws {
        try await Self.withStripe { app, f, stripe, id in
            let b = Browser(app)
            try await Residents.signIn(app, b, "a@example.org")
            for (amount, card) in [("40", "pm_good"), ("45", "pm_bad")] {
                let session = try await Self.sendToStripe(b, id, amount: amount, stripe)
                stripe.complete(session: session, method: card)
                _ = try await b.get(SiteURL.Crowdfunding.cardSaved + "?session=" + session)
            }
            let staff = Browser(app)
            try await staff.signIn(f.officer)
            _ = try await staff.get(SiteURL.Crowdfunding.manageProject(id))
            #expect(
                try await staff.post(SiteURL.Crowdfunding.record(id), ["amount": "15", "contact": "01234 567890", "received": "true"]).status
                    == .seeOther)
            stripe.state.withLockedValue { $0.declining.insert("pm_bad") }
            try await Self.pastDeadline(app, id)
            let now = Date()
            // Stripe cannot be reached when the refunds are first asked for.
            stripe.state.withLockedValue { $0.refundsDown = true }
            for day in [0, 2, 4] { _ = try await CrowdfundCloseJob.sweep(app, now: now.addingTimeInterval(Double(day) * 86_400 + Double(day))) }
            // £55 of £100 collected: everyone is refunded.
            #expect(try await CrowdfundProject.find(id, on: app.db)?.stageValue == .unsuccessful)
            #expect(stripe.state.withLockedValue { $0.refunds.count } == 0)
            let settled = now.addingTimeInterval(4 * 86_400 + 4)
            stripe.state.withLockedValue { $0.refundsDown = false }
            // The refund still owed is asked for again an hour on, not at every sweep.
            _ = try await CrowdfundCloseJob.sweep(app, now: settled.addingTimeInterval(1_800))
            #expect(stripe.state.withLockedValue { $0.refunds.count } == 0)
            _ = try await CrowdfundCloseJob.sweep(app, now: settled.addingTimeInterval(3_700))
            #expect(stripe.state.withLockedValue { $0.refunds.count } == 1)
            _ = try await CrowdfundCloseJob.sweep(app, now: settled.addingTimeInterval(8_000))
            #expect(stripe.state.withLockedValue { $0.refunds.count } == 1)
            let cash = try #require(try await CrowdfundPledge.query(on: app.db).filter(\.$method == "offline").first())
            #expect(cash.statusValue == .refundDue)
            _ = try await staff.get(SiteURL.Crowdfunding.manageProject(id))
            #expect(try await staff.post(SiteURL.Crowdfunding.mark(id, cash.id!), ["what": "refunded"]).status == .seeOther)
            let t = try await Self.totals(app, id)
            #expect(t.crowd[.refunded] == 5_500)
            #expect(t.crowd[.fees] == 0 && t.crowd[.collected] == 0 && t.crowd[.paidOut] == 0 && t.crowd.imbalance == 0)
        }
    }

    @Test func aWebhookWithAWrongSignatureIsRefusedAndAReplayedEventIsAppliedOnce() async throws {
        try await Self.withStripe { app, f, stripe, id in
            let b = Browser(app)
            try await Residents.signIn(app, b, "a@example.org")
            let session = try await Self.sendToStripe(b, id, amount: "100", stripe)
            // The card is saved by the webhook alone (the resident closed the tab on Stripe's page).
            stripe.complete(session: session, method: "pm_slow")
            stripe.state.withLockedValue { $0.slow.insert("pm_slow") }
            let saved = FakeStripe.webhook(id: "evt_1", type: "checkout.session.completed", object: ["id": session])
            #expect(try await Self.hook(app, saved.body, saved.signature).status == .ok)
            let pledge = try #require(try await CrowdfundPledge.query(on: app.db).filter(\.$providerSession == session).first())
            #expect(pledge.statusValue == .authorised)
            try await Self.pastDeadline(app, id)
            _ = try await CrowdfundCloseJob.sweep(app, now: Date())
            let charging = try #require(try await CrowdfundPledge.find(pledge.id, on: app.db))
            #expect(charging.statusValue == .charging)
            let object: [String: Any] = [
                "id": charging.providerPayment ?? "", "metadata": ["pledge": pledge.id!.uuidString.lowercased()],
                "latest_charge": ["balance_transaction": ["fee": 170]],
            ]
            let good = FakeStripe.webhook(id: "evt_2", type: "payment_intent.succeeded", object: object)
            // Wrong secret, tampered body, no header, too old: refused, nothing applied.
            let wrong = FakeStripe.webhook(id: "evt_2", type: "payment_intent.succeeded", object: object, secret: "whsec_other")
            #expect(try await Self.hook(app, wrong.body, wrong.signature).status == .badRequest)
            #expect(try await Self.hook(app, good.body.replacingOccurrences(of: "170", with: "1"), good.signature).status == .badRequest)
            #expect(try await Self.hook(app, good.body, nil).status == .badRequest)
            let old = FakeStripe.webhook(id: "evt_2", type: "payment_intent.succeeded", object: object, at: Date().addingTimeInterval(-3600))
            #expect(try await Self.hook(app, old.body, old.signature).status == .badRequest)
            #expect(try await CrowdfundPledge.find(pledge.id, on: app.db)?.statusValue == .charging)
            // Genuine: applied; replayed: applied once.
            #expect(try await Self.hook(app, good.body, good.signature).status == .ok)
            #expect(try await Self.hook(app, good.body, good.signature).status == .ok)
            let collects = try await CrowdfundLedgerRow.query(on: app.db).filter(\.$pledgeID == pledge.id!).filter(\.$event == "collect").count()
            #expect(collects == 1)
            #expect(try await CrowdfundPledge.find(pledge.id, on: app.db)?.statusValue == .collected)
            _ = try await CrowdfundCloseJob.sweep(app, now: Date())
            let t = try await Self.totals(app, id)
            #expect(try await CrowdfundProject.find(id, on: app.db)?.stageValue == .funded)
            #expect(t.crowd[.paidOut] == 10_000 - 170 && t.crowd[.fees] == 170 && t.crowd.imbalance == 0)
        }
    }

    static func idAtEnd(_ res: TestingHTTPResponse) throws -> UUID {
        let location = try #require(res.headers.first(name: .location), "\(res.status) \(res.body.string.prefix(1500))")
        return try #require(UUID(uuidString: String(location.split(separator: "/").last ?? "")))
    }

    static func hook(_ app: Application, _ body: String, _ signature: String?) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        headers.contentType = .json
        if let signature { headers.add(name: "Stripe-Signature", value: signature) }
        return try await app.testing().sendRequest(.POST, SiteURL.Crowdfunding.webhook, headers: headers, body: ByteBuffer(string: body))
    }

    @Test func aMatchFundsPledgeIsComputedByItsRulesApprovedAndGrowsWithTheCrowd() async throws {
        try await TestApp.run { app, f in
            try await Surveys.ward(app)
            let id = try await Self.liveProject(app, f, resident: Browser(app), email: "maker@example.org", items: "Planters, £600\nBulbs, £400")
            let staff = Browser(app)
            try await staff.signIn(f.officer)
            _ = try await staff.get(SiteURL.Crowdfunding.funds)
            let bad = try await staff.post(
                SiteURL.Crowdfunding.funds,
                [
                    "name": "", "funder_identifier": "council", "budget": "lots", "percent_of_target": "150", "opens": "x",
                    "need_index": "E05009999 high",
                ])
            #expect(bad.status == .badRequest)
            for field in ["name", "funder_identifier", "budget", "percent_of_target", "opens", "need_index"] {
                #expect(bad.body.string.contains("href=\"#\(Form.fieldID(field))\""), "\(field)")
            }
            #expect(try await MatchFund.query(on: app.db).count() == 0)
            let today = Day(Date())
            let made = try await staff.post(
                SiteURL.Crowdfunding.funds,
                [
                    "name": "Greener Harbour Fund", "description": "Pound for pound for green projects.", "funder_identifier": "GB-LAE-HBR",
                    "budget": "2000", "pence_per_pound": "100", "percent_of_target": "50", "cap_per_project": "400", "cap_per_creator": "1000",
                    "opens": today.adding(days: -30).description, "closes": today.adding(days: 30).description,
                ])
            let fundID = try Self.idAtEnd(made)
            let fundPage = try await staff.get(SiteURL.Crowdfunding.fund(fundID))
            #expect(fundPage.body.string.contains("The rules give £0 now"))
            _ = try await staff.post(SiteURL.Crowdfunding.decide(fundID, id), ["decision": "approve", "reason": ""])
            _ = try await staff.get(SiteURL.Crowdfunding.fund(fundID))
            #expect(
                try await staff.post(SiteURL.Crowdfunding.decide(fundID, id), ["decision": "approve", "reason": "Fits the fund."]).status == .seeOther
            )
            // Residents pledge £150: the fund matches £150; at £700 the fund's cap of £400 binds... and the target.
            let b = Browser(app)
            try await Residents.signIn(app, b, "a@example.org")
            _ = try await b.get(SiteURL.Crowdfunding.project(id))
            _ = try await b.post(SiteURL.Crowdfunding.pledge(id), ["amount": "150", "method": "offline"])
            #expect(try await Self.totals(app, id).match.outstanding == 15_000)
            _ = try await b.get(SiteURL.Crowdfunding.project(id))
            _ = try await b.post(SiteURL.Crowdfunding.pledge(id), ["amount": "300", "method": "offline"])
            #expect(try await Self.totals(app, id).match.outstanding == 40_000)
            let page = try await b.get(SiteURL.Crowdfunding.project(id)).body.string
            #expect(page.contains("£850 pledged of £1,000 (85%)"))
            #expect(page.contains("£400 of this is match funding from partners."))
            #expect(page.contains("Greener Harbour Fund: £400"))
            // Another organisation's staff cannot see or decide for the fund.
            let nhs = Browser(app)
            try await nhs.signIn(f.viewer)
            #expect(try await nhs.get(SiteURL.Crowdfunding.fund(fundID)).status == .notFound)
            // Declined, the fund's pledge is released.
            _ = try await staff.get(SiteURL.Crowdfunding.fund(fundID))
            _ = try await staff.post(SiteURL.Crowdfunding.decide(fundID, id), ["decision": "decline", "reason": "Budget needed elsewhere."])
            #expect(try await Self.totals(app, id).match.outstanding == 0)
            #expect(try await Self.totals(app, id).match.imbalance == 0)
        }
    }

    @Test func aFundedMatchIsExportedAs360GivingAndAResidentsErasureKeepsTheLedger() async throws {
        try await TestApp.run { app, f in
            try await Surveys.ward(app)
            let id = try await Self.liveProject(app, f, resident: Browser(app), email: "maker@example.org")
            let staff = Browser(app)
            try await staff.signIn(f.officer)
            _ = try await staff.get(SiteURL.Crowdfunding.funds)
            let today = Day(Date())
            let made = try await staff.post(
                SiteURL.Crowdfunding.funds,
                [
                    "name": "Harbour Match", "description": "Match.", "funder_identifier": "GB-LAE-HBR", "budget": "500", "pence_per_pound": "100",
                    "percent_of_target": "50", "cap_per_project": "500", "cap_per_creator": "500", "opens": today.adding(days: -1).description,
                    "closes": today.adding(days: 1).description,
                ])
            let fundID = try Self.idAtEnd(made)
            _ = try await staff.get(SiteURL.Crowdfunding.fund(fundID))
            _ = try await staff.post(SiteURL.Crowdfunding.decide(fundID, id), ["decision": "approve", "reason": "Yes"])
            let b = Browser(app)
            try await Residents.signIn(app, b, "a@example.org")
            _ = try await b.get(SiteURL.Crowdfunding.project(id))
            _ = try await b.post(SiteURL.Crowdfunding.pledge(id), ["amount": "50", "method": "offline", "shown_name": "Asha"])
            let promise = try #require(try await CrowdfundPledge.query(on: app.db).filter(\.$method == "offline").first())
            _ = try await staff.get(SiteURL.Crowdfunding.manageProject(id))
            #expect(try await staff.post(SiteURL.Crowdfunding.mark(id, promise.id!), ["what": "received"]).status == .seeOther)
            try await Self.pastDeadline(app, id)
            _ = try await CrowdfundCloseJob.sweep(app, now: Date())
            #expect(try await CrowdfundProject.find(id, on: app.db)?.stageValue == .funded)
            let t = try await Self.totals(app, id)
            #expect(t.match[.paidOut] == 5_000 && t.crowd[.paidOut] == 5_000)
            let csv = try await staff.get(SiteURL.Crowdfunding.grantsCSV(fundID)).body.string
            let rows = try CSV.parse(csv)
            #expect(rows.count == 2)
            let row = Dictionary(uniqueKeysWithValues: zip(rows[0], rows[1]))
            #expect(row["Amount Awarded"] == "50.00")
            #expect(row["Funding Org:Identifier"] == "GB-LAE-HBR")
            #expect(row["Recipient Org:Identifier"]?.hasPrefix("360G-chorus-group-") == true)
            #expect(row["Identifier"]?.hasPrefix("360G-chorus-match-") == true)
            #expect(row["Beneficiary Location:Geographic Code"] == "E05009999")
            let json = try await staff.get(SiteURL.Crowdfunding.grantsJSON(fundID))
            #expect(json.body.string.contains("\"amountAwarded\":50"))

            // The backer's data is in their download; deleting the account removes their name, not the money.
            let backerID = try await Residents.resident(app, "a@example.org").id!
            let exported = try await PersonalDataRegistry.export(ResidentKey(id: backerID, email: "a@example.org"), app.db)
            let pledgeRecord = try #require(exported.first { $0.title == "Your pledge: Harbour Street planters" })
            #expect(pledgeRecord.fields.contains { $0.name == "amount" && $0.value == "£50" })
            #expect(pledgeRecord.fields.contains { $0.name == "shown_name" && $0.value == "Asha" })
            let erased = try await ResidentAccountService.delete(
                try await Residents.resident(app, "a@example.org").id!, scope: .contributions, actor: .system, app.db)
            #expect(erased[.pledges] == 1)
            let after = try #require(try await CrowdfundPledge.find(promise.id, on: app.db))
            #expect(after.residentID == nil && after.shownName == "")
            #expect(try await Self.totals(app, id) == t)
        }
    }
}

@Suite struct CrowdfundConfigTests {
    static func problem(_ env: [String: String]) -> AppConfig.Problem? {
        do {
            _ = try AppConfig.fromEnvironment(env)
            return nil
        } catch let p as AppConfig.Problem { return p } catch { return nil }
    }

    @Test func stripeAndThe360GivingPrefixAreReadFromTheEnvironmentAndBadValuesNamed() throws {
        let config = try AppConfig.fromEnvironment([
            "CHORUS_STRIPE_SECRET_KEY": "sk_test_x", "CHORUS_STRIPE_WEBHOOK_SECRET": "whsec_y", "CHORUS_STRIPE_API_URL": "http://127.0.0.1:9/",
            "CHORUS_360G_PREFIX": "360G-harbourside",
        ])
        #expect(config.stripe == StripeSettings(secretKey: "sk_test_x", webhookSecret: "whsec_y", apiURL: "http://127.0.0.1:9"))
        #expect(config.grantPrefix == "360G-harbourside")
        #expect(try AppConfig.fromEnvironment([:]).stripe == nil)
        #expect(Self.problem(["CHORUS_STRIPE_SECRET_KEY": "sk_test_x"])?.variable == "CHORUS_STRIPE_WEBHOOK_SECRET")
        #expect(Self.problem(["CHORUS_STRIPE_WEBHOOK_SECRET": "whsec_y"])?.variable == "CHORUS_STRIPE_WEBHOOK_SECRET")
        #expect(
            Self.problem(["CHORUS_STRIPE_SECRET_KEY": "sk", "CHORUS_STRIPE_WEBHOOK_SECRET": "w", "CHORUS_STRIPE_API_URL": "ftp://x"])?.variable
                == "CHORUS_STRIPE_API_URL")
        #expect(Self.problem(["CHORUS_360G_PREFIX": "has spaces"])?.variable == "CHORUS_360G_PREFIX")
    }
}
