import Vapor
import Fluent
import SQLKit
import ChorusCore

/// Recording insights: the fields, the rules, redaction before anything is stored, and who may see what.
enum InsightService {
    static let entity = "insight"
    static let maxText = 10_000

    static let specs: [FieldSpec] =
        [
            FieldSpec(
                name: "text", kind: .string(maxLength: maxText), required: true,
                description: "What residents said or showed, in their words where possible",
                multiline: true),
            FieldSpec(name: "kind", kind: .choice(InsightKind.allCases.map(\.rawValue)), required: true, description: "What kind of insight it is"),
            FieldSpec(
                name: "sharing", kind: .choice(SharingLevel.allCases.map(\.rawValue)), required: true,
                description: "Who may see it: public, partnership (all partners) or organisation (yours only)"),
            FieldSpec(name: "heard_on", kind: .date, required: true, description: "The day it was heard (YYYY-MM-DD)"),
            FieldSpec(name: "organisation_id", kind: .uuid, required: false, description: "Recording organisation (default: yours)"),
            FieldSpec(
                name: "activity_id", kind: .uuid, required: false, description: "Source activity in the register; empty for an ongoing conversation"),
            FieldSpec(name: "place_id", kind: .uuid, required: false, description: "Ward or place it concerns"),
            FieldSpec(
                name: "postcode", kind: .string(maxLength: 10), required: false,
                description: "Postcode or postcode district; finds the ward, and only its sector is kept",
                pattern: "^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?([0-9][A-Za-z]{2})?$"),
            FieldSpec(name: "theme_ids", kind: .uuidList, required: false, description: "Themes from the taxonomy"),
            FieldSpec(name: "audience_ids", kind: .uuidList, required: false, description: "Audiences (communities) it speaks for"),
            FieldSpec(
                name: "people_count", kind: .integer(min: 1, max: 1_000_000), required: false,
                description: "How many people it represents (1 for a quote; default 1)"),
            FieldSpec(
                name: "contact_email", kind: .email, required: false,
                description: "Resident's email, only if they asked to hear back (seen by your organisation only)"),
            FieldSpec(name: "feedback_opt_in", kind: .boolean, required: false, description: "The resident asked to hear what happened as a result"),
            FieldSpec(
                name: "source_ref", kind: .string(maxLength: 200), required: false,
                description: "Its id in the system it came from, e.g. a survey response id"),
        ]
        + EqualityMonitoring.questions.map {
            FieldSpec(
                name: $0.field, kind: .choice($0.options.map(\.code)), required: false, description: "Equality monitoring (optional): \($0.question)")
        }

    /// A checked insight, redacted, ready to store.
    struct Clean: Sendable {
        let id: UUID
        let organisationID: UUID, recordedBy: UUID?, activityID: UUID?
        let kind: InsightKind, sharing: SharingLevel, heard: Day
        let redaction: RedactionResult, originalText: String
        let placeID: UUID?, postcodeSector: String?
        let themeIDs: [UUID], audienceIDs: [UUID]
        let peopleCount: Int
        let contactEmail: String?, feedbackOptIn: Bool
        let equality: [String: String]
        let sourceRef: String?
    }

    /// What names and ids can refer to, loaded once for a form, a batch or an import, as `user` may use them.
    struct Reference: Sendable {
        var places: Set<UUID> = [], themes: Set<UUID> = [], audiences: Set<UUID> = [], organisations: Set<UUID> = []
        /// The activities `user` may attach an insight to ("Heard during"), newest first: every live activity, and
        /// drafts of their own organisation (all drafts for a partnership admin). Another organisation's draft does
        /// not exist for them (`RegisterService.findVisible`), so it is refused like an unknown id.
        var activities = PickerChoices([])
        /// Outward code → ward id.
        var wardByDistrict: [String: UUID] = [:]

        static func load(_ db: any Database, user: CurrentUser) async throws -> Reference {
            var r = Reference()
            for p in try await Place.query(on: db).all() {
                r.places.insert(p.id!)
                for d in Postcode.districts(p.postcodeDistricts ?? "") where r.wardByDistrict[d] == nil { r.wardByDistrict[d] = p.id }
            }
            r.themes = Set(try await Theme.query(on: db).all().compactMap(\.id))
            r.audiences = Set(try await Audience.query(on: db).all().compactMap(\.id))
            r.organisations = Set(try await Organisation.query(on: db).all().compactMap(\.id))
            r.activities = try await activityChoices(user, db)
            return r
        }
    }

    /// The activities `user` may attach an insight to: the register's choices for them
    /// (`RegisterService.activityChoices`: live activities and their own organisation's drafts).
    static func activityChoices(_ user: CurrentUser, _ db: any Database) async throws -> PickerChoices {
        try await RegisterService.activityChoices(user, db)
    }

    /// How to put an unknown "Heard during" right; an import overrides it (its rows have no suggestions).
    static let activityHint = "Choose one of the suggested activities as it is written there, or leave it empty for an ongoing conversation"

    static func canRecordFor(_ user: CurrentUser, organisationID: UUID) -> Bool {
        user.role.canRecordInsight && (user.organisationID == organisationID || user.role.canAdministerPartnership)
    }

    /// Checks one insight's input. `prefix` names fields inside a batch ("insights[3].").
    static func validate(
        _ input: Input, user: CurrentUser, reference r: Reference, today: Day, prefix: String = "", activityHint: String = activityHint
    ) throws(ValidationFailure) -> Clean {
        var v = Validator()
        func f(_ name: String) -> String { prefix + name }
        let text = v.required(f("text"), input["text"], label: "What was said", max: maxText, multiline: true)
        let kind = v.choice(f("kind"), input["kind"], label: "Kind", as: InsightKind.self)
        let sharing = v.choice(f("sharing"), input["sharing"], label: "Who may see it", as: SharingLevel.self)
        var heard: Day? = nil
        if let s = v.optional(f("heard_on"), input["heard_on"], label: "Date heard", max: 10) {
            heard = Day(iso: s)
            if heard == nil {
                v.add(f("heard_on"), "Enter the date heard as a real date, like 2026-11-23")
            } else if heard! > today.adding(days: 1) {
                v.add(f("heard_on"), "The date heard cannot be in the future")
            }
        } else {
            v.add(f("heard_on"), "Enter the date it was heard")
        }

        var orgID = user.organisationID
        if let raw = input["organisation_id"], !raw.isEmpty {
            if let id = UUID(uuidString: raw), r.organisations.contains(id) {
                orgID = id
                if !canRecordFor(user, organisationID: id) {
                    v.add(f("organisation_id"), "You can only record insights for \(user.organisationName)")
                }
            } else {
                v.add(f("organisation_id"), "Select the recording organisation from the list")
            }
        }
        func one(_ field: String, _ set: Set<UUID>, _ what: String) -> UUID? {
            guard let raw = input[field], !raw.isEmpty else { return nil }
            guard let id = UUID(uuidString: raw), set.contains(id) else { v.add(f(field), "Select the \(what) from the list"); return nil }
            return id
        }
        // "Heard during": an id (the API, older forms, a link's preselection) or the picker's label.
        var activityID: UUID? = nil
        if let raw = input["activity_id"], !raw.isEmpty {
            if let id = UUID(uuidString: raw), r.activities.contains(id) {
                activityID = id
            } else {
                v.add(f("activity_id"), "Select the source activity from the list")
            }
        } else {
            switch r.activities.id(input["activity"], field: f("activity"), fieldLabel: "Heard during", what: "activity", hint: activityHint) {
            case .success(let id): activityID = id
            case .failure(let e): v.add(e.field, e.message)
            }
        }
        var placeID = one("place_id", r.places, "ward or place")
        var sector: String? = nil
        if let raw = v.optional(f("postcode"), input["postcode"], label: "Postcode", max: 10) {
            if let outward = Postcode.outward(raw) {
                sector = Postcode.sector(raw) ?? outward
                if placeID == nil {
                    placeID = r.wardByDistrict[outward]
                    if placeID == nil { v.add(f("postcode"), "No ward in the borough has the postcode district \(outward); choose the ward instead") }
                }
            } else {
                v.add(f("postcode"), "Enter a real postcode, like HS1 2AB, or a district like HS1")
            }
        }
        func many(_ field: String, _ set: Set<UUID>, _ what: String) -> [UUID] {
            let raw = input.list(field).filter { !$0.isEmpty }
            guard raw.count <= 100 else { v.add(f(field), "Choose at most 100 \(what)"); return [] }
            let ids = raw.compactMap(UUID.init(uuidString:))
            if ids.count != raw.count || !ids.allSatisfy(set.contains) { v.add(f(field), "Select \(what) from the list"); return [] }
            return Array(Set(ids)).sorted { $0.uuidString < $1.uuidString }
        }
        let themes = many("theme_ids", r.themes, "themes")
        let audiences = many("audience_ids", r.audiences, "audiences")
        let people = v.integer(f("people_count"), input["people_count"], label: "People it represents", range: 1...1_000_000) ?? 1
        let email = v.email(f("contact_email"), input["contact_email"], label: "Resident's email", required: false)
        let optIn = Input.isTrue(input["feedback_opt_in"])
        if optIn && email == nil { v.add(f("contact_email"), "Enter the resident's email so they can hear back, or untick \"wants to hear back\"") }
        var equality: [String: String] = [:]
        for q in EqualityMonitoring.questions {
            guard let raw = input[q.field]?.trimmedWhitespace, !raw.isEmpty else { continue }
            if q.isValid(raw) { equality[q.field] = raw } else { v.add(f(q.field), "\(q.question): choose one of the listed answers") }
        }
        let sourceRef = v.optional(f("source_ref"), input["source_ref"], label: "Source reference", max: 200)
        try v.check()
        return Clean(
            id: UUID(), organisationID: orgID, recordedBy: user.id, activityID: activityID, kind: kind!, sharing: sharing!, heard: heard!,
            redaction: PIIRedactor.redact(text), originalText: text, placeID: placeID, postcodeSector: sector,
            themeIDs: themes, audienceIDs: audiences, peopleCount: people, contactEmail: email,
            feedbackOptIn: optIn, equality: equality, sourceRef: sourceRef)
    }

    /// Stores checked insights with their links, in batches of multi-row INSERTs (a form, an API batch, an import or the
    /// demo all use this). The caller wraps it in a transaction when the whole set must be all-or-nothing.
    static func insert(_ items: [Clean], on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, !items.isEmpty else { return }
        let now = Date()
        let columns =
            [
                "id", "organisation_id", "recorded_by_id", "activity_id", "kind", "text", "original_text", "redacted_kinds", "heard_day",
                "place_id", "postcode_sector", "people_count", "sharing", "contact_email", "feedback_opt_in", "source_ref",
                "created_at", "updated_at",
            ] + EqualityMonitoring.questions.map(\.field)
        for chunk in items.chunked(400) {
            let insert = sql.insert(into: Insight.schema).columns(columns)
            for c in chunk {
                let kinds = Set(c.redaction.redactions.map(\.kind.rawValue))
                var row: [any Encodable & Sendable] = [
                    c.id, c.organisationID, c.recordedBy, c.activityID, c.kind.rawValue, c.redaction.text,
                    c.redaction.redactions.isEmpty ? nil : c.originalText,
                    kinds.isEmpty ? "" : "," + PIIKind.allCases.map(\.rawValue).filter(kinds.contains).joined(separator: ",") + ",",
                    c.heard.ordinal, c.placeID, c.postcodeSector, c.peopleCount, c.sharing.rawValue, c.contactEmail, c.feedbackOptIn,
                    c.sourceRef, now, now,
                ]
                row += EqualityMonitoring.questions.map { c.equality[$0.field] }
                _ = insert.values(row.map { SQLBind($0) })
            }
            try await insert.run()
            try await insertLinks(InsightTheme.schema, "theme_id", chunk.flatMap { c in c.themeIDs.map { (c.id, $0) } }, sql)
            try await insertLinks(InsightAudience.schema, "audience_id", chunk.flatMap { c in c.audienceIDs.map { (c.id, $0) } }, sql)
        }
    }

    static func insertLinks(_ table: String, _ column: String, _ pairs: [(UUID, UUID)], _ sql: any SQLDatabase) async throws {
        for chunk in pairs.chunked(500) {
            let insert = sql.insert(into: table).columns("id", "insight_id", column)
            for (insight, other) in chunk { _ = insert.values(SQLBind(UUID()), SQLBind(insight), SQLBind(other)) }
            try await insert.run()
        }
    }

    /// Records one insight from the form or the API, with its audit entry, all or nothing. The entry names the insight
    /// by kind and id, never by its text: every partnership admin reads the audit log (`AuditLabel`).
    static func create(_ clean: Clean, user: CurrentUser, on db: any Database) async throws -> UUID {
        try await db.transaction { tx in
            try await insert([clean], on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .create, entity: entity, id: clean.id,
                label: AuditLabel.insight(id: clean.id, kind: clean.kind.rawValue),
                after: [
                    "kind": clean.kind.rawValue, "sharing": clean.sharing.rawValue,
                    "redacted": clean.redaction.redactions.map(\.kind.rawValue).joined(separator: ","),
                ])
            return clean.id
        }
    }

    /// An insight this person may see, or 404 (never 403: another organisation's insight does not exist for them).
    static func findVisible(_ id: UUID?, user: CurrentUser, _ db: any Database) async throws -> Insight {
        guard let id, let i = try await Insight.find(id, on: db),
            SharingLevel(rawValue: i.sharing).map({ user.wall.lets($0, recordedBy: i.$organisation.id) }) == true
        else { throw Abort(.notFound) }
        return i
    }

    /// Replaces an insight's theme tags (anyone who may curate insights, or its own organisation's recorders).
    static func setThemes(_ insight: Insight, themeIDs: [UUID], user: CurrentUser, on db: any Database) async throws {
        guard user.role.canCurateInsight || canRecordFor(user, organisationID: insight.$organisation.id) else { throw Abort(.forbidden) }
        let id = insight.id!
        let before = try await InsightTheme.query(on: db).filter(\.$insight.$id == id).all().map { $0.$theme.id.uuidString }.sorted()
        try await db.transaction { tx in
            try await InsightTheme.query(on: tx).filter(\.$insight.$id == id).delete()
            for t in Set(themeIDs) { try await InsightTheme(insight: id, theme: t).create(on: tx) }
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: entity, id: id, label: AuditLabel.insight(id: id, kind: insight.kind),
                before: ["theme_ids": before.joined(separator: ",")],
                after: ["theme_ids": themeIDs.map(\.uuidString).sorted().joined(separator: ",")])
        }
    }
}
