import Testing
@testable import ChorusCore

/// Results counts: per answer in the survey's order with "Other" last, grids by row, rankings by mean rank, and the
/// same whether responses are counted all at once or one at a time (the results page adds new ones to its tally).
struct SurveyTallyTests {
    let survey = SurveyDefinition(pages: [
        SurveyPage(
            id: "p1",
            questions: [
                SurveyQuestion(id: "intro", kind: .section, text: "About the park"),
                SurveyQuestion(
                    id: "use", kind: .multipleChoice, text: "What do you use?", options: ["Paths", "Play area", "Cafe"], allowOther: true),
                SurveyQuestion(id: "rank", kind: .ranking, text: "Rank these", options: ["Trees", "Bins", "Lights"]),
                SurveyQuestion(id: "rate", kind: .grid, text: "Rate", options: ["Poor", "Good"], rows: ["Cleanliness", "Safety"]),
                SurveyQuestion(id: "age", kind: .number, text: "How old are you?"),
                SurveyQuestion(id: "where", kind: .ward, text: "Your ward"),
            ])
    ])

    let responses: [[String: [String]]] = [
        ["use": ["Paths", "Cafe"], "rank": ["Trees", "Bins", "Lights"], "rate": ["Good", "Poor"], "age": ["30"], "where": ["Harbour"]],
        ["use": ["Paths", SurveyAnswers.otherValue], "use#other": ["Dog walking"], "rank": ["Lights", "Trees", "Bins"], "age": ["50"]],
        ["use": ["Not an option"], "rank": ["Trees", "Bins"], "rate": ["Good", "Good"], "age": ["40"], "where": ["Harbour"]],
        [:],
    ]

    @Test func countsEachAnswerInTheSurveysOrder() throws {
        let t = SurveyTally(survey, responses)
        #expect(t.responses == 4)
        let q = t.questions
        #expect(q.map(\.number) == [1, 2, 3, 4, 5], "the section is not numbered")
        #expect(q[0].answered == 3)
        #expect(q[0].counts.map(\.value) == ["Paths", "Play area", "Cafe", SurveyAnswers.otherValue])
        #expect(q[0].counts.map(\.count) == [2, 0, 1, 1], "an answer that is not an option is not counted")
        // Rankings: only complete ones count. Trees 1 and 2 → 1.5; Bins 2 and 3 → 2.5; Lights 3 and 1 → 2.
        #expect(q[1].meanRanks.map(\.option) == ["Trees", "Lights", "Bins"])
        #expect(q[1].meanRanks.map(\.mean) == [1.5, 2.0, 2.5])
        #expect(q[2].rows.map(\.row) == ["Cleanliness", "Safety"])
        #expect(q[2].rows.map { $0.counts.map(\.count) } == [[0, 2], [1, 1]])
        #expect(q[3].numbers == [30, 40, 50] && q[3].median == 40)
        #expect(q[4].counts == [SurveyTally.Count(value: "Harbour", count: 2)])
    }

    @Test func addingOneAtATimeGivesTheSameTally() {
        var oneByOne = SurveyTally(survey)
        for r in responses { oneByOne.add(r) }
        let atOnce = SurveyTally(survey, responses)
        #expect(oneByOne.responses == atOnce.responses)
        for (a, b) in zip(oneByOne.questions, atOnce.questions) {
            #expect(a.answered == b.answered && a.counts == b.counts && a.numbers == b.numbers)
            #expect(a.meanRanks.map(\.mean) == b.meanRanks.map(\.mean) && a.rows.map(\.counts) == b.rows.map(\.counts))
        }
    }
}
