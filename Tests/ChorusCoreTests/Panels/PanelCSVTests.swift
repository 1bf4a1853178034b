import Testing
@testable import ChorusCore

@Suite struct PanelCSVTests {
    static let categories = "category,feature,min,max\ngender,female,1,2\ngender,male,1,2\nage,young,0,2\nage,old,1,3\n"

    @Test func readsQuotasAndRespondentsWithRowNumbersAsIDs() throws {
        let problem = try PanelCSV.problem(
            categories: Self.categories, respondents: "Gender,age,notes\nfemale,young,x\n male ,old,\nfemale,old,\n", panelSize: 2)
        #expect(problem.quotas.count == 4)
        #expect(problem.quotas[3] == PanelQuota(category: "age", feature: "old", min: 1, max: 3))
        #expect(problem.volunteers.map(\.id) == ["1", "2", "3"])
        #expect(problem.volunteers[1].features == ["gender": "male", "age": "old"])
        #expect(problem.volunteers.allSatisfy { $0.household == nil })
    }

    @Test func readsIDAndHouseholdColumns() throws {
        let problem = try PanelCSV.problem(
            categories: Self.categories, respondents: "id,household,gender,age\na7,h1,female,young\nb9,h1,male,old\n",
            panelSize: 1, keepHouseholdsApart: true)
        #expect(problem.volunteers.map(\.id) == ["a7", "b9"])
        #expect(problem.volunteers.map(\.household) == ["h1", "h1"])
        #expect(problem.keepHouseholdsApart)
    }

    @Test func maxBelowMinNamesFileRowAndColumn() {
        let text = "category,feature,min,max\ngender,female,1,2\ngender,male,1,2\nage,young,5,3\n"
        #expect(throws: PanelCSV.Error(file: "categories.csv", row: 4, column: "max", message: "max (3) is below min (5)")) {
            try PanelCSV.quotas(text)
        }
        do { _ = try PanelCSV.quotas(text) } catch { #expect(error.description == "categories.csv row 4 column max: max (3) is below min (5)") }
    }

    @Test func badNumbersAndMissingColumnsAreNamed() {
        #expect(throws: PanelCSV.Error(file: "categories.csv", row: 2, column: "min", message: "min (two) is not a whole number ≥ 0")) {
            try PanelCSV.quotas("category,feature,min,max\ngender,female,two,2\n")
        }
        #expect(throws: PanelCSV.Error(file: "categories.csv", row: 1, column: "max", message: "the header has no max column")) {
            try PanelCSV.quotas("category,feature,min\n")
        }
        #expect(throws: PanelCSV.Error(file: "categories.csv", message: "the file is empty")) { try PanelCSV.quotas("") }
    }

    @Test func respondentErrorsNameFileRowAndColumn() throws {
        let quotas = try PanelCSV.quotas(Self.categories)
        #expect(
            throws: PanelCSV.Error(file: "respondents.csv", row: 3, column: "age", message: "middle is not a feature of age in categories.csv")
        ) {
            try PanelCSV.volunteers("gender,age\nfemale,young\nmale,middle\n", quotas: quotas)
        }
        #expect(throws: PanelCSV.Error(file: "respondents.csv", row: 2, column: "gender", message: "no answer for gender")) {
            try PanelCSV.volunteers("gender,age\n,young\n", quotas: quotas)
        }
        #expect(
            throws: PanelCSV.Error(file: "respondents.csv", row: 1, column: "age", message: "the header has no column for the category age")
        ) {
            try PanelCSV.volunteers("gender\nfemale\n", quotas: quotas)
        }
        #expect(throws: PanelCSV.Error(file: "respondents.csv", row: 3, column: "id", message: "id a is used twice (also row 2)")) {
            try PanelCSV.volunteers("id,gender,age\na,female,young\na,male,old\n", quotas: quotas)
        }
        #expect(throws: PanelCSV.Error(file: "respondents.csv", row: 2, message: "a quoted field is never closed")) {
            try PanelCSV.volunteers("gender,age\n\"female,young\n", quotas: quotas)
        }
    }
}
