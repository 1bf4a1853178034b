import Foundation
import Testing
@testable import ChorusCore

@Suite struct TimeOrderedIDTests {
    @Test func idsMadeLaterSortAfterEarlierOnesAndAreVersionSeven() {
        var random = SeededRandom(state: 7)
        let start = Date(timeIntervalSince1970: 1_796_000_000.123)
        let ids = (0..<200).map { TimeOrderedID.make(at: start.addingTimeInterval(Double($0) * 0.002), using: &random) }
        let bytes = ids.map { id in withUnsafeBytes(of: id.uuid) { Array($0) } }
        // Byte order is how SQLite compares a UUID stored as a blob, and how PostgreSQL compares its uuid type.
        #expect(bytes == bytes.sorted { $0.lexicographicallyPrecedes($1) })
        #expect(Set(ids).count == ids.count)
        for b in bytes {
            #expect(b[6] >> 4 == 7)
            #expect(b[8] >> 6 == 0b10)
        }
        // The first 48 bits are the milliseconds.
        let ms = bytes[0][0..<6].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        #expect(ms == 1_796_000_000_123)
        #expect(Array(ids[0].uuidString)[14] == "7")
    }
}
