import Foundation
import Testing
@testable import ChorusCore

/// The typeahead picker's rule: unique labels, and what a typed value resolves to.
@Suite struct PickerChoicesTests {
    let a = UUID(), b = UUID(), c = UUID(), d = UUID()

    @Test func repeatedLabelsAreNumberedSoEverySuggestionNamesOneRecord() {
        let p = PickerChoices([
            (id: a, label: "Bins survey — Council, 3 Mar 2026"), (id: b, label: "bins  survey — council, 3 mar 2026"),
            (id: c, label: "Bins survey — Council, 3 Mar 2026 (2)"), (id: d, label: "Park walk"),
        ])
        #expect(
            p.items.map(\.label) == [
                "Bins survey — Council, 3 Mar 2026", "bins survey — council, 3 mar 2026 (3)",
                "Bins survey — Council, 3 Mar 2026 (2)", "Park walk",
            ])
        #expect(Set(p.items.map { PickerChoices.key($0.label) }).count == 4)
        #expect(p.resolve("Bins survey — Council, 3 Mar 2026 (2)") == .picked(c))
        #expect(p.resolve("BINS SURVEY — COUNCIL, 3 MAR 2026 (3)") == .picked(b))
        #expect(p.label(of: b) == "bins survey — council, 3 mar 2026 (3)")
    }

    @Test func matchingIsExactButIgnoresCaseAndSpaces() {
        let p = PickerChoices([(id: a, label: "Park walk — Youth Trust, 1 Jun 2026"), (id: b, label: "Library day — Council, 2 Jun 2026")])
        #expect(p.resolve("  park   WALK — youth trust, 1 jun 2026 ") == .picked(a))
        #expect(p.resolve("\tLibrary day — Council,\n2 Jun 2026") == .picked(b))
        #expect(p.resolve("Park walk") == .unknown, "no guessing from part of a label")
        #expect(p.resolve("Park") == .unknown)
        #expect(p.resolve("") == .empty && p.resolve("   ") == .empty && p.resolve(nil) == .empty)
    }

    @Test func anIdOrAnAliasOnlyOneRecordHasPicksIt() {
        let p = PickerChoices(
            [
                (id: a, label: "Park walk — Youth Trust, 1 Jun 2026"), (id: b, label: "Park walk — Council, 9 Jun 2026"),
                (id: c, label: "Library day — Council, 2 Jun 2026"),
            ],
            aliases: [a: ["Park walk"], b: ["Park walk"], c: ["Library day"]])
        #expect(p.resolve(c.uuidString) == .picked(c))
        #expect(p.resolve(c.uuidString.lowercased()) == .picked(c))
        #expect(p.resolve(UUID().uuidString) == .unknown, "an id that is not among the choices")
        #expect(p.resolve("library DAY") == .picked(c))
        #expect(p.resolve("Park walk") == .ambiguous(["Park walk — Youth Trust, 1 Jun 2026", "Park walk — Council, 9 Jun 2026"]))
    }

    @Test func theErrorNamesTheFieldAndWhatWasTypedAndNothingTypedIsNoError() throws {
        let p = PickerChoices(
            [(id: a, label: "Park walk — Youth Trust, 1 Jun 2026"), (id: b, label: "Park walk — Council, 9 Jun 2026")],
            aliases: [a: ["Park walk"], b: ["Park walk"]])
        guard case .failure(let unknown) = p.id("Atlantis <b>", field: "activity", fieldLabel: "Heard during", what: "activity") else {
            Issue.record("an unknown name must be an error"); return
        }
        #expect(unknown.field == "activity")
        #expect(unknown.message.hasPrefix("Heard during: no activity is called \"Atlantis <b>\""))
        guard case .failure(let ambiguous) = p.id("park walk", field: "activity", fieldLabel: "Heard during", what: "activity") else {
            Issue.record("a shared name must be an error"); return
        }
        #expect(ambiguous.message.contains("2 activity choices") && ambiguous.message.contains("\"Park walk — Council, 9 Jun 2026\""))
        #expect(try p.id(" ", field: "activity", fieldLabel: "Heard during", what: "activity").get() == nil)
        #expect(try p.id("PARK WALK — COUNCIL, 9 JUN 2026", field: "activity", fieldLabel: "Heard during", what: "activity").get() == b)
    }

    @Test func aRepeatedIdIsKeptOnceAndAnEmptyLabelFallsBackToTheId() {
        let p = PickerChoices([(id: a, label: "One"), (id: a, label: "Again"), (id: b, label: "   ")])
        #expect(p.items.count == 2)
        #expect(p.label(of: a) == "One" && p.label(of: b) == b.uuidString)
        #expect(p.contains(b) && !p.contains(c))
    }

    @Test func severalPickersOfOneFieldGiveTheIdsInOrderOrTheFirstError() throws {
        let p = PickerChoices([(id: a, label: "One"), (id: b, label: "Two"), (id: c, label: "Three")])
        #expect(
            try p.ids(["two", "", "One", "TWO ", c.uuidString], field: "activity_ids", fieldLabel: "Activities", what: "activity").get() == [b, a, c])
        guard case .failure(let e) = p.ids(["One", "Four", "Five"], field: "activity_ids", fieldLabel: "Activities", what: "activity") else {
            Issue.record("an unknown name must be an error"); return
        }
        #expect(e.field == "activity_ids" && e.message.contains("\"Four\""))
    }
}
