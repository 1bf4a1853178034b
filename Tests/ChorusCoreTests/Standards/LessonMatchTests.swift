import Foundation
import Testing
import ChorusCore

@Suite struct LessonMatchTests {
    let parks = UUID(), buses = UUID(), young = UUID(), older = UUID()
    let day = Day(iso: "2026-10-01")!

    func traits(_ themes: [UUID], _ methods: [String], _ audiences: [UUID] = []) -> LessonMatch.Traits {
        .init(themes: Set(themes), methods: Set(methods), audiences: Set(audiences))
    }

    @Test func themesOutweighMethodsWhichOutweighAudiences() {
        let target = traits([parks], ["survey", "drop_in"], [young])
        #expect(LessonMatch.score(target, traits([parks], [])) == 3)
        #expect(LessonMatch.score(target, traits([], ["survey"])) == 2)
        #expect(LessonMatch.score(target, traits([parks], ["survey", "drop_in"], [young])) == 8)
        // An audience alone does not make two activities alike.
        #expect(LessonMatch.score(target, traits([buses], ["workshop"], [young])) == 0)
    }

    @Test func theMostAlikeComeFirstNeverTheActivityItselfAndTiesByTheNewerEvaluation() {
        let target = traits([parks], ["survey"], [young])
        let me = UUID(), a = UUID(), b = UUID(), c = UUID(), d = UUID()
        let candidates: [LessonMatch.Candidate] = [
            .init(id: me, traits: target, evaluatedOn: day),
            .init(id: a, traits: traits([], ["survey"]), evaluatedOn: day),
            .init(id: b, traits: traits([parks], ["survey"], [young]), evaluatedOn: day),
            .init(id: c, traits: traits([parks], []), evaluatedOn: day.adding(days: -10)),
            .init(id: d, traits: traits([parks], [], [older]), evaluatedOn: day),
        ]
        #expect(LessonMatch.similar(to: target, excluding: me, among: candidates, limit: 3) == [b, d, c])
        #expect(LessonMatch.similar(to: target, excluding: me, among: candidates, limit: 10) == [b, d, c, a])
        #expect(LessonMatch.similar(to: traits([buses], ["workshop"]), excluding: nil, among: candidates, limit: 3).isEmpty)
    }
}
