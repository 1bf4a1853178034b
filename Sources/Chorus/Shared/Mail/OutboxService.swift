import Vapor
import Fluent
import ChorusCore
import NIOConcurrencyHelpers

/// One email ready for a transport.
struct OutgoingEmail: Sendable {
    let id: UUID
    let to: String
    let subject: String
    let body: String
    let unsubscribeURL: String
}

/// How email leaves Chorus: `.eml` files in `<data dir>/outbox/` (the default) or an SMTP server (CHORUS_SMTP_URL).
protocol EmailTransport: Sendable {
    func send(_ email: OutgoingEmail) async throws
}

/// A transport's failure that says whether trying again could help. Any other error thrown by a transport is
/// treated as temporary.
struct EmailSendError: Error, CustomStringConvertible, Sendable {
    /// True when the server said it will never take this email (a 5xx to RCPT TO or to the message).
    let permanent: Bool
    let message: String
    var description: String { message }
}

/// The RFC 5322 text of an email, shared by every transport.
///
/// Header injection cannot happen here, whatever the text: the subject (user text: activity and action titles) is
/// always written as RFC 2047 encoded words, even when it is plain ASCII, so its bytes never reach the header as
/// they are; every other header value has line breaks and control characters turned into spaces; the body's line
/// ends are all CRLF. `dotStuffed` then applies SMTP's transparency rule to every line.
enum EmailMessage {
    static func dateHeader(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX"); f.timeZone = TimeZone(identifier: "UTC"); f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return f.string(from: date)
    }

    /// CRLF line ends. `eightBit`: the body may go as UTF-8 as it is (files; SMTP servers offering 8BITMIME);
    /// otherwise a body that is not plain ASCII, or has a line over 998 characters, goes as base64.
    static func rfc5322(_ email: OutgoingEmail, from: String, date: Date, eightBit: Bool = true) -> String {
        let lines = bodyLines(email.body)
        let body = lines.joined(separator: "\r\n")
        let short = lines.allSatisfy { $0.utf8.count <= 998 }
        let encoding: String, text: String
        if short && body.utf8.allSatisfy({ $0 < 0x80 }) {
            encoding = "7bit"; text = body
        } else if eightBit && short {
            encoding = "8bit"; text = body
        } else {
            let b64 = Data(body.utf8).base64EncodedString()
            encoding = "base64"
            text = stride(from: 0, to: b64.count, by: 76).map { i -> String in
                let start = b64.index(b64.startIndex, offsetBy: i)
                return String(b64[start..<(b64.index(start, offsetBy: 76, limitedBy: b64.endIndex) ?? b64.endIndex)])
            }.joined(separator: "\r\n")
        }
        return
            ([
                "From: \(oneLine(from))", "To: \(oneLine(email.to))", "Subject: \(encodedWords(email.subject, after: "Subject: "))",
                "Date: \(dateHeader(date))",
                "Message-ID: <\(email.id.uuidString.lowercased())@chorus>", "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: \(encoding)",
            ]
            // A message the reader asked for just now (a sign-in code) has nothing to unsubscribe from.
            + (email.unsubscribeURL.isEmpty
                ? [] : ["List-Unsubscribe: <\(oneLine(email.unsubscribeURL))>", "List-Unsubscribe-Post: List-Unsubscribe=One-Click"])
            + ["", text]).joined(separator: "\r\n")
    }

    /// The body's lines, whichever line ends it was written with (CRLF, a bare CR or a bare LF each end one line).
    static func bodyLines(_ text: String) -> [String] {
        var lines: [String] = []
        var line = String.UnicodeScalarView()
        var afterCR = false
        // By scalar: "\r\n" is one Character in Swift, and a bare CR or LF must end a line just the same.
        for scalar in text.unicodeScalars {
            if scalar == "\n" && afterCR { afterCR = false; continue }
            afterCR = scalar == "\r"
            if scalar == "\r" || scalar == "\n" { lines.append(String(line)); line = String.UnicodeScalarView() } else { line.append(scalar) }
        }
        lines.append(String(line))
        return lines
    }

    /// A header value on one line: every line break (CR, LF, NEL, U+2028/9) and control character becomes a space,
    /// runs of them one space. For values that are not user text (addresses, URLs), as a last guard.
    static func oneLine(_ value: String) -> String {
        var out = String.UnicodeScalarView()
        var lastWasBreak = false
        for scalar in value.unicodeScalars {
            let v = scalar.value
            if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || v == 0x2028 || v == 0x2029 {
                if !lastWasBreak { out.append(" ") }
                lastWasBreak = true
            } else {
                out.append(scalar); lastWasBreak = false
            }
        }
        return String(out).trimmingCharacters(in: .whitespaces)
    }

    /// User text for a header as RFC 2047 encoded words (`=?UTF-8?B?…?=`), always, even plain ASCII, made one line
    /// first (`oneLine`). Words are cut at character boundaries (a multi-byte character is never split across two)
    /// and folded with CRLF and a space so that no line is over 76 characters, counting `after` (the header name
    /// and colon) on the first line (RFC 2047 section 2).
    static func encodedWords(_ value: String, after prefix: String) -> String {
        let text = oneLine(value)
        guard !text.isEmpty else { return "" }
        let overhead = "=?UTF-8?B?".count + "?=".count
        // Bytes that fit a line: base64 turns 3 bytes into 4 characters.
        let firstBytes = max(3, (76 - prefix.count - overhead) / 4 * 3)
        let nextBytes = (76 - 1 - overhead) / 4 * 3
        var chunks: [[UInt8]] = [[]]
        func room() -> Int { (chunks.count == 1 ? firstBytes : nextBytes) - chunks[chunks.count - 1].count }
        for character in text {
            let bytes = Array(String(character).utf8)
            if bytes.count <= room() { chunks[chunks.count - 1] += bytes; continue }
            if bytes.count <= nextBytes { chunks.append(bytes); continue }
            // A character longer than a whole word (a long run of combining marks): cut between its scalars.
            for scalar in character.unicodeScalars {
                let b = Array(String(scalar).utf8)
                if b.count > room() { chunks.append([]) }
                chunks[chunks.count - 1] += b
            }
        }
        return chunks.filter { !$0.isEmpty }.map { "=?UTF-8?B?" + Data($0).base64EncodedString() + "?=" }.joined(separator: "\r\n ")
    }

    /// SMTP's transparency rule (RFC 5321 4.5.2): a line that starts with "." gets another in front, so a line of
    /// one dot in the text cannot end the message early. Lines are split at CRLF, a bare CR and a bare LF alike and
    /// always leave as CRLF, so a bare `\n.\n` cannot end the message early on a server that takes a bare LF as a
    /// line end either.
    static func dotStuffed(_ message: String) -> String {
        // By byte: `hasPrefix(".")` compares Characters, and "." followed by a combining mark is another Character.
        bodyLines(message).map { $0.utf8.first == UInt8(ascii: ".") ? "." + $0 : $0 }.joined(separator: "\r\n")
    }
}

struct FileEmailTransport: EmailTransport {
    let directory: String
    let from: String

    func send(_ email: OutgoingEmail) async throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let message = EmailMessage.rfc5322(email, from: from, date: Date())
        let path = (directory as NSString).appendingPathComponent("\(email.id.uuidString.lowercased()).eml")
        guard FileManager.default.createFile(atPath: path, contents: Data(message.utf8)) else {
            throw Abort(.internalServerError, reason: "Could not write \(path)")
        }
    }
}

extension Application {
    private struct TransportKey: StorageKey { typealias Value = any EmailTransport }
    /// The email transport: SMTP when CHORUS_SMTP_URL is set, else `.eml` files in `<data dir>/outbox/`.
    var emailTransport: any EmailTransport {
        get {
            if let t = storage[TransportKey.self] { return t }
            let config = chorusConfig
            let from = config.mailFrom ?? MailFrom.default(baseURL: config.baseURL)
            if let smtp = config.smtp {
                return SMTPEmailTransport(settings: smtp, from: from, heloName: SMTPSession.heloName(for: config.baseURL), group: eventLoopGroup)
            }
            return FileEmailTransport(directory: (config.dataDirectory as NSString).appendingPathComponent("outbox"), from: from.header)
        }
        set { storage[TransportKey.self] = newValue }
    }
}

/// What the notifier needs to write links into emails.
struct MailContext: Sendable {
    let baseURL: String
    let secret: String

    /// A link that unsubscribes this address, signed so it cannot be forged for someone else's address.
    func unsubscribeURL(_ email: String) -> String {
        baseURL + SiteURL.Feedback.unsubscribe(OutboxService.unsubscribeToken(email, secret: secret))
    }
}

extension Request {
    var mailContext: MailContext {
        MailContext(baseURL: application.chorusConfig.baseURL.absoluteString.trimmingSuffix("/"), secret: application.sessionSecret)
    }
}

/// The outbox: queue (inside the caller's transaction), deliver with retries and exponential backoff, unsubscribe.
enum OutboxService {
    static let retry = OutboxRetry()

    /// How many of these addresses an email would reach (plausible and not unsubscribed): what "publish and email N
    /// people" promises before anything is queued.
    static func deliverableCount(_ addresses: [String], _ db: any Database) async throws -> Int {
        let plausible = Set(addresses.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter(Validation.isPlausibleEmail))
        guard !plausible.isEmpty else { return 0 }
        var unsubscribed = 0
        for chunk in Array(plausible).chunked(1000) { unsubscribed += try await EmailUnsubscribe.query(on: db).filter(\.$email ~~ chunk).count() }
        return plausible.count - unsubscribed
    }

    /// Why a resident gets "You said, we did" emails (the footer's first line).
    static let residentReason = "You are getting this because you asked to hear what happened after you shared your views."

    /// Queues one email unless the address unsubscribed or the same email is already queued. Returns whether queued.
    /// `why` is the footer's first line: why this person gets it (residents: `residentReason`; staff emails say what
    /// in their work sent it).
    @discardableResult
    static func queue(
        to raw: String, subject: String, body: String, kind: String, reference: UUID, mail: MailContext,
        why: String = residentReason, on db: any Database
    ) async throws -> Bool {
        let to = raw.trimmingCharacters(in: .whitespaces).lowercased()
        guard Validation.isPlausibleEmail(to) else { return false }
        // Titles reach subjects; one saved before single-line fields refused line breaks is made one line here too.
        let subject = EmailMessage.oneLine(subject)
        if try await EmailUnsubscribe.query(on: db).filter(\.$email == to).first() != nil { return false }
        if try await OutboxEmail.query(on: db).filter(\.$toAddress == to).filter(\.$kind == kind).filter(\.$referenceID == reference).first() != nil {
            return false
        }
        let unsubscribe = mail.unsubscribeURL(to)
        let e = OutboxEmail()
        e.toAddress = to; e.subject = subject; e.kind = kind; e.referenceID = reference; e.unsubscribeURL = unsubscribe
        e.body =
            body + "\n\n--\n\(EmailMessage.oneLine(why))\n" + "To stop these emails: \(unsubscribe)\n"
        e.status = OutboxEmail.Status.pending.rawValue; e.attempts = 0; e.nextAttemptAt = Date()
        try await e.create(on: db)
        return true
    }

    /// Queues an email the reader asked for moments ago (a sign-in code): sent even to an address that unsubscribed
    /// from updates, with no unsubscribe link, because it is an answer, not a mailing. `why` ends the body.
    static func queueTransactional(
        to raw: String, subject: String, body: String, kind: String, reference: UUID, why: String, on db: any Database
    ) async throws {
        let to = raw.trimmingCharacters(in: .whitespaces).lowercased()
        guard Validation.isPlausibleEmail(to) else { return }
        let e = OutboxEmail()
        e.toAddress = to; e.subject = EmailMessage.oneLine(subject); e.kind = kind; e.referenceID = reference; e.unsubscribeURL = ""
        e.body = body + "\n\n--\n\(EmailMessage.oneLine(why))\n"
        e.status = OutboxEmail.Status.pending.rawValue; e.attempts = 0; e.nextAttemptAt = Date()
        try await e.create(on: db)
    }

    /// Like `queueTransactional`, for an answer that a later one supersedes (a receipt for a changed ballot): an email
    /// still waiting to go for the same record is rewritten rather than joined by a second, so twenty presses send one
    /// email; once the first has gone (or is being sent), the new one is queued after it.
    static func queueTransactionalLatest(
        to raw: String, subject: String, body: String, kind: String, reference: UUID, why: String, on db: any Database
    ) async throws {
        let to = raw.trimmingCharacters(in: .whitespaces).lowercased()
        let previous = try await OutboxEmail.query(on: db).filter(\.$toAddress == to).filter(\.$kind == kind)
            .filter(\.$status == OutboxEmail.Status.pending.rawValue).filter(\.$leaseOwner == nil).filter(\.$sentAt == nil)
            .sort(\.$createdAt, .descending).all()
        if let waiting = previous.first(where: { $0.referenceID == reference }) {
            waiting.subject = EmailMessage.oneLine(subject)
            waiting.body = body + "\n\n--\n\(EmailMessage.oneLine(why))\n"
            try await waiting.update(on: db)
            return
        }
        let taken =
            try await OutboxEmail.query(on: db).filter(\.$toAddress == to).filter(\.$kind == kind).filter(\.$referenceID == reference).count() > 0
        try await queueTransactional(to: to, subject: subject, body: body, kind: kind, reference: taken ? UUID() : reference, why: why, on: db)
    }

    struct Delivery: Sendable, Equatable { var sent = 0, retrying = 0, failed = 0, cancelled = 0 }

    /// How long a server holds the emails it has claimed. A pass stops sending at half of it (and leaves the rest to
    /// the next pass), so a lease never runs out while its holder is still sending; a crashed server's lease runs out
    /// and another server takes the emails.
    static let leaseSeconds: TimeInterval = 600

    /// Sends every email that is due. A failure is tried again after an exponentially growing wait, up to the
    /// maximum number of attempts, then marked failed; a permanent failure (the server refused the address) is
    /// marked failed at once. An address unsubscribed since queuing is never sent to.
    ///
    /// Several servers may run this at once on one database: each pass first claims the due emails with a lease
    /// (one conditional UPDATE that only takes rows with no lease or an expired one), sends only what it claimed,
    /// and clears the lease with the row's outcome. `gate` (SQLite's write gate) is taken for each write only, never
    /// while a message is on its way.
    static func deliverDue(
        _ db: any Database, transport: any EmailTransport, now: Date = Date(), limit: Int = 200,
        owner: String = JobRunner.processIdentity, gate: WriteGate? = nil, clock: @Sendable () -> Date = { Date() }
    ) async throws -> Delivery {
        @Sendable func write<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
            if let gate { return try await gate.run(body) }
            return try await body()
        }
        var out = Delivery()
        let pending = OutboxEmail.Status.pending.rawValue
        let candidates = try await OutboxEmail.query(on: db).filter(\.$status == pending).filter(\.$nextAttemptAt <= now)
            .group(.or) { $0.filter(\.$leaseUntil == nil).filter(\.$leaseUntil < now) }
            .sort(\.$nextAttemptAt).sort(\.$id).limit(limit).all(\.$id)
        guard !candidates.isEmpty else { return out }
        // The claim: a row another server took between the read above and this UPDATE no longer matches its
        // conditions (PostgreSQL re-checks them on the locked row; SQLite runs one writer at a time).
        let token = String(owner.prefix(100)) + "/" + UUID().uuidString.lowercased()
        try await write {
            try await OutboxEmail.query(on: db).filter(\.$id ~~ candidates).filter(\.$status == pending).filter(\.$nextAttemptAt <= now)
                .group(.or) { $0.filter(\.$leaseUntil == nil).filter(\.$leaseUntil < now) }
                .set(\.$leaseOwner, to: token).set(\.$leaseUntil, to: now.addingTimeInterval(leaseSeconds)).update()
        }
        let mine = try await OutboxEmail.query(on: db).filter(\.$leaseOwner == token).sort(\.$nextAttemptAt).sort(\.$id).all()
        let started = clock()
        for (n, e) in mine.enumerated() {
            if clock().timeIntervalSince(started) > leaseSeconds / 2 {
                // Out of time: hand the rest back now rather than when the lease runs out.
                let rest = mine[n...].compactMap(\.id)
                try await write {
                    try await OutboxEmail.query(on: db).filter(\.$id ~~ rest).filter(\.$leaseOwner == token)
                        .set(\.$leaseOwner, to: nil).set(\.$leaseUntil, to: nil).update()
                }
                break
            }
            e.leaseOwner = nil; e.leaseUntil = nil
            if !e.unsubscribeURL.isEmpty, try await EmailUnsubscribe.query(on: db).filter(\.$email == e.toAddress).first() != nil {
                e.status = OutboxEmail.Status.cancelled.rawValue
                try await write { try await e.update(on: db) }
                out.cancelled += 1
                continue
            }
            do {
                try await transport.send(
                    OutgoingEmail(id: e.id!, to: e.toAddress, subject: e.subject, body: e.body, unsubscribeURL: e.unsubscribeURL))
                e.attempts += 1; e.status = OutboxEmail.Status.sent.rawValue; e.sentAt = now; e.lastError = nil
                out.sent += 1
            } catch {
                e.attempts += 1
                e.lastError = String(String(describing: error).prefix(500))
                if let failure = error as? EmailSendError, failure.permanent {
                    e.status = OutboxEmail.Status.failed.rawValue; out.failed += 1
                } else {
                    switch retry.afterFailure(attempts: e.attempts) {
                    case .retry(let seconds): e.nextAttemptAt = now.addingTimeInterval(seconds); out.retrying += 1
                    case .giveUp: e.status = OutboxEmail.Status.failed.rawValue; out.failed += 1
                    }
                }
            }
            try await write { try await e.update(on: db) }
        }
        return out
    }

    // MARK: - Unsubscribe

    static func unsubscribeToken(_ email: String, secret: String) -> String {
        let address = email.lowercased()
        return Data(address.utf8).base64URLEncoded() + "." + String(Tokens.hmac("unsubscribe:" + address, key: secret).prefix(32))
    }

    /// The address a token stands for, or nil when it was not made by this server.
    static func address(fromToken token: String, secret: String) -> String? {
        let parts = token.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let data = Data(base64URL: parts[0]), let email = String(data: data, encoding: .utf8),
            Tokens.constantTimeEqual(unsubscribeToken(email, secret: secret), token)
        else { return nil }
        return email
    }

    /// Records the address and cancels every mailing still waiting for it, at once (not a sign-in code it asked for).
    static func unsubscribe(_ email: String, on db: any Database) async throws {
        try await db.transaction { tx in
            if try await EmailUnsubscribe.query(on: tx).filter(\.$email == email).first() == nil {
                let u = EmailUnsubscribe()
                u.email = email
                try await u.create(on: tx)
            }
            try await OutboxEmail.query(on: tx).filter(\.$toAddress == email).filter(\.$status == OutboxEmail.Status.pending.rawValue)
                .filter(\.$unsubscribeURL != "").set(\.$status, to: OutboxEmail.Status.cancelled.rawValue).update()
        }
    }
}

extension Data {
    init?(base64URL s: String) {
        var b = s.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while b.count % 4 != 0 { b += "=" }
        self.init(base64Encoded: b)
    }
}

/// Delivers the outbox every 30 seconds while `serve` runs (not in tests, which call `deliverDue` themselves).
struct OutboxWorker: LifecycleHandler {
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    func didBootAsync(_ app: Application) async throws {
        // Only while serving: other commands (migrate, seed-demo…) boot the app too, before their own migrations run.
        let command = app.environment.arguments.dropFirst().first ?? "serve"
        guard command == "serve" || command.hasPrefix("-") else { return }
        let t = Task.detached {
            while !Task.isCancelled {
                do {
                    _ = try await OutboxService.deliverDue(app.db, transport: app.emailTransport, gate: app.writeGate)
                } catch {
                    app.logger.warning("email outbox: \(String(describing: error))")
                }
                try? await Task.sleep(for: .seconds(30))
            }
        }
        task.withLockedValue { $0 = t }
    }

    func shutdownAsync(_ app: Application) async {
        task.withLockedValue { $0?.cancel() }
    }
}
