import Foundation
import Testing

@testable import ChorusCore

@Suite struct UpdateMatchTests {
    let quayside = UUID(), oldTown = UUID(), transport = UUID(), buses = UUID(), parks = UUID()

    @Test func aWardSubscriberHearsOfThatWardAndOfBoroughWideNewsOnly() {
        let s = UpdateMatch.Subscription(ward: quayside, themes: nil)
        #expect(UpdateMatch.matches(s, .init(wards: [quayside, oldTown], themes: [parks])))
        #expect(UpdateMatch.matches(s, .init(wards: nil, themes: [parks])))
        #expect(!UpdateMatch.matches(s, .init(wards: [oldTown], themes: [parks])))
        #expect(!UpdateMatch.matches(s, .init(wards: [], themes: [parks])))
    }

    @Test func aThemeSubscriberHearsOfThemesUnderTheOneTheyFollow() {
        let s = UpdateMatch.Subscription(ward: nil, themes: [transport, buses])
        #expect(UpdateMatch.matches(s, .init(wards: [oldTown], themes: [buses])))
        #expect(!UpdateMatch.matches(s, .init(wards: [oldTown], themes: [parks])))
        #expect(!UpdateMatch.matches(s, .init(wards: nil, themes: [])))
    }

    @Test func wardAndThemeMustBothMatchAndNeitherMeansEverything() {
        let both = UpdateMatch.Subscription(ward: quayside, themes: [buses])
        #expect(UpdateMatch.matches(both, .init(wards: [quayside], themes: [buses])))
        #expect(!UpdateMatch.matches(both, .init(wards: [oldTown], themes: [buses])))
        #expect(!UpdateMatch.matches(both, .init(wards: [quayside], themes: [parks])))
        #expect(UpdateMatch.matches(.init(ward: nil, themes: nil), .init(wards: [oldTown], themes: [])))
    }
}
