import Foundation
import Testing
@testable import ChorusCore

@Suite struct SurveyCSVLayoutTests {
    typealias Q = SurveyQuestion
    typealias L = SurveyCSVLayout

    /// One question of every kind, with a section text that is not numbered.
    let survey = SurveyDefinition(pages: [
        SurveyPage(
            id: "p1",
            questions: [
                Q(id: "intro", kind: .section, text: "About you"),
                Q(id: "name", kind: .shortText, text: "Your name"),
                Q(id: "why", kind: .longText, text: "Why?"),
                Q(id: "often", kind: .singleChoice, text: "How often?", options: ["Weekly", "Monthly"], allowOther: true),
                Q(id: "how", kind: .multipleChoice, text: "How do you travel?", options: ["Bus", "Train", "Bike"], allowOther: true),
                Q(id: "plain", kind: .singleChoice, text: "Plain", options: ["Yes", "No"]),
            ]),
        SurveyPage(
            id: "p2",
            questions: [
                Q(id: "rate", kind: .scale, text: "Rate it", options: ["1", "2", "3"]),
                Q(id: "rank", kind: .ranking, text: "Rank these", options: ["Parks", "Roads"]),
                Q(id: "age", kind: .number, text: "Age"),
                Q(id: "when", kind: .date, text: "When?"),
                Q(id: "grid", kind: .grid, text: "Rate transport", options: ["Good", "Poor"], rows: ["Buses", "Trains"]),
                Q(id: "ward", kind: .ward, text: "Your ward"),
                Q(id: "ok", kind: .agree, text: "I agree", options: ["agree"]),
                Q(id: "tick", kind: .multipleChoice, text: "Tick", options: ["A", "B"]),
            ]),
    ])

    @Test func everyKindHasItsDocumentedColumns() {
        let columns = L.columns(survey)
        #expect(
            columns.map(\.name) == [
                "Q1", "Q2", "Q3", "Q3_other", "Q4_1", "Q4_2", "Q4_3", "Q4_other", "Q5", "Q6", "Q7_1", "Q7_2", "Q8", "Q9", "Q10_r1", "Q10_r2",
                "Q11", "Q12", "Q13_1", "Q13_2",
            ])
        #expect(
            columns.map(\.question) == [
                "name", "why", "often", "often", "how", "how", "how", "how", "plain", "rate", "rank", "rank", "age", "when", "grid", "grid",
                "ward", "ok", "tick", "tick",
            ])
        #expect(columns[0].description == "Your name")
        #expect(columns[3].description == "How often? — Other (their words)")
        #expect(columns[5].description == "How do you travel? — Train")
        #expect(columns[11].description == "Rank these — rank of Roads")
        #expect(columns[15].description == "Rate transport — Trains")
        #expect(Set(columns.map(\.name)).count == columns.count)
    }

    @Test func aResponseFillsTheColumnsInOrder() {
        let answers: [String: [String]] = [
            "name": ["=SUM(A1)"], "why": ["Because\nof \"this\""], "often": [SurveyAnswers.otherValue], "often#other": ["Daily"],
            "how": ["Bus", "Bike", SurveyAnswers.otherValue], "how#other": ["Tram"], "plain": ["No"], "rate": ["3"], "rank": ["Roads", "Parks"],
            "age": ["42.5"], "when": ["2025-03-07"], "grid": ["", "Poor"], "ward": ["Aston"], "ok": ["agree"],
        ]
        #expect(
            L.row(survey, answers) == [
                "=SUM(A1)", "Because\nof \"this\"", SurveyAnswers.otherValue, "Daily", "1", "0", "1", "Tram", "No", "3", "2", "1", "42.5",
                "2025-03-07", "", "Poor", "Aston", "agree", "", "",
            ])
        // Answered without Other: its text column is empty, and a leftover other text is not exported.
        var listed = answers
        listed["how"] = ["Train"]
        listed["often"] = ["Weekly"]
        let row = L.row(survey, listed)
        #expect(Array(row[2...7]) == ["Weekly", "", "0", "1", "0", ""])
    }

    @Test func anEmptyResponseIsAllBlankCells() {
        let row = L.row(survey, [:])
        #expect(row.count == L.columns(survey).count)
        #expect(row.allSatisfy { $0.isEmpty })
    }

    @Test func columnsGrowWithOptionsNotWithCombinations() {
        for n in [1, 5, 20, 60] {
            let options = (1...n).map { "Option \($0)" }
            let s = SurveyDefinition(pages: [
                SurveyPage(
                    id: "p",
                    questions: [
                        Q(id: "m", kind: .multipleChoice, options: options, allowOther: true),
                        Q(id: "r", kind: .ranking, options: options),
                        Q(id: "g", kind: .grid, options: options, rows: options),
                        Q(id: "s", kind: .singleChoice, options: options),
                    ])
            ])
            #expect(L.columns(s).count == (n + 1) + n + n + 1)
            // Every option chosen still fills exactly those columns.
            let all = ["m": options, "r": options.reversed(), "g": options, "s": [options[0]]]
            #expect(L.row(s, all).count == L.columns(s).count)
        }
    }

    @Test func removingAQuestionFromTheMiddleRenumbersTheRest() {
        var s = survey
        s.pages[0].questions.removeAll { $0.id == "why" }
        let names = L.columns(s).map(\.name)
        #expect(names.prefix(4) == ["Q1", "Q2", "Q2_other", "Q3_1"])
        #expect(names.last == "Q12_2")
        #expect(L.columns(s).first { $0.question == "ok" }?.name == "Q11")
        // Numbers match the paper copy's.
        #expect(s.numbered.first { $0.question.id == "ok" }?.number == 11)
    }

    @Test func aGridAnsweredBeforeARowWasAddedLeavesItBlank() {
        var s = survey
        s.pages[1].questions[4].rows = ["Buses", "Trains", "Trams"]
        let row = L.row(s, ["grid": ["Good", "Poor"]])
        let at = L.columns(s).firstIndex { $0.name == "Q10_r1" }!
        #expect(Array(row[at...(at + 2)]) == ["Good", "Poor", ""])
    }
}
