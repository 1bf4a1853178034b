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

    /// Audit (issue 15, item 8): the guard looked at the first grapheme, so a combining accent glued onto `=` or a
    /// fullwidth `＝` slipped through.
    @Test(arguments: [
        "=\u{0301}HYPERLINK(\"https://evil.example\",\"x\")",  // combining acute on the =
        "\u{200B}=1+2",  // zero-width space (Cf) in front
        "\u{FEFF}\u{200E}@SUM(A1)",  // BOM and a direction mark
        "\u{20DD}+1",  // an enclosing mark (Me) alone in front
        "＝HYPERLINK(\"https://evil.example\")", "＋1", "－1", "＠SUM(A1)",  // fullwidth
        "﹦1", "﹢1", "﹣1", "﹫x",  // small forms
        "\u{0301}＝1",
    ])
    func defusesFormulasHiddenBehindMarksAndFullwidthForms(_ field: String) {
        #expect(CSV.looksLikeFormula(field), "\(field.unicodeScalars.map { String($0.value, radix: 16) })")
        // By scalar: a leading combining mark joins the apostrophe into one Character.
        #expect(Array(CSV.escape(field).unicodeScalars.prefix(2)).contains("'"))
        #expect(CSV.escape(field).unicodeScalars.filter { $0 == "'" }.count == 1 + field.unicodeScalars.filter { $0 == "'" }.count)
    }

    @Test func keepsTheGuardForTabAndCarriageReturnAndLeavesOrdinaryTextAlone() {
        #expect(CSV.escape("\tcmd") == "'\tcmd")
        #expect(CSV.escape("\r=1") == "\"'\r=1\"")
        for plain in ["Café", "e\u{0301}=1", "−1 (a minus sign)", "", "\u{200B}", "1=1", " =1", "'=1", "Ｈello", "＃1"] {
            #expect(!CSV.looksLikeFormula(plain), "\(plain)")
        }
        #expect(CSV.escape("=\u{0301}HYPERLINK(\"x\")") == "\"'=\u{0301}HYPERLINK(\"\"x\"\")\"")
        #expect(CSV.write(header: ["a"], rows: [["＝1"]]) == "a\r\n'＝1\r\n")
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
