import Testing
@testable import ChorusCore

@Suite struct CSVTests {
    @Test func parsesQuotedFieldsWithCommasQuotesAndNewlines() throws {
        let rows = try CSV.parse("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n")
        #expect(rows == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"]])
    }

    @Test func skipsBlankLinesAndByteOrderMark() throws {
        #expect(try CSV.parse("\u{FEFF}a,b\n\n1,2\n") == [["a", "b"], ["1", "2"]])
    }

    @Test func keepsEmptyTrailingFields() throws {
        #expect(try CSV.parse("a,,\n") == [["a", "", ""]])
    }

    @Test func unterminatedQuoteNamesTheLine() {
        #expect(throws: CSV.ParseError(line: 2, message: "a quoted field is never closed")) {
            try CSV.parse("a,b\n\"open,2\n3,4\n")
        }
    }

    @Test func writesRFC4180AndDefusesFormulas() {
        let out = CSV.write(header: ["name", "note"], rows: [["A, B", "=HYPERLINK(\"x\")"], ["plain", "-1"]])
        #expect(out == "name,note\r\n\"A, B\",\"'=HYPERLINK(\"\"x\"\")\"\r\nplain,'-1\r\n")
    }

    @Test func roundTrips() throws {
        let rows = [["id", "text"], ["1", "line one\nline two, with \"quotes\""]]
        let text = CSV.write(header: rows[0], rows: [rows[1]])
        #expect(try CSV.parse(text) == rows)
    }

    @Test func tableLooksUpColumnsCaseInsensitively() throws {
        let t = try CSVTable(text: "Code, Parent Code\nE05000001,E09000001\n")
        #expect(t.value(t.rows[0], "parent_code") == "E09000001")
        #expect(t.value(t.rows[0], "missing") == "")
        #expect(t.hasColumn("CODE"))
    }
}
