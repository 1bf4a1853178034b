import Testing
@testable import ChorusCore

@Suite struct RedactionSmokeTests {
    @Test func smoke() {
        let r = PIIRedactor.redact("My name is Sarah Jones, call 07700 900123 or email sarah.j@example.com. I live at Flat 3, 45 High Street, HB3 4QT.")
        print(r.text, r.redactions.map { "\($0.kind):\($0.original)" }, r.postcodeSectors)
    }
}
