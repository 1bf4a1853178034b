import Fluent
import Foundation
import ChorusCore

/// The personal data the email outbox keeps: the address of every email queued or sent (with its subject and body,
/// which may quote the resident), and the addresses that asked for no more email.
enum OutboxPersonalData {
    static let declaration = PersonalDataDeclaration(
        kind: .outboxAddresses, tables: [OutboxEmail.schema, EmailUnsubscribe.schema],
        what: "Email address, subject and text of each email sent to a resident, when it was sent, and whether they unsubscribed.",
        purpose: "Sending the emails residents asked for, retrying failures, and never emailing an address that unsubscribed.",
        lawfulBasis: "As for the email sent (consent for updates; the resident's request for a sign-in code).",
        seenBy: "Partnership admins, when a delivery fails.",
        export: { key, db in
            guard let email = key.email?.lowercased() else { return [] }
            var out = try await OutboxEmail.query(on: db).filter(\.$toAddress == email).sort(\.$createdAt).all().map { e in
                ExportedRecord(
                    kind: .outboxAddresses, title: "Email: " + e.subject,
                    fields: [
                        ("to", e.toAddress), ("subject", e.subject), ("status", e.status), ("queued_at", ExportedRecord.time(e.createdAt)),
                        ("sent_at", ExportedRecord.time(e.sentAt)), ("text", e.body),
                    ])
            }
            if try await EmailUnsubscribe.query(on: db).filter(\.$email == email).first() != nil {
                out.append(ExportedRecord(kind: .outboxAddresses, title: "Unsubscribed from every email", fields: [("email", email)]))
            }
            return out
        },
        erase: { keys, _, db in
            let emails = keys.emails
            guard !emails.isEmpty else { return 0 }
            let n = try await OutboxEmail.query(on: db).filter(\.$toAddress ~~ emails).deleteCounting()
            try await EmailUnsubscribe.query(on: db).filter(\.$email ~~ emails).delete()
            return n
        },
        expire: { pass in
            // Sent, failed and cancelled emails are kept 90 days (to answer "did you email me?"), then deleted.
            let cutoff = pass.schedule.cutoff(for: .outboxAddresses, now: pass.now)
            let done = [OutboxEmail.Status.sent, .failed, .cancelled].map(\.rawValue)
            return try await pass.deleteDue(OutboxEmail.self) { $0.filter(\.$status ~~ done).filter(\.$createdAt < cutoff) }
        })
}
