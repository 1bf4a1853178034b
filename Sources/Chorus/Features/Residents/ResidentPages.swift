import Fluent
import Vapor
import ChorusCore

/// The models of residents' own pages, built from the account service, the registry and the email updates feature.
enum ResidentPages {
    struct Account: Sendable {
        let profile: ResidentAccountService.Profile
        let consents: [ResidentAccountService.Consent]
        let follows: [SubscriptionService.Follow]
        let choices: UpdatesViews.Choices
        let followValues: [String: String]
        let errors: [FieldError]
        /// Everything every feature keeps about them, as in their download.
        let records: [ExportedRecord]
    }

    static func account(
        _ r: CurrentResident, language: UILanguage, followInput: [String: String] = [:], errors: [FieldError] = [], _ db: any Database
    ) async throws -> Account {
        var follows: [SubscriptionService.Follow] = []
        if let email = r.email { follows = try await SubscriptionService.follows(email: email, language: language, db) }
        return Account(
            profile: try await ResidentAccountService.profile(r.id, db), consents: try await ResidentAccountService.consents(r.id, db),
            follows: follows,
            choices: try await UpdatesPages.choices(db), followValues: followInput, errors: errors,
            records: try await PersonalDataRegistry.export(ResidentKey(id: r.id, email: r.email), db))
    }

    struct Profile: Sendable {
        let values: [String: String]
        let errors: [FieldError]
    }

    static func profile(_ r: CurrentResident, input: Input?, errors: [FieldError], _ db: any Database) async throws -> Profile {
        if let input { return Profile(values: input.values, errors: errors) }
        let p = try await ResidentAccountService.profile(r.id, db)
        return Profile(values: ["display_name": p.displayName ?? "", "postcode": p.postcodeSector ?? "", "language": p.language], errors: errors)
    }

    /// Follows a ward or theme by email, from the account page: the address is proven by signing in, so it needs no
    /// confirmation; the consent is recorded with its wording.
    static func follow(_ r: CurrentResident, _ input: Input, language: UILanguage, now: Date, _ db: any Database) async throws {
        guard let email = r.email else { throw ValidationFailure([FieldError("ward", Catalogue.text("resident.no_email", language))]) }
        var withEmail = input
        withEmail.values["email"] = email
        let (_, topic) = try await SubscriptionService.validate(withEmail, language: language, db)
        try await db.transaction { tx in
            try await ResidentAccountService.giveConsent(r.id, .emailUpdates, language: language, channel: .web, staff: nil, now: now, tx)
            try await SubscriptionService.follow(email: email, topic: topic, language: language, now: now, tx)
            try await AuditService.record(
                tx, actor: r.actor, action: .update, entity: ResidentAccountService.entity, id: r.id, label: "email updates")
        }
    }

    struct Deletion: Sendable {
        /// How many records of each kind they have, for "what happens to" lines.
        let counts: [(kind: PersonalDataKind, count: Int)]
        let errors: [FieldError]
    }

    static func deletion(_ r: CurrentResident, errors: [FieldError] = [], _ db: any Database) async throws -> Deletion {
        let records = try await PersonalDataRegistry.export(ResidentKey(id: r.id, email: r.email), db)
        let counts: [(kind: PersonalDataKind, count: Int)] = Dictionary(grouping: records, by: \.kind).compactMap { k, v in
            PersonalDataKind(rawValue: k).map { ($0, v.count) }
        }
        return Deletion(counts: counts.sorted { $0.kind.rawValue < $1.kind.rawValue }, errors: errors)
    }
}
