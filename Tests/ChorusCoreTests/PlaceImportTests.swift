import Foundation
import Testing
@testable import ChorusCore

@Suite struct PlaceImportTests {
    @Test func acceptsAGoodFileWithParentsDefinedInIt() throws {
        let csv = "code,name,kind,parent_code,population\nE05000002,Child,ward,E09000001,1200\nE09000001,Borough,local_authority,,\n"
        let r = try PlaceImport.check(csv: csv, existingCodes: [])
        #expect(r.isClean)
        #expect(PlaceImport.parentFirst(r.valid).map(\.code) == ["E09000001", "E05000002"])
        #expect(r.valid.first?.population == 1200)
    }

    @Test func reportsEveryBadRowWithItsLineAndReasons() throws {
        let csv = """
            code,name,kind,parent_code,population
            E05000001,Good,ward,,100
            BAD,No code,ward,,
            E05000003,,ward,,lots
            E05000001,Duplicate,ward,,
            E05000009,Orphan,castle,E09999999,
            E05000010,Exists,ward,,
            """
        let r = try PlaceImport.check(csv: csv, existingCodes: ["E05000010"])
        #expect(r.valid.map(\.code) == ["E05000001"])
        #expect(r.rejected.map(\.line) == [3, 4, 5, 6, 7])
        #expect(r.rejected[1].errors.map(\.field) == ["name", "population"])
        #expect(r.rejected[2].errors.first?.message == "Code E05000001 is also on line 2")
        #expect(Set(r.rejected[3].errors.map(\.field)) == ["kind", "parent_code"])
        #expect(r.rejected[4].errors.first?.message == "Code E05000010 already exists")
    }

    @Test func missingColumnsAndEmptyFilesNameTheFile() {
        #expect(throws: FieldError.self) { try PlaceImport.check(csv: "name\nX\n", existingCodes: []) }
        #expect(throws: FieldError.self) { try PlaceImport.check(csv: "", existingCodes: []) }
        #expect(throws: FieldError.self) { try PlaceImport.check(csv: "code,name\n", existingCodes: []) }
    }
}

@Suite struct HierarchyTests {
    let tree = Hierarchy<Int>([
        .init(id: 1, name: "Environment & place", parent: nil), .init(id: 2, name: "Climate change", parent: 1),
        .init(id: 3, name: "Flooding", parent: 2), .init(id: 4, name: "Housing", parent: nil),
    ])

    @Test func pathsAndLabels() {
        #expect(tree.label(3) == "Environment & place › Climate change › Flooding")
        #expect(tree.ordered().map { "\($0.depth):\($0.entry.id)" } == ["0:1", "1:2", "2:3", "0:4"])
    }

    @Test func refusesCycles() {
        #expect(tree.wouldCreateCycle(id: 1, newParent: 3))
        #expect(tree.wouldCreateCycle(id: 2, newParent: 2))
        #expect(!tree.wouldCreateCycle(id: 4, newParent: 3))
        #expect(!tree.wouldCreateCycle(id: 3, newParent: nil))
    }
}

@Suite struct SignInThrottleTests {
    let t = SignInThrottle(window: 900, maxPerAccount: 5, maxPerAddress: 20)
    let now = Date(timeIntervalSince1970: 1_000_000)

    @Test func allowsBelowTheLimit() {
        let four = (1...4).map { now.addingTimeInterval(Double(-$0 * 10)) }
        #expect(t.decide(accountFailures: four, addressFailures: four, now: now) == .allowed)
    }

    @Test func locksAnAccountUntilTheOldestCountedFailureAgesOut() {
        let five = (0..<5).map { now.addingTimeInterval(Double(-100 - $0 * 60)) }  // oldest 340 s ago
        #expect(t.decide(accountFailures: five, addressFailures: [], now: now) == .locked(retryAfter: 900 - 340))
        #expect(t.decide(accountFailures: five, addressFailures: [], now: now.addingTimeInterval(561)) == .allowed)
    }

    @Test func locksAnAddressSprayingManyAccounts() {
        let twenty = (0..<20).map { now.addingTimeInterval(Double(-$0)) }
        if case .locked = t.decide(accountFailures: [], addressFailures: twenty, now: now) {} else { Issue.record("expected lock") }
    }

    @Test func ignoresOldFailures() {
        let old = (0..<10).map { now.addingTimeInterval(Double(-1000 - $0)) }
        #expect(t.decide(accountFailures: old, addressFailures: old, now: now) == .allowed)
    }
}
