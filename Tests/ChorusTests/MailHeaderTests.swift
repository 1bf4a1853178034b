import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// Email header injection (issue 15, item 4): single-line fields refuse line breaks (a 400 naming the field, nothing
/// saved); a title that has a line break anyway (saved before the rule) gives no extra header, because subjects are
/// always RFC 2047 encoded words; bodies leave with CRLF line ends only, and over SMTP every line starting with a dot
/// is stuffed, a bare `\n.\n` included.
@Suite struct MailHeaderTests {
    static let injected = "Audit header test\r\nBcc: attacker@evil.example"

    /// The header block of an RFC 5322 message as (name, value) pairs, folded lines unfolded. Fails the test when a
    /// line is neither `Name: value` nor a continuation (a space or tab first).
    static func headers(_ message: String) throws -> [(name: String, value: String)] {
        let end = try #require(message.range(of: "\r\n\r\n"), "a blank line ends the headers")
        var out: [(name: String, value: String)] = []
        for line in message[..<end.lowerBound].components(separatedBy: "\r\n") {
            if line.hasPrefix(" ") || line.hasPrefix("\t") {
                #expect(!out.isEmpty, "a continuation line follows a header")
                if let last = out.popLast() { out.append((last.name, last.value + line)) }
                continue
            }
            let colon = try #require(line.firstIndex(of: ":"), "not a header line: \(line.debugDescription)")
            let name = String(line[..<colon])
            #expect(!name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0 == "-") }, "header name \(name.debugDescription)")
            out.append((name, String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
        }
        return out
    }

    /// The text of a value made only of `=?UTF-8?B?…?=` words (whitespace between words is ignored, RFC 2047 6.2).
    static func decodeWords(_ value: String) throws -> String {
        var bytes: [UInt8] = []
        for word in value.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="), "not an encoded word: \(word)")
            let b64 = word.dropFirst("=?UTF-8?B?".count).dropLast(2)
            let data = try #require(Data(base64Encoded: String(b64)))
            #expect(String(data: data, encoding: .utf8) != nil, "a word is whole characters")
            bytes += data
        }
        return try #require(String(bytes: bytes, encoding: .utf8))
    }

    /// Every CR is followed by LF and every LF follows a CR.
    static func onlyCRLF(_ s: String) -> Bool {
        let u = Array(s.utf8)
        for (i, b) in u.enumerated() {
            if b == 13 && (i + 1 == u.count || u[i + 1] != 10) { return false }
            if b == 10 && (i == 0 || u[i - 1] != 13) { return false }
        }
        return true
    }

    // MARK: - Through HTTP

    @Test func singleLineFieldsWithALineBreakGetA400NamingTheFieldAndSaveNothing() async throws {
        try await TestApp.run { app, f in
            let x = try await DecisionsHTTPTests().world(app, f, insights: 1)
            let activities = try await Activity.query(on: app.db).count()
            try await x.officer.get("/activities/new")
            let bad = try await x.officer.postActivity(
                "/activities",
                [
                    ("title", Self.injected), ("purpose", "Line one\r\nline two"), ("theme_ids", x.w.parks.uuidString),
                    ("methods", "survey"), ("ladder_level", "consult"), ("status", "open"), ("starts_on", "2026-09-01"), ("ends_on", "2026-10-31"),
                    ("place_ids", x.w.quayside.uuidString),
                ])
            #expect(bad.status == .badRequest)
            #expect(bad.body.string.contains("href=\"#f-title\"") && bad.body.string.contains("Title must be on one line: remove the line breaks"))
            #expect(!bad.body.string.contains("href=\"#f-purpose\""), "a textarea keeps its line breaks")
            #expect(try await Activity.query(on: app.db).count() == activities)
            // The same activity on one line, with a purpose over two lines, is saved.
            let good = try await x.officer.postActivity(
                "/activities",
                [
                    ("title", "Audit header test"), ("purpose", "Line one\r\nline two"), ("theme_ids", x.w.parks.uuidString),
                    ("methods", "survey"), ("ladder_level", "consult"), ("status", "open"), ("starts_on", "2026-09-01"), ("ends_on", "2026-10-31"),
                    ("place_ids", x.w.quayside.uuidString),
                ])
            #expect(good.status == .seeOther, "\(good.body.string.prefix(300))")

            // An action title reaches the "Done:" subject: refused the same way, on the action form of that decision.
            let (_, meetingID) = try await DecisionsHTTPTests().spaceAndMeeting(app, f, x)
            try await x.secretary.get(SiteURL.Decisions.meeting(meetingID))
            let item = try await x.secretary.postActivity(SiteURL.Decisions.items(meetingID), [("theme_id", x.w.parks.uuidString)])
            let itemID = try DecisionsHTTPTests().id(in: try DecisionsHTTPTests().location(item))
            _ = try await x.secretary.postActivity(SiteURL.Decisions.decisions(itemID), [("text", "Fix the swings.\r\nAnd the gate.")])
            let decision = try #require(try await Decision.query(on: app.db).first())
            #expect(decision.text.contains("\n"), "what was decided is a textarea and keeps its lines")
            let badAction = try await x.secretary.postActivity(
                SiteURL.Decisions.actions(decision.id!),
                [
                    ("title", "Order swings\nBcc: attacker@evil.example"), ("owner_id", x.secretaryID.uuidString), ("due_on", "2027-01-01"),
                ])
            #expect(badAction.status == .badRequest && badAction.body.string.contains("href=\"#f-action-0-title\""))
            #expect(badAction.body.string.contains("What will be done must be on one line"))
            #expect(try await DecisionAction.query(on: app.db).count() == 0)

            // A report's title is one line; its three texts are not.
            try await x.comms.get(SiteURL.Feedback.reports)
            let started = try await x.comms.postActivity(SiteURL.Feedback.create(x.activity), [])
            let reportID = try DecisionsHTTPTests().id(in: try DecisionsHTTPTests().location(started))
            try await x.comms.get(SiteURL.Feedback.edit(reportID))
            let report: [(String, String)] = [
                ("what_we_asked", "We asked.\r\nTwice."), ("what_you_said", "You said.\nA lot."), ("what_we_did", "We did.\rThis."),
            ]
            let badReport = try await x.comms.postActivity(SiteURL.Feedback.edit(reportID), [("title", Self.injected)] + report)
            #expect(badReport.status == .badRequest && badReport.body.string.contains("href=\"#f-title\""))
            #expect(try await FeedbackReport.find(reportID, on: app.db)?.title != Self.injected)
            let saved = try await x.comms.postActivity(SiteURL.Feedback.edit(reportID), [("title", "You said, we did")] + report)
            #expect(saved.status == .seeOther, "\(saved.body.string.prefix(300))")
        }
    }

    @Test func aTitleThatHasALineBreakAnywayMakesNoBccHeaderInTheOutboxFile() async throws {
        try await TestApp.run { app, f in
            let x = try await DecisionsHTTPTests().world(app, f, insights: 2)
            // As if saved before single-line fields refused line breaks (or by a path that skipped the form).
            let activity = try #require(try await Activity.find(x.activity, on: app.db))
            activity.title = Self.injected
            try await activity.update(on: app.db)

            try await x.comms.get(SiteURL.Feedback.reports)
            let started = try await x.comms.postActivity(SiteURL.Feedback.create(x.activity), [])
            #expect(started.status == .seeOther)
            let reportID = try DecisionsHTTPTests().id(in: try DecisionsHTTPTests().location(started))
            try await x.comms.get(SiteURL.Feedback.edit(reportID))
            let saved = try await x.comms.postActivity(
                SiteURL.Feedback.edit(reportID),
                [
                    ("title", "You said, we did: the audit"),
                    ("what_we_asked", "We asked what to fix."), ("what_you_said", "You told us.\n.\nThe swings."), ("what_we_did", "We fixed them."),
                ])
            #expect(saved.status == .seeOther, "\(saved.body.string.prefix(300))")
            let published = try await x.comms.postActivity(SiteURL.Feedback.publish(reportID), [("confirm", "true")])
            #expect(published.status == .seeOther, "\(published.body.string.prefix(300))")
            let queued = try await OutboxEmail.query(on: app.db).all()
            #expect(queued.count == 2)
            #expect(queued.allSatisfy { Validation.isSingleLine($0.subject) }, "the outbox keeps subjects on one line")

            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-outbox-" + UUID().uuidString).path
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let delivery = try await OutboxService.deliverDue(
                app.db, transport: FileEmailTransport(directory: dir, from: "Chorus <no-reply@chorus.test>"))
            #expect(delivery.sent == 2)
            let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".eml") }
            #expect(files.count == 2)
            for file in files {
                let eml = try String(contentsOfFile: dir + "/" + file, encoding: .utf8)
                let headers = try Self.headers(eml)
                #expect(!headers.contains { $0.name.lowercased() == "bcc" }, "no Bcc header")
                #expect(
                    headers.map(\.name) == [
                        "From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type",
                        "Content-Transfer-Encoding", "List-Unsubscribe", "List-Unsubscribe-Post",
                    ])
                let subject = try #require(headers.first { $0.name == "Subject" }).value
                #expect(try Self.decodeWords(subject) == "You said, we did: Audit header test Bcc: attacker@evil.example")
                #expect(Self.onlyCRLF(eml), "no bare CR or LF anywhere in the file")
                #expect(eml.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 998 })
            }
        }
    }

    // MARK: - SMTP

    static let from = MailFrom(header: "Chorus <no-reply@chorus.test>", address: "no-reply@chorus.test")

    func transport(_ server: FakeSMTPServer) -> SMTPEmailTransport {
        SMTPEmailTransport(
            settings: SMTPSettings(host: "127.0.0.1", port: server.port, implicitTLS: false, timeoutSeconds: 20),
            from: Self.from, heloName: "chorus.test")
    }

    @Test func theSMTPServerReceivesEveryDotLineStuffedAndNoSmuggledCommand() async throws {
        let server = try await FakeSMTPServer.start()
        defer { Task { try? await server.stop() } }
        // Bare LF and bare CR dot lines in the body, and a bare "\n.\n" in the subject followed by a command.
        let body = "one\n.\ntwo\r.\rthree\r\n.\r\n..four\n.five\n.\u{301}six"
        let email = OutgoingEmail(
            id: UUID(), to: "resident@example.org", subject: "Hi\n.\nMAIL FROM:<x@evil.example>", body: body,
            unsubscribeURL: "http://localhost:8080/unsubscribe/t")
        try await transport(server).send(email)
        #expect(
            server.commands.withLockedValue { $0 } == [
                "EHLO chorus.test", "MAIL FROM:<no-reply@chorus.test> BODY=8BITMIME", "RCPT TO:<resident@example.org>", "DATA", "QUIT",
            ])
        let messages = server.messages.withLockedValue { $0 }
        #expect(messages.count == 1)
        let received = try #require(messages.first)
        #expect(!received.contains("."), "no line of one dot reached the server before the end")
        #expect(received.allSatisfy { !$0.contains("\r") }, "no bare CR inside a line")
        let blank = try #require(received.firstIndex(of: ""))
        #expect(Array(received[(blank + 1)...]) == ["one", "..", "two", "..", "three", "..", "...four", "..five", "..\u{301}six"])
        let subject = try #require(received[..<blank].first { $0.hasPrefix("Subject: ") })
        #expect(try Self.decodeWords(String(subject.dropFirst("Subject: ".count))) == "Hi . MAIL FROM:<x@evil.example>")
    }

    @Test func anAddressWithALineBreakIsNeverSentAsACommand() async throws {
        let server = try await FakeSMTPServer.start()
        defer { Task { try? await server.stop() } }
        let email = OutgoingEmail(
            id: UUID(), to: "resident@example.org>\r\nRCPT TO:<attacker@evil.example", subject: "Hi", body: "Hello",
            unsubscribeURL: "http://localhost:8080/unsubscribe/t")
        await #expect(throws: EmailSendError.self) { try await transport(server).send(email) }
        do { try await transport(server).send(email) } catch let e as EmailSendError { #expect(e.permanent) }
        #expect(!server.commands.withLockedValue { $0 }.contains { $0.contains("attacker") })
        #expect(server.messages.withLockedValue { $0 }.isEmpty)
    }

    // MARK: - The message text

    @Test func everySubjectIsEncodedWordsEvenPlainASCII() throws {
        let email = OutgoingEmail(id: UUID(), to: "a@example.org", subject: "Done: Order new swings", body: "Hello", unsubscribeURL: "http://x/u")
        let eml = EmailMessage.rfc5322(email, from: "Chorus <no-reply@test>", date: Date(timeIntervalSince1970: 0))
        #expect(eml.contains("\r\nSubject: =?UTF-8?B?\(Data("Done: Order new swings".utf8).base64EncodedString())?=\r\n"))
        #expect(!eml.contains("Subject: Done"))
    }

    @Test func longSubjectsAreFoldedWithinLineLimitsWithoutSplittingACharacter() throws {
        let long =
            String(repeating: "Café 🎉 ünïcode e\u{301} ", count: 12) + "\r\nBcc: attacker@evil.example " + "a"
            + String(repeating: "\u{301}", count: 40)
        let email = OutgoingEmail(id: UUID(), to: "a@example.org", subject: long, body: "Hello", unsubscribeURL: "http://x/u")
        let eml = EmailMessage.rfc5322(email, from: "Chorus <no-reply@test>", date: Date(timeIntervalSince1970: 0))
        let headerBlock = String(eml[..<eml.range(of: "\r\n\r\n")!.lowerBound])
        for line in headerBlock.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 76, "\(line.count): \(line)") }
        let headers = try Self.headers(eml)
        #expect(!headers.contains { $0.name.lowercased() == "bcc" })
        let subject = try #require(headers.first { $0.name == "Subject" }).value
        #expect(try Self.decodeWords(subject) == EmailMessage.oneLine(long))
        #expect(EmailMessage.oneLine(long).contains("Bcc: attacker") && !EmailMessage.oneLine(long).contains("\n"))
        #expect(headerBlock.components(separatedBy: "\r\n").filter { $0.hasPrefix(" =?UTF-8?B?") }.count > 5, "folded")
    }

    @Test func bodyLineEndsBecomeCRLFAndEveryHeaderValueIsOneLine() throws {
        let email = OutgoingEmail(
            id: UUID(), to: "a@example.org\nBcc: b@evil.example", subject: "S", body: "a\rb\nc\r\nd\n\n.",
            unsubscribeURL: "http://x/u>\r\nBcc: c@evil.example")
        let eml = EmailMessage.rfc5322(email, from: "Chorus\r\nBcc: d@evil.example <no-reply@test>", date: Date(timeIntervalSince1970: 0))
        #expect(Self.onlyCRLF(eml))
        #expect(!(try Self.headers(eml)).contains { $0.name.lowercased() == "bcc" })
        #expect(eml.hasSuffix("\r\n\r\na\r\nb\r\nc\r\nd\r\n\r\n."))
        #expect(EmailMessage.dotStuffed("x\n.\ny\r.\rz\r\n.w\r\n.\u{301}") == "x\r\n..\r\ny\r\n..\r\nz\r\n..w\r\n..\u{301}")
        #expect(EmailMessage.bodyLines("a\r\n\r\nb\r") == ["a", "", "b", ""])
    }
}
