import Vapor
import Fluent
import ChorusCore

/// Adding, changing, checking and removing directory entries: the fields, the rules, who may change what, and the
/// audit trail. Reads are in `DirectoryQueries`.
enum DirectoryService {
    static let entity = "directory_entry"

    /// One declaration of the input: the HTML forms, the JSON API, its OpenAPI schema and validation all read it.
    /// Which fields a kind uses is `fields(for:)`; the others are ignored for that kind.
    static let specs: [FieldSpec] = [
        FieldSpec(name: "name", kind: .string(maxLength: 200), required: true, description: "The group's, venue's or connector's name"),
        FieldSpec(
            name: "summary", kind: .string(maxLength: 2000), required: true, description: "What they do, or what the space is",
            multiline: true),
        FieldSpec(
            name: "category", kind: .choice(GroupType.allCases.map(\.rawValue) + ConnectorRole.allCases.map(\.rawValue)), required: false,
            description: "A group's type or a connector's role (ignored for venues)"),
        FieldSpec(name: "owner_organisation_id", kind: .uuid, required: false, description: "The partner that keeps it current (yours if empty)"),
        FieldSpec(name: "borough_wide", kind: .boolean, required: false, description: "Works across the whole borough"),
        FieldSpec(name: "place_ids", kind: .uuidList, required: false, description: "Wards covered (a venue: the ward it is in)"),
        FieldSpec(name: "theme_ids", kind: .uuidList, required: false, description: "Themes they work on"),
        FieldSpec(name: "audience_ids", kind: .uuidList, required: false, description: "Communities they reach"),
        FieldSpec(name: "languages", kind: .string(maxLength: 500), required: false, description: "Languages spoken, comma-separated"),
        FieldSpec(name: "contact_name", kind: .string(maxLength: 120), required: false, description: "Who to contact"),
        FieldSpec(name: "email", kind: .email, required: false, description: "Contact email"),
        FieldSpec(name: "phone", kind: .string(maxLength: 30), required: false, description: "Contact phone"),
        FieldSpec(name: "website", kind: .string(maxLength: 300), required: false, description: "Website (http or https)"),
        FieldSpec(
            name: "approach", kind: .string(maxLength: 1000), required: false, description: "How they like to be approached", multiline: true),
        FieldSpec(name: "open_to_partnering", kind: .boolean, required: false, description: "Open to partnering on engagement"),
        FieldSpec(
            name: "contact_sharing", kind: .choice(ContactSharing.allCases.map(\.rawValue)), required: false,
            description: "Who may see a connector's contact details, as they agreed"),
        FieldSpec(name: "consent_on", kind: .date, required: false, description: "When a connector agreed to be listed (YYYY-MM-DD)"),
        FieldSpec(name: "address", kind: .string(maxLength: 300), required: false, description: "A venue's address", multiline: true),
        FieldSpec(name: "postcode", kind: .string(maxLength: 10), required: false, description: "A venue's postcode"),
        FieldSpec(
            name: "facts", kind: .choiceList(VenueFact.allCases.map(\.rawValue)), required: false, description: "A venue's accessibility facts"),
        FieldSpec(name: "capacity", kind: .integer(min: 1, max: 100_000), required: false, description: "How many people a venue holds"),
        FieldSpec(name: "cost", kind: .string(maxLength: 300), required: false, description: "What a venue costs to hire"),
        FieldSpec(name: "opening_times", kind: .string(maxLength: 500), required: false, description: "When a venue is open", multiline: true),
        FieldSpec(name: "assured_on", kind: .date, required: false, description: "When someone last checked it is right (today if empty)"),
    ]

    /// The fields each kind's form shows and its rules read.
    static func fields(for kind: DirectoryKind) -> [String] {
        let shared = ["name", "summary", "owner_organisation_id", "borough_wide", "place_ids", "theme_ids", "audience_ids", "languages"]
        let contact = ["contact_name", "email", "phone"]
        switch kind {
        case .group: return shared + ["category"] + contact + ["website", "approach", "open_to_partnering", "assured_on"]
        case .venue:
            return ["name", "summary", "owner_organisation_id", "address", "postcode", "place_ids", "facts", "capacity", "cost", "opening_times"]
                + contact + ["website", "theme_ids", "audience_ids", "languages", "assured_on"]
        case .connector: return shared + ["category"] + contact + ["contact_sharing", "consent_on", "approach", "assured_on"]
        }
    }

    /// Partnership admins change every entry; officers and champions their own organisation's.
    static func canChange(_ user: CurrentUser, owner: UUID) -> Bool {
        user.role.canAdministerPartnership || (user.role.canKeepDirectory && user.organisationID == owner)
    }

    static func requireChanger(_ user: CurrentUser, owner: UUID) throws {
        guard canChange(user, owner: owner) else {
            throw Abort(.forbidden, reason: "Only the owning organisation's officers and champions, and partnership admins, can change this entry")
        }
    }

    struct Clean: Sendable {
        var name: String, summary: String, category: String, owner: UUID, boroughWide: Bool
        var placeIDs: [UUID], themeIDs: [UUID], audienceIDs: [UUID], languages: [String]
        var contactName: String?, email: String?, phone: String?, website: String?, approach: String?, openToPartnering: Bool
        var contactSharing: ContactSharing, consentDay: Day?, address: String?, postcode: String?, facts: [VenueFact]
        var capacity: Int?, cost: String?, openingTimes: String?, assuredDay: Day
    }

    /// Who is changing an entry: a partner's staff member (who may choose the keeping organisation among those they
    /// may keep for), or a group through its update link (the keeper stays as it is).
    enum Keeper: Sendable {
        case staff(CurrentUser)
        case updateLink(owner: UUID)
    }

    /// Checks every field the kind uses (each problem named by its field) against the rules and the database.
    /// `today` is the day "assured on" may not be after.
    static func validate(_ input: Input, kind: DirectoryKind, keeper: Keeper, today: Day = Day(Date()), on db: any Database) async throws
        -> Clean
    {
        let used = Set(fields(for: kind))
        func value(_ name: String) -> String? { used.contains(name) ? input[name] : nil }
        var v = Validator()
        let name = v.required("name", value("name"), label: "Name", max: 200)
        let summary = v.required("summary", value("summary"), label: kind == .venue ? "About the space" : "What they do", max: 2000, multiline: true)
        var category = ""
        switch kind {
        case .group: category = v.choice("category", value("category"), label: "Type of group", as: GroupType.self)?.rawValue ?? ""
        case .connector: category = v.choice("category", value("category"), label: "Role", as: ConnectorRole.self)?.rawValue ?? ""
        case .venue: break
        }
        var owner: UUID
        switch keeper {
        case .updateLink(let o): owner = o
        case .staff(let user):
            owner = user.organisationID
            if let raw = v.optional("owner_organisation_id", value("owner_organisation_id"), label: "Kept by", max: 36) {
                if let id = UUID(uuidString: raw), try await Organisation.find(id, on: db) != nil {
                    owner = id
                } else {
                    v.add("owner_organisation_id", "Select the organisation that keeps this entry from the list")
                }
            }
            if !canChange(user, owner: owner) { v.add("owner_organisation_id", "You can only keep entries for \(user.organisationName)") }
        }
        let boroughWide = kind != .venue && Input.isTrue(value("borough_wide"))
        var placeIDs = try await v.existing(
            Place.self, used.contains("place_ids") ? input.list("place_ids") : [], field: "place_ids", label: "wards", db)
        let themeIDs = try await v.existing(Theme.self, input.list("theme_ids"), field: "theme_ids", label: "themes", db)
        let audienceIDs = try await v.existing(Audience.self, input.list("audience_ids"), field: "audience_ids", label: "communities", db)
        let languagesText = v.optional("languages", value("languages"), label: "Languages", max: 500) ?? ""
        let languages = DirectoryLanguages.parse(languagesText)
        if languages.count > 30 || languages.contains(where: { $0.count > 60 }) {
            v.add("languages", "List at most 30 languages, separated by commas, each a name of at most 60 characters")
        }
        let contactName = v.optional("contact_name", value("contact_name"), label: "Contact name", max: 120)
        let email = v.email("email", value("email"), label: "Email", required: false)
        let phone = v.optional("phone", value("phone"), label: "Phone", max: 30)
        if let phone, !DirectoryRules.isPlausiblePhone(phone) {
            v.add("phone", "Enter a phone number with digits, spaces and + ( ) - only, like 0161 496 0000")
        }
        let website = v.optional("website", value("website"), label: "Website", max: 300)
        if let website, !WebAddress.isWeb(website) { v.add("website", "Enter the website's full address, starting http:// or https://") }
        let approach = v.optional("approach", value("approach"), label: "How to approach them", max: 1000, multiline: true)
        var sharing = ContactSharing.partners
        if kind == .connector {
            sharing =
                v.choice("contact_sharing", value("contact_sharing"), label: "Who may see their contact details", as: ContactSharing.self)
                ?? .partners
        }
        let consentDay = day(&v, "consent_on", value("consent_on"), label: "Agreed to be listed on", today: today)
        if kind == .connector && consentDay == nil && v.message(for: "consent_on") == nil {
            v.add("consent_on", "Enter the day the connector agreed to be listed: a connector is listed only with their consent")
        }
        let address = v.optional("address", value("address"), label: "Address", max: 300, multiline: true)
        var postcode: String? = nil
        if let raw = v.optional("postcode", value("postcode"), label: "Postcode", max: 10) {
            if let p = DirectoryRules.fullPostcode(raw) { postcode = p } else { v.add("postcode", "Enter a full UK postcode, like OL1 1AA") }
        }
        var facts: [VenueFact] = []
        if kind == .venue {
            let raw = input.list("facts").filter { !$0.isEmpty }
            facts = VenueFact.allCases.filter { raw.contains($0.rawValue) }
            if let bad = raw.first(where: { VenueFact(rawValue: $0) == nil }) {
                v.add("facts", "Accessibility fact \"\(bad)\" must be one of: \(VenueFact.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if placeIDs.isEmpty && v.message(for: "place_ids") == nil {
                if let postcode, let ward = try await WardFinder.resolver(db)(postcode) {
                    placeIDs = [ward.id]
                } else {
                    v.add("place_ids", "Choose the ward the venue is in (its postcode is not in a ward Chorus knows)")
                }
            }
            if placeIDs.count > 1 { v.add("place_ids", "A venue is in one ward: choose one") }
        } else if !boroughWide && placeIDs.isEmpty && v.message(for: "place_ids") == nil {
            v.add("place_ids", "Choose at least one ward, or say they work across the whole borough")
        }
        let capacity = v.integer("capacity", value("capacity"), label: "Capacity", range: 1...100_000)
        let cost = v.optional("cost", value("cost"), label: "Cost", max: 300)
        let openingTimes = v.optional("opening_times", value("opening_times"), label: "Opening times", max: 500, multiline: true)
        let assured = day(&v, "assured_on", value("assured_on"), label: "Last checked on", today: today) ?? today
        try v.check()
        return Clean(
            name: name, summary: summary, category: category, owner: owner, boroughWide: boroughWide, placeIDs: boroughWide ? [] : placeIDs,
            themeIDs: themeIDs, audienceIDs: audienceIDs, languages: languages, contactName: contactName, email: email, phone: phone,
            website: website, approach: approach, openToPartnering: Input.isTrue(value("open_to_partnering")), contactSharing: sharing,
            consentDay: consentDay, address: address, postcode: postcode, facts: facts, capacity: capacity, cost: cost,
            openingTimes: openingTimes, assuredDay: assured)
    }

    /// An optional day, as a real date, and not after `today` when one is given (the directory's forms and offers).
    static func day(_ v: inout ChorusCore.Validator, _ field: String, _ raw: String?, label: String, today: Day? = nil) -> Day? {
        guard let text = v.optional(field, raw, label: label, max: 10) else { return nil }
        guard let d = Day(iso: text) else { v.add(field, "Enter \(label.lowercased()) as a real date, like 2026-11-23"); return nil }
        if let today, d > today { v.add(field, "\(label) cannot be in the future"); return nil }
        return d
    }

    static func create(kind: DirectoryKind, _ input: Input, user: CurrentUser, on db: any Database) async throws -> DirectoryItem {
        guard user.role.canKeepDirectory else { throw Abort(.forbidden, reason: "Only officers, champions and partnership admins can add entries") }
        let clean = try await validate(input, kind: kind, keeper: .staff(user), on: db)
        return try await db.transaction { tx in
            let e = DirectoryEntry()
            e.kind = kind.rawValue
            e.sourceID = nil
            try await save(clean, into: e, isNew: true, tx)
            let item = try await DirectoryQueries.item(e, reader: .staff(organisation: user.organisationID), tx)
            try await AuditService.record(tx, actor: user.actor, action: .create, entity: entity, id: e.id, label: e.name, after: item.auditValues)
            return item
        }
    }

    /// Changes an entry from a full form, or only the fields sent (`partial`, the API's PATCH).
    static func update(_ id: UUID?, _ input: Input, partial: Bool, user: CurrentUser, on db: any Database) async throws -> DirectoryItem {
        try await db.transaction { tx in
            let e = try await DirectoryQueries.model(id, tx)
            try requireChanger(user, owner: e.$owner.id)
            let before = try await DirectoryQueries.item(e, reader: .staff(organisation: e.$owner.id), tx)
            let full = partial ? input.over(before.input) : input
            let clean = try await validate(full, kind: DirectoryKind(rawValue: e.kind) ?? .group, keeper: .staff(user), on: tx)
            try await save(clean, into: e, isNew: false, tx)
            let after = try await DirectoryQueries.item(e, reader: .staff(organisation: e.$owner.id), tx)
            if after.auditValues != before.auditValues {
                try await AuditService.record(
                    tx, actor: user.actor, action: .update, entity: entity, id: e.id, label: e.name, before: before.auditValues,
                    after: after.auditValues)
            }
            return try await DirectoryQueries.item(e, reader: .staff(organisation: user.organisationID), tx)
        }
    }

    /// "Still correct": someone who keeps the entry checked it today.
    static func assure(_ id: UUID?, user: CurrentUser, today: Day = Day(Date()), on db: any Database) async throws {
        try await db.transaction { tx in
            let e = try await DirectoryQueries.model(id, tx)
            try requireChanger(user, owner: e.$owner.id)
            let before = Day(ordinal: e.assuredDay).description
            e.assuredDay = today.ordinal
            try await e.update(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: entity, id: e.id, label: e.name, before: ["assured_on": before],
                after: ["assured_on": today.description])
        }
    }

    static func delete(_ id: UUID?, user: CurrentUser, on db: any Database) async throws {
        try await db.transaction { tx in
            let e = try await DirectoryQueries.model(id, tx)
            try requireChanger(user, owner: e.$owner.id)
            let before = try await DirectoryQueries.item(e, reader: .staff(organisation: e.$owner.id), tx)
            try await DirectoryLink.query(on: tx).filter(\.$entry.$id == e.id!).delete()
            try await e.delete(on: tx)
            try await AuditService.record(tx, actor: user.actor, action: .delete, entity: entity, id: id, label: e.name, before: before.auditValues)
        }
    }

    /// Writes the clean values and replaces the entry's ward, theme and audience links.
    static func save(_ c: Clean, into e: DirectoryEntry, isNew: Bool, _ db: any Database) async throws {
        e.name = c.name
        e.summary = c.summary
        e.category = c.category
        e.$owner.id = c.owner
        e.boroughWide = c.boroughWide
        e.languages = DirectoryEntry.encodeList(c.languages.map { $0.replacingOccurrences(of: ",", with: " ") })
        e.contactName = c.contactName
        e.email = c.email
        e.phone = c.phone
        e.website = c.website
        e.approach = c.approach
        e.openToPartnering = c.openToPartnering
        e.contactSharing = c.contactSharing.rawValue
        e.consentDay = c.consentDay?.ordinal
        e.address = c.address
        e.postcode = c.postcode
        e.facts = DirectoryEntry.encodeList(c.facts.map(\.rawValue))
        e.capacity = c.capacity
        e.cost = c.cost
        e.openingTimes = c.openingTimes
        e.assuredDay = c.assuredDay.ordinal
        if isNew { try await e.create(on: db) } else { try await e.update(on: db) }
        let id = try e.requireID()
        if !isNew { try await DirectoryLink.query(on: db).filter(\.$entry.$id == id).delete() }
        let links =
            c.placeIDs.map { DirectoryLink(entry: id, link: .place, target: $0) }
            + c.themeIDs.map { DirectoryLink(entry: id, link: .theme, target: $0) }
            + c.audienceIDs.map { DirectoryLink(entry: id, link: .audience, target: $0) }
        if !links.isEmpty { try await links.create(on: db) }
    }
}
