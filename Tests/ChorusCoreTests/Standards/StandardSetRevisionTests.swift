import Foundation
import Testing
import ChorusCore

@Suite struct StandardSetRevisionTests {
    let set = StandardSet(
        version: 3,
        standards: [
            QualityStandard(
                key: "inclusion", title: "Inclusion", summary: "Reach everyone.", indicators: ["We know who is missing"], emerging: "e",
                aspiring: "a", established: "s"),
            QualityStandard(
                key: "impact", title: "Impact", summary: "Make a difference.", indicators: ["Decisions trace back"], emerging: "e", aspiring: "a",
                established: "s"),
        ])

    func draft(_ title: String? = "Inclusion", indicators: String? = "We know who is missing\n\n  Second one  ") -> StandardSetRevision.Draft {
        .init(title: title, summary: "Reach everyone.", indicators: indicators, emerging: "e", aspiring: "a", established: "s")
    }

    @Test func aChangedWordingMakesTheNextVersionAndKeepsTheKey() throws {
        let s = try StandardSetRevision.read(draft(), key: "inclusion", in: set).get()
        #expect(s.key == "inclusion")
        #expect(s.indicators == ["We know who is missing", "Second one"])
        let next = try #require(StandardSetRevision.revise(set, with: s))
        #expect(next.version == 4)
        #expect(next.standard("inclusion")?.indicators.count == 2)
        // The old version is untouched: assessments made against it keep their wording.
        #expect(set.standard("inclusion")?.indicators == ["We know who is missing"])
        #expect(next.keys == set.keys)
    }

    @Test func savingWithoutAChangeMakesNoVersion() throws {
        let s = try StandardSetRevision.read(draft(indicators: "We know who is missing"), key: "inclusion", in: set).get()
        #expect(StandardSetRevision.revise(set, with: s) == nil)
    }

    @Test func aNewStandardGetsAKeyFromItsTitleAndGoesLast() throws {
        let s = try StandardSetRevision.read(draft("Support & access"), key: nil, in: set).get()
        #expect(s.key == "support-access")
        let next = try #require(StandardSetRevision.revise(set, with: s))
        #expect(next.keys == ["inclusion", "impact", "support-access"])
    }

    @Test func keysAreSlugsAndNeverCollide() {
        #expect(StandardSetRevision.newKey(title: "Working  together!", existing: []) == "working-together")
        #expect(StandardSetRevision.newKey(title: "Impact", existing: ["impact", "impact-2"]) == "impact-3")
        #expect(StandardSetRevision.newKey(title: "حصہ", existing: []) == "standard")
        #expect(StandardSetRevision.newKey(title: "Équité", existing: []) == "equite")
    }

    @Test func badInputIsNamedByField() {
        guard
            case .failure(let f) = StandardSetRevision.read(
                .init(title: "", summary: nil, indicators: " \n ", emerging: "e", aspiring: "a", established: "s"), key: "nope", in: set)
        else { Issue.record("expected failure"); return }
        #expect(Set(f.errors.map(\.field)) == ["title", "summary", "indicators", "key"])
        guard case .failure(let dup) = StandardSetRevision.read(draft("impact"), key: nil, in: set) else { Issue.record("duplicate title"); return }
        #expect(dup.message(for: "title") == "There is already a standard called impact")
        let tooMany = (1...9).map { "Indicator \($0)" }.joined(separator: "\n")
        guard case .failure(let many) = StandardSetRevision.read(draft(indicators: tooMany), key: "inclusion", in: set) else {
            Issue.record("too many"); return
        }
        #expect(many.message(for: "indicators") == "Enter at most 8 indicators")
    }

    @Test func retiringKeepsAtLeastOneStandard() throws {
        let next = try #require(StandardSetRevision.retire(set, key: "impact"))
        #expect(next.version == 4 && next.keys == ["inclusion"])
        #expect(StandardSetRevision.retire(next, key: "inclusion") == nil)
        #expect(StandardSetRevision.retire(set, key: "nope") == nil)
    }
}
