import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// Residents sign in by a code or link sent by email: the same answer for any address, single use, 15 minutes,
/// five wrong codes end a code, limits per address and per client, and a resident's session never opens staff pages.
@Suite struct ResidentSignInHTTPTests {
    @Test func aCodeSignsInOnceAndAnUnknownAddressGetsTheSameAnswer() async throws {
        try await TestApp.run { app, _ in
            // An address with an account and one without are answered alike, and both get an email.
            let known = Browser(app)
            try await Residents.signIn(app, known, "known@example.org")
            let first = try await Residents.askForCode(Browser(app), "known@example.org")
            let second = try await Residents.askForCode(Browser(app), "Nobody@Example.org ")
            #expect(first.status == second.status)
            #expect(first.headers.first(name: .location)?.hasPrefix(SiteURL.Residents.codeForm + "?request=") == true)
            #expect(second.headers.first(name: .location)?.hasPrefix(SiteURL.Residents.codeForm + "?request=") == true)
            let nobody = try await Residents.lastCode(app, "nobody@example.org")
            #expect(try await Resident.query(on: app.db).filter(\.$email == "nobody@example.org").count() == 0, "no account until the code is used")
            let stored = try #require(try await ResidentSignInCode.find(nobody.request, on: app.db))
            #expect(!stored.codeHash.contains(nobody.code) && !stored.linkHash.isEmpty, "stored hashed")

            let b = Browser(app)
            _ = try await b.get(SiteURL.Residents.code(nobody.request, back: nil))
            let ok = try await b.post(
                SiteURL.Residents.codeForm, ["request": nobody.request.uuidString, "code": " \(nobody.code.prefix(3)) \(nobody.code.dropFirst(3))"])
            #expect(ok.headers.first(name: .location) == SiteURL.Residents.account, "spaces in the typed code are fine")
            let account = try await b.get(SiteURL.Residents.account)
            #expect(account.status == .ok && account.body.string.contains("nobody@example.org"))
            let resident = try await Residents.resident(app, "nobody@example.org")
            #expect(account.body.string.contains(resident.reference))

            let again = try await Browser(app).post(
                SiteURL.Residents.codeForm, ["request": nobody.request.uuidString, "code": nobody.code], csrf: false)
            #expect(again.status.code == 403, "a form without its token changes nothing")
            let other = Browser(app)
            _ = try await other.get(SiteURL.Residents.signInPage)
            let reused = try await other.post(SiteURL.Residents.codeForm, ["request": nobody.request.uuidString, "code": nobody.code])
            #expect(reused.status.code == 400 && reused.body.string.contains("already been used"))
            #expect(other.cookies[ResidentSessions.cookieName] == nil)
        }
    }

    @Test func fiveWrongCodesEndACodeAndAnExpiredCodeSaysSo() async throws {
        try await TestApp.run { app, _ in
            let b = Browser(app)
            try await Residents.askForCode(b, "guess@example.org")
            let sent = try await Residents.lastCode(app, "guess@example.org")
            _ = try await b.get(SiteURL.Residents.code(sent.request, back: nil))
            let wrong = sent.code == "000000" ? "111111" : "000000"
            let bad = try await b.post(SiteURL.Residents.codeForm, ["request": sent.request.uuidString, "code": "12ab"])
            #expect(bad.status.code == 400 && bad.body.string.contains("href=\"#f-code\"") && bad.body.string.contains("6-digit code"))
            for remaining in [4, 3, 2] {
                let res = try await b.post(SiteURL.Residents.codeForm, ["request": sent.request.uuidString, "code": wrong])
                #expect(res.body.string.contains("You can try \(remaining) more times"))
            }
            let last = try await b.post(SiteURL.Residents.codeForm, ["request": sent.request.uuidString, "code": wrong])
            #expect(last.body.string.contains("You can try 1 more time"))
            let fifth = try await b.post(SiteURL.Residents.codeForm, ["request": sent.request.uuidString, "code": wrong])
            #expect(fifth.body.string.contains("too many times"))
            let right = try await b.post(SiteURL.Residents.codeForm, ["request": sent.request.uuidString, "code": sent.code])
            #expect(right.status.code == 400 && right.body.string.contains("too many times"), "the right code no longer works either")
            #expect(b.cookies[ResidentSessions.cookieName] == nil)

            try await Residents.askForCode(b, "late@example.org")
            let late = try await Residents.lastCode(app, "late@example.org")
            let row = try #require(try await ResidentSignInCode.find(late.request, on: app.db))
            row.createdAt = Date().addingTimeInterval(-SignInCode.lifetime - 1)
            try await row.update(on: app.db)
            let expired = try await b.post(SiteURL.Residents.codeForm, ["request": late.request.uuidString, "code": late.code])
            #expect(expired.body.string.contains("has run out"))
            let link = try await b.post(late.link, [:])
            #expect(link.status.code == 400 && link.body.string.contains("has run out"))
        }
    }

    @Test func theEmailedLinkSignsInWhenPostedNotWhenOpened() async throws {
        try await TestApp.run { app, _ in
            try await Residents.askForCode(Browser(app), "link@example.org")
            let sent = try await Residents.lastCode(app, "link@example.org")
            let scanner = try await Browser(app).get(sent.link)
            #expect(scanner.status == .ok && scanner.body.string.contains("Sign in"))
            #expect(try await ResidentSignInCode.find(sent.request, on: app.db)?.usedAt == nil, "opening the link uses nothing up")
            let b = Browser(app)
            _ = try await b.get(sent.link)
            let res = try await b.post(sent.link, [:])
            #expect(res.headers.first(name: .location) == SiteURL.Residents.account && b.cookies[ResidentSessions.cookieName] != nil)
            let twice = try await Browser(app).get(sent.link)
            #expect(twice.body.string.contains("already been used"))
            let forged = try await Browser(app).get(SiteURL.Residents.link("not-a-real-token"))
            #expect(forged.status.code == 400)
        }
    }

    @Test func codesAreLimitedPerAddressAndPerClient() async throws {
        try await TestApp.run { app, _ in
            for _ in 0..<5 { try await Residents.askForCode(Browser(app), "flood@example.org") }
            let sixth = try await Residents.askForCode(Browser(app), "flood@example.org")
            #expect(sixth.status.code == 429 && sixth.body.string.contains("Try again in"))
            #expect(try await OutboxEmail.query(on: app.db).filter(\.$toAddress == "flood@example.org").count() == 5)

            app.chorusConfig.signInLimits.perClient = 7
            // The same client (the test's address) has asked 5 times; two more addresses use its last two.
            for n in 0..<2 { #expect(try await Residents.askForCode(Browser(app), "other\(n)@example.org").status.code == 303) }
            let eighth = try await Residents.askForCode(Browser(app), "other9@example.org")
            #expect(eighth.status.code == 429)
            #expect(try await OutboxEmail.query(on: app.db).filter(\.$toAddress == "other9@example.org").count() == 0)
        }
    }

    @Test func botsAreTurnedAwayWithoutACaptcha() async throws {
        try await TestApp.run { app, _ in
            let honey = try await Residents.askForCode(Browser(app), "bot@example.org", extra: ["website": "http://spam.test"])
            #expect(honey.status.code == 400 && honey.body.string.contains("send it again"))
            let forged = try await Residents.askForCode(Browser(app), "bot@example.org", extra: ["_t": "1.forged"])
            #expect(forged.status.code == 400)
            app.chorusConfig.botCheck.minimumSeconds = 30
            let fast = try await Residents.askForCode(Browser(app), "bot@example.org")
            #expect(fast.status.code == 400, "sent faster than a person types")
            #expect(try await OutboxEmail.query(on: app.db).count() == 0)
            // Every public form: the email updates form too.
            app.chorusConfig.botCheck.minimumSeconds = 0
            let updates = Browser(app)
            _ = try await updates.get(SiteURL.Updates.subscribe)
            let trapped = try await updates.post(SiteURL.Updates.subscribe, ["email": "bot@example.org", "website": "x"])
            #expect(trapped.status.code == 400 && trapped.body.string.contains("send it again"))
            let unstamped = try await updates.post(SiteURL.Updates.subscribe, ["email": "bot@example.org", BotGuard.stampField: ""])
            #expect(unstamped.status.code == 400)
            #expect(try await UpdateSubscription.query(on: app.db).count() == 0)
            #expect(try await updates.post(SiteURL.Updates.subscribe, ["email": "person@example.org"]).status == .ok)
            // The honeypot is hidden from people, screen readers and the keyboard.
            let page = try await Browser(app).get(SiteURL.Residents.signInPage).body.string
            let trap = try #require(page.range(of: "<div hidden>")).lowerBound
            #expect(page[trap...].prefix(300).contains("name=\"website\""))
        }
    }

    @Test func aResidentsSessionNeverOpensStaffPagesAndAStaffSessionIsNotAResidents() async throws {
        try await TestApp.run { app, f in
            let resident = Browser(app)
            try await Residents.signIn(app, resident, "someone@example.org")
            for path in [SiteURL.Insights.list, SiteURL.audit, SiteURL.Residents.staffList, SiteURL.Residents.requests] {
                let res = try await resident.get(path)
                #expect(res.status.code == 303 || res.status.code == 302, "\(path) sends a resident to staff sign-in")
                #expect(res.headers.first(name: .location)?.hasPrefix(SiteURL.signIn) == true)
            }
            let api = try await app.testing().sendRequest(
                .GET, "/api/v1/insights", headers: ["Cookie": "\(ResidentSessions.cookieName)=\(resident.cookies[ResidentSessions.cookieName] ?? "")"]
            )
            #expect(api.status.code == 401)

            let staff = Browser(app)
            _ = try await staff.signIn(f.admin)
            let mine = try await staff.get(SiteURL.Residents.account)
            #expect(mine.headers.first(name: .location)?.hasPrefix(SiteURL.Residents.signInPage) == true, "staff are not residents")
            let signedOut = try await Browser(app).get(SiteURL.Residents.profile)
            #expect(signedOut.headers.first(name: .location) == SiteURL.Residents.signIn(back: SiteURL.Residents.profile))
        }
    }

    /// A sign-in code is an answer the resident asked for, not a mailing: it reaches an address that unsubscribed from
    /// updates, and carries no unsubscribe link; unsubscribing meanwhile does not cancel it.
    @Test func aSignInCodeReachesAnAddressThatUnsubscribedFromUpdates() async throws {
        try await TestApp.run { app, _ in
            try await OutboxService.unsubscribe("quiet@example.org", on: app.db)
            try await Residents.askForCode(Browser(app), "quiet@example.org")
            try await OutboxService.unsubscribe("quiet@example.org", on: app.db)
            let sent = OutboxLeaseTests.SlowTransport(delay: .zero)
            let delivery = try await OutboxService.deliverDue(app.db, transport: sent)
            #expect(delivery.sent == 1 && delivery.cancelled == 0)
            let mail = try #require(try await OutboxEmail.query(on: app.db).filter(\.$toAddress == "quiet@example.org").first())
            let message = EmailMessage.rfc5322(
                OutgoingEmail(id: mail.id!, to: mail.toAddress, subject: mail.subject, body: mail.body, unsubscribeURL: mail.unsubscribeURL),
                from: "Chorus <chorus@example.org>", date: Date())
            #expect(!message.contains("List-Unsubscribe") && message.contains("To: quiet@example.org"))
            #expect(!mail.body.contains("To stop these emails"))
        }
    }
}
