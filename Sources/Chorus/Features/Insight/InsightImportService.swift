import Vapor
import Fluent
import ChorusCore

/// CSV import of survey exports into the insight store: storing and checking the upload, turning a row into the
/// same input the capture form sends, the preview, and who may see a job. The run itself is `InsightImportRunner`.
enum InsightImportService {
    static let maxBytes = 64 * 1024 * 1024

    static func directory(_ app: Application) -> String {
        (app.chorusConfig.dataDirectory as NSString).appendingPathComponent("imports")
    }

    /// The header, the number of data rows, and the first rows of a stored file.
    struct Scan: Sendable {
        let header: [String]
        let rows: Int
        let firstRows: [CSVStreamParser.Record]
    }

    /// Reads a stored file from start to end in chunks (or only its first rows), failing with a message a person can
    /// act on when it is not a UTF-8 CSV file with a header row.
    static func scan(path: String, wholeFile: Bool) throws -> Scan {
        do {
            let reader = try CSVFileReader(path: path)
            guard let head = try reader.next() else {
                throw FieldError("file", "The file is empty: it has no header row and no rows")
            }
            let header = head.fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            if !header.contains(where: { $0.contains(where: \.isLetter) }) {
                throw FieldError(
                    "file", "The first row of the file must be a header naming each column, like text,date,ward. It looks like data or is empty.")
            }
            var rows = 0
            var first: [CSVStreamParser.Record] = []
            while let r = try reader.next() {
                rows += 1
                if first.count < InsightCSV.previewRows { first.append(r) } else if !wholeFile { break }
            }
            if rows == 0 && wholeFile { throw FieldError("file", "The file has a header row but no rows to import") }
            return Scan(header: header, rows: rows, firstRows: first)
        } catch let failure as CSVStreamParser.Failure {
            throw FieldError("file", message(failure))
        }
    }

    static func message(_ failure: CSVStreamParser.Failure) -> String {
        switch failure {
        case .notUTF8(let line):
            return
                "The file is not UTF-8 text (the first problem is on line \(line)). In Excel choose File, Save As, \"CSV UTF-8 (Comma delimited)\"; in other tools export as CSV with UTF-8 encoding, then upload it again."
        case .binary:
            return
                "The file could not be read as CSV: it holds binary data, so it may be a spreadsheet (.xlsx) or another kind of file. Save it as \"CSV UTF-8\" and upload that."
        default:
            return "The file could not be read as CSV: \(failure.description)."
        }
    }

    /// Where the upload of job `id` is kept: `<data dir>/imports/<id>.csv`.
    static func filePath(_ app: Application, _ id: UUID) -> String {
        (directory(app) as NSString).appendingPathComponent("\(id.uuidString).csv")
    }

    /// Checks an upload already written to `filePath(app, id)` from end to end and records the job; the file is
    /// removed when it is not one to import.
    static func register(upload: StreamedUpload, id: UUID, user: CurrentUser, app: Application, db: any Database) async throws -> ImportJob {
        let path = filePath(app, id)
        let scan: Scan
        do {
            guard upload.bytes > 0 else { throw FieldError("file", "The file \(upload.fileName) is empty") }
            scan = try await app.computePool.runIfActive { try Self.scan(path: path, wholeFile: true) }
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        let job = ImportJob()
        job.id = id
        job.$person.id = user.id
        job.$organisation.id = user.organisationID
        job.fileName = String(upload.fileName.suffix(200))
        job.filePath = path
        job.status = ImportJob.Status.uploaded.rawValue
        job.rowsTotal = scan.rows
        job.rowsDone = 0
        job.rowsRejected = 0
        // The upload route gates its own writes (the file was received and scanned outside the write gate).
        do { try await app.writeGate.run { try await job.create(on: db) } } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        return job
    }

    /// Whether "Import the N valid rows" is offered: the run stopped only because some rows failed (nothing stored),
    /// some rows passed, and the file is still kept (`InsightImportRunner.purgeKeptFiles` removes it after a day).
    static func canImportValidRows(_ job: ImportJob) -> Bool {
        guard job.statusValue == .failed, job.message == nil, job.rowsRejected > 0, let total = job.rowsTotal, total > job.rowsRejected,
            InsightImportService.decode(job.mapping)?.validOnly == false
        else { return false }
        return FileManager.default.fileExists(atPath: job.filePath)
    }

    /// A job its uploader (or a partnership admin) may see; 404 for anyone else, as if it did not exist.
    static func findVisible(_ id: UUID?, user: CurrentUser, _ db: any Database) async throws -> ImportJob {
        guard let id, let job = try await ImportJob.find(id, on: db),
            job.$person.id == user.id || user.role.canAdministerPartnership
        else { throw Abort(.notFound) }
        return job
    }

    /// What one row says, as the capture form would send it, plus problems with names that match nothing.
    /// Error fields are import fields (`ward`, `themes`…), not form fields.
    static func input(row: [String], mapping: InsightCSV.Mapping, lookup: RegisterImportService.Lookup) -> (Input, [FieldError]) {
        var errors: [FieldError] = []
        var values: [String: String] = [:]
        var lists: [String: [String]] = [:]
        func cell(_ f: String) -> String { mapping.cell(f, row) }
        for f in ["text", "postcode", "people_count", "source_ref"] { values[f] = cell(f) }
        let kind = cell("kind")
        values["kind"] = kind.isEmpty ? mapping.defaultKind : (Codes.kinds.code(kind) ?? kind)
        let sharing = cell("sharing")
        values["sharing"] = sharing.isEmpty ? mapping.defaultSharing : (Codes.sharing.code(sharing) ?? sharing)
        // "Heard during": the row's own cell wins; an empty cell takes the activity chosen for all rows.
        let activity = cell("activity")
        if !activity.isEmpty {
            values["activity"] = activity
        } else if let all = mapping.defaultActivity {
            values["activity_id"] = all.uuidString
        }
        let heard = cell("heard_on")
        values["heard_on"] = heard.isEmpty ? "" : (ActivityImport.isoDate(heard) ?? heard)
        let ward = cell("ward")
        if !ward.isEmpty {
            if let id = lookup.places[RegisterImportService.Lookup.key(ward)] {
                values["place_id"] = id.uuidString
            } else {
                errors.append(FieldError("ward", "Unknown ward \"\(ward)\": use a ward name or its GSS code, like E05000001"))
            }
        }
        func resolve(_ field: String, _ target: String, _ table: [String: UUID], _ what: String) {
            var ids: [String] = []
            for name in ActivityImport.list(cell(field)) {
                if let id = table[RegisterImportService.Lookup.key(name)] {
                    ids.append(id.uuidString)
                } else {
                    errors.append(FieldError(field, "Unknown \(what) \"\(name)\""))
                }
            }
            lists[target] = ids
        }
        resolve("themes", "theme_ids", lookup.themes, "theme")
        resolve("audiences", "audience_ids", lookup.audiences, "audience")
        for q in EqualityMonitoring.questions {
            let raw = cell(q.field)
            guard !raw.isEmpty else { continue }
            values[q.field] = Codes.equality[q.field]?.code(raw) ?? raw
        }
        return (Input(values: values, lists: lists), errors)
    }

    /// Codes or labels a cell may hold for kind, sharing and each equality question, squashed once (not per row).
    enum Codes {
        static let kinds = ActivityImport.Codes(InsightKind.allCases.map { ($0.rawValue, Catalogue.text("insight.kind.\($0.rawValue)", .english)) })
        static let sharing = ActivityImport.Codes(
            SharingLevel.allCases.map { ($0.rawValue, Catalogue.text("insight.sharing.\($0.rawValue)", .english)) })
        static let equality = Dictionary(
            uniqueKeysWithValues: EqualityMonitoring.questions.map { q in
                (q.field, ActivityImport.Codes(q.options.map { ($0.code, $0.label) }))
            })
    }

    /// The import field a form field's error belongs to.
    static func importField(_ formField: String) -> String {
        switch formField {
        case "place_id": return "ward"
        case "theme_ids": return "themes"
        case "audience_ids": return "audiences"
        case "activity_id": return "activity"
        default: return formField
        }
    }

    /// How to put an unknown activity cell right (a file has no suggestions to choose from).
    static let activityHint =
        "Use the activity's title as it is in the register, its full name as the insight form suggests it, or its id; leave the cell empty for the activity chosen for all rows"

    enum Checked: Sendable {
        case clean(InsightService.Clean)
        case rejected([InsightCSV.Problem])
    }

    /// Checks one row with the capture form's rules: a clean insight, or its problems named by column.
    static func check(
        _ record: CSVStreamParser.Record, header: [String], mapping: InsightCSV.Mapping, user: CurrentUser,
        reference: InsightService.Reference, lookup: RegisterImportService.Lookup, today: Day
    ) -> Checked {
        let (input, nameErrors) = input(row: record.fields, mapping: mapping, lookup: lookup)
        var errors = nameErrors
        do {
            let clean = try InsightService.validate(input, user: user, reference: reference, today: today, prefix: "", activityHint: activityHint)
            if errors.isEmpty { return .clean(clean) }
        } catch {
            for e in error.errors {
                let field = importField(e.field)
                if !errors.contains(where: { $0.field == field }) { errors.append(FieldError(field, e.message)) }
            }
        }
        return .rejected(problems(record.line, errors, header: header, mapping: mapping))
    }

    /// Names each problem by the file's own column header where the field is mapped to a column.
    static func problems(_ line: Int, _ errors: [FieldError], header: [String], mapping: InsightCSV.Mapping) -> [InsightCSV.Problem] {
        errors.map { e in
            var name = e.field
            if let i = mapping.columns[e.field], i < header.count { name = header[i].isEmpty ? "Column \(i + 1)" : header[i] }
            return InsightCSV.Problem(line: line, field: name, message: e.message)
        }
    }

    /// The first rows as they would be stored (redacted), or their problems.
    struct PreviewRow: Sendable {
        let line: Int
        let clean: InsightService.Clean?
        let problems: [InsightCSV.Problem]
    }

    static func preview(_ scan: Scan, mapping: InsightCSV.Mapping, user: CurrentUser, db: any Database) async throws -> [PreviewRow] {
        let reference = try await InsightService.Reference.load(db, user: user)
        let lookup = try await RegisterImportService.Lookup.load(db)
        let today = Day(Date())
        return scan.firstRows.map { r in
            switch check(r, header: scan.header, mapping: mapping, user: user, reference: reference, lookup: lookup, today: today) {
            case .clean(let c): return PreviewRow(line: r.line, clean: c, problems: [])
            case .rejected(let p): return PreviewRow(line: r.line, clean: nil, problems: p)
            }
        }
    }

    /// Reads the mapping form: which column each field comes from, the defaults and "valid rows only". The activity
    /// for all rows is typed in a picker and must be one of `activities` (those the uploader may use).
    static func mapping(from form: Input, columns: Int, activities: PickerChoices) throws -> InsightCSV.Mapping {
        var map: [String: Int] = [:]
        for (field, _) in InsightCSV.fields {
            if let i = form["map_" + field].flatMap({ Int($0) }), i >= 0, i < columns { map[field] = i }
        }
        var errors: [FieldError] = []
        var defaultActivity: UUID? = nil
        switch activities.id(
            form["default_activity"], field: "default_activity", fieldLabel: "Heard during, for rows that do not say", what: "activity",
            hint: InsightService.activityHint)
        {
        case .success(let id): defaultActivity = id
        case .failure(let e): errors.append(e)
        }
        let mapping = InsightCSV.Mapping(
            columns: map, defaultSharing: form["default_sharing"] ?? "", defaultKind: form["default_kind"] ?? "",
            validOnly: Input.isTrue(form["valid_only"]), defaultActivity: defaultActivity)
        if map["text"] == nil { errors.append(FieldError("map_text", "Choose the column that holds what residents said")) }
        if map["heard_on"] == nil { errors.append(FieldError("map_heard_on", "Choose the column that holds the date it was heard")) }
        if SharingLevel(rawValue: mapping.defaultSharing) == nil {
            errors.append(FieldError("default_sharing", "Choose who may see rows that do not say"))
        }
        if InsightKind(rawValue: mapping.defaultKind) == nil { errors.append(FieldError("default_kind", "Choose the kind for rows that do not say")) }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        return mapping
    }

    static func encode(_ mapping: InsightCSV.Mapping) -> String {
        String(decoding: (try? JSONEncoder().encode(mapping)) ?? Data(), as: UTF8.self)
    }

    static func decode(_ json: String?) -> InsightCSV.Mapping? {
        guard let json else { return nil }
        return try? JSONDecoder().decode(InsightCSV.Mapping.self, from: Data(json.utf8))
    }
}
