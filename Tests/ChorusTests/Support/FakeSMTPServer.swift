import Foundation
import NIOCore
import NIOPosix
import NIOConcurrencyHelpers
import NIOSSL

/// A scripted SMTP server on 127.0.0.1 (a free port) for the SMTP transport's tests: it records every line the
/// client sends and every message as it arrived (still dot-stuffed), and answers as `Behaviour` says.
final class FakeSMTPServer: Sendable {
    struct Behaviour: Sendable {
        var extensions: [String] = ["PIPELINING", "8BITMIME", "AUTH PLAIN LOGIN"]
        /// When set, MAIL FROM needs a successful AUTH with these.
        var user: String? = nil
        var password: String? = nil
        /// Never says hello (to test the timeout).
        var silent = false
        enum TLS: Sendable { case none, startTLS, implicit }
        /// `.startTLS`: offers STARTTLS (and AUTH only once TLS is on); `.implicit`: TLS from the first byte.
        var tls = TLS.none
    }

    /// A self-signed certificate for 127.0.0.1 and localhost (valid until 2126), made for these tests only.
    static let certificatePEM = """
        -----BEGIN CERTIFICATE-----
        MIIBtDCCAVmgAwIBAgIUc7JmEJOYrem5LWIA0qZEZiJ4IdswCgYIKoZIzj0EAwIw
        IDEeMBwGA1UEAwwVZmFrZS1zbXRwLmNob3J1cy50ZXN0MCAXDTI2MTEyNTAzNDQx
        M1oYDzIxMjYxMTAxMDM0NDEzWjAgMR4wHAYDVQQDDBVmYWtlLXNtdHAuY2hvcnVz
        LnRlc3QwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAASX9dISeh3g+ceIhPTeA5gb
        BzOKZdq9WOch87pkU239fJd6cAvIaJgadkhRjRv5quxWMC30QxOnoBu2V9Wlbq0v
        o28wbTAdBgNVHQ4EFgQU3zLZa3x30H115/Nb34Sf/t6b77owHwYDVR0jBBgwFoAU
        3zLZa3x30H115/Nb34Sf/t6b77owDwYDVR0TAQH/BAUwAwEB/zAaBgNVHREEEzAR
        hwR/AAABgglsb2NhbGhvc3QwCgYIKoZIzj0EAwIDSQAwRgIhAKAXGL8VIkRh7Onp
        9vOqjWtJjEQTkhJdu/0WYwJirfaVAiEAwiPh+bqKXig4YfRy/qbncjpZSqDpNPGV
        XmKIzuJFaCo=
        -----END CERTIFICATE-----
        """
    static let keyPEM = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgrc+8dkrQ23Hwld+1
        qoSakPjn8hI5Nbf1tBzGS97pVWOhRANCAASX9dISeh3g+ceIhPTeA5gbBzOKZdq9
        WOch87pkU239fJd6cAvIaJgadkhRjRv5quxWMC30QxOnoBu2V9Wlbq0v
        -----END PRIVATE KEY-----
        """

    /// What a client must be given to trust this server.
    static func clientTLS() throws -> TLSConfiguration {
        var c = TLSConfiguration.makeClientConfiguration()
        c.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(certificatePEM.utf8)))
        return c
    }

    static func serverContext() throws -> NIOSSLContext {
        let config = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(certificatePEM.utf8)).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(keyPEM.utf8), format: .pem)))
        return try NIOSSLContext(configuration: config)
    }

    /// Client lines received over TLS (a subset of `commands`).
    let secureCommands = NIOLockedValueBox<[String]>([])

    let behaviour: Behaviour
    /// Client lines outside DATA, in order, over every connection.
    let commands = NIOLockedValueBox<[String]>([])
    /// Each message's lines between DATA and the closing dot, as received.
    let messages = NIOLockedValueBox<[[String]]>([])
    /// The reply to RCPT TO for an address (default 250).
    let rcptReplies = NIOLockedValueBox<[String: String]>([:])
    private let channel: NIOLockedValueBox<(any Channel)?> = .init(nil)

    init(_ behaviour: Behaviour) { self.behaviour = behaviour }

    var port: Int { channel.withLockedValue { $0?.localAddress?.port } ?? 0 }

    static func start(_ behaviour: Behaviour = Behaviour()) async throws -> FakeSMTPServer {
        let server = FakeSMTPServer(behaviour)
        let ssl = try serverContext()
        let ch = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if behaviour.tls == .implicit { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: ssl)) }
                    try channel.pipeline.syncOperations.addHandler(FakeSMTPHandler(server, ssl: ssl))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        server.channel.withLockedValue { $0 = ch }
        return server
    }

    func stop() async throws {
        try await channel.withLockedValue { $0 }?.close().get()
    }
}

private final class FakeSMTPHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    enum State { case command, data, loginUser, loginPassword(String) }

    let server: FakeSMTPServer
    let ssl: NIOSSLContext
    var buffer = ByteBuffer()
    var state = State.command
    var authed = false
    var secure: Bool
    var message: [String] = []

    init(_ server: FakeSMTPServer, ssl: NIOSSLContext) {
        self.server = server; self.ssl = ssl; secure = server.behaviour.tls == .implicit
    }

    func channelActive(context: ChannelHandlerContext) {
        if !server.behaviour.silent { say(context, "220 fake.test ESMTP ready") }
    }

    func say(_ context: ChannelHandlerContext, _ lines: String...) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: lines.map { $0 + "\r\n" }.joined())), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var chunk = unwrapInboundIn(data)
        buffer.writeBuffer(&chunk)
        while let nl = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            var line = buffer.readString(length: nl - buffer.readerIndex + 1) ?? ""
            while let last = line.unicodeScalars.last, last == "\n" || last == "\r" { line.unicodeScalars.removeLast() }
            handle(context, line)
        }
    }

    func checkCredentials(_ user: String, _ password: String) -> Bool {
        user == server.behaviour.user && password == server.behaviour.password
    }

    func handle(_ context: ChannelHandlerContext, _ line: String) {
        switch state {
        case .data:
            if line == "." {
                server.messages.withLockedValue { $0.append(message) }
                message = []
                state = .command
                say(context, "250 2.0.0 Queued as 12345")
            } else {
                message.append(line)
            }
            return
        case .loginUser:
            server.commands.withLockedValue { $0.append(line) }
            state = .loginPassword(String(data: Data(base64Encoded: line) ?? Data(), encoding: .utf8) ?? "")
            say(context, "334 UGFzc3dvcmQ6")
            return
        case .loginPassword(let user):
            server.commands.withLockedValue { $0.append(line) }
            state = .command
            let password = String(data: Data(base64Encoded: line) ?? Data(), encoding: .utf8) ?? ""
            authed = checkCredentials(user, password)
            say(context, authed ? "235 2.7.0 Authentication successful" : "535 5.7.8 Authentication credentials invalid")
            return
        case .command:
            break
        }
        server.commands.withLockedValue { $0.append(line) }
        if secure { server.secureCommands.withLockedValue { $0.append(line) } }
        let upper = line.uppercased()
        if upper.hasPrefix("EHLO ") {
            var ext = server.behaviour.extensions
            if server.behaviour.tls == .startTLS {
                // Like most submission servers: STARTTLS before TLS, AUTH only after it.
                ext = secure ? ext.filter { $0 != "STARTTLS" } : ext.filter { !$0.hasPrefix("AUTH") } + ["STARTTLS"]
            }
            var lines = ["250" + (ext.isEmpty ? " " : "-") + "fake.test greets you"]
            for (i, e) in ext.enumerated() { lines.append("250" + (i == ext.count - 1 ? " " : "-") + e) }
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: lines.map { $0 + "\r\n" }.joined())), promise: nil)
        } else if upper == "STARTTLS", server.behaviour.tls == .startTLS, !secure {
            // The go-ahead goes out in plain text; everything after it is TLS.
            say(context, "220 2.0.0 Ready to start TLS")
            do {
                try context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: ssl), position: .first)
                secure = true
                authed = false
            } catch {
                context.close(promise: nil)
            }
        } else if upper.hasPrefix("HELO ") {
            say(context, "250 fake.test")
        } else if upper.hasPrefix("AUTH PLAIN ") {
            let parts = (String(data: Data(base64Encoded: String(line.dropFirst(11))) ?? Data(), encoding: .utf8) ?? "")
                .split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
            authed = parts.count == 3 && checkCredentials(parts[1], parts[2])
            say(context, authed ? "235 2.7.0 Authentication successful" : "535 5.7.8 Authentication credentials invalid")
        } else if upper == "AUTH LOGIN" {
            state = .loginUser
            say(context, "334 VXNlcm5hbWU6")
        } else if upper.hasPrefix("MAIL FROM:") {
            if server.behaviour.user != nil && !authed {
                say(context, "530 5.7.0 Authentication required")
            } else {
                say(context, "250 2.1.0 Sender OK")
            }
        } else if upper.hasPrefix("RCPT TO:") {
            let address = String(line.dropFirst(8)).trimmingCharacters(in: CharacterSet(charactersIn: "<> "))
            say(context, server.rcptReplies.withLockedValue { $0[address] } ?? "250 2.1.5 Recipient OK")
        } else if upper == "DATA" {
            state = .data
            say(context, "354 End data with <CR><LF>.<CR><LF>")
        } else if upper == "QUIT" {
            say(context, "221 2.0.0 Bye")
            context.close(promise: nil)
        } else if upper == "RSET" || upper == "NOOP" {
            say(context, "250 OK")
        } else {
            say(context, "502 5.5.2 Command not recognised")
        }
    }
}
