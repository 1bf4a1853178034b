import Foundation
import Testing

@testable import ChorusCore

/// Inputs the fuzz checks (Sources/ChorusFuzzChecks, docs/fuzzing.md) broke, each kept as a plain unit test. The
/// same inputs are in fuzz/corpus/<target>/ and replayed by ChorusFuzzReplayTests.
@Suite struct FuzzFindingsTests {
    /// fuzz/corpus/csv/combining-after-separator.csv: a comma, a quote or "\r\n" judged by Character was missed when
    /// a combining mark followed (or, for "\r\n", always), so the field went out unquoted and split the row.
    @Test func csvWriteQuotesSeparatorsFollowedByCombiningMarks() throws {
        for field in ["x,\u{301}y", "q\"\u{301}", "line\r\ntwo", "line\r\n\u{301}two", "a\rb"] {
            let written = CSV.write(header: ["id"], rows: [["1", field]])
            let back = try CSV.parse(written)
            #expect(back.count == 2)
            #expect(back[1].map { Array($0.unicodeScalars) } == ["1", field].map { Array($0.unicodeScalars) }, "\(field.debugDescription)")
        }
        #expect(CSV.escape("x,\u{301}y") == "\"x,\u{301}y\"")
        #expect(CSV.escape("q\"\u{301}") == "\"q\"\"\u{301}\"")
    }

    /// fuzz/corpus/ical/combining-marks.bin: `\`, `;`, `,` and line breaks followed by a combining mark were not
    /// escaped; a description "a\r\n\u{301}b" put a raw CRLF (a new content line) into the feed.
    @Test func iCalendarEscapesEveryLineBreakAndSeparator() {
        #expect(ICalendar.escape("a\r\n\u{301}b") == "a\\n\u{301}b")
        #expect(ICalendar.escape("a\n\u{301}b\r\u{301}c") == "a\\n\u{301}b\\n\u{301}c")
        #expect(ICalendar.escape("n\\\u{301};\u{301},\u{301}") == "n\\\\\u{301}\\;\u{301}\\,\u{301}")
        #expect(ICalendar.escape("one\r\ntwo\nthree\rfour") == "one\\ntwo\\nthree\\nfour")
        let event = ICalendar.Event(
            uid: "u@chorus", summary: "Walk\r\n\u{301}BEGIN:VEVENT", description: "x\n\u{301}ATTACH:http://evil", location: "",
            url: nil, start: Day(ordinal: 20_000), end: nil, lastModified: Date(timeIntervalSince1970: 0))
        let feed = Array(ICalendar.feed(name: "Ward", events: [event]).utf8)
        for (i, b) in feed.enumerated() where b == 0x0A { #expect(i > 0 && feed[i - 1] == 0x0D) }
        for (i, b) in feed.enumerated() where b == 0x0D { #expect(i + 1 < feed.count && feed[i + 1] == 0x0A) }
        #expect(ICalendar.unfold(String(decoding: feed, as: UTF8.self)).filter { $0.hasPrefix("BEGIN:VEVENT") }.count == 1)
    }

    /// A fold can fall just before a combining mark; " " and the mark are one Character, so unfolding by string
    /// replacement left the line folded.
    @Test func iCalendarUnfoldsBeforeACombiningMark() {
        let line = "DESCRIPTION:" + String(repeating: "e", count: 63) + "\u{301}tail"
        let folded = ICalendar.fold(line)
        #expect(folded.utf8.split(separator: 0x0A).allSatisfy { $0.count <= 76 })
        #expect(ICalendar.unfold(folded + "\r\n").map { Array($0.unicodeScalars) } == [Array(line.unicodeScalars)])
    }

    /// fuzz/corpus/activity_rows/crlf-list-cells.csv: a cell "Quayside\r\nOld Town" from a file with Windows line
    /// breaks stayed one item ("\r\n" is one Character, not "\n").
    @Test func listCellsSplitOnWindowsLineBreaks() {
        #expect(ActivityImport.list("Quayside\r\nOld Town") == ["Quayside", "Old Town"])
        #expect(ActivityImport.list("Quayside\rOld Town\n;| Parks ") == ["Quayside", "Old Town", "Parks"])
    }

    /// fuzz/corpus/multipart/non-ascii-header-name.bin: MultipartKit 4.7.1 traps on a header-name byte ≥ 0x80 (and on
    /// an empty boundary); one such POST stopped the server. The guard finds the byte before the parser sees it.
    @Test func multipartGuardStopsBeforeTheByteThatTrapsTheParser() {
        var g = MultipartHeaderGuard(boundary: "XB")
        #expect(g.feed(Array("--XB\r\nC\u{E9}: x\r\n\r\nv\r\n--XB--\r\n".utf8)) == .wouldCrash(at: 7))
        #expect(MultipartHeaderGuard(boundary: "").verdict == .wouldCrash(at: 0))
        // Non-ASCII in a value (a file name) is fine, in any chunks.
        let form = Array("--XB\r\nContent-Disposition: form-data; name=\"file\"; filename=\"caf\u{E9}.csv\"\r\n\r\n\u{E9}\r\n--XB--\r\n".utf8)
        var chunked = MultipartHeaderGuard(boundary: "XB")
        for b in form { chunked.feed([b]) }
        #expect(chunked.verdict == .fine)
        // A header name with a space is a syntax error the parser throws on by itself.
        var bad = MultipartHeaderGuard(boundary: "XB")
        #expect(bad.feed(Array("--XB\r\nBad Name: x\r\n".utf8)) == .malformed(at: 9))
        // After the closing delimiter nothing is read.
        var after = MultipartHeaderGuard(boundary: "XB")
        #expect(after.feed(Array("--XB\r\n\r\nv\r\n--XB--\u{E9}\r\nC\u{E9}: x".utf8)) == .fine)
    }

    /// fuzz/corpus/insight_rows/found-double-hyphen-date.csv: "2025-02--15" in a date column was read as 15 February
    /// (splitting on "-" dropped the empty part), and a sign passed as a digit.
    @Test func isoDaysAreExactlyFourTwoTwoDigits() {
        for text in ["2025-02--15", "-2025-02-15", "2025-02-15-", "2025--02-15", "2025-+2-15", "+025-02-15", "2025-02-1\u{661}"] {
            #expect(Day(iso: text) == nil, "\(text)")
            #expect(ActivityImport.isoDate(text) == nil, "\(text)")
        }
        #expect(Day(iso: "2025-02-15")?.description == "2025-02-15")
        #expect(ActivityImport.isoDate("15/2/2025") == "2025-02-15")
    }
}
