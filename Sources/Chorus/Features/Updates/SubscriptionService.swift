import Fluent
import SQLKit
import Foundation
import ChorusCore

/// Residents' email updates: asking (double opt-in: nothing but the confirmation email is sent until its link is
/// followed), confirming, and tidying up. The same answer is given whether or not an address is already subscribed
/// or has unsubscribed, so the form tells nobody who follows what.
enum SubscriptionService {
    static let confirmKind = "updates_confirm"
    /// An unconfirmed request is forgotten after a week; its link stops working.
    static let pendingLifetime: TimeInterval = 7 * 86_400
    /// A second request for the same thing within this time sends no second email.
    static let resendAfter: TimeInterval = 10 * 60
    /// At most this many unconfirmed requests per address, so the form cannot be used to flood someone's inbox.
    static let pendingPerAddress = 5

    /// What a subscription follows, resolved.
    struct Topic: Sendable {
        let ward: PlacesReads.Ward?
        let theme: TaxonomyReads.ThemeFacts?

        /// "Buses in Quayside", "Quayside", "Buses", "everything in the borough", in a language.
        func words(_ language: UILanguage) -> String {
            switch (ward, theme) {
            case (let w?, let t?): return Catalogue.format(Catalogue.text("updates.about_both", language), [t.name, w.name])
            case (let w?, nil): return w.name
            case (nil, let t?): return t.name
            case (nil, nil): return Catalogue.text("updates.about_all", language)
            }
        }
    }

    /// Reads the form (`email`, `ward` code, `theme` id); errors name the field, in the reader's language.
    static func validate(_ input: Input, language: UILanguage, _ db: any Database) async throws -> (email: String, topic: Topic) {
        var errors: [FieldError] = []
        let email = (input["email"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        if !Validation.isPlausibleEmail(email) || email.count > 254 {
            errors.append(FieldError("email", Catalogue.text("updates.email_invalid", language)))
        }
        var ward: PlacesReads.Ward? = nil
        if let code = input["ward"], !code.isEmpty {
            ward = try await PlacesReads.wards(db).first { $0.code == code.uppercased() }
            if ward == nil { errors.append(FieldError("ward", Catalogue.text("public.unknown_ward", language))) }
        }
        var theme: TaxonomyReads.ThemeFacts? = nil
        if let raw = input["theme"], !raw.isEmpty {
            if let id = UUID(uuidString: raw) { theme = try await TaxonomyReads.theme(id, db) }
            if theme == nil { errors.append(FieldError("theme", Catalogue.text("updates.unknown_theme", language))) }
        }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return (email, Topic(ward: ward, theme: theme))
    }

    /// Records the request and queues its confirmation email, unless the address already follows this, asked
    /// moments ago, or has too many requests waiting. Returns whether an email was queued (tests read it; the page
    /// says the same either way).
    @discardableResult
    static func request(email: String, topic: Topic, language: UILanguage, now: Date, mail: MailContext, _ db: any Database)
        async throws -> Bool
    {
        try await db.transaction { tx in
            let mine = try await UpdateSubscription.query(on: tx).filter(\.$email == email).all()
            let same = mine.first { $0.placeID == topic.ward?.id && $0.themeID == topic.theme?.id }
            if let same {
                if same.confirmedAt != nil { return false }
                if let at = same.createdAt, now.timeIntervalSince(at) < resendAfter { return false }
                try await same.delete(on: tx)
            } else if mine.filter({ $0.confirmedAt == nil }).count >= pendingPerAddress {
                return false
            }
            let s = UpdateSubscription()
            s.email = email; s.placeID = topic.ward?.id; s.themeID = topic.theme?.id; s.language = language.code
            try await s.create(on: tx)
            let link = mail.baseURL + SiteURL.Updates.confirm(token(s.id!, secret: mail.secret))
            let about = topic.words(language)
            return try await OutboxService.queue(
                to: email, subject: Catalogue.text("updates.email_confirm_subject", language),
                body: Catalogue.format(Catalogue.text("updates.email_confirm_body", language), [about, link]),
                kind: confirmKind, reference: s.id!, mail: mail,
                why: Catalogue.text("updates.why_confirm", language), on: tx)
        }
    }

    /// A link's token: the subscription's id, signed so it cannot be made up for someone else's request.
    static func token(_ id: UUID, secret: String) -> String {
        let raw = id.uuidString.lowercased()
        return raw + "." + String(Tokens.hmac("updates:" + raw, key: secret).prefix(32))
    }

    /// The subscription a link stands for, if the link is genuine and the request is neither gone nor expired.
    static func subscription(fromToken token: String, secret: String, now: Date, _ db: any Database) async throws -> UpdateSubscription? {
        let parts = token.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let id = UUID(uuidString: parts[0]), Tokens.constantTimeEqual(self.token(id, secret: secret), token),
            let s = try await UpdateSubscription.find(id, on: db)
        else { return nil }
        if s.confirmedAt == nil, let at = s.createdAt, now.timeIntervalSince(at) > pendingLifetime { return nil }
        return s
    }

    static func topic(of s: UpdateSubscription, _ db: any Database) async throws -> Topic {
        var topic = Topic(ward: nil, theme: nil)
        if let id = s.placeID { topic = Topic(ward: try await WardFinder.ward(id, db), theme: nil) }
        if let id = s.themeID { topic = Topic(ward: topic.ward, theme: try await TaxonomyReads.theme(id, db)) }
        return topic
    }

    static func confirm(_ s: UpdateSubscription, now: Date, _ db: any Database) async throws {
        guard s.confirmedAt == nil else { return }
        s.confirmedAt = now
        try await s.update(on: db)
    }

    /// Forgets unconfirmed requests older than a week and every subscription of an address that unsubscribed.
    static func tidy(now: Date, _ db: any Database) async throws {
        try await UpdateSubscription.query(on: db).filter(\.$confirmedAt == nil).filter(\.$createdAt < now.addingTimeInterval(-pendingLifetime))
            .delete()
        // An address that unsubscribed from every email (the link in each one) follows nothing any more.
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw(
            "DELETE FROM \(ident: UpdateSubscription.schema) WHERE email IN (SELECT email FROM \(ident: EmailUnsubscribe.schema))"
        ).run()
    }
}
