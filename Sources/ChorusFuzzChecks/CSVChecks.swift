import ChorusCore
import Foundation

/// The CSV reader and writer (Common/CSV.swift, Common/CSVStream.swift).
///
/// - The streaming parser gives the same records, or the same failure at the same line, however the bytes are cut
///   into chunks (one byte at a time, random cuts, all at once), with the default limits and with small ones.
/// - On UTF-8 text without NUL bytes, the whole-text `CSV.parse` reads the same fields as the streaming parser, and
///   fails (an unclosed quote) on the same line.
/// - `CSVTable` answers every header name and never reads past a short row.
/// - Every record written back with `CSV.write` and read again is the same record, except that a field a
///   spreadsheet would run as a formula comes back with its `'` guard, and no field read back looks like a formula.
enum CSVChecks {
    static func check(_ data: Data) {
        let bytes = [UInt8](data)
        var dice = FuzzDice(bytes)

        for (maxField, maxColumns) in [(1 << 20, 1_000), (48, 6)] {
            let whole = stream(bytes, [0..<bytes.count], maxField: maxField, maxColumns: maxColumns)
            let byByte = stream(bytes, dice.chunks(of: bytes.count, maxChunk: 1), maxField: maxField, maxColumns: maxColumns)
            let random = stream(bytes, dice.chunks(of: bytes.count, maxChunk: 9), maxField: maxField, maxColumns: maxColumns)
            precondition(byByte == whole, "CSVStreamParser: one byte at a time differs from the whole input")
            precondition(random == whole, "CSVStreamParser: random chunks differ from the whole input")
            if case .success(let records) = whole {
                for r in records {
                    precondition(!r.fields.isEmpty && r.fields.count <= maxColumns, "record of \(r.fields.count) fields")
                    precondition(r.fields.allSatisfy { $0.utf8.count <= maxField }, "field longer than the limit")
                    precondition(r.line >= 1, "record line \(r.line)")
                }
                precondition(zip(records, records.dropFirst()).allSatisfy { $0.line < $1.line }, "record lines must increase")
            }
        }

        let streamed = stream(bytes, [0..<bytes.count], maxField: 1 << 20, maxColumns: 1_000)
        // The stream checks each field's bytes once its quotes are taken out, so a file that is not UTF-8 only
        // because a quote sits inside a character (`\xEF"\xBC\x9D` is "＝" once unquoted) still reads; its fields
        // are valid text, and there is no whole-text reading to compare with.
        guard let text = String(validating: bytes, as: UTF8.self) else { return }
        let parsed: Result<[[String]], CSV.ParseError> = Result { () throws(CSV.ParseError) in try CSV.parse(text) }
        switch (streamed, parsed) {
        case (.success(let records), .success(let rows)):
            precondition(records.map { scalars($0.fields) } == rows.map(scalars), "CSV.parse and CSVStreamParser read different fields")
        case (.failure(.unclosedQuote(let line)), .failure(let error)):
            precondition(error.line == line, "unclosed quote: CSV.parse says line \(error.line), the stream says \(line)")
        case (.failure(.binary), _), (.failure(.fieldTooLong), _), (.failure(.tooManyColumns), _):
            break  // limits and NUL bytes are the stream's own rules
        case (.success, .failure(let error)):
            preconditionFailure("CSV.parse failed (\(error)) where the stream read the text")
        case (.failure(let failure), _):
            preconditionFailure("CSVStreamParser failed (\(failure)) where CSV.parse did not")
        }

        guard case .success(let rows) = parsed else { return }
        if let table = try? CSVTable(text: text) {
            for name in table.header { precondition(table.hasColumn(name), "CSVTable lost column \(name)") }
            for row in table.rows.prefix(50) {
                for name in table.header.prefix(50) { _ = table.value(row, name) }
                _ = table.value(row, "no such column")
            }
        }
        // A record of one empty field is written as an empty line, which readers skip; and the row goes under a
        // header, as exports write it (a byte-order mark at the very start of a file is read as one, not as text).
        for row in rows.prefix(200) where !(row.count == 1 && row[0].isEmpty) {
            let written = CSV.write(header: ["id"], rows: [row])
            let back: [[String]]
            do { back = try CSV.parse(written) } catch { preconditionFailure("CSV.write made text CSV.parse refuses: \(error)") }
            let expected = row.map { CSV.looksLikeFormula($0) ? "'" + $0 : $0 }
            precondition(back.count == 2 && back[0] == ["id"], "CSV.write of one record read back as \(back.count - 1) records")
            precondition(scalars(back[1]) == scalars(expected), "CSV.write then CSV.parse changed a record")
            precondition(!back[1].contains(where: CSV.looksLikeFormula), "a written field still looks like a formula")
        }
    }

    static func stream(_ bytes: [UInt8], _ chunks: [Range<Int>], maxField: Int, maxColumns: Int)
        -> Result<[CSVStreamParser.Record], CSVStreamParser.Failure>
    {
        var parser = CSVStreamParser(maxFieldBytes: maxField, maxColumns: maxColumns)
        var out: [CSVStreamParser.Record] = []
        do throws(CSVStreamParser.Failure) {
            for c in chunks { out += try parser.feed(bytes[c]) }
            out += try parser.finish()
        } catch {
            return .failure(error)
        }
        return .success(out)
    }
}
