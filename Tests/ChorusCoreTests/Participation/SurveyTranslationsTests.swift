import Foundation
import Testing
@testable import ChorusCore

/// A survey in another language: every text a resident reads has a key, a language is shown only when all of them
/// are translated from the current wording, and option values (what answers, conditions and exports hold) never change.
struct SurveyTranslationsTests {
    let survey = SurveyDefinition(pages: [
        SurveyPage(
            id: "p1", title: "About the park",
            questions: [
                SurveyQuestion(id: "use", kind: .singleChoice, text: "Do you use the park?", hint: "Pick one", options: ["Yes", "No"]),
                SurveyQuestion(id: "rate", kind: .scale, text: "How good is it?", options: ["1", "2", "3"], lowLabel: "Poor", highLabel: "Good"),
                SurveyQuestion(id: "ok", kind: .agree, text: "I have read the notes"),
            ]),
        SurveyPage(
            id: "p2",
            questions: [
                SurveyQuestion(
                    id: "why", kind: .longText, text: "Why not?", info: "Background\nfacts",
                    showIf: .init(question: "use", test: .equals, values: ["No"])),
                SurveyQuestion(id: "grid", kind: .grid, text: "Rate these", options: ["Bad", "Fine"], rows: ["Paths", "Bins"]),
            ]),
    ])

    func texts() -> [SurveyTranslations.Text] { SurveyTranslations.texts(survey, title: "Park survey", intro: "Tell us") }

    /// Urdu for every text.
    func allUrdu() -> [String: String] { Dictionary(uniqueKeysWithValues: texts().map { ($0.key, "ur:" + $0.source) }) }

    @Test func listsEveryTextAResidentReadsInOrder() {
        let keys = texts().map(\.key)
        #expect(
            keys == [
                "title", "intro", "page/p1", "q/use/text", "q/use/hint", "q/use/option/Yes", "q/use/option/No", "q/rate/text", "q/rate/low",
                "q/rate/high", "q/rate/option/1", "q/rate/option/2", "q/rate/option/3", "q/ok/text", "q/why/text", "q/why/info", "q/grid/text",
                "q/grid/option/Bad", "q/grid/option/Fine", "q/grid/row/1", "q/grid/row/2",
            ])
        #expect(texts().first { $0.key == "q/why/info" }?.multiline == true)
        #expect(texts().first { $0.key == "q/use/text" }?.label == "Question 1: question")
    }

    @Test func aLanguageIsShownOnlyWhenEveryTextIsTranslated() {
        var partial = allUrdu()
        partial["q/grid/row/2"] = ""
        let d1 = SurveyTranslations.setting(survey, language: "ur", entries: partial, sources: [:], texts: texts())
        let p1 = SurveyTranslations.progress(d1, title: "Park survey", intro: "Tell us", language: "ur")
        #expect(p1.total == 21 && p1.current == 20 && p1.missing == 1 && !p1.complete)
        #expect(SurveyTranslations.translated(d1, title: "Park survey", intro: "Tell us", to: "ur") == nil)

        let d2 = SurveyTranslations.setting(survey, language: "ur", entries: allUrdu(), sources: [:], texts: texts())
        let shown = SurveyTranslations.translated(d2, title: "Park survey", intro: "Tell us", to: "ur")
        #expect(shown?.title == "ur:Park survey" && shown?.intro == "ur:Tell us")
        let qs = shown?.definition.questions ?? []
        #expect(shown?.definition.pages[0].title == "ur:About the park")
        #expect(qs[0].text == "ur:Do you use the park?" && qs[0].hint == "ur:Pick one")
        #expect(qs[0].options == ["Yes", "No"], "option values stay as written: answers and conditions hold them")
        #expect(qs[0].label("No") == "ur:No")
        #expect(qs[1].lowLabel == "ur:Poor" && qs[1].label("2") == "ur:2")
        #expect(qs[2].labels == nil, "agree reads the interface's own \"I agree\"")
        #expect(qs[3].showIf == survey.questions[3].showIf && qs[3].info == "ur:Background\nfacts")
        #expect(qs[4].rows == ["ur:Paths", "ur:Bins"])
        #expect(shown?.definition.translations == nil)
        #expect(SurveyTranslations.translated(d2, title: "Park survey", intro: "Tell us", to: "pl") == nil)
    }

    @Test func aChangedWordingPutsItsTranslationOutOfDate() {
        var d = SurveyTranslations.setting(survey, language: "ur", entries: allUrdu(), sources: [:], texts: texts())
        d.pages[0].questions[0].text = "Do you visit the park?"
        let p = SurveyTranslations.progress(d, title: "Park survey", intro: "Tell us", language: "ur")
        #expect(p.outOfDate == 1 && !p.complete)
        #expect(SurveyTranslations.translated(d, title: "Park survey", intro: "Tell us", to: "ur") == nil, "an old meaning is never shown")
        // A translator who saw the old wording (sent back as the source) leaves it out of date.
        let texts = SurveyTranslations.texts(d, title: "Park survey", intro: "Tell us")
        let stale = SurveyTranslations.setting(
            d, language: "ur", entries: allUrdu(), sources: ["q/use/text": "Do you use the park?"], texts: texts)
        #expect(SurveyTranslations.progress(stale, title: "Park survey", intro: "Tell us", language: "ur").outOfDate == 1)
        // The survey's own title counts too.
        let current = SurveyTranslations.setting(d, language: "ur", entries: allUrdu(), sources: [:], texts: texts)
        #expect(SurveyTranslations.progress(current, title: "Park survey", intro: "Tell us", language: "ur").complete)
        #expect(SurveyTranslations.progress(current, title: "Parks survey", intro: "Tell us", language: "ur").outOfDate == 1)
    }

    @Test func savingDropsTextsThatAreGoneAndLeavesOtherLanguages() {
        var entries = allUrdu()
        entries["q/removed/text"] = "left over"
        entries["q/use/hint"] = "   "
        let d = SurveyTranslations.setting(survey, language: "ur", entries: entries, sources: [:], texts: texts())
        let withPolish = SurveyTranslations.setting(d, language: "pl", entries: ["title": "Ankieta"], sources: [:], texts: texts())
        #expect(withPolish.translations?["ur"]?["q/removed/text"] == nil)
        #expect(withPolish.translations?["ur"]?["q/use/hint"] == nil, "blank is not translated")
        #expect(withPolish.translations?["ur"]?.count == 20)
        #expect(withPolish.translations?["pl"]?["title"] == SurveyTranslatedText(source: "Park survey", text: "Ankieta"))
        let cleared = SurveyTranslations.setting(withPolish, language: "pl", entries: [:], sources: [:], texts: texts())
        #expect(cleared.translations?.keys.sorted() == ["ur"])
    }

    @Test func namesTextsThatDoNotFit() {
        var entries = allUrdu()
        entries["q/use/text"] = "two\nlines"
        entries["q/why/info"] = "may\nhave lines"
        entries["q/use/option/No"] = "ur:Yes"
        entries["title"] = String(repeating: "x", count: 201)
        let found = SurveyTranslations.problems(entries, texts: texts())
        #expect(found.map(\.key) == ["title", "q/use/text", "q/use/option/No"])
        #expect(found[1].message == "Question 1: question must be on one line.")
        #expect(found[2].message.contains("each answer needs its own wording"))
        #expect(found[0].message.contains("200 characters"))
    }

    @Test func anImportedTranslationIsCheckedLikeTheRest() {
        var d = survey
        d.translations = ["u r": ["title": .init(source: "x", text: "bad\u{7}")]]
        let found = SurveyContent.problems(d)
        #expect(found.contains { $0.contains("language code") })
        #expect(found.contains { $0.contains("control characters") })
    }

    @Test func theCheckPageShowsAnswersInTheResidentsLanguage() throws {
        let d = SurveyTranslations.setting(survey, language: "ur", entries: allUrdu(), sources: [:], texts: texts())
        let shown = try #require(SurveyTranslations.translated(d, title: "Park survey", intro: "Tell us", to: "ur"))
        let qs = shown.definition.questions
        #expect(SurveyAnswers.summary(qs[0], ["use": ["No"]]) == ["ur:No"])
        #expect(SurveyAnswers.summary(qs[1], ["rate": ["1"]]) == ["ur:1 (ur:Poor)"])
        #expect(SurveyAnswers.summary(qs[4], ["grid": ["Fine", "Bad"]]) == ["ur:Paths: ur:Fine", "ur:Bins: ur:Bad"])
    }

    @Test func aStoredDefinitionNeverCarriesLabels() throws {
        var q = survey.questions[0]
        q.labels = ["Yes": "Haan"]
        let json = try JSONEncoder().encode(SurveyDefinition(pages: [SurveyPage(id: "p1", questions: [q])]))
        let back = try JSONDecoder().decode(SurveyDefinition.self, from: json)
        #expect(back.questions[0].labels == nil, "labels are shown, never read back")
    }
}
