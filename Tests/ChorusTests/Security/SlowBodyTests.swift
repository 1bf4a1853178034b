import Foundation
import Testing
import VaporTesting
import NIOCore
import NIOPosix
import NIOConcurrencyHelpers
@testable import Chorus
import ChorusCore

/// Issue 15 (3): a client that announces a body and sends it slowly must not hold the SQLite write gate, and a
/// connection that stalls is closed.
@Suite struct SlowBodyTests {
    /// A raw TCP client that writes what it is told and keeps the connection open until closed.
    final class RawClient: @unchecked Sendable {
        let channel: any Channel
        let received = NIOLockedValueBox("")

        init(port: Int) async throws {
            let box = received
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .channelInitializer { ch in ch.pipeline.addHandler(Collector(box: box)) }
                .connect(host: "127.0.0.1", port: port).get()
        }

        func send(_ text: String) async throws { try await channel.writeAndFlush(ByteBuffer(string: text)).get() }
        func close() async { try? await channel.close().get() }
        var isActive: Bool { channel.isActive }

        final class Collector: ChannelInboundHandler, @unchecked Sendable {
            typealias InboundIn = ByteBuffer
            let box: NIOLockedValueBox<String>
            init(box: NIOLockedValueBox<String>) { self.box = box }
            func channelRead(context: ChannelHandlerContext, data: NIOAny) {
                let s = String(buffer: unwrapInboundIn(data))
                box.withLockedValue { $0 += s }
            }
        }
    }

    @Test func aHeldSlowBodyDoesNotDelayAnotherClientsSignIn() async throws {
        try await TestApp.run(fileDatabase: true) { app, f in
            app.http.server.configuration.port = 0
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            let port = try #require(app.http.server.shared.localAddress?.port)
            // How long a sign-in takes on this machine now, for comparison.
            let baselineStart = ContinuousClock.now
            #expect(try await Browser(app).signIn(f.officer).status == .seeOther)
            let baseline = ContinuousClock.now - baselineStart
            let slow = try await RawClient(port: port)
            // 7 bytes of a 1,000-byte body, then nothing.
            try await slow.send(
                "POST /sign-in HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: 1000\r\n\r\nemail=a")
            try await Task.sleep(for: .milliseconds(300))

            let b = Browser(app)
            let started = ContinuousClock.now
            let done = NIOLockedValueBox(false)
            let signIn = Task {
                let status = try await b.signIn(f.officer).status
                done.withLockedValue { $0 = true }
                return status
            }
            // Wait at most 20 s; then let the slow client go, so the test ends either way. The slow body is held all
            // that time, so a sign-in that waited for it would never finish; the bound is wide because the whole suite
            // runs at once on 2 cores (a 5 s bound failed once on PostgreSQL under that load).
            var finished = false
            for _ in 0..<200 {
                try await Task.sleep(for: .milliseconds(100))
                if done.withLockedValue({ $0 }) { finished = true; break }
            }
            let waited = ContinuousClock.now - started
            await slow.close()
            #expect(try await signIn.value == .seeOther)
            #expect(finished, "sign-in took \(waited) beside a slow body, \(baseline) alone")
            await app.server.shutdown()
        }
    }

    @Test func aConnectionThatStallsMidBodyIsClosed() async throws {
        var config = AppConfig.testing()
        config.idleTimeoutSeconds = 1
        let app = try await Application.make(.testing)
        try await configure(app, config: config, postgresSchema: nil)
        do {
            try await app.autoMigrate()
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            let port = try #require(app.http.server.shared.localAddress?.port)
            let slow = try await RawClient(port: port)
            try await slow.send(
                "POST /sign-in HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: 1000\r\n\r\nemail=a")
            var closed = false
            for _ in 0..<40 {
                try await Task.sleep(for: .milliseconds(100))
                if !slow.isActive { closed = true; break }
            }
            #expect(closed, "the stalled connection was still open after 4 s with a 1 s idle timeout")
            await slow.close()
            await app.server.shutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
