import Testing
import Foundation
@testable import ChorusCore

@Suite struct ValidationTests {
    @Test(arguments: ["E05011234", "W05000001", "S12000033"]) func acceptsGSSCodes(_ code: String) {
        #expect(Validation.isGSSCode(code))
    }

    @Test(arguments: ["e05011234", "E0501123", "E050112345", "EE5011234", "E05 11234", ""]) func rejectsMalformedGSSCodes(_ code: String) {
        #expect(!Validation.isGSSCode(code))
    }

    @Test func emailShapes() {
        #expect(Validation.isPlausibleEmail("a.b@council.gov.uk"))
        for bad in ["a@b", "@x.org", "a b@x.org", "a@x.", "a@@x.org", "a@.org"] { #expect(!Validation.isPlausibleEmail(bad), "\(bad)") }
    }

    /// Limits count code points, as JSON Schema's maxLength does: schemathesis sent 121 code points that Swift counts
    /// as fewer characters (a skin-tone modifier joins its emoji) and the API stored what its schema refuses.
    @Test func lengthLimitsCountCodePointsLikeTheSchema() {
        let name = "\u{1F44D}\u{1F3FB}" + String(repeating: "x", count: 119)  // 121 code points, 120 characters
        #expect(name.count == 120 && name.unicodeScalars.count == 121)
        var v = Validator()
        _ = v.required("name", name, label: "Name", max: 120)
        _ = v.optional("description", name, label: "Description", max: 120)
        #expect(v.errors.map(\.field) == ["name", "description"])
        var ok = Validator()
        _ = ok.required("name", String(name.unicodeScalars.dropFirst().map(Character.init)), label: "Name", max: 120)
        #expect(ok.errors.isEmpty)
    }

    @Test func collectsEveryProblemOnce() throws {
        var v = Validator()
        #expect(v.required("name", "  ", label: "Name") == "")
        _ = v.required("name", "", label: "Name")
        #expect(v.integer("population", "12,000", label: "Population", range: 0...100) == nil)
        #expect(v.integer("count", "3.5", label: "Count", range: 0...10) == nil)
        #expect(v.choice("kind", "castle", label: "Kind", as: PlaceKind.self) == nil)
        #expect(v.errors.map(\.field) == ["name", "population", "count", "kind"])
        #expect(v.errors[1].message == "Population must be between 0 and 100")
        #expect(v.errors[2].message == "Count must be a whole number, like 12000")
        #expect(throws: ValidationFailure.self) { try v.check() }
    }

    @Test func optionalTextIsNilWhenBlankAndLimited() {
        var v = Validator()
        #expect(v.optional("note", "   ", label: "Note") == nil)
        _ = v.optional("note", String(repeating: "x", count: 11), label: "Note", max: 10)
        #expect(v.errors == [FieldError("note", "Note must be 10 characters or fewer")])
    }
}

@Suite struct PagingTests {
    @Test func clampsAndCounts() {
        let p = PageWindow(page: 0, size: 1000)
        #expect(p.page == 1 && p.size == PageWindow.maxSize)
        let page = PageOf(items: Array(26...50), request: PageWindow(page: 2, size: 25), total: 312)
        #expect(page.pageCount == 13 && page.firstShown == 26 && page.lastShown == 50 && page.hasNext && page.hasPrevious)
        let empty = PageOf<Int>(items: [], request: PageWindow(page: 1), total: 0)
        #expect(empty.pageCount == 1 && empty.firstShown == 0 && !empty.hasNext)
    }

    @Test func aCappedCountSaysMoreAndKeepsANextPage() {
        let exact = PageOf(items: Array(1...25), request: PageWindow(page: 1), counted: 9_999, cap: 10_000)
        #expect(exact.total == 9_999 && !exact.totalIsCapped && exact.pageCount == 400)
        let capped = PageOf(items: Array(1...25), request: PageWindow(page: 400), counted: 10_001, cap: 10_000)
        #expect(capped.total == 10_000 && capped.totalIsCapped && capped.pageCount == 400 && capped.hasNext && capped.lastShown == 10_000)
        #expect(capped.map { $0 * 2 }.totalIsCapped)
    }
}

@Suite struct ControlCharacterTests {
    @Test func controlCharactersAreRefusedButLineBreaksAreNotInMultilineText() {
        var v = Validator()
        _ = v.required("name", "Quay\u{0}side", label: "Name")
        _ = v.optional("note", "line one\nline two\tok", label: "Note", multiline: true)
        _ = v.required("text", "line one\r\nline two\rthree", label: "Text", multiline: true)
        #expect(v.errors == [FieldError("name", "Name must not contain control characters")])
    }

    /// Audit (issue 15, item 4): a title with CR/LF became a real `Bcc:` header in an email subject.
    @Test(arguments: [
        "Audit header test\r\nBcc: attacker@evil.example", "a\nb", "a\rb", "a\u{85}b", "a\u{2028}b", "a\u{2029}b", "a\u{0B}b", "a\u{0C}b",
    ])
    func singleLineTextRefusesEveryLineBreakNamingTheField(_ value: String) throws {
        var v = Validator()
        _ = v.required("title", value, label: "Title")
        _ = v.optional("job_title", value, label: "Job title")
        #expect(
            v.errors == [
                FieldError("title", "Title must be on one line: remove the line breaks"),
                FieldError("job_title", "Job title must be on one line: remove the line breaks"),
            ])
        #expect(throws: ValidationFailure.self) { try v.check() }
        #expect(!Validation.isSingleLine(value) && Validation.hasLineBreaks(value))
    }

    @Test func singleLineTextKeepsTabsAndTrimsATrailingNewline() {
        var v = Validator()
        #expect(v.required("title", "  Parks\tand play\r\n", label: "Title") == "Parks\tand play")
        #expect(v.optional("title2", "\nSwings\n", label: "Title") == "Swings")
        #expect(v.errors.isEmpty)
        #expect(Validation.isSingleLine("Parks\tand play") && !Validation.isSingleLine("a\u{7F}"))
    }
}
