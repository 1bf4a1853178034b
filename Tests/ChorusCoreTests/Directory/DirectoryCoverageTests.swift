import Foundation
import Testing
import ChorusCore

struct DirectoryCoverageTests {
    func ward(_ population: Int?, entries: Int, asks: Int = 0) -> DirectoryCoverage.Ward {
        let per1000 = population.map { Double(asks) * 1000 / Double($0) }
        return .init(id: UUID(), population: population, groups: entries, connectors: 0, venues: 0, asks: asks, asksPer1000: per1000)
    }

    @Test func aWardUnderHalfTheMedianOrWithNoEntryIsThinAndABusyThinWardIsAGap() {
        let wards = [
            ward(10_000, entries: 10),  // 1.0 per 1,000
            ward(10_000, entries: 8),  // 0.8
            ward(10_000, entries: 4, asks: 12),  // 0.4, the median of [0, 0.1, 0.4, 0.8, 1.0]: not thin; 1.2 asks per 1,000: busy
            ward(10_000, entries: 1, asks: 15),  // 0.1 < 0.4 / 2: thin; 1.5 asks per 1,000 ≥ 1: busy, so a gap
            ward(5_000, entries: 0),  // no entry: thin, not busy
            ward(nil, entries: 0, asks: 40),  // no population: never judged
        ]
        let (rows, median) = DirectoryCoverage.judge(wards, fatigueThreshold: 1.0)
        #expect(median == 0.4)
        #expect(rows.map(\.thin) == [false, false, false, true, true, false])
        #expect(rows.map(\.busy) == [false, false, true, true, false, false])
        #expect(rows.map(\.gap) == [false, false, false, true, false, false])
        #expect(wards[0].per1000 == 1.0 && wards[5].per1000 == nil)
    }

    @Test func withNoPopulationsNothingIsJudged() {
        let (rows, median) = DirectoryCoverage.judge([ward(nil, entries: 0), ward(nil, entries: 3)], fatigueThreshold: 1.0)
        #expect(median == nil && rows.allSatisfy { !$0.thin && !$0.busy })
    }
}
