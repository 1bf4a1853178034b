import Vapor
import Fluent
import ChorusCore

/// Imports the directory's own CSV (the columns `DirectoryCSV` writes, in any order; `kind`, `name` and `summary`
/// required): a spreadsheet kept elsewhere, or an export edited and read back. Wards, themes, audiences and the keeping
/// organisation are given by name (wards by code too), lists split on ";"; a row whose `id` is an entry this person
/// may change updates it, any other row adds one. Every row is checked by the form's rules (`DirectoryService.validate`)
/// and reported by line and field; nothing is saved while any row has a problem, unless the importer asked for the
/// valid rows only. All in one transaction.
enum DirectoryCSVImport {
    static let maxRows = 5000
    static let maxBytes = 5 * 1024 * 1024

    static func run(_ text: String, validOnly: Bool, user: CurrentUser, _ db: any Database) async throws -> DirectoryImport.Report {
        var report = DirectoryImport.Report()
        report.fromCSV = true
        func refuse(_ message: String) -> DirectoryImport.Report {
            report.problems = [ORUKFeedProblem(index: -1, sourceID: nil, field: "file", message: message)]
            return report
        }
        guard text.utf8.count <= maxBytes else { return refuse("The file is larger than 5 MB; split it.") }
        let records: [[String]]
        do { records = try CSV.parse(text) } catch { return refuse("The file could not be read as CSV (\(error.description))") }
        guard let header = records.first?.map({ $0.trimmedWhitespace.lowercased() }) else { return refuse("The file is empty") }
        for required in ["kind", "name", "summary"] where !header.contains(required) {
            return refuse("The file has no \"\(required)\" column: its first row must name the columns, as the directory's CSV download does")
        }
        let rows = Array(records.dropFirst()).filter { !$0.allSatisfy { $0.trimmedWhitespace.isEmpty } }
        guard !rows.isEmpty else { return refuse("The file has a header but no entries") }
        guard rows.count <= maxRows else { return refuse("The file has \(rows.count) rows; import at most \(maxRows) at a time") }
        report.records = rows.count
        let column = Dictionary(header.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
        let lookups = try await DirectoryImport.Lookups.load(db)
        var organisations: [String: UUID] = [:]
        for o in try await DirectoryPages.choices(db).organisations { organisations[o.label.lowercased()] = UUID(uuidString: o.value) }
        var good: [(kind: DirectoryKind, input: Input, existing: UUID?)] = []
        for (i, row) in rows.enumerated() {
            func cell(_ name: String) -> String { column[name].flatMap { $0 < row.count ? row[$0].trimmedWhitespace : nil } ?? "" }
            var problems: [ORUKFeedProblem] = []
            let line = i + 2
            let label = cell("id").isEmpty ? cell("name") : cell("id")
            func problem(_ field: String, _ message: String) {
                problems.append(ORUKFeedProblem(index: line - 1, sourceID: label, field: field, message: message))
            }
            guard let kind = DirectoryKind(rawValue: cell("kind").lowercased()) else {
                problem("kind", "Kind must be group, venue or connector")
                report.problems += problems
                continue
            }
            var existing: UUID? = nil
            if let id = UUID(uuidString: cell("id")), let e = try await DirectoryEntry.find(id, on: db) {
                if e.kind != kind.rawValue {
                    problem("kind", "Entry \(id.uuidString) is a \(e.kind); an import cannot change what kind an entry is")
                } else if !DirectoryService.canChange(user, owner: e.$owner.id) {
                    problem("id", "Entry \(id.uuidString) is kept by another organisation: only its keepers change it")
                } else {
                    existing = id
                }
            }
            var values: [String: String] = [:]
            for name in [
                "name", "summary", "contact_name", "email", "phone", "website", "approach", "address", "postcode", "capacity", "cost",
                "opening_times",
            ] {
                values[name] = cell(name)
            }
            values["languages"] = ActivityImport.list(cell("languages")).joined(separator: ", ")
            values["category"] =
                ActivityImport.code(
                    cell("category"),
                    among: (GroupType.allCases.map(\.rawValue) + ConnectorRole.allCases.map(\.rawValue)).map {
                        ($0, Catalogue.text("directory.category.\($0)", .english))
                    }) ?? cell("category")
            values["contact_sharing"] = cell("contact_sharing").isEmpty ? ContactSharing.ownOrganisation.rawValue : cell("contact_sharing")
            for (name, source) in [("assured_on", "assured_on"), ("consent_on", "consent_on")] {
                let raw = cell(source)
                values[name] = raw.isEmpty ? "" : (ActivityImport.isoDate(raw) ?? raw)
            }
            for name in ["borough_wide", "open_to_partnering"] {
                values[name] = (ActivityImport.bool(cell(name)) ?? false) ? "true" : "false"
            }
            let owner = cell("owner")
            if !owner.isEmpty {
                if let id = organisations[owner.lowercased()] {
                    values["owner_organisation_id"] = id.uuidString
                } else {
                    problem("owner", "Unknown organisation \"\(owner)\"")
                }
            }
            var lists: [String: [String]] = [:]
            func resolve(_ column: String, _ field: String, _ what: String, _ find: (String) -> UUID?) {
                lists[field] = ActivityImport.list(cell(column)).compactMap { name in
                    guard let id = find(name) else {
                        problem(column, "Unknown \(what) \"\(name)\"")
                        return nil
                    }
                    return id.uuidString
                }
            }
            resolve("wards", "place_ids", "ward") { lookups.wardByCode[$0.uppercased()] ?? lookups.wardByName[$0.lowercased()] }
            // A venue's ward from its postcode with the wards read once for the file (the form's rule would read them
            // again for every row, twice: checking and saving).
            if kind == .venue, lists["place_ids"]?.isEmpty != false, let ward = DirectoryRules.fullPostcode(cell("postcode")).flatMap(lookups.ward) {
                lists["place_ids"] = [ward.id.uuidString]
            }
            resolve("themes", "theme_ids", "theme") { lookups.themes[$0.lowercased()] }
            resolve("audiences", "audience_ids", "audience") { lookups.audiences[$0.lowercased()] }
            lists["facts"] = ActivityImport.list(cell("facts")).map { VenueFact.from(description: $0)?.rawValue ?? $0 }
            let input = Input(values: values, lists: lists)
            do {
                _ = try await DirectoryService.validate(input, kind: kind, keeper: .staff(user), on: db)
            } catch let failure as ValidationFailure {
                for e in failure.errors where !problems.contains(where: { $0.field == e.field }) { problem(e.field, e.message) }
            }
            if problems.isEmpty { good.append((kind, input, existing)) } else { report.problems += problems }
        }
        report.skipped = Set(report.problems.map(\.index)).count
        guard report.problems.isEmpty || validOnly, !good.isEmpty else { return report }
        let rowsToSave = good
        let (created, updated) = try await db.transaction { tx in
            var created = 0, updated = 0
            for row in rowsToSave {
                if let id = row.existing {
                    _ = try await DirectoryService.update(id, row.input, partial: false, user: user, on: tx)
                    updated += 1
                } else {
                    _ = try await DirectoryService.create(kind: row.kind, row.input, user: user, on: tx)
                    created += 1
                }
            }
            return (created, updated)
        }
        report.created = created
        report.updated = updated
        return report
    }
}
