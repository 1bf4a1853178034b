import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// The builder after the first draft: questions edited in place (their id and the conditions naming them kept, or
/// the broken ones named), moved up and down, and the survey translated, so residents who read Urdu answer in Urdu
/// and their answers count with everyone else's. Run on SQLite and, with DATABASE_URL, PostgreSQL.
@Suite(.serialized) struct SurveyBuilderHTTPTests {
    func stored(_ app: Application, _ id: UUID) async throws -> SurveyDefinition {
        let s = try #require(try await Survey.find(id, on: app.db))
        return try #require(SurveyService.decode(s.definition))
    }

    func order(_ d: SurveyDefinition) -> [[String]] { d.pages.map { $0.questions.map(\.id) } }

    @Test func editingAndMovingQuestionsKeepsConditionsOrNamesThoseItBreaks() async throws {
        try await TestApp.run { app, f in
            let id = try await Surveys.published(app, f)
            let staff = try await Surveys.officer(app, on: id)

            // The form comes filled in from the question.
            let form = try await staff.get(SiteURL.Surveys.question(id, "q3"))
            #expect(form.status == .ok)
            let html = form.body.string
            #expect(html.contains("Books\nComputers\nEvents"))
            #expect(html.contains("name=\"max_picks\"") && html.contains("value=\"2\""))
            #expect(try await staff.get(SiteURL.Surveys.question(id, "nope")).status == .notFound)

            // New wording keeps the id, so the skip that names q1 still works.
            let q1 = ["kind": "single_choice", "options": "Yes\nNo", "required": "true", "page": "p1"]
            let reworded = try await staff.post(SiteURL.Surveys.question(id, "q1"), q1.merging(["text": "Do you visit the library?"]) { $1 })
            #expect(reworded.status == .seeOther)
            var d = try await stored(app, id)
            #expect(d.questions.first?.text == "Do you visit the library?" && d.questions.first?.id == "q1")
            #expect(d.pages[0].skips.first?.when.question == "q1")

            // Renaming the answer the skip names is refused, naming the skip; nothing is half-saved.
            let broken = try await staff.post(
                SiteURL.Surveys.question(id, "q1"), q1.merging(["text": "Changed", "options": "Yes\nNot really"]) { $1 })
            #expect(broken.status == .badRequest)
            #expect(broken.body.string.contains("which is not an answer to question q1"))
            #expect(try await stored(app, id).questions.first?.text == "Do you visit the library?")

            // A limit that is not a number is named.
            let badLimit = try await staff.post(
                SiteURL.Surveys.question(id, "q3"),
                ["kind": "multiple_choice", "text": "Which?", "options": "Books\nComputers", "min_picks": "lots", "max_value": "x", "page": "p2"])
            #expect(badLimit.status == .badRequest)
            #expect(badLimit.body.string.contains("Fewest picks"))

            // Limits, scale ends and a condition set through the form.
            let q4 = try await staff.post(
                SiteURL.Surveys.question(id, "q4"),
                [
                    "kind": "scale", "text": "How good is it?", "options": "1\n2\n3", "low_label": "Awful", "high_label": "Great", "page": "p2",
                    "show_if_question": "q1", "show_if_test": "equals", "show_if_values": "Yes",
                ])
            #expect(q4.status == .seeOther)
            d = try await stored(app, id)
            let scale = try #require(d.questions.first { $0.id == "q4" })
            #expect(scale.lowLabel == "Awful" && scale.highLabel == "Great" && scale.options == ["1", "2", "3"])
            #expect(scale.showIf == SurveyCondition(question: "q1", test: .equals, values: ["Yes"]))

            // Moving: within a page, then past its top onto the page before, which a condition on that page refuses.
            #expect(try await staff.post(SiteURL.Surveys.moveQuestion(id, "q4"), ["direction": "up"]).status == .seeOther)
            #expect(order(try await stored(app, id)) == [["q1", "q2"], ["q4", "q3"], ["q5", "q6"]])
            let refused = try await staff.post(SiteURL.Surveys.moveQuestion(id, "q4"), ["direction": "up"])
            #expect(refused.status == .badRequest)
            #expect(refused.body.string.contains("which is not asked before it"))
            #expect(order(try await stored(app, id)) == [["q1", "q2"], ["q4", "q3"], ["q5", "q6"]])
            #expect(try await staff.post(SiteURL.Surveys.moveQuestion(id, "q2"), ["direction": "down"]).status == .seeOther)
            #expect(order(try await stored(app, id)) == [["q1"], ["q2", "q4", "q3"], ["q5", "q6"]])

            // Skip rules through the form: one that goes back is refused, naming it; one that goes forward is kept.
            let back = try await staff.post(
                SiteURL.Surveys.skips(id),
                ["skip_page": "p2", "skip_question": "q3", "skip_test": "includes", "skip_values": "Books", "skip_to": "p1"])
            #expect(back.status == .badRequest)
            #expect(back.body.string.contains("goes back to page p1"))
            let noValues = try await staff.post(SiteURL.Surveys.skips(id), ["skip_page": "p2", "skip_question": "q3", "skip_test": "includes"])
            #expect(noValues.status == .badRequest && noValues.body.string.contains("Enter the answers that make residents skip"))
            let forward = try await staff.post(
                SiteURL.Surveys.skips(id),
                ["skip_page": "p2", "skip_question": "q3", "skip_test": "includes", "skip_values": "Books", "skip_to": "end"])
            #expect(forward.status == .seeOther)
            d = try await stored(app, id)
            #expect(d.pages[1].skips == [SkipRule(when: SurveyCondition(question: "q3", test: .includes, values: ["Books"]), toPage: nil)])
            #expect(try await staff.post(SiteURL.Surveys.removeSkip(id, page: "p1", 1), [:]).status == .seeOther)
            #expect(try await stored(app, id).pages[0].skips.isEmpty)
            #expect(try await staff.post(SiteURL.Surveys.removeSkip(id, page: "p1", 1), [:]).status == .notFound)

            // Another organisation cannot edit it.
            let nhs = Browser(app)
            try await nhs.signIn("viewer@nhs.test")
            _ = try await nhs.get(SiteURL.Surveys.list)
            #expect(try await nhs.post(SiteURL.Surveys.moveQuestion(id, "q2"), ["direction": "up"]).status == .forbidden)
        }
    }

    /// The translation form's fields for every text, each translated by `translate` (nil: left empty).
    func translationForm(_ app: Application, _ id: UUID, _ translate: (SurveyTranslations.Text) -> String?) async throws -> [String: String] {
        let s = try #require(try await Survey.find(id, on: app.db))
        let d = try #require(SurveyService.decode(s.definition))
        var form: [String: String] = [:]
        for (i, t) in SurveyTranslations.texts(d, title: s.title, intro: s.intro).enumerated() {
            let field = SurveyService.translationField(i)
            form[field] = translate(t) ?? ""
            form[field + "-key"] = t.key
            form[field + "-source"] = t.source
        }
        return form
    }

    @Test func aTranslatedSurveyIsAnsweredInUrduAndCountsTheSame() async throws {
        try await TestApp.run { app, f in
            try await Surveys.ward(app)
            let id = try await Surveys.published(app, f)
            let staff = Browser(app)
            try await staff.signIn("officer@council.test")
            let page = try await staff.get(SiteURL.Surveys.translation(id, "ur"))
            #expect(page.status == .ok)
            #expect(page.body.string.contains("dir=\"rtl\" id=\"f-t1\" lang=\"ur\""), "the translator types right to left")
            #expect(try await staff.get(SiteURL.Surveys.translation(id, "en")).status == .notFound, "English is the wording itself")
            #expect(try await staff.get(SiteURL.Surveys.translation(id, "xx")).status == .notFound)

            // Half done: residents who read Urdu see the English, marked as English.
            let half = try await translationForm(app, id) { $0.key.hasPrefix("q/q6") ? nil : "اردو " + $0.source }
            #expect(try await staff.post(SiteURL.Surveys.translation(id, "ur"), half).status == .seeOther)
            let resident = Browser(app)
            _ = try await resident.get(SiteURL.language("ur", back: "/"))
            let englishStart = try await resident.get(SiteURL.Surveys.start(id)).body.string
            #expect(englishStart.contains("<span dir=\"ltr\" lang=\"en\">Library survey</span>"))
            #expect(englishStart.contains("یہ سروے صرف English میں"))

            // Two answers with the same wording are refused, naming the text; nothing is half-saved.
            var clash = try await translationForm(app, id) { "اردو " + $0.source }
            let noField = try #require(clash.first { $0.key.hasSuffix("-key") && $0.value == "q/q1/option/No" }?.key.dropLast(4))
            let yesField = try #require(clash.first { $0.key.hasSuffix("-key") && $0.value == "q/q1/option/Yes" }?.key.dropLast(4))
            clash[String(noField)] = clash[String(yesField)]
            let refused = try await staff.post(SiteURL.Surveys.translation(id, "ur"), clash)
            #expect(refused.status == .badRequest)
            #expect(refused.body.string.contains("each answer needs its own wording"))
            #expect(refused.body.string.contains("href=\"#\(Form.fieldID(String(noField)))\""))

            // Complete, with hostile text in the title: residents who read Urdu answer in Urdu.
            let full = try await translationForm(app, id) { $0.key == "title" ? "سروے \"'<>" : "اردو " + $0.source }
            #expect(try await staff.post(SiteURL.Surveys.translation(id, "ur"), full).status == .seeOther)
            let start = try await resident.get(SiteURL.Surveys.start(id)).body.string
            #expect(start.contains("سروے &quot;&#39;&lt;&gt;") || start.contains("سروے \"'&lt;&gt;"))
            #expect(!start.contains("یہ سروے صرف"))
            // Its title is Urdu where residents find it: the front door and the activity's page.
            #expect(try await resident.get("/").body.string.contains("سروے \"'&lt;&gt;</a>"))
            let activity = try #require(try await Survey.find(id, on: app.db)).activityID
            #expect(try await resident.get(SiteURL.Register.publicActivity(activity)).body.string.contains("سروے \"'&lt;&gt;"))
            #expect(try await Browser(app).get("/").body.string.contains(">Library survey</a>"), "English readers get the English")
            _ = try await resident.post(SiteURL.Surveys.begin(id), [:])
            let p1 = try await resident.get(SiteURL.Surveys.page(id, 1)).body.string
            #expect(p1.contains("اردو Do you use the library?"))
            #expect(p1.contains("value=\"No\"") && p1.contains("اردو No"), "the value stays, the wording is Urdu")
            #expect(p1.contains("value=\"language:en\""), "a switch that keeps the answers")
            #expect(try await resident.post(SiteURL.Surveys.page(id, 1), ["q-q1": "No", "action": "next"]).status == .seeOther)

            // Switching language on a page keeps what was typed there.
            let switched = try await resident.post(SiteURL.Surveys.page(id, 3), ["q-q5": "HS1 2AB", "q-q6": "4", "action": "language:en"])
            #expect(switched.headers.first(name: .location) == SiteURL.Surveys.page(id, 3))
            #expect(switched.headers[.setCookie].contains { $0.hasPrefix("chorus_lang=en") })
            let english = try await resident.get(SiteURL.Surveys.page(id, 3)).body.string
            #expect(english.contains("How many people live in your home?") && english.contains("value=\"4\""))
            _ = try await resident.get(SiteURL.language("ur", back: "/"))
            let check = try await resident.get(SiteURL.Surveys.check(id)).body.string
            #expect(check.contains("اردو No"), "check your answers in Urdu")
            _ = try await resident.post(SiteURL.Surveys.check(id), [:])
            let r = try #require(try await SurveyResponse.query(on: app.db).filter(\.$surveyID == id).filter(\.$status == "submitted").first())
            #expect(SurveyResponseService.decode(r.answers)["q1"] == ["No"], "stored as the option, whatever the language")

            // The English changes: the Urdu is out of date and residents get the English until it is checked.
            _ = try await staff.get(SiteURL.Surveys.survey(id))
            _ = try await staff.post(
                SiteURL.Surveys.question(id, "q1"),
                ["kind": "single_choice", "text": "Have you used the library this year?", "options": "Yes\nNo", "required": "true", "page": "p1"])
            let overview = try await staff.get(SiteURL.Surveys.survey(id)).body.string
            #expect(overview.contains("1 out of date"))
            #expect(try await staff.get(SiteURL.Surveys.translation(id, "ur")).body.string.contains("The English has changed"))
            #expect(try await Browser(app).get(SiteURL.Surveys.start(id)).body.string.contains("Library survey"))
            let urduReader = Browser(app)
            _ = try await urduReader.get(SiteURL.language("ur", back: "/"))
            #expect(try await urduReader.get(SiteURL.Surveys.start(id)).body.string.contains("یہ سروے صرف"))

            // Each save is in the audit trail with how far the language got.
            let audits = try await AuditEvent.query(on: app.db).filter(\.$entity == "survey").all()
            #expect(audits.contains { $0.after?.contains("translation_ur") == true })
        }
    }

    /// The thread from a survey to its themes: written answers keyed in, analysed from the results page's button,
    /// and the results page shows the analysis's themes with a link to it.
    @Test func theResultsShowTheThemesOfTheWrittenAnswers() async throws {
        try await TestApp.run { app, f in
            let id = try await Surveys.published(app, f)
            let staff = Browser(app)
            try await staff.signIn("officer@council.test")
            _ = try await staff.get(SiteURL.Surveys.keyIn(id))
            for text in AnalysisHTTPTests.buses + AnalysisHTTPTests.parks {
                let sent = try await staff.post(SiteURL.Surveys.keyIn(id), ["channel": "paper", "q-q1": "Yes", "q-q2": text])
                #expect(sent.status == .seeOther)
            }
            let before = try await staff.get(SiteURL.Surveys.results(id)).body.string
            #expect(before.contains("No finished analysis of this activity"))
            let form = try #require(HTMLForms.forms(in: before).first { $0.method == "post" && $0.action == SiteURL.Analysis.create })
            let fields = Dictionary(form.fixed, uniquingKeysWith: { a, _ in a })
            let started = try await staff.post(SiteURL.Analysis.create, fields)
            #expect(started.status == .seeOther)
            let runID = try #require(started.headers.first(name: .location).flatMap { UUID(uuidString: String($0.split(separator: "/").last ?? "")) })
            let run = try await AnalysisHTTPTests().wait(app, runID)
            #expect(run.statusValue == .done && run.insightCount == AnalysisHTTPTests.buses.count + AnalysisHTTPTests.parks.count)

            let after = try await staff.get(SiteURL.Surveys.results(id)).body.string
            #expect(after.contains("href=\"\(SiteURL.Analysis.run(runID))\""))
            #expect(after.contains("Kind: Survey answer") || after.contains("Kind: survey answer"))
            let themes = try await DiscoveredTheme.query(on: app.db).filter(\.$run.$id == runID).all()
            #expect(!themes.isEmpty)
            for t in themes { #expect(after.contains(HTMLEscape.text(t.displayLabel))) }
            #expect(after.contains("Analyse the written answers again"))
        }
    }
}
