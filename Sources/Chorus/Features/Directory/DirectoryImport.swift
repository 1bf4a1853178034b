import Vapor
import Fluent
import ChorusCore

/// Imports another directory's Open Referral UK feed (`ORUKFeed` reads it): each service becomes a group kept by the
/// importer's organisation, each of its locations in a ward Chorus knows a venue. A service imported before (its feed
/// id is kept) is updated, not duplicated. Every bad record is reported by position, id and field; nothing is saved
/// while any record has a problem, unless the importer asked for the valid records only. All in one transaction.
enum DirectoryImport {
    static let maxBytes = 20 * 1024 * 1024

    struct Report: Sendable {
        var records = 0
        var created = 0
        var updated = 0
        var venues = 0
        /// Records left out for their problems.
        var skipped = 0
        var problems: [ORUKFeedProblem] = []
        /// From the directory's own CSV (rows are lines; no venues are made from locations).
        var fromCSV = false
    }

    /// The id an imported service keeps in `source_id`, and its locations' (`#` and their position).
    static func sourceID(_ record: ORUKFeedRecord) -> String { "oruk:" + record.sourceID }
    static func sourceID(_ record: ORUKFeedRecord, location i: Int) -> String { "oruk:\(record.sourceID)#\(i)" }

    static func run(_ data: Data, validOnly: Bool, user: CurrentUser, today: Day = Day(Date()), _ db: any Database) async throws -> Report {
        var report = Report()
        guard data.count <= maxBytes else {
            report.problems = [
                ORUKFeedProblem(index: -1, sourceID: nil, field: "", message: "The file is larger than 20 MB; split the feed into pages.")
            ]
            return report
        }
        let feed = ORUKFeed.read(data)
        report.records = feed.recordCount
        report.problems = feed.problems
        var records: [(index: Int, record: ORUKFeedRecord)] = []
        let existing = try await existingEntries(feed.records, db)
        // `ORUKFeed` leaves out every record with a problem and keeps the rest in order: the k-th record it returns is
        // the k-th position without one.
        let refused = Set(feed.problems.map(\.index))
        let positions = (0..<feed.recordCount).filter { !refused.contains($0) }
        for (k, r) in feed.records.enumerated() {
            let index = positions.indices.contains(k) ? positions[k] : k
            let problems = check(r, index: index, existing: existing[sourceID(r)], user: user)
            report.problems += problems
            if problems.isEmpty { records.append((index, r)) }
        }
        report.problems.sort { ($0.index, $0.field) < ($1.index, $1.field) }
        let badRecords = Set(report.problems.map(\.index))
        report.skipped = badRecords.filter { $0 >= 0 }.count
        if report.problems.contains(where: { $0.index < 0 }) || (!report.problems.isEmpty && !validOnly) { return report }
        let lookups = try await Lookups.load(db)
        let good = records
        let counts = try await db.transaction { tx in
            var created = 0, updated = 0, venues = 0
            for (_, r) in good {
                let (isNew, saved) = try await save(r, existing: existing[sourceID(r)], lookups: lookups, user: user, today: today, tx)
                if isNew { created += 1 } else { updated += 1 }
                venues += saved
            }
            try await AuditService.record(
                tx, actor: user.actor, action: .importFile, entity: DirectoryService.entity, id: nil,
                label: "Imported an Open Referral UK feed: \(created) added, \(updated) updated, \(venues) venues")
            return (created, updated, venues)
        }
        (report.created, report.updated, report.venues) = counts
        return report
    }

    /// Problems with a record beyond what `ORUKFeed` checks (it applies the forms' rules to emails, web addresses, phones
    /// and postcodes): a description longer than Chorus keeps, and an entry imported before that another organisation
    /// keeps.
    static func check(_ r: ORUKFeedRecord, index: Int, existing: DirectoryEntry?, user: CurrentUser) -> [ORUKFeedProblem] {
        var out: [ORUKFeedProblem] = []
        func add(_ field: String, _ message: String) {
            out.append(ORUKFeedProblem(index: index, sourceID: r.sourceID, field: field, message: message))
        }
        if r.description.count > 2000 {
            add("description", "The description is longer than the 2,000 characters Chorus keeps; shorten it at the source.")
        }
        if let e = r.email, !Validation.isPlausibleEmail(e.lowercased()) { add("email", "\(e) is not an email address.") }
        if let u = r.url, !WebAddress.isWeb(u) { add("url", "The url must be a full web address starting http:// or https://.") }
        if let p = r.phone, !DirectoryRules.isPlausiblePhone(p) {
            add("phones[0].number", "The phone number may hold only digits, spaces and + ( ) -.")
        }
        if let e = existing, !DirectoryService.canChange(user, owner: e.$owner.id) {
            add("id", "This service was imported before by another organisation, which keeps it; ask them, or a partnership admin.")
        }
        return out
    }

    static func existingEntries(_ records: [ORUKFeedRecord], _ db: any Database) async throws -> [String: DirectoryEntry] {
        var out: [String: DirectoryEntry] = [:]
        for chunk in records.map(sourceID).chunked(500) {
            for e in try await DirectoryEntry.query(on: db).filter(\.$sourceID ~~ chunk).all() { if let s = e.sourceID { out[s] = e } }
        }
        return out
    }

    /// Names and codes of the wards, themes and audiences a feed's areas and terms are matched against (ignoring case).
    struct Lookups: Sendable {
        var wardByCode: [String: UUID] = [:]
        var wardByName: [String: UUID] = [:]
        var themes: [String: UUID] = [:]
        var audiences: [String: UUID] = [:]
        var ward: @Sendable (String) -> PlacesReads.Ward? = { _ in nil }

        static func load(_ db: any Database) async throws -> Lookups {
            var l = Lookups()
            for w in try await PlacesReads.wards(db) {
                l.wardByCode[w.code.uppercased()] = w.id
                l.wardByName[w.name.lowercased()] = w.id
            }
            for t in try await TaxonomyReads.themes(db) { l.themes[t.name.lowercased()] = t.id }
            for a in try await TaxonomyReads.audiences(db) { l.audiences[a.name.lowercased()] = a.id }
            l.ward = try await WardFinder.resolver(db)
            return l
        }
    }

    /// Saves one record as a group (and its locations as venues). Returns whether the group is new, and how many
    /// venues it saved.
    static func save(
        _ r: ORUKFeedRecord, existing: DirectoryEntry?, lookups l: Lookups, user: CurrentUser, today: Day, _ db: any Database
    ) async throws -> (Bool, Int) {
        var wards = r.areaCodes.compactMap { l.wardByCode[$0.uppercased()] }
        wards += r.areaNames.compactMap { l.wardByName[$0.lowercased()] }
        let terms = r.termNames.map { $0.lowercased() }
        let owner = existing?.$owner.id ?? user.organisationID
        let assured = r.lastModified.map { min(Day($0), today) } ?? today
        let group = DirectoryService.Clean(
            name: r.name, summary: r.description.isEmpty ? r.name : r.description, category: GroupType.other.rawValue, owner: owner,
            boroughWide: wards.isEmpty, placeIDs: Array(Set(wards)).sorted { $0.uuidString < $1.uuidString },
            themeIDs: Array(Set(terms.compactMap { l.themes[$0] })), audienceIDs: Array(Set(terms.compactMap { l.audiences[$0] })),
            languages: DirectoryLanguages.parse(r.languages.joined(separator: ",")), contactName: nil, email: r.email, phone: r.phone,
            website: r.url, approach: nil, openToPartnering: false, contactSharing: .partners, consentDay: nil, address: nil, postcode: nil,
            facts: [], capacity: nil, cost: nil, openingTimes: nil, assuredDay: assured)
        let entry = existing ?? DirectoryEntry()
        if existing == nil {
            entry.kind = DirectoryKind.group.rawValue
            entry.sourceID = sourceID(r)
        }
        try await DirectoryService.save(group, into: entry, isNew: existing == nil, db)
        try await AuditService.record(
            db, actor: user.actor, action: existing == nil ? .create : .update, entity: DirectoryService.entity, id: entry.id, label: entry.name,
            after: ["source_id": sourceID(r)])
        var venues = 0
        for (i, loc) in r.locations.enumerated() {
            guard let ward = loc.postcode.flatMap(l.ward) else { continue }
            let id = sourceID(r, location: i)
            let venue = try await DirectoryEntry.query(on: db).filter(\.$sourceID == id).first() ?? DirectoryEntry()
            let isNew = venue.id == nil
            if isNew {
                venue.kind = DirectoryKind.venue.rawValue
                venue.sourceID = id
            }
            let facts = loc.accessibility.compactMap(VenueFact.from(description:))
            let other = loc.accessibility.filter { VenueFact.from(description: $0) == nil }
            var summary = "Where \(r.name) meets or works."
            if !other.isEmpty { summary += " Access: " + other.joined(separator: "; ") }
            let clean = DirectoryService.Clean(
                name: String((loc.name ?? "\(r.name): \(loc.postcode ?? "")").prefix(200)), summary: String(summary.prefix(2000)), category: "",
                owner: owner, boroughWide: false, placeIDs: [ward.id], themeIDs: [], audienceIDs: [], languages: [], contactName: nil, email: nil,
                phone: nil, website: nil, approach: nil, openToPartnering: false, contactSharing: .partners, consentDay: nil,
                address: loc.addressLines.isEmpty
                    ? nil : String((loc.addressLines + [loc.city].compactMap { $0 }).joined(separator: ", ").prefix(300)),
                postcode: loc.postcode, facts: VenueFact.allCases.filter(facts.contains), capacity: nil, cost: nil, openingTimes: nil,
                assuredDay: assured)
            venue.latitude = loc.latitude
            venue.longitude = loc.longitude
            try await DirectoryService.save(clean, into: venue, isNew: isNew, db)
            venues += 1
        }
        return (existing == nil, venues)
    }
}
