import Foundation
import Testing
import VaporTesting
import Fluent
import NIOConcurrencyHelpers
@testable import Chorus
import ChorusCore

/// Several servers delivering one outbox: each pass claims due emails with a lease, so two deliverers running at
/// once send every email exactly once; a crashed server's lease runs out and another server sends its emails; a pass
/// that runs out of time hands its unsent emails back.
@Suite struct OutboxLeaseTests {
    /// Records every email sent, taking a moment over each so that two passes overlap.
    final class SlowTransport: EmailTransport {
        let sent = NIOLockedValueBox<[UUID]>([])
        let delay: Duration
        init(delay: Duration = .milliseconds(3)) { self.delay = delay }
        func send(_ email: OutgoingEmail) async throws {
            try await Task.sleep(for: delay)
            sent.withLockedValue { $0.append(email.id) }
        }
    }

    static func queue(_ app: Application, _ n: Int, at: Date) async throws -> [UUID] {
        var ids: [UUID] = []
        for i in 0..<n {
            let e = OutboxEmail()
            e.toAddress = "resident\(i)@example.org"; e.subject = "s"; e.body = "b"; e.kind = "test"; e.referenceID = UUID()
            e.unsubscribeURL = "u"; e.status = "pending"; e.attempts = 0; e.nextAttemptAt = at
            try await e.create(on: app.db)
            ids.append(e.id!)
        }
        return ids
    }

    @Test func twoServersAtOnceSendEachEmailExactlyOnce() async throws {
        try await TestApp.run(fileDatabase: true) { app, _ in
            let now = Date()
            let ids = try await Self.queue(app, 40, at: now)
            let transport = SlowTransport()
            // Two passes on one database, as two app servers would run them (SQLite's write gate is per process).
            async let a = OutboxService.deliverDue(app.db, transport: transport, now: now, owner: "server-a", gate: app.writeGate)
            async let b = OutboxService.deliverDue(app.db, transport: transport, now: now, owner: "server-b", gate: app.writeGate)
            let (da, db) = try await (a, b)
            let sent = transport.sent.withLockedValue { $0 }
            #expect(sent.count == 40, "each email once, not \(sent.count) sends")
            #expect(Set(sent) == Set(ids))
            #expect(da.sent + db.sent == 40)
            let rows = try await OutboxEmail.query(on: app.db).all()
            #expect(rows.allSatisfy { $0.status == "sent" && $0.leaseOwner == nil && $0.leaseUntil == nil && $0.attempts == 1 })
            // And again: nothing left to send.
            let again = try await OutboxService.deliverDue(
                app.db, transport: transport, now: now.addingTimeInterval(1), owner: "server-b", gate: app.writeGate)
            #expect(again == .init() && transport.sent.withLockedValue { $0.count } == 40)
        }
    }

    @Test func aCrashedServersLeaseRunsOutAndAnotherSends() async throws {
        try await TestApp.run { app, _ in
            let now = Date()
            let ids = try await Self.queue(app, 3, at: now)
            // A server claimed the first two, then died.
            try await OutboxEmail.query(on: app.db).filter(\.$id ~~ Array(ids.prefix(2)))
                .set(\.$leaseOwner, to: "crashed#1/x").set(\.$leaseUntil, to: now.addingTimeInterval(OutboxService.leaseSeconds)).update()
            let transport = SlowTransport(delay: .zero)
            var d = try await OutboxService.deliverDue(app.db, transport: transport, now: now, owner: "server-b")
            #expect(d.sent == 1 && transport.sent.withLockedValue { $0 } == [ids[2]], "leased emails are left alone")
            d = try await OutboxService.deliverDue(
                app.db, transport: transport, now: now.addingTimeInterval(OutboxService.leaseSeconds + 1), owner: "server-b")
            #expect(d.sent == 2 && Set(transport.sent.withLockedValue { $0 }) == Set(ids), "after the lease runs out, another server sends them")
        }
    }

    @Test func aPassOutOfTimeHandsTheRestBack() async throws {
        try await TestApp.run { app, _ in
            let now = Date()
            let ids = try await Self.queue(app, 3, at: now)
            let transport = SlowTransport(delay: .zero)
            // A clock that jumps past half the lease once the first email has gone.
            let calls = NIOLockedValueBox(0)
            let clock: @Sendable () -> Date = {
                calls.withLockedValue {
                    $0 += 1; return $0 <= 2 ? now : now.addingTimeInterval(OutboxService.leaseSeconds)
                }
            }
            let d = try await OutboxService.deliverDue(app.db, transport: transport, now: now, owner: "server-a", clock: clock)
            #expect(d.sent == 1)
            let rest = try await OutboxEmail.query(on: app.db).filter(\.$status == "pending").all()
            #expect(
                rest.count == 2 && rest.allSatisfy { $0.leaseOwner == nil && $0.leaseUntil == nil },
                "handed back at once, not held until the lease ends")
            let next = try await OutboxService.deliverDue(app.db, transport: transport, now: now, owner: "server-b")
            #expect(next.sent == 2 && Set(transport.sent.withLockedValue { $0 }) == Set(ids))
        }
    }
}
