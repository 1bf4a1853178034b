import Fluent
import Vapor
import ChorusCore

/// Email updates for signed-in residents (their contact preferences) and the personal data the feature keeps:
/// a signed-in resident's address is proven by their sign-in code, so what they follow from their account needs
/// no confirmation email.
extension SubscriptionService {
    struct Follow: Sendable, Equatable {
        let id: UUID
        /// "Buses in Quayside", in the reader's language.
        let about: String
        let confirmed: Bool
    }

    static func follows(email: String, language: UILanguage, _ db: any Database) async throws -> [Follow] {
        var out: [Follow] = []
        for s in try await UpdateSubscription.query(on: db).filter(\.$email == email.lowercased()).sort(\.$createdAt).all() {
            out.append(Follow(id: s.id!, about: try await topic(of: s, db).words(language), confirmed: s.confirmedAt != nil))
        }
        return out
    }

    /// Follows a topic for a proven address, confirmed at once; nothing new when it already follows it. The address
    /// is taken off the unsubscribed list: following something from the account is asking for these emails again.
    static func follow(email raw: String, topic: Topic, language: UILanguage, now: Date, _ db: any Database) async throws {
        let email = raw.lowercased()
        try await EmailUnsubscribe.query(on: db).filter(\.$email == email).delete()
        let mine = try await UpdateSubscription.query(on: db).filter(\.$email == email).all()
        if let same = mine.first(where: { $0.placeID == topic.ward?.id && $0.themeID == topic.theme?.id }) {
            try await confirm(same, now: now, db)
            return
        }
        let s = UpdateSubscription()
        s.email = email; s.placeID = topic.ward?.id; s.themeID = topic.theme?.id; s.language = language.code; s.confirmedAt = now
        try await s.create(on: db)
    }

    /// Stops one follow of this address (another address's follow is not found).
    static func stop(_ id: UUID?, email: String, _ db: any Database) async throws {
        guard let id, let s = try await UpdateSubscription.query(on: db).filter(\.$id == id).filter(\.$email == email.lowercased()).first()
        else { throw Abort(.notFound) }
        try await s.delete(on: db)
    }

    static func removeAll(email: String, _ db: any Database) async throws {
        try await UpdateSubscription.query(on: db).filter(\.$email == email.lowercased()).delete()
    }

    /// The addresses and topics residents follow: kept until they stop (the link in every email, or their account).
    static let personalData = PersonalDataDeclaration(
        kind: .subscriptions, tables: [UpdateSubscription.schema],
        what: "Email address, the ward and theme followed, the language of the emails, when it was asked for and confirmed.",
        purpose: "Emailing residents about the activities and reports they asked to hear about.",
        lawfulBasis: "Consent (UK GDPR Article 6(1)(a)); withdrawn by the link in every email.",
        seenBy: "Nobody reads it; the server uses it to send the emails.",
        export: { key, db in
            guard let email = key.email else { return [] }
            var out: [ExportedRecord] = []
            for s in try await UpdateSubscription.query(on: db).filter(\.$email == email.lowercased()).sort(\.$createdAt).all() {
                out.append(
                    ExportedRecord(
                        kind: .subscriptions, title: "Email updates about " + (try await topic(of: s, db).words(.english)),
                        fields: [
                            ("email", s.email), ("language", s.language), ("asked_at", ExportedRecord.time(s.createdAt)),
                            ("confirmed_at", ExportedRecord.time(s.confirmedAt)),
                        ]))
            }
            return out
        },
        erase: { keys, _, db in
            let emails = keys.emails
            guard !emails.isEmpty else { return 0 }
            return try await UpdateSubscription.query(on: db).filter(\.$email ~~ emails).deleteCounting()
        })
}
