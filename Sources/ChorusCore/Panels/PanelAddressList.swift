import Foundation

/// One household of a letter lottery's address list.
public struct PanelAddress: Sendable, Equatable {
    public let uprn: String?
    public let address: String
    public let postcode: String
}

/// Reads the address list a letter lottery draws from: a CSV with a header and either a `uprn` column or address
/// lines (`address`, or `address_1`…`address_4` joined with commas, plus an optional `town`), and a `postcode` on every
/// row. Every bad row is named by its line (the header is line 1), and one bad row rejects the file, so a list is
/// never half-imported; the same UPRN twice is refused, since that household would get two chances.
public enum PanelAddressList {
    public static let maxRows = 200_000
    static let lineColumns = ["address", "address_1", "address_2", "address_3", "address_4", "town"]

    public static func parse(_ text: String) throws(FieldError) -> [PanelAddress] {
        let table: CSVTable
        do { table = try CSVTable(text: text) } catch { throw FieldError("file", "The file could not be read as CSV (\(error.description))") }
        let lines = lineColumns.filter(table.hasColumn)
        guard table.hasColumn("postcode"), table.hasColumn("uprn") || !lines.isEmpty else {
            throw FieldError(
                "file",
                "The file needs a header row with postcode and either uprn or address lines (address, or address_1 to address_4) "
                    + "(found: \(table.header.joined(separator: ", ")))")
        }
        if table.rows.isEmpty { throw FieldError("file", "The file has a header but no addresses") }
        if table.rows.count > maxRows { throw FieldError("file", "The file has \(table.rows.count) rows; import at most \(maxRows) at a time") }
        var out: [PanelAddress] = []
        var problems: [String] = []
        var seen: [String: Int] = [:]
        for (i, row) in table.rows.enumerated() {
            let line = i + 2
            let uprn = table.hasColumn("uprn") ? table.value(row, "uprn").trimmingCharacters(in: .whitespaces) : ""
            let address = lines.map { table.value(row, $0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: ", ")
            let postcode = table.value(row, "postcode").trimmingCharacters(in: .whitespaces).uppercased()
            if !uprn.isEmpty && (uprn.count > 12 || !uprn.allSatisfy(\.isASCII) || !uprn.allSatisfy(\.isNumber)) {
                problems.append("line \(line): uprn \"\(uprn.prefix(20))\" is not a UPRN (up to 12 digits)")
            } else if uprn.isEmpty && address.isEmpty {
                problems.append("line \(line): give a uprn or the address")
            } else if Postcode.sector(postcode) == nil {
                problems.append("line \(line): postcode \"\(postcode.prefix(12))\" is not a full UK postcode")
            } else if !Validation.isSingleLine(address) || address.count > 300 {
                problems.append("line \(line): the address must be one line of at most 300 characters")
            } else if !uprn.isEmpty, let first = seen[uprn] {
                problems.append("line \(line): uprn \(uprn) is already on line \(first)")
            } else {
                if !uprn.isEmpty { seen[uprn] = line }
                out.append(PanelAddress(uprn: uprn.isEmpty ? nil : uprn, address: address.isEmpty ? "UPRN \(uprn)" : address, postcode: postcode))
            }
            if problems.count >= 20 { break }
        }
        if !problems.isEmpty {
            throw FieldError("file", "Nothing was imported. Fix these rows and import the file again: " + problems.joined(separator: "; "))
        }
        return out
    }
}
