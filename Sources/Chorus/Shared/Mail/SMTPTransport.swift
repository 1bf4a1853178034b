import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Sends each email through an SMTP server (RFC 5321): EHLO, STARTTLS when offered (or TLS from the start for
/// `smtps://`), AUTH PLAIN or LOGIN, MAIL FROM, RCPT TO, DATA with dot-stuffing of every line (CRLF line ends
/// only), QUIT. One connection per email:
/// the outbox sends a few hundred at most every 30 seconds, so reusing connections is not worth its failure modes.
///
/// How a failure is treated: a 4xx reply, a timeout or a broken connection is temporary (the outbox tries again
/// with its backoff); a 5xx reply to RCPT TO or to the message itself is permanent (that address or message will
/// never be accepted: the email is marked failed with the server's words). A 5xx anywhere else (EHLO, AUTH,
/// MAIL FROM) says the server or our settings are wrong, not the email, so it is retried too.
struct SMTPEmailTransport: EmailTransport {
    let settings: SMTPSettings
    let from: MailFrom
    /// The name we give in EHLO (the host of CHORUS_BASE_URL).
    let heloName: String
    var group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    /// Tests pass a configuration that trusts their own certificate.
    var tlsConfiguration: TLSConfiguration = .makeClientConfiguration()

    func send(_ email: OutgoingEmail) async throws {
        let session = SMTPSession(settings: settings, heloName: heloName, tls: tlsConfiguration)
        try await session.deliver(from: from, email: email, group: group)
    }
}

/// One SMTP reply: a three-digit code and its lines of text.
struct SMTPReply: Sendable, CustomStringConvertible {
    let code: Int
    let lines: [String]
    var description: String { "\(code) " + lines.joined(separator: " ") }
    var isPositive: Bool { (200..<400).contains(code) }
}

/// Everything a connection to the server knows, and the dialogue itself.
struct SMTPSession: Sendable {
    let settings: SMTPSettings
    let heloName: String
    let tls: TLSConfiguration

    /// Temporary unless stated: the outbox will try again.
    static func temporary(_ s: String) -> EmailSendError { EmailSendError(permanent: false, message: "SMTP: " + s) }

    func deliver(from: MailFrom, email: OutgoingEmail, group: any EventLoopGroup) async throws {
        let host = settings.host
        let timeout = TimeAmount.seconds(Int64(settings.timeoutSeconds))
        let sslContext = try NIOSSLContext(configuration: tls)
        let sniName: String? = (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
        let implicitTLS = settings.implicitTLS
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(timeout)
                .connect(host: host, port: settings.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if implicitTLS {
                            try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: sslContext, serverHostname: sniName))
                        }
                        try channel.pipeline.syncOperations.addHandler(IdleStateHandler(readTimeout: timeout))
                        try channel.pipeline.syncOperations.addHandler(SMTPTimeoutHandler())
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw Self.temporary("could not connect to \(host):\(settings.port): \(error)")
        }
        let underlying = channel.channel
        do {
            try await channel.executeThenClose { inbound, outbound in
                var dialogue = SMTPDialogue(iterator: inbound.makeAsyncIterator(), outbound: outbound)
                try await run(
                    &dialogue, from: from, email: email,
                    startTLS: {
                        try await underlying.eventLoop.submit {
                            try underlying.pipeline.syncOperations.addHandler(
                                try NIOSSLClientHandler(context: sslContext, serverHostname: sniName), position: .first)
                        }.get()
                    })
            }
        } catch let e as EmailSendError {
            throw e
        } catch let e as SMTPTimeout {
            throw Self.temporary(e.description)
        } catch {
            throw Self.temporary("connection to \(host):\(settings.port) failed: \(error)")
        }
    }

    /// The dialogue, command by command. `startTLS` puts TLS under the connection after the server's go-ahead.
    func run(_ d: inout SMTPDialogue, from: MailFrom, email: OutgoingEmail, startTLS: () async throws -> Void) async throws {
        func expect(_ reply: SMTPReply, _ codes: Set<Int>, _ step: String, permanentOn5xx: Bool = false) throws {
            guard !codes.contains(reply.code) else { return }
            let permanent = permanentOn5xx && (500..<600).contains(reply.code)
            throw EmailSendError(permanent: permanent, message: "SMTP \(step) refused: \(reply)")
        }
        try expect(try await d.readReply(), [220], "greeting")
        var extensions = try await hello(&d)
        var secure = settings.implicitTLS
        if !secure, extensions.keys.contains("STARTTLS") {
            try await d.command("STARTTLS")
            try expect(try await d.readReply(), [220], "STARTTLS")
            try await startTLS()
            secure = true
            extensions = try await hello(&d)
        }
        if let user = settings.username, let password = settings.password {
            guard secure || Self.isLoopback(settings.host) else {
                throw Self.temporary("the server did not offer STARTTLS, so the password was not sent; use smtps:// or a server that offers STARTTLS")
            }
            let mechanisms = Set((extensions["AUTH"] ?? "").uppercased().split(separator: " ").map(String.init))
            if mechanisms.contains("PLAIN") {
                try await d.command("AUTH PLAIN " + Data("\0\(user)\0\(password)".utf8).base64EncodedString(), log: "AUTH PLAIN ***")
                try expect(try await d.readReply(), [235], "AUTH PLAIN")
            } else if mechanisms.contains("LOGIN") {
                try await d.command("AUTH LOGIN")
                try expect(try await d.readReply(), [334], "AUTH LOGIN")
                try await d.command(Data(user.utf8).base64EncodedString(), log: "***")
                try expect(try await d.readReply(), [334], "AUTH LOGIN user name")
                try await d.command(Data(password.utf8).base64EncodedString(), log: "***")
                try expect(try await d.readReply(), [235], "AUTH LOGIN password")
            } else {
                throw Self.temporary(
                    "the server offers no AUTH PLAIN or LOGIN (it offers: \(mechanisms.sorted().joined(separator: " ").nilIfEmpty ?? "none"))")
            }
        }
        let eightBit = extensions.keys.contains("8BITMIME")
        let message = EmailMessage.rfc5322(email, from: from.header, date: Date(), eightBit: eightBit)
        try await d.command("MAIL FROM:<\(from.address)>" + (eightBit ? " BODY=8BITMIME" : ""))
        try expect(try await d.readReply(), [250], "MAIL FROM")
        try await d.command("RCPT TO:<\(email.to)>")
        try expect(try await d.readReply(), [250, 251], "RCPT TO <\(email.to)>", permanentOn5xx: true)
        try await d.command("DATA")
        try expect(try await d.readReply(), [354], "DATA")
        try await d.write(EmailMessage.dotStuffed(message) + "\r\n.\r\n")
        try expect(try await d.readReply(), [250], "message", permanentOn5xx: true)
        // The message is accepted; a failure to say goodbye changes nothing.
        try? await d.command("QUIT")
        _ = try? await d.readReply()
    }

    /// EHLO (HELO if the server does not know EHLO). Returns the extensions offered, keyword → parameters.
    func hello(_ d: inout SMTPDialogue) async throws -> [String: String] {
        try await d.command("EHLO \(heloName)")
        let reply = try await d.readReply()
        if reply.code == 250 {
            var out: [String: String] = [:]
            for line in reply.lines.dropFirst() {
                let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
                guard let key = parts.first?.uppercased() else { continue }
                out[key] = parts.count > 1 ? parts[1] : ""
            }
            return out
        }
        try await d.command("HELO \(heloName)")
        let helo = try await d.readReply()
        guard helo.code == 250 else { throw Self.temporary("EHLO and HELO refused: \(reply); \(helo)") }
        return [:]
    }

    /// The name to give in EHLO: the public host, or an address literal (`[192.0.2.1]`, `[IPv6:…]`) when it is an
    /// IP address (RFC 5321 4.1.3).
    static func heloName(for baseURL: URL) -> String {
        guard var host = baseURL.host, !host.isEmpty else { return "chorus.local" }
        host = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        guard let address = try? SocketAddress(ipAddress: host, port: 0) else { return host }
        if case .v6 = address { return "[IPv6:\(host)]" }
        return "[\(host)]"
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}

/// Reading replies and writing commands over one connection.
struct SMTPDialogue {
    var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    var buffer = ByteBuffer()
    /// What was said, for debugging (passwords replaced by ***).
    var transcript: [String] = []

    /// One command line. A CR or LF inside it would start another command (an address saved with a line break in
    /// it, say), so such a line is refused, permanently, and nothing is written.
    mutating func command(_ line: String, log: String? = nil) async throws {
        guard !line.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" }) else {
            throw EmailSendError(
                permanent: true, message: "SMTP: a command with a line break in it was not sent: \((log ?? line).debugDescription.prefix(200))")
        }
        transcript.append("C: " + (log ?? line))
        try await write(line + "\r\n")
    }

    func write(_ s: String) async throws {
        try await outbound.write(ByteBuffer(string: s))
    }

    mutating func readLine() async throws -> String {
        while true {
            if let nl = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
                let length = nl - buffer.readerIndex + 1
                var line = buffer.readString(length: length) ?? ""
                // By scalar: "\r\n" is one Character in Swift, so `hasSuffix("\n")` would not see it.
                while let last = line.unicodeScalars.last, last == "\n" || last == "\r" { line.unicodeScalars.removeLast() }
                return line
            }
            guard buffer.readableBytes < 64 * 1024 else { throw SMTPSession.temporary("the server sent a line longer than 64 KiB") }
            guard var chunk = try await iterator.next() else { throw SMTPSession.temporary("the server closed the connection") }
            buffer.writeBuffer(&chunk)
        }
    }

    /// One reply, however many lines (`250-…` continues, `250 …` ends).
    mutating func readReply() async throws -> SMTPReply {
        var lines: [String] = []
        while true {
            let line = try await readLine()
            transcript.append("S: " + line)
            guard line.utf8.count >= 3, let code = Int(line.prefix(3)), (200..<600).contains(code) else {
                throw SMTPSession.temporary("the server's reply makes no sense: \"\(line.prefix(200))\"")
            }
            lines.append(String(line.dropFirst(4)))
            if line.dropFirst(3).first != "-" {
                return SMTPReply(code: code, lines: lines)
            }
            guard lines.count < 200 else { throw SMTPSession.temporary("the server's reply has too many lines") }
        }
    }
}

struct SMTPTimeout: Error, CustomStringConvertible {
    var description: String { "the server did not answer in time" }
}

/// Turns the idle-read event into an error and closes the connection, so a silent server cannot hold the outbox.
final class SMTPTimeoutHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let e = event as? IdleStateHandler.IdleStateEvent, e == .read {
            context.fireErrorCaught(SMTPTimeout())
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }
}
