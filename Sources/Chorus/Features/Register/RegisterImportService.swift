import Vapor
import Fluent
import ChorusCore

/// Imports a partner's activity spreadsheet: columns mapped to fields, names turned into ids, every row checked by
/// the same rules as the form. A file with bad rows saves nothing unless the person chose to import only valid rows.
enum RegisterImportService {
    struct RowProblem: Sendable {
        let line: Int
        let title: String
        let errors: [FieldError]
    }

    struct Outcome: Sendable {
        let imported: Int
        let problems: [RowProblem]
        let rows: Int
    }

    /// What names in the file can refer to.
    struct Lookup: Sendable {
        var places: [String: UUID] = [:], themes: [String: UUID] = [:], audiences: [String: UUID] = [:]
        var organisations: [String: UUID] = [:], people: [String: UUID] = [:]

        static func load(_ db: any Database) async throws -> Lookup {
            var l = Lookup()
            for p in try await Place.query(on: db).all() { l.places[key(p.code)] = p.id; l.places[key(p.name)] = p.id }
            let tree = try await ThemesResource.hierarchy(on: db)
            for t in try await Theme.query(on: db).all() {
                l.themes[key(tree.label(t.id!))] = t.id
                if l.themes[key(t.name)] == nil { l.themes[key(t.name)] = t.id }
            }
            for a in try await Audience.query(on: db).all() { l.audiences[key(a.name)] = a.id }
            for o in try await Organisation.query(on: db).all() { l.organisations[key(o.name)] = o.id }
            for p in try await Person.query(on: db).filter(\.$active == true).all() { l.people[key(p.email)] = p.id }
            return l
        }

        static func key(_ s: String) -> String { s.lowercased().trimmedWhitespace }
    }

    /// Turns one spreadsheet row into form input, collecting name problems as field errors.
    static func input(row: [String], mapping: [String: Int], lookup: Lookup) -> (Input, [FieldError]) {
        func cell(_ f: String) -> String {
            guard let i = mapping[f], i < row.count else { return "" }
            return row[i].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var errors: [FieldError] = []
        var values: [String: String] = [:]
        var lists: [String: [String]] = [:]
        func resolve(_ field: String, _ target: String, _ table: [String: UUID], _ what: String) {
            var ids: [String] = []
            for name in ActivityImport.list(cell(field)) {
                if let id = table[Lookup.key(name)] {
                    ids.append(id.uuidString)
                } else {
                    errors.append(FieldError(target, "Unknown \(what) \"\(name)\""))
                }
            }
            lists[target] = ids
        }
        for f in ["title", "purpose", "public_summary", "expected_reach"] { values[f] = cell(f) }
        let orgName = cell("organisation")
        if !orgName.isEmpty {
            if let id = lookup.organisations[Lookup.key(orgName)] {
                values["organisation_id"] = id.uuidString
            } else {
                errors.append(FieldError("organisation_id", "Unknown organisation \"\(orgName)\""))
            }
        }
        let lead = cell("lead_officer")
        if !lead.isEmpty {
            if let id = lookup.people[Lookup.key(lead)] {
                values["lead_person_id"] = id.uuidString
            } else {
                errors.append(FieldError("lead_person_id", "No active staff member has the email \"\(lead)\""))
            }
        } else if mapping["lead_officer"] != nil {
            values["lead_person_id"] = ""
        }
        let placeCells = ActivityImport.list(cell("places"))
        let boroughWide =
            ActivityImport.bool(cell("borough_wide")) ?? placeCells.contains { Lookup.key($0) == "borough-wide" || Lookup.key($0) == "borough wide" }
        values["borough_wide"] = boroughWide ? "true" : "false"
        if boroughWide { lists["place_ids"] = [] } else { resolve("places", "place_ids", lookup.places, "ward or place") }
        resolve("themes", "theme_ids", lookup.themes, "theme")
        resolve("audiences", "audience_ids", lookup.audiences, "audience")
        resolve("partners", "partner_ids", lookup.organisations, "partner organisation")
        var methods: [String] = []
        for m in ActivityImport.list(cell("methods")) {
            if let code = ActivityImport.code(
                m, among: EngagementMethod.allCases.map { ($0.rawValue, Catalogue.text("method.\($0.rawValue)", .english)) })
            {
                methods.append(code)
            } else {
                errors.append(FieldError("methods", "Unknown method \"\(m)\""))
            }
        }
        lists["methods"] = methods
        for (field, options) in [
            ("ladder_level", LadderLevel.allCases.map { ($0.rawValue, Catalogue.text("level.\($0.rawValue)", .english)) }),
            ("status", ActivityStatus.allCases.map { ($0.rawValue, Catalogue.text("status.\($0.rawValue)", .english)) }),
        ] {
            let raw = cell(field)
            values[field] =
                raw.isEmpty ? (field == "status" ? ActivityStatus.planned.rawValue : "") : (ActivityImport.code(raw, among: options) ?? raw)
        }
        for field in ["starts_on", "ends_on"] {
            let raw = cell(field)
            values[field] = raw.isEmpty ? "" : (ActivityImport.isoDate(raw) ?? raw)
        }
        values["is_public"] = (ActivityImport.bool(cell("is_public")) ?? false) ? "true" : "false"
        return (Input(values: values, lists: lists), errors)
    }

    static func run(csv: String, mapping: [String: Int], validOnly: Bool, user: CurrentUser, db: any Database) async throws -> Outcome {
        let records: [[String]]
        do { records = try CSV.parse(csv) } catch { throw FieldError("file", "The file could not be read as CSV (\(error.description))") }
        let rows = Array(records.dropFirst())
        guard !rows.isEmpty else { throw FieldError("file", "The file has a header but no activities") }
        guard rows.count <= ActivityImport.maxRows else {
            throw FieldError("file", "The file has \(rows.count) rows; import at most \(ActivityImport.maxRows) at a time")
        }
        guard mapping["title"] != nil, mapping["starts_on"] != nil else {
            throw FieldError("map_title", "Choose the columns that hold at least the title and the start date")
        }
        let lookup = try await Lookup.load(db)
        var problems: [RowProblem] = []
        var valid: [Input] = []
        for (i, row) in rows.enumerated() {
            let (input, nameErrors) = Self.input(row: row, mapping: mapping, lookup: lookup)
            var errors = nameErrors
            do { _ = try await RegisterService.validate(input, user: user, on: db) } catch let f as ValidationFailure {
                errors += f.errors.filter { e in !errors.contains { $0.field == e.field } }
            }
            if errors.isEmpty { valid.append(input) } else { problems.append(RowProblem(line: i + 2, title: input["title"] ?? "", errors: errors)) }
        }
        guard problems.isEmpty || validOnly else { return Outcome(imported: 0, problems: problems, rows: rows.count) }
        let toSave = valid, rejected = problems.count
        try await db.transaction { tx in
            for input in toSave { _ = try await RegisterService.create(input, user: user, on: tx) }
            try await AuditService.record(
                tx, actor: user.actor, action: .importFile, entity: RegisterService.entity, id: nil,
                label: "Imported \(toSave.count) activities (\(rejected) rows rejected)")
        }
        return Outcome(imported: valid.count, problems: problems, rows: rows.count)
    }
}
