import Vapor
import Fluent
import FluentSQL
import SQLKit
import ChorusCore

/// What the directory's pages, CSV, JSON API and Open Referral UK endpoints read: one filter, one search, entries as
/// plain values with the names of their wards, themes, audiences and owner, contact details as the reader may see them.
enum DirectoryQueries {
    /// The list's filters, from a query string (staff list, residents' finder, API). Unknown values are ignored, not
    /// errors: a stale bookmark still shows a list.
    struct Filter: Sendable, Equatable {
        var kinds: [DirectoryKind] = DirectoryKind.allCases
        var text: String? = nil
        var ward: UUID? = nil
        var theme: UUID? = nil
        var audience: UUID? = nil
        var fact: VenueFact? = nil
        var language: String? = nil
        var freshness: DirectoryFreshness? = nil
        var partnering = false
        var owner: UUID? = nil
        var modifiedAfter: Date? = nil
        /// Entries with at least one link of this kind (Open Referral's `taxonomy_id`: any theme, any audience).
        var anyLink: DirectoryLinkKind? = nil

        init() {}

        init(_ q: [String: String]) {
            if let k = q["kind"].flatMap(DirectoryKind.init(rawValue:)) { kinds = [k] }
            text = q["q"]
            ward = q["ward"].flatMap(UUID.init(uuidString:))
            theme = q["theme"].flatMap(UUID.init(uuidString:))
            audience = q["audience"].flatMap(UUID.init(uuidString:))
            fact = q["fact"].flatMap(VenueFact.init(rawValue:))
            language = q["language"]
            freshness = q["freshness"].flatMap(DirectoryFreshness.init(rawValue:))
            partnering = Input.isTrue(q["partnering"])
            owner = q["owner"].flatMap(UUID.init(uuidString:))
        }
    }

    static func model(_ id: UUID?, _ db: any Database) async throws -> DirectoryEntry {
        guard let id, let e = try await DirectoryEntry.find(id, on: db) else { throw Abort(.notFound) }
        return e
    }

    /// One entry for this reader. A connector whose contact details are kept by their own organisation is still
    /// listed for other partners' staff (without contact details); residents see connectors only when they agreed.
    static func find(_ id: UUID?, reader: DirectoryReader, _ db: any Database) async throws -> DirectoryItem {
        let e = try await model(id, db)
        guard visible(e, to: reader) else { throw Abort(.notFound) }
        return try await item(e, reader: reader, db)
    }

    static func visible(_ e: DirectoryEntry, to reader: DirectoryReader) -> Bool {
        if case .resident = reader, e.kind == DirectoryKind.connector.rawValue { return e.contactSharing == ContactSharing.residents.rawValue }
        return true
    }

    static func item(_ e: DirectoryEntry, reader: DirectoryReader, today: Day = Day(Date()), _ db: any Database) async throws -> DirectoryItem {
        try await items([e], reader: reader, today: today, db)[0]
    }

    /// Entries as plain values, with every name they point at looked up in a few queries for the whole page.
    static func items(_ entries: [DirectoryEntry], reader: DirectoryReader, today: Day = Day(Date()), _ db: any Database) async throws
        -> [DirectoryItem]
    {
        guard !entries.isEmpty else { return [] }
        let ids = entries.compactMap(\.id)
        var links: [DirectoryLink] = []
        for chunk in ids.chunked(1000) { links += try await DirectoryLink.query(on: db).filter(\.$entry.$id ~~ chunk).all() }
        func targets(_ kind: DirectoryLinkKind) -> [UUID] { links.filter { $0.link == kind.rawValue }.map(\.targetID) }
        let places = try await NameLookup.names(Place.self, targets(.place), db) { $0.name }
        let themes = try await TaxonomyReads.names(targets(.theme), db)
        let audiences = try await TaxonomyReads.audienceNames(targets(.audience), db)
        let owners = try await OrganisationsReads.names(entries.map(\.$owner.id), db)
        let byEntry = Dictionary(grouping: links, by: { $0.$entry.id })
        return entries.map { e in
            let own = byEntry[e.id!] ?? []
            func named(_ kind: DirectoryLinkKind, _ names: [UUID: String]) -> [DirectoryItem.Named] {
                own.filter { $0.link == kind.rawValue }.compactMap { l in names[l.targetID].map { DirectoryItem.Named(id: l.targetID, name: $0) } }
                    .sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
            }
            let kind = DirectoryKind(rawValue: e.kind) ?? .group
            let sharing = ContactSharing(rawValue: e.contactSharing) ?? .ownOrganisation
            let shows = kind != .connector || sharing.shows(readerOrganisation: reader.organisation, owner: e.$owner.id)
            return DirectoryItem(
                id: e.id!, kind: kind, name: e.name, summary: e.summary, category: e.category,
                owner: .init(id: e.$owner.id, name: owners[e.$owner.id] ?? ""), boroughWide: e.boroughWide, wards: named(.place, places),
                themes: named(.theme, themes), audiences: named(.audience, audiences), languages: DirectoryEntry.decodeList(e.languages),
                contactName: shows ? e.contactName : nil, email: shows ? e.email : nil, phone: shows ? e.phone : nil, contactWithheld: !shows,
                website: e.website, approach: e.approach, openToPartnering: e.openToPartnering, contactSharing: sharing,
                consentDay: e.consentDay.map(Day.init(ordinal:)), address: e.address, postcode: e.postcode, latitude: e.latitude,
                longitude: e.longitude, facts: DirectoryEntry.decodeList(e.facts).compactMap(VenueFact.init(rawValue:)), capacity: e.capacity,
                cost: e.cost, openingTimes: e.openingTimes, assuredDay: Day(ordinal: e.assuredDay),
                freshness: DirectoryFreshness.of(assuredDay: e.assuredDay, today: today.ordinal), sourceID: e.sourceID, updatedAt: e.updatedAt)
        }
    }

    /// The entries matching `filter` that `reader` may see, by kind then name.
    static func query(_ filter: Filter, reader: DirectoryReader, today: Day = Day(Date()), _ db: any Database) async throws
        -> QueryBuilder<DirectoryEntry>
    {
        let q = DirectoryEntry.query(on: db).filter(\.$kind ~~ filter.kinds.map(\.rawValue))
        if case .resident = reader {
            q.group(.or) { g in
                g.filter(\.$kind != DirectoryKind.connector.rawValue).filter(\.$contactSharing == ContactSharing.residents.rawValue)
            }
        }
        q.matching(filter.text, in: ["name", "summary"])
        if let ward = filter.ward {
            q.group(.or) { g in g.filter(\.$boroughWide == true).filter(linkedTo(.place, ward)) }
        }
        for (kind, target) in [(DirectoryLinkKind.theme, filter.theme), (.audience, filter.audience)] {
            if let target { q.filter(linkedTo(kind, target)) }
        }
        if let kind = filter.anyLink { q.filter(linkedTo(kind, nil)) }
        if let fact = filter.fact { q.filter(\.$facts, .custom("LIKE"), "%,\(fact.rawValue),%") }
        if let language = filter.language.map(DirectoryLanguages.parse)?.first {
            q.filter(\.$languages, .custom(db.isPostgres ? "ILIKE" : "LIKE"), "%,\(language.replacingOccurrences(of: "%", with: "")),%")
        }
        if filter.partnering { q.filter(\.$openToPartnering == true) }
        if let owner = filter.owner { q.filter(\.$owner.$id == owner) }
        if let after = filter.modifiedAfter { q.filter(\.$updatedAt > after) }
        if let freshness = filter.freshness {
            let staleFrom = today.ordinal - DirectoryFreshness.staleAfterDays
            let dueFrom = staleFrom + DirectoryFreshness.reminderDays
            switch freshness {
            case .stale: q.filter(\.$assuredDay <= staleFrom)
            case .dueSoon: q.filter(\.$assuredDay > staleFrom).filter(\.$assuredDay <= dueFrom)
            case .current: q.filter(\.$assuredDay > dueFrom)
            }
        }
        return q.sort(\.$name).sort(\.$id)
    }

    /// Entries linked to `target` (any target of the kind when nil), as a subquery the database runs: reading the ids
    /// first and sending them back as `IN (…)` cost 100 ms for a ward's 3,500 entries and a second for the 20,000 with
    /// a theme (bench/run_directory_bench.sh), most of it binding the ids.
    /// Without a target most entries match (every entry with a theme), so each entry is checked through the link
    /// table's entry index instead (`EXISTS`), and a page in name order stops after its rows rather than first
    /// gathering 40,000 links.
    static func linkedTo(_ kind: DirectoryLinkKind, _ target: UUID?) -> DatabaseQuery.Filter {
        guard let target else {
            return .sql(
                embed:
                    "EXISTS (SELECT 1 FROM \(ident: DirectoryLink.schema) WHERE \(ident: DirectoryLink.schema).\(ident: "entry_id") = \(ident: DirectoryEntry.schema).\(ident: "id") AND \(ident: DirectoryLink.schema).\(ident: "link") = \(bind: kind.rawValue))"
            )
        }
        let narrow: SQLQueryString = " AND \(ident: "target_id") = \(bind: target)"
        return .sql(
            embed:
                "\(ident: DirectoryEntry.schema).\(ident: "id") IN (SELECT \(ident: "entry_id") FROM \(ident: DirectoryLink.schema) WHERE \(ident: "link") = \(bind: kind.rawValue)\(narrow))"
        )
    }

    /// Entries of a kind in these wards (any ward when `boroughWide` or none given), by name: a form's choices
    /// (an activity's venue, the group an offer is requested for).
    static func choices(_ kind: DirectoryKind, wards: Set<UUID>, boroughWide: Bool, limit: Int = 300, _ db: any Database) async throws
        -> [DirectoryItem.Named]
    {
        let q = DirectoryEntry.query(on: db).filter(\.$kind == kind.rawValue)
        if !boroughWide && !wards.isEmpty {
            let inWards = try await DirectoryLink.query(on: db).filter(\.$link == DirectoryLinkKind.place.rawValue)
                .filter(\.$targetID ~~ Array(wards)).all(\.$entry.$id)
            q.group(.or) { g in
                g.filter(\.$boroughWide == true)
                if !inWards.isEmpty { g.filter(\.$id ~~ Array(Set(inWards))) }
            }
        }
        return try await q.sort(\.$name).limit(limit).all().map { .init(id: $0.id!, name: $0.name) }
    }

    /// The ids of entries linked to `target`.
    static func linked(_ kind: DirectoryLinkKind, _ target: UUID, _ db: any Database) async throws -> [UUID] {
        try await DirectoryLink.query(on: db).filter(\.$link == kind.rawValue).filter(\.$targetID == target).all(\.$entry.$id)
    }

    static func page(_ filter: Filter, window: PageWindow, reader: DirectoryReader, _ db: any Database) async throws -> PageOf<DirectoryItem> {
        // One query built once (its link lookups run once); the count drops its sorts.
        let q = try await query(filter, reader: reader, db)
        let total = try await q.copy().count()
        let rows = try await q.range(window.offset..<(window.offset + window.size)).all()
        return PageOf(items: try await items(rows, reader: reader, db), request: window, total: total)
    }

    /// Every matching entry (at most `limit`), for CSV and feeds.
    static func all(_ filter: Filter, reader: DirectoryReader, limit: Int = 50_000, _ db: any Database) async throws -> [DirectoryItem] {
        try await items(try await query(filter, reader: reader, db).limit(limit).all(), reader: reader, db)
    }
}
