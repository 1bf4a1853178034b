import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// The SMTP transport against an in-process fake SMTP server (no real network): the exact dialogue, dot-stuffing,
/// AUTH PLAIN and LOGIN, a 4xx that the outbox retries, a 5xx to RCPT that fails the email with the server's words,
/// a silent server timing out; and the settings that choose it, checked at start-up.
@Suite struct SMTPTransportTests {
    static let from = MailFrom(header: "Chorus <no-reply@chorus.test>", address: "no-reply@chorus.test")

    func transport(
        _ server: FakeSMTPServer, user: String? = "user", password: String? = "pass", timeout: Int = 20, implicitTLS: Bool = false,
        trusted: Bool = true
    ) throws -> SMTPEmailTransport {
        var t = SMTPEmailTransport(
            settings: SMTPSettings(
                host: "127.0.0.1", port: server.port, implicitTLS: implicitTLS, username: user, password: password,
                timeoutSeconds: timeout),
            from: Self.from, heloName: "chorus.test")
        if trusted { t.tlsConfiguration = try FakeSMTPServer.clientTLS() }
        return t
    }

    static func queue(_ app: Application, _ to: String, body: String = "Hello", at: Date) async throws -> UUID {
        let e = OutboxEmail()
        e.toAddress = to; e.subject = "You said, we did: Parks"; e.body = body; e.kind = "test"; e.referenceID = UUID()
        e.unsubscribeURL = "http://localhost:8080/unsubscribe/t"; e.status = "pending"; e.attempts = 0; e.nextAttemptAt = at
        try await e.create(on: app.db)
        return e.id!
    }

    @Test func theDialogueAuthPlainAndDotStuffing() async throws {
        let server = try await FakeSMTPServer.start(.init(user: "user", password: "pass"))
        defer { Task { try? await server.stop() } }
        let body = "Hello\n.a line that starts with a dot\n..two dots\n.\nThe end"
        let email = OutgoingEmail(
            id: UUID(), to: "resident@example.org", subject: "You said, we did: Parks", body: body,
            unsubscribeURL: "http://localhost:8080/unsubscribe/t")
        try await transport(server).send(email)
        #expect(
            server.commands.withLockedValue { $0 } == [
                "EHLO chorus.test",
                "AUTH PLAIN " + Data("\0user\0pass".utf8).base64EncodedString(),
                "MAIL FROM:<no-reply@chorus.test> BODY=8BITMIME",
                "RCPT TO:<resident@example.org>",
                "DATA",
                "QUIT",
            ])
        let received = try #require(server.messages.withLockedValue { $0 }.first)
        // On the wire, every line starting with a dot has one more; the lone dot line did not end the message early.
        #expect(received.contains("..a line that starts with a dot") && received.contains("...two dots") && received.contains(".."))
        #expect(received.last == "The end")
        #expect(received.contains("From: Chorus <no-reply@chorus.test>") && received.contains("To: resident@example.org"))
        #expect(received.contains("List-Unsubscribe: <http://localhost:8080/unsubscribe/t>"))
        // Undoing the stuffing gives back the body exactly.
        let unstuffed = received.map { $0.hasPrefix(".") ? String($0.dropFirst()) : $0 }
        let blank = try #require(unstuffed.firstIndex(of: ""))
        #expect(unstuffed[(blank + 1)...].joined(separator: "\n") == body)
    }

    @Test func authLoginAndNoAuthAtAll() async throws {
        let server = try await FakeSMTPServer.start(.init(extensions: ["AUTH LOGIN"], user: "a@b.org", password: "p:ss"))
        defer { Task { try? await server.stop() } }
        let email = OutgoingEmail(id: UUID(), to: "x@example.org", subject: "Hi", body: "Ünïcode body", unsubscribeURL: "u")
        try await transport(server, user: "a@b.org", password: "p:ss").send(email)
        #expect(
            server.commands.withLockedValue { $0 } == [
                "EHLO chorus.test", "AUTH LOGIN", Data("a@b.org".utf8).base64EncodedString(), Data("p:ss".utf8).base64EncodedString(),
                "MAIL FROM:<no-reply@chorus.test>", "RCPT TO:<x@example.org>", "DATA", "QUIT",
            ])
        // No 8BITMIME offered: a body that is not ASCII goes as base64.
        let message = try #require(server.messages.withLockedValue { $0 }.first)
        #expect(message.contains("Content-Transfer-Encoding: base64") && message.contains(Data("Ünïcode body".utf8).base64EncodedString()))

        // A wrong password: the server's 535 is reported, and it is temporary (our settings, not the email).
        do {
            try await transport(server, user: "a@b.org", password: "wrong").send(email)
            Issue.record("a refused password must throw")
        } catch let e as EmailSendError {
            #expect(!e.permanent && e.message.contains("535 5.7.8"))
        }

        // smtp://host:25 without a user: no AUTH at all.
        let open = try await FakeSMTPServer.start(.init(extensions: ["8BITMIME"]))
        defer { Task { try? await open.stop() } }
        try await transport(open, user: nil, password: nil).send(email)
        #expect(open.commands.withLockedValue { $0 }.first { $0.hasPrefix("AUTH") } == nil)
        #expect(open.commands.withLockedValue { $0 }.contains("MAIL FROM:<no-reply@chorus.test> BODY=8BITMIME"))
    }

    @Test func startTLSBeforeThePasswordAndImplicitTLS() async throws {
        let email = OutgoingEmail(id: UUID(), to: "resident@example.org", subject: "Hi", body: "Hello", unsubscribeURL: "u")
        // STARTTLS offered: TLS first, then EHLO again, and the password only over TLS.
        let server = try await FakeSMTPServer.start(.init(extensions: ["8BITMIME", "AUTH PLAIN"], user: "user", password: "pass", tls: .startTLS))
        defer { Task { try? await server.stop() } }
        try await transport(server).send(email)
        #expect(
            server.commands.withLockedValue { $0 } == [
                "EHLO chorus.test", "STARTTLS", "EHLO chorus.test", "AUTH PLAIN " + Data("\0user\0pass".utf8).base64EncodedString(),
                "MAIL FROM:<no-reply@chorus.test> BODY=8BITMIME", "RCPT TO:<resident@example.org>", "DATA", "QUIT",
            ])
        #expect(server.secureCommands.withLockedValue { $0 }.first == "EHLO chorus.test")
        #expect(server.secureCommands.withLockedValue { $0 }.contains { $0.hasPrefix("AUTH PLAIN") })
        #expect(server.messages.withLockedValue { $0.count } == 1)

        // smtps://: TLS from the first byte.
        let implicit = try await FakeSMTPServer.start(.init(user: "user", password: "pass", tls: .implicit))
        defer { Task { try? await implicit.stop() } }
        try await transport(implicit, implicitTLS: true).send(email)
        #expect(implicit.secureCommands.withLockedValue { $0 } == implicit.commands.withLockedValue { $0 })
        #expect(implicit.messages.withLockedValue { $0.count } == 1)

        // A certificate the system does not trust: nothing is sent, and it is worth trying again later.
        let untrusted = try await FakeSMTPServer.start(.init(user: "user", password: "pass", tls: .startTLS))
        defer { Task { try? await untrusted.stop() } }
        do {
            try await transport(untrusted, trusted: false).send(email)
            Issue.record("an untrusted certificate must stop the email")
        } catch let e as EmailSendError {
            #expect(!e.permanent)
        }
        #expect(!untrusted.commands.withLockedValue { $0 }.contains { $0.hasPrefix("AUTH") }, "the password never left")
        #expect(untrusted.messages.withLockedValue { $0.isEmpty })
    }

    @Test func theOutboxRetriesA4xxAndFailsA5xxToRcptWithTheReason() async throws {
        try await TestApp.run { app, f in
            let server = try await FakeSMTPServer.start(.init(user: "user", password: "pass"))
            defer { Task { try? await server.stop() } }
            server.rcptReplies.withLockedValue {
                $0["busy@example.org"] = "450 4.2.1 Mailbox busy, try later"
                $0["nobody@example.org"] = "550 5.1.1 No such user here"
            }
            let t0 = Date()
            let ok = try await Self.queue(app, "resident@example.org", at: t0)
            let busy = try await Self.queue(app, "busy@example.org", at: t0)
            let nobody = try await Self.queue(app, "nobody@example.org", at: t0)
            let smtp = try transport(server)
            var d = try await OutboxService.deliverDue(app.db, transport: smtp, now: t0)
            #expect(d == .init(sent: 1, retrying: 1, failed: 1, cancelled: 0))
            let sent = try #require(try await OutboxEmail.find(ok, on: app.db))
            #expect(sent.status == "sent" && sent.lastError == nil)
            let waiting = try #require(try await OutboxEmail.find(busy, on: app.db))
            #expect(waiting.status == "pending" && waiting.attempts == 1 && waiting.nextAttemptAt > t0)
            #expect(waiting.lastError?.contains("450 4.2.1 Mailbox busy") == true)
            let failed = try #require(try await OutboxEmail.find(nobody, on: app.db))
            #expect(failed.status == "failed" && failed.attempts == 1, "a 5xx to RCPT TO is not retried")
            #expect(failed.lastError?.contains("RCPT TO <nobody@example.org> refused: 550 5.1.1 No such user here") == true)
            // A partnership admin sees why on the outbox page, with the address masked; others may not look.
            let admin = try await Browser.signedIn(app, f.admin)
            let page = try await admin.get(SiteURL.Feedback.outbox)
            #expect(
                page.status == .ok && page.body.string.contains("550 5.1.1 No such user here") && page.body.string.contains("450 4.2.1 Mailbox busy"))
            #expect(page.body.string.contains("n•••@example.org") && !page.body.string.contains("nobody@example.org"))
            #expect(try await admin.get(SiteURL.Feedback.reports).body.string.contains(SiteURL.Feedback.outbox))
            #expect(try await Browser.signedIn(app, f.officer).get(SiteURL.Feedback.outbox).status == .forbidden)

            // The mailbox frees up; after the backoff the email goes, once.
            server.rcptReplies.withLockedValue { $0["busy@example.org"] = nil }
            #expect(try await OutboxService.deliverDue(app.db, transport: smtp, now: t0.addingTimeInterval(30)) == .init(), "not before the backoff")
            d = try await OutboxService.deliverDue(app.db, transport: smtp, now: t0.addingTimeInterval(61))
            #expect(d == .init(sent: 1, retrying: 0, failed: 0, cancelled: 0))
            #expect(try await OutboxEmail.find(busy, on: app.db)?.status == "sent")
            #expect(server.messages.withLockedValue { $0.count } == 2)
        }
    }

    @Test func aSilentServerTimesOutAndIsTriedAgain() async throws {
        try await TestApp.run { app, _ in
            let server = try await FakeSMTPServer.start(.init(silent: true))
            defer { Task { try? await server.stop() } }
            let t0 = Date()
            let id = try await Self.queue(app, "resident@example.org", at: t0)
            let started = Date()
            let d = try await OutboxService.deliverDue(app.db, transport: try transport(server, timeout: 1), now: t0)
            #expect(d.retrying == 1 && Date().timeIntervalSince(started) < 10)
            let row = try #require(try await OutboxEmail.find(id, on: app.db))
            #expect(row.status == "pending" && row.lastError?.contains("did not answer in time") == true)
            // Nothing listens on the port any more: also temporary.
            try await server.stop()
            let refused = try await OutboxService.deliverDue(app.db, transport: try transport(server, timeout: 1), now: t0.addingTimeInterval(61))
            #expect(refused.retrying == 1)
        }
    }

    @Test func settingsAreCheckedAtStartUpAndChooseTheTransport() async throws {
        func problem(_ env: [String: String]) -> AppConfig.Problem? {
            do { _ = try AppConfig.fromEnvironment(env); return nil } catch { return error }
        }
        let c = try AppConfig.fromEnvironment([
            "CHORUS_SMTP_URL": "smtp://a%40b.org:p%3Ass@mail.example.org:587", "CHORUS_MAIL_FROM": "Parkside Council <hello@parkside.gov.uk>",
        ])
        #expect(c.smtp == SMTPSettings(host: "mail.example.org", port: 587, implicitTLS: false, username: "a@b.org", password: "p:ss"))
        #expect(c.mailFrom?.address == "hello@parkside.gov.uk" && c.mailFrom?.header == "Parkside Council <hello@parkside.gov.uk>")
        #expect(
            try AppConfig.fromEnvironment(["CHORUS_SMTP_URL": "smtps://u:p@mail.example.org"]).smtp
                == SMTPSettings(host: "mail.example.org", port: 465, implicitTLS: true, username: "u", password: "p"))
        #expect(try AppConfig.fromEnvironment(["CHORUS_SMTP_URL": "smtp://relay.internal"]).smtp?.port == 25)
        #expect(
            try AppConfig.fromEnvironment(["CHORUS_SMTP_URL": "smtp://relay.internal", "CHORUS_SMTP_TIMEOUT_SECONDS": "5"]).smtp?.timeoutSeconds == 5)
        #expect(try AppConfig.fromEnvironment([:]).smtp == nil)
        for bad in [
            "http://mail.example.org", "smtp://user-only@mail.example.org", "smtp://", "smtp://mail.example.org:0",
            "smtp://u:secret@mail.example.org/path",
        ] {
            let p = problem(["CHORUS_SMTP_URL": bad])
            #expect(p?.variable == "CHORUS_SMTP_URL", "\(bad)")
            #expect(!(p?.description.contains("secret") ?? true), "a password is never repeated back")
        }
        #expect(problem(["CHORUS_SMTP_URL": "smtp://relay", "CHORUS_SMTP_TIMEOUT_SECONDS": "soon"])?.variable == "CHORUS_SMTP_TIMEOUT_SECONDS")
        for bad in ["not an address", "Chorus <no-reply>", "a@b.org\r\nBcc: x@y.org"] {
            #expect(problem(["CHORUS_MAIL_FROM": bad])?.variable == "CHORUS_MAIL_FROM", "\(bad)")
        }
        #expect(problem(["CHORUS_MAIL_FROM": "x@y.org"]) == nil)

        try await TestApp.run { app, _ in
            #expect(app.emailTransport is FileEmailTransport, "unset: .eml files")
            app.chorusConfig.smtp = SMTPSettings(host: "mail.example.org", port: 587, implicitTLS: false)
            app.chorusConfig.mailFrom = try MailFrom.parse("Parkside <hello@parkside.gov.uk>").get()
            let t = try #require(app.emailTransport as? SMTPEmailTransport)
            #expect(t.from.address == "hello@parkside.gov.uk" && t.heloName == "localhost")
            #expect(SMTPSession.heloName(for: URL(string: "http://127.0.0.1:8080")!) == "[127.0.0.1]")
            #expect(SMTPSession.heloName(for: URL(string: "http://[::1]:8080")!) == "[IPv6:::1]")
            #expect(SMTPSession.heloName(for: URL(string: "https://chorus.parkside.gov.uk")!) == "chorus.parkside.gov.uk")
        }
    }
}
