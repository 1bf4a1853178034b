import Foundation
import Testing
@testable import ChorusCore

/// The insight import's mapping: the "Heard during" column is recognised, and mappings stored by jobs before the
/// activity fields existed still read.
@Suite struct InsightCSVMappingTests {
    @Test func anActivityColumnIsGuessedFromItsHeader() {
        for header in ["Activity", "Heard during", "heard_during", "Activity ID", "Source activity"] {
            #expect(InsightCSV.guessMapping(header: ["Comments", "Date", header])["activity"] == 2, "\(header)")
        }
        let m = InsightCSV.guessMapping(header: ["Response ID", "Activity", "Comments"])
        #expect(m["source_ref"] == 0 && m["activity"] == 1 && m["text"] == 2)
    }

    @Test func aMappingStoredBeforeTheActivityFieldsStillReads() throws {
        let old = #"{"columns":{"text":2,"heard_on":1},"defaultSharing":"organisation","defaultKind":"quote","validOnly":false}"#
        let m = try JSONDecoder().decode(InsightCSV.Mapping.self, from: Data(old.utf8))
        #expect(m.columns == ["text": 2, "heard_on": 1] && m.defaultSharing == "organisation" && !m.validOnly)
        #expect(m.defaultActivity == nil && m.expectedValidRows == nil)
        let id = UUID()
        var next = m
        next.defaultActivity = id
        next.expectedValidRows = 12
        let again = try JSONDecoder().decode(InsightCSV.Mapping.self, from: try JSONEncoder().encode(next))
        #expect(again == next)
    }
}
