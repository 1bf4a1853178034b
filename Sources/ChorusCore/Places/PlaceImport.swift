import Foundation

/// One valid row of a places CSV.
public struct PlaceRow: Equatable, Sendable {
    public let code: String
    public let name: String
    public let kind: PlaceKind
    public let parentCode: String?
    public let population: Int?
}

/// A row the importer rejected, with every reason, so the user can fix the file in one go.
public struct PlaceRowError: Equatable, Sendable {
    public let line: Int
    public let code: String
    public let errors: [FieldError]
}

public struct PlaceImportResult: Sendable {
    public let valid: [PlaceRow]
    public let rejected: [PlaceRowError]
    public var isClean: Bool { rejected.isEmpty }
}

/// Reads a places CSV (columns: code, name, kind, parent_code, population; only code and name required)
/// and checks every row against the rules and the codes that already exist. Pure: no database.
/// Rows are numbered by file line (the header is line 1).
public enum PlaceImport {
    public static let columns = ["code", "name", "kind", "parent_code", "population"]
    public static let maxRows = 20_000

    public static func check(csv text: String, existingCodes: Set<String>) throws(FieldError) -> PlaceImportResult {
        let table: CSVTable
        do { table = try CSVTable(text: text) } catch {
            throw FieldError("file", "The file could not be read as CSV (\(error.description))")
        }
        let missing = ["code", "name"].filter { !table.hasColumn($0) }
        if !missing.isEmpty {
            throw FieldError(
                "file",
                "The file needs a header row with the columns: \(missing.joined(separator: ", ")) (found: \(table.header.joined(separator: ", ")))")
        }
        if table.rows.isEmpty { throw FieldError("file", "The file has a header but no places") }
        if table.rows.count > maxRows { throw FieldError("file", "The file has \(table.rows.count) rows; import at most \(maxRows) at a time") }

        var seen: [String: Int] = [:]
        let codesInFile = Set(table.rows.map { table.value($0, "code").uppercased() })
        var valid: [PlaceRow] = []
        var rejected: [PlaceRowError] = []
        for (i, row) in table.rows.enumerated() {
            let line = i + 2
            var v = Validator()
            let code = table.value(row, "code").uppercased()
            if code.isEmpty {
                v.add("code", "Enter a code")
            } else if !Validation.isGSSCode(code) {
                v.add("code", "Code \"\(code)\" is not a GSS-style code (a letter and 8 digits, like E05011234)")
            } else if existingCodes.contains(code) {
                v.add("code", "Code \(code) already exists")
            } else if let first = seen[code] {
                v.add("code", "Code \(code) is also on line \(first)")
            }
            if !code.isEmpty, seen[code] == nil { seen[code] = line }
            let name = v.required("name", table.value(row, "name"), label: "Name", max: 120)
            let kindText = table.value(row, "kind").lowercased().replacingOccurrences(of: " ", with: "_")
            var kind = PlaceKind.ward
            if !kindText.isEmpty {
                if let k = PlaceKind(rawValue: kindText) {
                    kind = k
                } else {
                    v.add("kind", "Kind \"\(kindText)\" must be one of: \(PlaceKind.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            }
            let parent = table.value(row, "parent_code").uppercased()
            if !parent.isEmpty {
                if parent == code {
                    v.add("parent_code", "A place cannot be its own parent")
                } else if !existingCodes.contains(parent) && !codesInFile.contains(parent) {
                    v.add("parent_code", "Parent code \(parent) is neither in the file nor an existing place")
                }
            }
            let population = v.integer("population", table.value(row, "population"), label: "Population", range: 0...100_000_000)
            if v.errors.isEmpty {
                valid.append(PlaceRow(code: code, name: name, kind: kind, parentCode: parent.isEmpty ? nil : parent, population: population))
            } else {
                rejected.append(PlaceRowError(line: line, code: code, errors: v.errors))
            }
        }
        return PlaceImportResult(valid: valid, rejected: rejected)
    }

    /// Orders rows so a parent defined in the file is created before its children.
    public static func parentFirst(_ rows: [PlaceRow]) -> [PlaceRow] {
        let byCode = Dictionary(rows.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var done = Set<String>()
        var out: [PlaceRow] = []
        func visit(_ r: PlaceRow, depth: Int) {
            guard !done.contains(r.code), depth < 64 else { return }
            if let p = r.parentCode, let parent = byCode[p] { visit(parent, depth: depth + 1) }
            if done.insert(r.code).inserted { out.append(r) }
        }
        for r in rows { visit(r, depth: 0) }
        return out
    }
}
