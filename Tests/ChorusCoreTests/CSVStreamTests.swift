import Foundation
import Testing
@testable import ChorusCore

/// The streaming CSV reader gives the same records as the whole-text parser however the file is cut into chunks.
@Suite struct CSVStreamTests {
    /// Feeds `bytes` in chunks of `size` and collects every record.
    func records(_ bytes: [UInt8], chunk size: Int) throws -> [CSVStreamParser.Record] {
        var p = CSVStreamParser()
        var out: [CSVStreamParser.Record] = []
        var i = 0
        while i < bytes.count {
            out += try p.feed(bytes[i..<min(i + size, bytes.count)])
            i += size
        }
        return out + (try p.finish())
    }

    let tricky =
        "\u{FEFF}text,ward,themes\r\n"
        + "\"She said \"\"fix the swings\"\", twice\",Quayside,Parks\r\n"
        + "\"Line one\r\nline two, with a comma\",E05000002,\"Parks; Climate change\"\r\n"
        + "\r\n"
        + "Café – naïve 😀,Old Town,\n"
        + "last,\"\",no newline at end"

    @Test func quotesCommasAndLineBreaksSplitAcrossEveryChunkBoundaryReadTheSame() throws {
        let bytes = Array(tricky.utf8)
        let expected = try CSV.parse(tricky)
        for size in 1...bytes.count {
            let got = try records(bytes, chunk: size)
            #expect(got.map(\.fields) == expected, "chunk size \(size)")
        }
        let got = try records(bytes, chunk: 7)
        #expect(got[0].fields == ["text", "ward", "themes"], "the byte-order mark is not part of the first header")
        #expect(got[1].fields[0] == "She said \"fix the swings\", twice")
        #expect(got[2].fields[0] == "Line one\r\nline two, with a comma")
        #expect(got.map(\.line) == [1, 2, 3, 6, 7], "each record names the file line it starts on, counting the blank line")
    }

    @Test func aQuotedFieldAtTheStartOfAFileWithAByteOrderMarkIsStillQuoted() throws {
        let got = try records(Array("\u{FEFF}\"a,b\",c\n".utf8), chunk: 1)
        #expect(got.map(\.fields) == [["a,b", "c"]])
    }

    @Test func notUTF8BinaryAndUnclosedQuotesAreReportedWithTheirLine() throws {
        var latin1 = Array("text\nok\n".utf8)
        latin1 += [0x43, 0x61, 0x66, 0xE9, 0x0A]  // "Café" in Windows-1252
        #expect(throws: CSVStreamParser.Failure.notUTF8(line: 3)) { try records(latin1, chunk: 2) }
        #expect(throws: CSVStreamParser.Failure.binary(line: 2)) { try records(Array("a\nb\u{0}c\n".utf8), chunk: 3) }
        #expect(throws: CSVStreamParser.Failure.unclosedQuote(line: 2)) { try records(Array("a\n\"never\nclosed\n".utf8), chunk: 4) }
    }

    @Test func randomBytesAreRejectedQuicklyNotBufferedWhole() throws {
        var rng = SystemRandomNumberGenerator()
        let garbage = (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &rng) }
        #expect(throws: CSVStreamParser.Failure.self) { try records(garbage, chunk: 65_536) }
        // One enormous quoted field cannot grow without limit.
        var p = CSVStreamParser(maxFieldBytes: 1_000)
        #expect(throws: CSVStreamParser.Failure.fieldTooLong(line: 1, limit: 1_000)) {
            _ = try p.feed(Array(("\"" + String(repeating: "x", count: 5_000)).utf8))
        }
    }

    @Test func theFileReaderStreamsAFileRecordByRecord() throws {
        let path = NSTemporaryDirectory() + "csvstream-\(UUID().uuidString).csv"
        var text = "id,text\r\n"
        for i in 1...5_000 { text += "\(i),\"comment \(i), with \"\"quotes\"\"\nand a second line\"\r\n" }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try CSVFileReader(path: path, chunkSize: 4_096)
        var count = 0
        var last: CSVStreamParser.Record?
        while let r = try reader.next() { count += 1; last = r }
        #expect(count == 5_001)
        #expect(last?.fields == ["5000", "comment 5000, with \"quotes\"\nand a second line"])
        #expect(last?.line == 2 + 4_999 * 2, "records spanning two lines are counted as two lines")
    }

    @Test func headerNamesFromSurveyToolsAreMappedToInsightFields() {
        let m = InsightCSV.guessMapping(header: ["Response ID", "Date", "Comments", "Ward", "Topic", "Age"])
        #expect(m["source_ref"] == 0 && m["heard_on"] == 1 && m["text"] == 2 && m["ward"] == 3 && m["themes"] == 4 && m["age_band"] == 5)
    }
}
