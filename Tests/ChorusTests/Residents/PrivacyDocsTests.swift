import Foundation
import Testing
@testable import Chorus

/// `docs/privacy.md` shows the registry's table as the code declares it. `CHORUS_RECORD_SNAPSHOTS=1` writes it in.
@Suite struct PrivacyDocsTests {
    static let doc = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/privacy.md")
    static let start = "<!-- registry table: start -->\n", end = "<!-- registry table: end -->"

    @Test func theDataProtectionTableInTheDocsIsTheRegistrys() throws {
        let text = try String(contentsOf: Self.doc, encoding: .utf8)
        let from = try #require(text.range(of: Self.start)), to = try #require(text.range(of: Self.end))
        let table = PersonalDataRegistry.dpiaTable() + "\n"
        if ProcessInfo.processInfo.environment["CHORUS_RECORD_SNAPSHOTS"] == "1" {
            try (String(text[..<from.upperBound]) + table + String(text[to.lowerBound...])).write(to: Self.doc, atomically: true, encoding: .utf8)
            return
        }
        #expect(String(text[from.upperBound..<to.lowerBound]) == table, "run with CHORUS_RECORD_SNAPSHOTS=1 to update docs/privacy.md")
        #expect(table.contains("`resident_equality`") && table.contains("`insights`") && table.contains("`email_outbox`"))
    }
}
