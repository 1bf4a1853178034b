import Foundation
import Testing
@testable import ChorusCore

struct ISOTimeTests {
    @Test func writesWhatFoundationsISO8601FormatWrites() {
        var rng = SeededRandom(state: 7)
        var dates = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 951_782_400), Date(timeIntervalSince1970: 1_796_601_867.999)]
        for _ in 0..<2_000 { dates.append(Date(timeIntervalSince1970: Double(rng.int(0...4_102_444_800)) + Double(rng.int(0...999)) / 1000)) }
        for d in dates { #expect(ISOTime.string(d) == d.formatted(.iso8601), "\(d.timeIntervalSince1970)") }
    }
}
