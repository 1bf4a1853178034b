import ChorusCore
import Foundation

/// The importers' row parsers: what the insight import (survey exports), the activity import (partners'
/// spreadsheets) and the places import read from each row, using the rules in ChorusCore. (The final per-row
/// validation against the database's names lives in the app target, which is not built with the fuzzer.)
///
/// For any file: the header mapping points at real, distinct columns; a stored mapping survives JSON; a cell is the
/// trimmed text of its column or "" (never a trap, whatever the column index); a date read from a cell is a real
/// day in ISO form; a list cell gives trimmed, non-empty items without separators; a coded cell gives one of the
/// codes, the same through `ActivityImport.Codes` as through `ActivityImport.code(_:among:)`; each field rule either
/// returns a value that meets it or a message naming that field. A places file gives every row either as a valid
/// place or as a rejection naming its fields.
enum ImportChecks {
    // MARK: Insight import (Insight/InsightCSV.swift)

    static func insightRows(_ data: Data) {
        guard let records = records(data), let head = records.first else { return }
        let header = head.fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let guessed = InsightCSV.guessMapping(header: header)
        checkMapping(guessed, header: header, fields: InsightCSV.fields.map(\.field))

        // A stored mapping may name columns the file does not have (the file changed, or the JSON was edited).
        var columns = guessed
        var dice = FuzzDice(data)
        for (field, _) in InsightCSV.fields where columns[field] == nil && dice.next(3) == 0 {
            columns[field] = [-1, header.count, header.count + 7, Int.max, Int.min][dice.next(5)]
        }
        let mapping = InsightCSV.Mapping(
            columns: columns, defaultSharing: SharingLevel.organisation.rawValue, defaultKind: InsightKind.quote.rawValue,
            validOnly: dice.next(2) == 0, defaultActivity: nil, expectedValidRows: dice.next(2) == 0 ? nil : records.count - 1)
        do {
            let json = try JSONEncoder().encode(mapping)
            let back = try JSONDecoder().decode(InsightCSV.Mapping.self, from: json)
            precondition(back == mapping, "Mapping changed through JSON")
        } catch {
            preconditionFailure("Mapping did not survive JSON: \(error)")
        }

        let kinds = ActivityImport.Codes(InsightKind.allCases.map { ($0.rawValue, humanised($0.rawValue)) })
        let sharing = ActivityImport.Codes(SharingLevel.allCases.map { ($0.rawValue, humanised($0.rawValue)) })
        for record in records.dropFirst().prefix(300) {
            let row = record.fields
            for (field, _) in InsightCSV.fields {
                let cell = mapping.cell(field, row)
                if let i = columns[field], i >= 0, i < row.count {
                    precondition(scalars(cell) == scalars(row[i].trimmedWhitespaceAndNewlines), "cell \(field) is not its column, trimmed")
                } else {
                    precondition(cell.isEmpty, "cell \(field) of an unmapped or missing column is not empty")
                }
            }
            var v = Validator()
            checkText(&v, "text", mapping.cell("text", row), max: 5_000, required: true, multiline: true)
            checkText(&v, "source_ref", mapping.cell("source_ref", row), max: 200, required: false, multiline: false)
            checkText(&v, "postcode", mapping.cell("postcode", row), max: 10, required: false, multiline: false)
            checkInteger(&v, "people_count", mapping.cell("people_count", row), range: 1...1_000_000)
            checkDate(mapping.cell("heard_on", row))
            checkCode(mapping.cell("kind", row), kinds, InsightKind.allCases.map { ($0.rawValue, humanised($0.rawValue)) })
            checkCode(mapping.cell("sharing", row), sharing, SharingLevel.allCases.map { ($0.rawValue, humanised($0.rawValue)) })
            for field in ["themes", "audiences"] { checkList(mapping.cell(field, row)) }
            for q in EqualityMonitoring.questions {
                let options = q.options.map { ($0.code, $0.label) }
                checkCode(mapping.cell(q.field, row), ActivityImport.Codes(options), options)
            }
            let known = Set(InsightCSV.fields.map(\.field))
            for e in v.errors { precondition(known.contains(e.field) && !e.message.isEmpty, "error for unknown field \(e.field)") }
        }
    }

    // MARK: Activity import (Register/ActivityImport.swift)

    static func activityRows(_ data: Data) {
        guard let records = records(data), let head = records.first else { return }
        let header = head.fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let mapping = ActivityImport.guessMapping(header: header)
        checkMapping(mapping, header: header, fields: ActivityImport.fields.map(\.field))
        func cell(_ field: String, _ row: [String]) -> String {
            guard let i = mapping[field], i < row.count else { return "" }
            return row[i].trimmedWhitespaceAndNewlines
        }
        let methods = EngagementMethod.allCases.map { ($0.rawValue, humanised($0.rawValue)) }
        let levels = LadderLevel.allCases.map { ($0.rawValue, humanised($0.rawValue)) }
        let statuses = ActivityStatus.allCases.map { ($0.rawValue, humanised($0.rawValue)) }
        let methodCodes = ActivityImport.Codes(methods)
        let levelCodes = ActivityImport.Codes(levels)
        let statusCodes = ActivityImport.Codes(statuses)
        for record in records.dropFirst().prefix(300) {
            let row = record.fields
            var v = Validator()
            checkText(&v, "title", cell("title", row), max: 200, required: true, multiline: false)
            checkText(&v, "purpose", cell("purpose", row), max: 4_000, required: false, multiline: true)
            checkText(&v, "public_summary", cell("public_summary", row), max: 2_000, required: false, multiline: true)
            _ = v.email("lead_officer", cell("lead_officer", row), label: "Lead officer", required: false)
            checkInteger(&v, "expected_reach", cell("expected_reach", row), range: 0...10_000_000)
            for field in ["places", "themes", "audiences", "partners"] { checkList(cell(field, row)) }
            for m in checkList(cell("methods", row)) { checkCode(m, methodCodes, methods) }
            checkCode(cell("ladder_level", row), levelCodes, levels)
            checkCode(cell("status", row), statusCodes, statuses)
            for field in ["starts_on", "ends_on"] { checkDate(cell(field, row)) }
            for field in ["borough_wide", "is_public"] {
                let text = cell(field, row)
                if let b = ActivityImport.bool(text) {
                    precondition(ActivityImport.bool(text.uppercased()) == b, "yes/no depends on case")
                }
            }
            let known = Set(ActivityImport.fields.map(\.field))
            for e in v.errors { precondition(known.contains(e.field) && !e.message.isEmpty, "error for unknown field \(e.field)") }
        }
    }

    // MARK: Places import (Places/PlaceImport.swift)

    static let existingPlaces: Set<String> = ["E05000001", "E05000002", "E09000001"]

    static func placeRows(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        let result: PlaceImportResult
        do {
            result = try PlaceImport.check(csv: text, existingCodes: existingPlaces)
        } catch {
            precondition(error.field == "file" && !error.message.isEmpty, "a file-level refusal must name the file")
            return
        }
        guard let table = try? CSVTable(text: text) else { preconditionFailure("PlaceImport read a file CSVTable refuses") }
        precondition(result.valid.count + result.rejected.count == table.rows.count, "a row was neither valid nor rejected")
        let fields: Set<String> = ["code", "name", "kind", "parent_code", "population"]
        var lines = 1
        for r in result.rejected {
            precondition(r.line > lines && r.line <= table.rows.count + 1, "rejection line \(r.line) out of order")
            lines = r.line
            precondition(!r.errors.isEmpty, "a rejected row without a reason")
            for e in r.errors { precondition(fields.contains(e.field) && !e.message.isEmpty, "rejection names field \(e.field)") }
        }
        let fileCodes = Set(table.rows.map { table.value($0, "code").uppercased() })
        var codes = Set<String>()
        for p in result.valid {
            precondition(Validation.isGSSCode(p.code) && !existingPlaces.contains(p.code), "valid row with code \(p.code)")
            precondition(codes.insert(p.code).inserted, "code \(p.code) valid twice")
            precondition(!p.name.isEmpty && p.name.unicodeScalars.count <= 120 && Validation.isSingleLine(p.name), "bad name passed")
            if let parent = p.parentCode {
                precondition(parent != p.code && (existingPlaces.contains(parent) || fileCodes.contains(parent)), "bad parent passed")
            }
            if let n = p.population { precondition((0...100_000_000).contains(n), "population \(n) passed") }
        }
        let ordered = PlaceImport.parentFirst(result.valid)
        precondition(ordered.count == result.valid.count && Set(ordered.map(\.code)) == codes, "parentFirst lost or repeated a row")
        let position = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($1.code, $0) })
        let parents = Dictionary(uniqueKeysWithValues: result.valid.map { ($0.code, $0.parentCode) })
        for p in ordered {
            guard let parent = p.parentCode, let at = position[parent] else { continue }
            // A chain that loops back on itself has no order to keep.
            var seen: Set<String> = [p.code]
            var next: String? = parent
            var looped = false
            while let c = next, !looped {
                looped = !seen.insert(c).inserted
                next = parents[c] ?? nil
            }
            if !looped { precondition(at < position[p.code]!, "parent \(parent) after its child \(p.code)") }
        }
    }

    // MARK: Shared rules

    static func records(_ data: Data) -> [CSVStreamParser.Record]? {
        var parser = CSVStreamParser()
        do throws(CSVStreamParser.Failure) {
            var out = try parser.feed(data)
            out += try parser.finish()
            return out
        } catch {
            precondition(!error.description.isEmpty, "a CSV failure without a message")
            return nil
        }
    }

    static func checkMapping(_ mapping: [String: Int], header: [String], fields: [String]) {
        precondition(Set(mapping.values).count == mapping.count, "two fields mapped to one column")
        for (field, i) in mapping {
            precondition(fields.contains(field), "mapped an unknown field \(field)")
            precondition(header.indices.contains(i), "mapped \(field) to column \(i) of \(header.count)")
        }
    }

    static func checkText(_ v: inout Validator, _ field: String, _ cell: String, max: Int, required: Bool, multiline: Bool) {
        let before = v.errors.count
        let value: String?
        if required {
            value = v.required(field, cell, label: field, max: max, multiline: multiline)
        } else {
            value = v.optional(field, cell, label: field, max: max, multiline: multiline)
        }
        guard v.errors.count == before else {
            precondition(v.errors.last?.field == field, "an error for \(field) named another field")
            return
        }
        if let value {
            precondition(!required || !value.isEmpty, "required \(field) passed empty")
            precondition(value.unicodeScalars.count <= max, "\(field) passed longer than \(max)")
            precondition(!Validation.hasControlCharacters(value), "\(field) passed with control characters")
            precondition(multiline || !Validation.hasLineBreaks(value), "one-line \(field) passed with a line break")
            precondition(scalars(value) == scalars(value.trimmedWhitespaceAndNewlines), "\(field) passed untrimmed")
        }
    }

    static func checkInteger(_ v: inout Validator, _ field: String, _ cell: String, range: ClosedRange<Int>) {
        let before = v.errors.count
        let n = v.integer(field, cell, label: field, range: range)
        if v.errors.count > before {
            precondition(n == nil && v.errors.last?.field == field, "an error for \(field) named another field")
        } else if let n {
            precondition(range.contains(n), "\(field) \(n) passed outside \(range)")
        }
    }

    static func checkDate(_ cell: String) {
        guard let iso = ActivityImport.isoDate(cell) else { return }
        guard let day = Day(iso: iso) else { preconditionFailure("isoDate(\(cell)) gave \(iso), not a day") }
        precondition(day.description == iso, "isoDate gave \(iso), which reads back as \(day)")
        if Day(iso: cell.trimmedWhitespace) != nil { precondition(iso == cell.trimmedWhitespace, "an ISO date changed") }
    }

    @discardableResult
    static func checkList(_ cell: String) -> [String] {
        let items = ActivityImport.list(cell)
        for item in items {
            precondition(!item.isEmpty, "an empty list item")
            // Trimmed of spaces (the rule); a form feed or other line break at an item's edge stays, and the name
            // then matches nothing and gets its message.
            precondition(scalars(item) == scalars(item.trimmedWhitespace), "list item \(item.debugDescription) is not trimmed")
            precondition(
                !item.unicodeScalars.contains { $0 == ";" || $0 == "|" || $0 == "\n" || $0 == "\r" },
                "list item \(item.debugDescription) still holds a separator")
        }
        return items
    }

    static func checkCode(_ cell: String, _ codes: ActivityImport.Codes, _ options: [(code: String, label: String)]) {
        let fast = codes.code(cell)
        precondition(fast == ActivityImport.code(cell, among: options), "Codes and code(_:among:) disagree on \(cell.debugDescription)")
        if let fast { precondition(options.contains { $0.code == fast }, "code \(fast) is not an option") }
        for o in options.prefix(3) { precondition(codes.code(o.code) != nil && codes.code(o.label) != nil, "an option's own code is unknown") }
    }

    /// "focus_group" → "Focus group", the shape of the catalogue's English labels.
    static func humanised(_ code: String) -> String {
        let words = code.replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}
