import Vapor
import Fluent
import ChorusCore

/// Registering and changing engagement activities: the fields, the rules, who may edit, and the audit trail.
enum RegisterService {
    static let entity = "activity"

    static let specs: [FieldSpec] = [
        FieldSpec(name: "title", kind: .string(maxLength: 200), required: true, description: "Short title"),
        FieldSpec(
            name: "purpose", kind: .string(maxLength: 2000), required: true, description: "Why: the decision or question it informs", multiline: true),
        FieldSpec(name: "organisation_id", kind: .uuid, required: true, description: "Lead organisation"),
        FieldSpec(name: "lead_person_id", kind: .uuid, required: false, description: "Lead officer"),
        FieldSpec(name: "partner_ids", kind: .uuidList, required: false, description: "Partner organisations involved"),
        FieldSpec(name: "borough_wide", kind: .boolean, required: false, description: "Covers the whole borough"),
        FieldSpec(name: "place_ids", kind: .uuidList, required: false, description: "Wards or neighbourhoods (required unless borough-wide)"),
        FieldSpec(name: "theme_ids", kind: .uuidList, required: true, description: "Themes (at least one)"),
        FieldSpec(name: "audience_ids", kind: .uuidList, required: false, description: "Audiences; none means everyone"),
        FieldSpec(
            name: "methods", kind: .choiceList(EngagementMethod.allCases.map(\.rawValue)), required: true, description: "Methods (at least one)"),
        FieldSpec(
            name: "ladder_level", kind: .choice(LadderLevel.allCases.map(\.rawValue)), required: true,
            description: "Level on the ladder of engagement"),
        FieldSpec(name: "status", kind: .choice(ActivityStatus.allCases.map(\.rawValue)), required: true, description: "Where it is in its life"),
        FieldSpec(name: "starts_on", kind: .date, required: true, description: "First day (YYYY-MM-DD)"),
        FieldSpec(name: "ends_on", kind: .date, required: false, description: "Last day (YYYY-MM-DD); empty for open-ended"),
        FieldSpec(
            name: "expected_reach", kind: .integer(min: 0, max: 10_000_000), required: false, description: "How many people it expects to hear from"),
        FieldSpec(
            name: "public_summary", kind: .string(maxLength: 2000), required: false, description: "Plain-language summary for residents",
            multiline: true),
        FieldSpec(name: "is_public", kind: .boolean, required: false, description: "Listed on the public pages"),
    ]

    struct Clean: Sendable {
        let title: String, purpose: String, organisationID: UUID, leadPersonID: UUID?, partnerIDs: [UUID]
        let boroughWide: Bool, placeIDs: [UUID], themeIDs: [UUID], audienceIDs: [UUID], methods: [String]
        let level: LadderLevel, status: ActivityStatus, start: Day, end: Day?, expectedReach: Int?, publicSummary: String?, isPublic: Bool
        /// An audience typed in "Add another audience", created (and audited) with the activity.
        var newAudience: (name: String, kind: AudienceKind)? = nil
    }

    /// Partnership admins edit every activity; officers edit their own organisation's. Others only read.
    static func canEdit(_ user: CurrentUser, organisationID: UUID) -> Bool {
        user.role.canAdministerPartnership || (user.role.canRegisterEngagement && user.organisationID == organisationID)
    }

    static func requireEditor(_ user: CurrentUser, _ activity: Activity) throws {
        guard canEdit(user, organisationID: activity.$organisation.id) else {
            throw Abort(
                .forbidden,
                reason:
                    "Only \(activity.$organisation.id == user.organisationID ? "officers" : "the lead organisation's officers") and partnership admins can change this activity"
            )
        }
    }

    static func validate(_ input: Input, user: CurrentUser, on db: any Database) async throws -> Clean {
        var v = Validator()
        let title = v.required("title", input["title"], label: "Title", max: 200)
        let purpose = v.required("purpose", input["purpose"], label: "Purpose", max: 2000, multiline: true)
        let summary = v.optional("public_summary", input["public_summary"], label: "Public summary", max: 2000, multiline: true)
        let level = v.choice("ladder_level", input["ladder_level"], label: "Ladder level", as: LadderLevel.self)
        let status = v.choice("status", input["status"], label: "Status", as: ActivityStatus.self)
        let reach = v.integer("expected_reach", input["expected_reach"], label: "Expected reach", range: 0...10_000_000)
        let boroughWide = Input.isTrue(input["borough_wide"])
        let isPublic = Input.isTrue(input["is_public"])

        var start: Day? = nil
        if let s = v.optional("starts_on", input["starts_on"], label: "Start date", max: 10) {
            start = Day(iso: s)
            if start == nil { v.add("starts_on", "Enter the start date as a real date, like 2026-11-23") }
        } else {
            v.add("starts_on", "Enter the start date")
        }
        var end: Day? = nil
        if let s = v.optional("ends_on", input["ends_on"], label: "End date", max: 10) {
            end = Day(iso: s)
            if end == nil { v.add("ends_on", "Enter the end date as a real date, like 2026-12-31, or leave it empty if open-ended") }
        }
        if let start, let end, end < start { v.add("ends_on", "The end date must be the same as or after the start date") }

        var orgID: UUID? = UUID(uuidString: input["organisation_id"] ?? "")
        if input["organisation_id"] == nil || input["organisation_id"] == "" { orgID = user.organisationID }
        if let o = orgID, try await Organisation.find(o, on: db) == nil { orgID = nil }
        if orgID == nil {
            v.add("organisation_id", "Select the lead organisation")
        } else if !canEdit(user, organisationID: orgID!) {
            v.add("organisation_id", "You can only register activities for \(user.organisationName)")
        }
        // Not sent at all: the person registering leads it. Sent empty: no named lead.
        var leadID: UUID? = input.values["lead_person_id"] == nil ? user.id : nil
        if let raw = v.optional("lead_person_id", input["lead_person_id"], label: "Lead officer", max: 36) {
            if let id = UUID(uuidString: raw), let p = try await Person.find(id, on: db), p.active {
                leadID = id
            } else {
                v.add("lead_person_id", "Select the lead officer from the list")
            }
        }
        let partnerIDs = try await v.existing(Organisation.self, input.list("partner_ids"), field: "partner_ids", label: "partner organisations", db)
        let placeIDs = try await v.existing(Place.self, input.list("place_ids"), field: "place_ids", label: "places", db)
        let themeIDs = try await v.existing(Theme.self, input.list("theme_ids"), field: "theme_ids", label: "themes", db)
        let audienceIDs = try await v.existing(Audience.self, input.list("audience_ids"), field: "audience_ids", label: "audiences", db)
        let newAudience = try await newAudience(input, &v, db)
        if !boroughWide && placeIDs.isEmpty && v.errors.allSatisfy({ $0.field != "place_ids" }) {
            v.add("place_ids", "Select at least one place, or choose borough-wide")
        }
        if themeIDs.isEmpty && v.errors.allSatisfy({ $0.field != "theme_ids" }) { v.add("theme_ids", "Select at least one theme") }
        let methods = Array(Set(input.list("methods").filter { !$0.isEmpty }))
        if methods.isEmpty {
            v.add("methods", "Select at least one method")
        } else if let bad = methods.first(where: { EngagementMethod(rawValue: $0) == nil }) {
            v.add("methods", "Method \"\(bad)\" must be one of: \(EngagementMethod.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        try v.check()
        return Clean(
            title: title, purpose: purpose, organisationID: orgID!, leadPersonID: leadID, partnerIDs: partnerIDs.filter { $0 != orgID },
            boroughWide: boroughWide, placeIDs: boroughWide ? [] : placeIDs, themeIDs: themeIDs, audienceIDs: audienceIDs,
            methods: EngagementMethod.allCases.map(\.rawValue).filter(methods.contains), level: level!, status: status!,
            start: start!, end: end, expectedReach: reach, publicSummary: summary, isPublic: isPublic, newAudience: newAudience)
    }

    /// "Add another audience": a new audience's name (one line, at most 120 characters, not one that exists in any
    /// letter case) and its kind (interest unless chosen).
    private static func newAudience(_ input: Input, _ v: inout ChorusCore.Validator, _ db: any Database) async throws
        -> (name: String, kind: AudienceKind)?
    {
        guard let name = v.optional("new_audience", input["new_audience"], label: "New audience", max: 120) else { return nil }
        let rawKind = (input["new_audience_kind"] ?? "").trimmingCharacters(in: .whitespaces)
        let kind =
            rawKind.isEmpty ? AudienceKind.interest : v.choice("new_audience_kind", rawKind, label: "Kind of new audience", as: AudienceKind.self)
        let folded = name.lowercased()
        if let same = try await Audience.query(on: db).all().first(where: { $0.name.lowercased() == folded }) {
            v.add("new_audience", "An audience called \(same.name) already exists: tick it in the list of audiences instead")
            return nil
        }
        return kind.map { (name, $0) }
    }

    /// Ids from a list field that exist; unknown or malformed ids are a field error naming what was wrong.
    static func create(_ input: Input, user: CurrentUser, on db: any Database) async throws -> Activity {
        let clean = try await validate(input, user: user, on: db)
        return try await db.transaction { db in
            let a = Activity()
            try await save(clean, into: a, isNew: true, user: user, db)
            let after = try await snapshot(a, db)
            try await AuditService.record(db, actor: user.actor, action: .create, entity: entity, id: a.id, label: a.title, after: after.auditValues)
            return a
        }
    }

    static func update(_ id: UUID?, _ input: Input, partial: Bool, user: CurrentUser, on db: any Database) async throws -> Activity {
        let a = try await find(id, db)
        try requireEditor(user, a)
        let before = try await snapshot(a, db)
        let clean = try await validate(partial ? input.over(before) : input, user: user, on: db)
        return try await db.transaction { db in
            try await save(clean, into: a, isNew: false, user: user, db)
            let after = try await snapshot(a, db)
            if after.auditValues != before.auditValues {
                try await AuditService.record(
                    db, actor: user.actor, action: .update, entity: entity, id: a.id, label: a.title,
                    before: before.auditValues, after: after.auditValues)
            }
            return a
        }
    }

    static func delete(_ id: UUID?, user: CurrentUser, on db: any Database) async throws {
        let a = try await find(id, db)
        try requireEditor(user, a)
        let before = try await snapshot(a, db)
        try await db.transaction { db in
            for pivot in pivots { try await pivot.delete(a.id!, db) }
            try await a.delete(on: db)
            try await AuditService.record(db, actor: user.actor, action: .delete, entity: entity, id: id, label: a.title, before: before.auditValues)
        }
    }

    /// An activity this person may see: drafts only within their own organisation (and to partnership admins).
    static func findVisible(_ id: UUID?, user: CurrentUser, _ db: any Database) async throws -> Activity {
        let a = try await find(id, db)
        if a.status == ActivityStatus.draft.rawValue && a.$organisation.id != user.organisationID && !user.role.canAdministerPartnership {
            throw Abort(.notFound)
        }
        return a
    }

    static func find(_ id: UUID?, _ db: any Database) async throws -> Activity {
        guard let id, let a = try await Activity.find(id, on: db) else { throw Abort(.notFound) }
        return a
    }

    private static func save(_ c: Clean, into a: Activity, isNew: Bool, user: CurrentUser, _ db: any Database) async throws {
        // The new audience first, through the audiences' own store (its rules and its audit entry), in this transaction.
        var newAudienceID: UUID? = nil
        if let n = c.newAudience {
            let store = AdminStore(resource: AudiencesResource())
            newAudienceID = try await store.create(db, Input(values: ["name": n.name, "kind": n.kind.rawValue]), actor: user.actor).id!
        }
        a.title = c.title; a.purpose = c.purpose; a.$organisation.id = c.organisationID; a.$lead.id = c.leadPersonID
        a.boroughWide = c.boroughWide; a.methods = Activity.encodeMethods(c.methods); a.ladderLevel = c.level.rawValue
        a.status = c.status.rawValue; a.startDay = c.start.ordinal; a.endDay = c.end?.ordinal; a.expectedReach = c.expectedReach
        a.publicSummary = c.publicSummary; a.isPublic = c.isPublic
        if isNew { try await a.create(on: db) } else { try await a.update(on: db) }
        let id = a.id!
        for pivot in pivots { try await pivot.delete(id, db) }
        for p in c.placeIDs { try await ActivityPlace(activity: id, place: p).create(on: db) }
        for t in c.themeIDs { try await ActivityTheme(activity: id, theme: t).create(on: db) }
        for x in c.audienceIDs + (newAudienceID.map { [$0] } ?? []) { try await ActivityAudience(activity: id, audience: x).create(on: db) }
        for o in c.partnerIDs { try await ActivityPartner(activity: id, organisation: o).create(on: db) }
    }

    struct Pivot: Sendable {
        let delete: @Sendable (UUID, any Database) async throws -> Void
    }
    static let pivots: [Pivot] = [
        Pivot { id, db in try await ActivityPlace.query(on: db).filter(\.$activity.$id == id).delete() },
        Pivot { id, db in try await ActivityTheme.query(on: db).filter(\.$activity.$id == id).delete() },
        Pivot { id, db in try await ActivityAudience.query(on: db).filter(\.$activity.$id == id).delete() },
        Pivot { id, db in try await ActivityPartner.query(on: db).filter(\.$activity.$id == id).delete() },
    ]

    /// The activity as form input (values + lists): the edit form, the PATCH base and the audit snapshot.
    static func snapshot(_ a: Activity, _ db: any Database) async throws -> Input {
        try await snapshots([a], db)[0]
    }

    /// Snapshots of many activities with one statement for their links (plain rows), in the order given.
    static func snapshots(_ activities: [Activity], _ db: any Database) async throws -> [Input] {
        let ids = activities.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let links = try await ActivityLinks.load(ids, ActivityLinks.Kind.allCases, db)
        func strings(_ s: Set<UUID>) -> [String] { s.map(\.uuidString).sorted() }
        return activities.map { a in
            let l = links[a.id!] ?? ActivityLinks()
            return snapshot(a, places: strings(l.places), themes: strings(l.themes), audiences: strings(l.audiences), partners: strings(l.partners))
        }
    }

    private static func snapshot(_ a: Activity, places: [String], themes: [String], audiences: [String], partners: [String]) -> Input {
        let values: [String: String] = [
            "title": a.title, "purpose": a.purpose, "organisation_id": a.$organisation.id.uuidString,
            "lead_person_id": a.$lead.id?.uuidString ?? "", "borough_wide": a.boroughWide ? "true" : "false",
            "ladder_level": a.ladderLevel, "status": a.status, "starts_on": Day(ordinal: a.startDay).description,
            "ends_on": a.endDay.map { Day(ordinal: $0).description } ?? "", "expected_reach": a.expectedReach.map(String.init) ?? "",
            "public_summary": a.publicSummary ?? "", "is_public": a.isPublic ? "true" : "false",
        ]
        return Input(
            values: values,
            lists: [
                "place_ids": places, "theme_ids": themes, "audience_ids": audiences,
                "partner_ids": partners, "methods": a.methodList,
            ])
    }

    /// The API representation, typed as the OpenAPI document says.
    static func dto(_ a: Activity, _ db: any Database) async throws -> [String: OutValue] {
        try await dtos([a], db)[0]
    }

    static func dtos(_ activities: [Activity], _ db: any Database) async throws -> [[String: OutValue]] {
        zip(activities, try await snapshots(activities, db)).map { a, s in dto(a, s) }
    }

    private static func dto(_ a: Activity, _ s: Input) -> [String: OutValue] {
        var out: [String: OutValue] = ["id": .string(a.id!.uuidString)]
        for spec in specs {
            switch spec.kind {
            case .uuidList, .choiceList: out[spec.name] = .strings(s.list(spec.name))
            case .boolean: out[spec.name] = .bool(s[spec.name] == "true")
            case .integer: out[spec.name] = .opt(s[spec.name].flatMap { Int($0) })
            default: out[spec.name] = (s[spec.name] ?? "").isEmpty ? .null : .string(s[spec.name]!)
            }
        }
        return out
    }

    static var outputSchema: Schema {
        var props: [String: Schema] = ["id": .string(format: "uuid")]
        for s in specs { props[s.name] = s.outputSchema(nullable: !s.required) }
        return .object(props, required: Array(props.keys))
    }
}

extension Input {
    /// Flat text values for the audit log (lists joined with commas).
    var auditValues: [String: String] {
        values.merging(lists.mapValues { $0.sorted().joined(separator: ",") }) { _, list in list }
    }
}

extension Role {
    /// Officers and partnership admins register and plan engagement.
    var canRegisterEngagement: Bool { self == .officer || self == .partnershipAdmin }
}
