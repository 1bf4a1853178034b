import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// Residents answer a survey one page at a time without script, save and come back with a code, submit once; the
/// free-text answers become insights of the activity; staff build, publish, close, read results and export. Run on
/// SQLite and, with DATABASE_URL, PostgreSQL.
@Suite(.serialized) struct SurveyHTTPTests {
    @Test func aResidentAnswersSkipsSavesResumesAndSubmits() async throws {
        try await TestApp.run { app, f in
            try await Surveys.ward(app)
            let id = try await Surveys.published(app, f)
            let survey = try #require(try await Survey.find(id, on: app.db))
            #expect(survey.status == "open")

            // The activity's public page links to the survey.
            let activityPage = try await Browser(app).get(SiteURL.Register.publicActivity(survey.activityID)).body.string
            #expect(activityPage.contains(SiteURL.Surveys.start(id)))
            // And the residents' front door lists it under "Have your say".
            let home = try await Browser(app).get("/").body.string
            #expect(home.contains("Have your say") && home.contains(SiteURL.Surveys.start(id)))

            let b = Browser(app)
            let start = try await b.get(SiteURL.Surveys.start(id))
            #expect(start.status == .ok)
            #expect(start.body.string.contains("Tell us what you think."))
            // A script that fills the hidden field starts nothing.
            let bot = try await b.post(SiteURL.Surveys.begin(id), ["website": "http://spam.example"])
            #expect(bot.status == .badRequest && bot.body.string.contains("Press the button again"))
            #expect(try await SurveyResponse.query(on: app.db).filter(\.$surveyID == id).count() == 0)
            let begun = try await b.post(SiteURL.Surveys.begin(id), [:])
            #expect(begun.headers.first(name: .location) == SiteURL.Surveys.page(id, 1))

            // Page 1: the required question left out is named, linked and nothing is saved.
            let page1 = try await b.get(SiteURL.Surveys.page(id, 1))
            #expect(page1.body.string.contains("Page 1 of 3"))
            let missing = try await b.post(SiteURL.Surveys.page(id, 1), ["q-q2": "Longer hours <b>please</b>", "action": "next"])
            #expect(missing.status == .badRequest)
            #expect(missing.body.string.contains("href=\"#f-q-q1\""))
            #expect(missing.body.string.contains("Answer this question"))
            #expect(missing.body.string.contains("Longer hours &lt;b&gt;please&lt;/b&gt;"), "what was typed is shown again, escaped")

            // "No" skips page 2.
            let next = try await b.post(
                SiteURL.Surveys.page(id, 1), ["q-q1": "No", "q-q2": "=HYPERLINK(\"http://x\") open on Sundays", "action": "next"])
            #expect(next.headers.first(name: .location) == SiteURL.Surveys.page(id, 3))
            let page3 = try await b.get(SiteURL.Surveys.page(id, 3))
            #expect(page3.body.string.contains("Page 2 of 2"))
            #expect(page3.body.string.contains("href=\"/have-your-say/\(id.uuidString)/page/1\""), "back goes to the page before on this path")
            let badNumber = try await b.post(SiteURL.Surveys.page(id, 3), ["q-q5": "HS1 2AB", "q-q6": "99", "action": "next"])
            #expect(badNumber.status == .badRequest)
            #expect(badNumber.body.string.contains("Enter a number from 1 to 20"))

            // Save and come back later: a code, then a new browser resumes with it.
            let saved = try await b.post(SiteURL.Surveys.page(id, 3), ["q-q5": "HS1 2AB", "q-q6": "3", "action": "save"])
            #expect(saved.status == .ok)
            let html = saved.body.string
            let codeStart = try #require(html.range(of: "id=\"resume-code\">"))
            let code = String(html[codeStart.upperBound...].prefix { $0 != "<" })
            #expect(SurveyCodes.normaliseResumeCode(code) == code)

            let other = Browser(app)
            _ = try await other.get(SiteURL.Surveys.resume(id))
            let wrong = try await other.post(SiteURL.Surveys.resume(id), ["code": "AAAAA-AAAAA"])
            #expect(wrong.status == .badRequest)
            #expect(wrong.body.string.contains("not right for this survey"))
            // A script that forges the form's stamp is refused even with the right code, and the code still works.
            let forged = try await other.post(SiteURL.Surveys.resume(id), ["code": code, BotGuard.stampField: "1.forged"])
            #expect(forged.status == .badRequest && forged.body.string.contains("Check the code and send it again"))
            let resumed = try await other.post(SiteURL.Surveys.resume(id), ["code": code.lowercased()])
            #expect(resumed.headers.first(name: .location) == SiteURL.Surveys.check(id))
            let check = try await other.get(SiteURL.Surveys.check(id))
            #expect(check.body.string.contains("Harbour"), "the ward found from the postcode")
            #expect(!check.body.string.contains("Which services"), "the skipped page's questions are not listed")
            let sent = try await other.post(SiteURL.Surveys.check(id), [:])
            let done = try #require(sent.headers.first(name: .location))
            #expect(done.hasPrefix(SiteURL.Surveys.done(id, reference: "")))
            let donePage = try await other.get(done).body.string
            #expect(donePage.contains("your answers have been sent"))

            let responses = try await SurveyResponse.query(on: app.db).filter(\.$surveyID == id).all()
            #expect(responses.count == 1)
            let r = try #require(responses.first)
            #expect(r.status == "submitted" && r.resumeHash == nil && r.draftHash == nil)
            #expect(SurveyResponseService.decode(r.answers)["q1"] == ["No"])
            #expect(r.placeID != nil)

            // The free text is an insight of the activity, redacted like any other, found by its source.
            let insights = try await Insight.query(on: app.db).filter(\.$activity.$id == survey.activityID).all()
            #expect(insights.count == 1)
            #expect(insights.first?.kind == InsightKind.surveyAnswer.rawValue)
            #expect(insights.first?.sourceRef == "survey:\(r.reference):q2")

            // The code is spent: it does not open the submitted response again.
            let again = Browser(app)
            _ = try await again.get(SiteURL.Surveys.resume(id))
            #expect(try await again.post(SiteURL.Surveys.resume(id), ["code": code]).status == .badRequest)
        }
    }

    @Test func resultsCountAndTheExportKeepsItsLayoutAndNeutralisesFormulas() async throws {
        try await TestApp.run { app, f in
            let id = try await Surveys.published(app, f)
            for i in 0..<6 {
                let b = Browser(app)
                _ = try await b.get(SiteURL.Surveys.start(id))
                _ = try await b.post(SiteURL.Surveys.begin(id), [:])
                _ = try await b.get(SiteURL.Surveys.page(id, 1))
                _ = try await b.post(SiteURL.Surveys.page(id, 1), ["q-q1": "Yes", "q-q2": i == 0 ? "=1+2" : "", "action": "next"])
                let picks: [(String, String)] =
                    i % 2 == 0 ? [("q-q3", "Books"), ("q-q3", "Events")] : [("q-q3", "Books"), ("q-q3", "__other"), ("q-q3-other", "Chess club")]
                let p2 = try await b.post(SiteURL.Surveys.page(id, 2), pairs: picks + [("q-q4", "4"), ("action", "next")])
                #expect(p2.headers.first(name: .location) == SiteURL.Surveys.page(id, 3))
                _ = try await b.post(SiteURL.Surveys.page(id, 3), ["q-q6": "2", "action": "next"])
                #expect(try await b.post(SiteURL.Surveys.check(id), [:]).status == .seeOther)
            }
            let tooMany = Browser(app)
            _ = try await tooMany.get(SiteURL.Surveys.start(id))
            _ = try await tooMany.post(SiteURL.Surveys.begin(id), [:])
            _ = try await tooMany.post(SiteURL.Surveys.page(id, 1), ["q-q1": "Yes", "action": "next"])
            let three = try await tooMany.post(
                SiteURL.Surveys.page(id, 2), pairs: [("q-q3", "Books"), ("q-q3", "Events"), ("q-q3", "Computers"), ("action", "next")])
            #expect(three.status == .badRequest)
            #expect(three.body.string.contains("Choose 2 answers or fewer"))

            let staff = Browser(app)
            try await staff.signIn("officer@council.test")
            let results = try await staff.get(SiteURL.Surveys.results(id)).body.string
            #expect(results.contains("6 responses"))
            #expect(results.contains("<td>Books</td><td>6</td><td>100%</td>"), "six of six chose books")
            #expect(results.contains("<td>Events</td><td>fewer than 5</td>"), "three is under five: not shown")
            let csv = try await staff.get(SiteURL.Surveys.csv(id))
            #expect(csv.headers.first(name: .contentDisposition)?.contains("survey-responses.csv") == true)
            let rows = try CSV.parse(csv.body.string)
            #expect(
                rows.first == SurveyExport.metadata
                    + SurveyCSVLayout.columns(SurveyService.Info(try #require(try await Survey.find(id, on: app.db))).definition).map(\.name))
            #expect(rows.count == 7)
            #expect(csv.body.string.contains("'=1+2"), "a formula typed by a resident is neutralised")

            // The tally is kept per server until a response is sent: one more shows at once.
            let late = Browser(app)
            _ = try await late.get(SiteURL.Surveys.start(id))
            _ = try await late.post(SiteURL.Surveys.begin(id), [:])
            _ = try await late.post(SiteURL.Surveys.page(id, 1), ["q-q1": "No", "action": "next"])
            _ = try await late.post(SiteURL.Surveys.page(id, 3), ["q-q6": "1", "action": "next"])
            #expect(try await late.post(SiteURL.Surveys.check(id), [:]).status == .seeOther)
            #expect(try await staff.get(SiteURL.Surveys.results(id)).body.string.contains("7 responses"))

            // Another organisation's staff cannot read the responses.
            let nhs = Browser(app)
            try await nhs.signIn("viewer@nhs.test")
            #expect(try await nhs.get(SiteURL.Surveys.results(id)).status == .notFound)
            #expect(try await nhs.get(SiteURL.Surveys.csv(id)).status == .notFound)
        }
    }

    /// The exports read a thousand responses at a time, ordered by when they were sent and then by id: every response
    /// comes out once, also when many share a second (paper responses keyed in together) across a page boundary.
    @Test func theExportsPageThroughEveryResponseOnceWhenManyShareATime() async throws {
        try await TestApp.run { app, f in
            let id = try await Surveys.published(app, f)
            let same = Date(timeIntervalSince1970: 1_800_000_000)
            try await app.db.transaction { tx in
                for n in 0..<2_150 {
                    let r = SurveyResponse()
                    r.surveyID = id; r.reference = String(format: "S-%04d-TEST", n); r.answers = "{\"q1\":[\"Yes\"]}"
                    r.status = "submitted"; r.channel = "paper"; r.startedAt = same; r.updatedAt = same
                    r.submittedAt = n < 900 ? same.addingTimeInterval(Double(n)) : same.addingTimeInterval(950)
                    try await r.create(on: tx)
                }
            }
            let staff = Browser(app)
            try await staff.signIn("officer@council.test")
            let rows = try CSV.parse(try await staff.get(SiteURL.Surveys.csv(id)).body.string)
            let references = rows.dropFirst().map { $0[0] }
            #expect(references.count == 2_150 && Set(references).count == 2_150)
            let lines = try await staff.get(SiteURL.Surveys.json(id)).body.string.split(separator: "\n")
            #expect(lines.count == 2_150)
        }
    }

    @Test func theBuilderRefusesBrokenConditionsAndBadJSONNamingThem() async throws {
        try await TestApp.run { app, f in
            let id = try await Surveys.published(app, f)
            let staff = try await Surveys.officer(app, on: id)
            let backwards = Surveys.definition.replacingOccurrences(of: "\"toPage\":\"p3\"", with: "\"toPage\":\"p1\"")
            let refused = try await staff.post(SiteURL.Surveys.definition(id), ["definition": backwards])
            #expect(refused.status == .badRequest)
            #expect(refused.body.string.contains("goes back to page p1"))
            let notJSON = try await staff.post(SiteURL.Surveys.definition(id), ["definition": "{\"pages\": [ {\"id\": 3 } ]"])
            #expect(notJSON.status == .badRequest)
            #expect(notJSON.body.string.contains("The definition"))
            // Removing a question a skip depends on is refused, naming the skip.
            let remove = try await staff.post(SiteURL.Surveys.removeQuestion(id, "q1"), [:])
            #expect(remove.status == .badRequest)
            #expect(remove.body.string.contains("names question q1"))
            let stored = try #require(try await Survey.find(id, on: app.db))
            #expect(SurveyService.decode(stored.definition)?.questions.count == 6, "nothing half-saved")
            // Adding a question with hostile wording: escaped on the page, whole in the definition.
            let added = try await staff.post(
                SiteURL.Surveys.questions(id), ["kind": "short_text", "text": "Your \"view\" <on> 'it'", "page": "p3"])
            #expect(added.status == .seeOther)
            let page = try await staff.get(SiteURL.Surveys.survey(id)).body.string
            #expect(page.contains("Your &quot;view&quot; &lt;on&gt; &#39;it&#39;") || page.contains("Your \"view\" &lt;on&gt; 'it'"))
            let lineBreak = try await staff.post(SiteURL.Surveys.questions(id), ["kind": "short_text", "text": "Two\r\nlines", "page": "p3"])
            #expect(lineBreak.status == .badRequest)
        }
    }

    @Test func aClosedSurveyRefusesAnswersWithAClearPage() async throws {
        try await TestApp.run { app, f in
            let id = try await Surveys.published(app, f)
            let b = Browser(app)
            _ = try await b.get(SiteURL.Surveys.start(id))
            _ = try await b.post(SiteURL.Surveys.begin(id), [:])
            let staff = try await Surveys.officer(app, on: id)
            #expect(try await staff.post(SiteURL.Surveys.close(id), [:]).status == .seeOther)
            let refused = try await b.post(SiteURL.Surveys.page(id, 1), ["q-q1": "Yes", "action": "next"])
            #expect(refused.status == .conflict)
            #expect(refused.body.string.contains("This survey is closed"))
            #expect(try await b.get(SiteURL.Surveys.start(id)).body.string.contains("This survey is closed"))
            // Reopening needs a reason and a date, kept in the audit log.
            let noReason = try await staff.post(SiteURL.Surveys.reopen(id), ["closes_on": Day(Date()).description])
            #expect(noReason.status == .badRequest)
            #expect(
                try await staff.post(SiteURL.Surveys.reopen(id), ["closes_on": Day(Date()).description, "reason": "Library was shut a week"]).status
                    == .seeOther)
            let audit = try await AuditEvent.query(on: app.db).filter(\.$entity == SurveyService.entity).sort(\.$at, .descending).first()
            #expect(audit?.after?.contains("Library was shut a week") == true)
            #expect(try await b.post(SiteURL.Surveys.page(id, 1), ["q-q1": "Yes", "action": "next"]).status == .seeOther)
        }
    }

    @Test func aSignedInResidentHasOneResponseHowever20RequestsRace() async throws {
        try await TestApp.run { app, f in
            let id = try await Surveys.published(app, f, mode: "signed_in")
            let b = Browser(app)
            try await Residents.signIn(app, b, "racer@example.org")
            _ = try await b.get(SiteURL.Surveys.start(id))
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<20 { group.addTask { _ = try await b.post(SiteURL.Surveys.begin(id), [:]) } }
                try await group.waitForAll()
            }
            _ = try await b.post(SiteURL.Surveys.page(id, 1), ["q-q1": "No", "q-q2": "Open on Sundays", "action": "next"])
            _ = try await b.post(SiteURL.Surveys.page(id, 3), ["q-q6": "4", "action": "next"])
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<20 { group.addTask { _ = try await b.post(SiteURL.Surveys.check(id), [:]) } }
                try await group.waitForAll()
            }
            let rows = try await SurveyResponse.query(on: app.db).filter(\.$surveyID == id).all()
            #expect(rows.count == 1)
            #expect(rows.first?.status == "submitted")
            let resident = try await Residents.resident(app, "racer@example.org")
            #expect(rows.first?.residentID == resident.id)
            let reference = try #require(rows.first?.reference)
            #expect(
                try await Insight.query(on: app.db).filter(\.$sourceRef == "survey:\(reference):q2").count() == 1, "one insight however many sends")
            // The emailed copy is queued once per submission; the response can still be changed while open.
            let copies = try await OutboxEmail.query(on: app.db).filter(\.$kind == "survey_copy").count()
            #expect(copies >= 1)
            let start = try await b.get(SiteURL.Surveys.start(id)).body.string
            #expect(start.contains("Change your answers"))
            // Anyone not signed in is asked to sign in, and comes back to the survey.
            let anon = try await Browser(app).get(SiteURL.Surveys.start(id)).body.string
            #expect(
                anon.contains("href=\"\(SiteURL.Residents.signIn(back: SiteURL.Surveys.start(id)).replacingOccurrences(of: "&", with: "&amp;"))\""))
            #expect(!anon.contains("action=\"\(SiteURL.Surveys.begin(id))\""))
        }
    }

    @Test func staffKeyInAPaperResponseCheckedLikeAResidents() async throws {
        try await TestApp.run { app, f in
            let id = try await Surveys.published(app, f)
            let staff = Browser(app)
            try await staff.signIn("officer@council.test")
            _ = try await staff.get(SiteURL.Surveys.keyIn(id))
            let bad = try await staff.post(SiteURL.Surveys.keyIn(id), ["channel": "paper", "q-q1": "Maybe", "q-q6": "lots"])
            #expect(bad.status == .badRequest)
            #expect(bad.body.string.contains("Question 1: Choose from the answers given"))
            #expect(bad.body.string.contains("Question 6: Enter a number"))
            #expect(try await SurveyResponse.query(on: app.db).count() == 0)
            let good = try await staff.post(
                SiteURL.Surveys.keyIn(id), ["channel": "paper", "q-q1": "Yes", "q-q2": "More books in Urdu", "q-q6": "5"])
            #expect(good.status == .seeOther)
            let r = try #require(try await SurveyResponse.query(on: app.db).first())
            #expect(r.channel == "paper" && r.status == "submitted" && r.keyedByID != nil)
            #expect(try await Insight.query(on: app.db).filter(\.$sourceRef == "survey:\(r.reference):q2").count() == 1)
        }
    }

    @Test func equalityAnswersAreAskedAtTheEndKeptApartAndOnlyCounted() async throws {
        try await TestApp.run { app, f in
            let id = try await Surveys.published(app, f, askEquality: true)
            func answer(age: String?, consent: Bool) async throws -> TestingHTTPResponse {
                let b = Browser(app)
                _ = try await b.get(SiteURL.Surveys.start(id))
                _ = try await b.post(SiteURL.Surveys.begin(id), [:])
                _ = try await b.post(SiteURL.Surveys.page(id, 1), ["q-q1": "No", "q-q2": "Quieter space", "action": "next"])
                let last = try await b.post(SiteURL.Surveys.page(id, 3), ["q-q6": "2", "action": "next"])
                #expect(last.headers.first(name: .location) == SiteURL.Surveys.aboutYou(id))
                #expect(try await b.get(SiteURL.Surveys.aboutYou(id)).body.string.contains("Prefer not to say"))
                var fields: [String: String] = [:]
                if let age { fields["age_band"] = age }
                if consent { fields["consent"] = "yes" }
                let saved = try await b.post(SiteURL.Surveys.aboutYou(id), fields)
                guard saved.status == .seeOther else { return saved }
                return try await b.post(SiteURL.Surveys.check(id), [:])
            }
            // An answer without the agreement it needs is refused, naming the box; an unknown answer names its question.
            let noConsent = try await answer(age: "35_39", consent: false)
            #expect(noConsent.status == .badRequest)
            #expect(noConsent.body.string.contains("href=\"#f-consent\""))
            let unknown = try await answer(age: "200_plus", consent: true)
            #expect(unknown.status == .badRequest)
            #expect(unknown.body.string.contains("href=\"#f-age-band\""))
            for _ in 0..<5 { #expect(try await answer(age: "35_39", consent: true).status == .seeOther) }
            #expect(try await answer(age: "40_44", consent: true).status == .seeOther)
            #expect(try await answer(age: nil, consent: false).status == .seeOther, "every question is optional")

            #expect(
                try await SurveyEquality.query(on: app.db).filter(\.$surveyID == id).count() == 7,
                "a row for each response sent, none for the two refused")
            let response = try #require(try await SurveyResponse.query(on: app.db).filter(\.$status == "submitted").first())
            #expect(!response.answers.contains("35_39"), "equality answers are not among the survey answers")
            let survey = try #require(try await Survey.find(id, on: app.db))
            let tagged = try await Insight.query(on: app.db).filter(\.$activity.$id == survey.activityID).all()
            #expect(tagged.filter { $0.equality["age_band"] == "35_39" }.count == 5, "insights carry the group for counts")

            let staff = Browser(app)
            try await staff.signIn("officer@council.test")
            let five = try await staff.get(SiteURL.with(SiteURL.Surveys.results(id), ["group": "age_band:35_39"])).body.string
            #expect(five.contains("5 responses from Age: 35 to 39"))
            let one = try await staff.get(SiteURL.with(SiteURL.Surveys.results(id), ["group": "age_band:40_44"])).body.string
            #expect(one.contains("fewer than 5 responses"))
            #expect(one.contains("Fewer than 5 responses: counts are not shown."))
        }
    }

    @Test func aPublishedResultsSummaryReachesTheSurveyPageAndYouSaidWeDid() async throws {
        try await TestApp.run { app, f in
            let id = try await Surveys.published(app, f)
            let survey = try #require(try await Survey.find(id, on: app.db))
            let report = FeedbackReport()
            report.$activity.id = survey.activityID
            report.title = "Library hours: what happened"; report.whatWeAsked = "a"; report.whatYouSaid = "b"; report.whatWeDid = "c"
            report.status = FeedbackStatus.published.rawValue; report.publishedDay = Day(Date()).ordinal
            try await report.create(on: app.db)
            let staff = Browser(app)
            try await staff.signIn("officer@council.test")
            _ = try await staff.get(SiteURL.Surveys.results(id))
            let empty = try await staff.post(SiteURL.Surveys.summary(id), ["summary": "", "publish": "true"])
            #expect(empty.status == .badRequest)
            #expect(empty.body.string.contains("Write the summary before publishing it"))
            let summary = "Most of you want longer <evening> hours & \"quiet\" rooms."
            #expect(try await staff.post(SiteURL.Surveys.summary(id), ["summary": summary, "publish": "true"]).status == .seeOther)
            let escaped = "Most of you want longer &lt;evening&gt; hours &amp;"
            let start = try await Browser(app).get(SiteURL.Surveys.start(id)).body.string
            #expect(start.contains(escaped) && !start.contains("<evening>"))
            let ysyd = try await Browser(app).get(SiteURL.Feedback.publicReport(report.id!)).body.string
            #expect(ysyd.contains(escaped) && !ysyd.contains("<evening>"))
            #expect(ysyd.contains(SiteURL.Surveys.start(id)))
            // A viewer of another organisation may not publish it.
            let viewer = Browser(app)
            try await viewer.signIn("viewer@nhs.test")
            _ = try await viewer.get(SiteURL.Surveys.survey(id))
            #expect(try await viewer.post(SiteURL.Surveys.summary(id), ["summary": "x"]).status == .forbidden)
        }
    }

    @Test func theDemoAndBenchSurveysAreOnesTheBuilderWouldPublish() {
        #expect(SurveyService.problems(DemoSurveys.definition).isEmpty)
        #expect(SurveyService.problems(SurveyBench.definition()).isEmpty)
        #expect(SurveyBench.definition().numbered.count == 30)
    }

    @Test func theResultsTallyFollowsNewChangedAndRemovedResponses() async throws {
        try await TestApp.run { app, f in
            let id = try await Surveys.published(app, f)
            let survey = try #require(try await Survey.find(id, on: app.db))
            let info = SurveyService.Info(survey)
            func send(_ q1: String, at: Date) async throws -> SurveyResponse {
                let r = SurveyResponse()
                r.surveyID = id; r.reference = SurveyCodes.reference(); r.answers = SurveyResponseService.encode(["q1": [q1]])
                r.status = "submitted"; r.channel = "web"; r.startedAt = at; r.updatedAt = at; r.submittedAt = at
                try await r.create(on: app.db)
                return r
            }
            func yes() async throws -> [Int] {
                let t = try await app.surveyResults.tally(info, edited: survey.updatedAt, ward: nil, group: nil, members: nil, app.db)
                return t.questions[0].counts.map(\.count)
            }
            let start = Date().addingTimeInterval(-100)
            var sent: [SurveyResponse] = []
            for i in 0..<3 { sent.append(try await send("Yes", at: start.addingTimeInterval(Double(i)))) }
            #expect(try await yes() == [3, 0])
            _ = try await send("No", at: start.addingTimeInterval(10))
            #expect(try await yes() == [3, 1], "a new response is added to the tally")
            sent[0].answers = SurveyResponseService.encode(["q1": ["No"]]); sent[0].updatedAt = start.addingTimeInterval(20)
            try await sent[0].update(on: app.db)
            #expect(try await yes() == [2, 2], "a changed response is counted as it is now, once")
            try await sent[1].delete(on: app.db)
            #expect(try await yes() == [1, 2], "a removed response is no longer counted")
        }
    }

    @Test func erasingAResidentsContributionsRemovesTheirResponseAndItsInsights() async throws {
        try await TestApp.run { app, f in
            let id = try await Surveys.published(app, f, mode: "signed_in")
            let b = Browser(app)
            try await Residents.signIn(app, b, "leaver@example.org")
            _ = try await b.get(SiteURL.Surveys.start(id))
            _ = try await b.post(SiteURL.Surveys.begin(id), [:])
            _ = try await b.post(SiteURL.Surveys.page(id, 1), ["q-q1": "No", "q-q2": "More benches", "action": "next"])
            _ = try await b.post(SiteURL.Surveys.page(id, 3), ["q-q6": "2", "action": "next"])
            #expect(try await b.post(SiteURL.Surveys.check(id), [:]).status == .seeOther)
            let r = try #require(try await SurveyResponse.query(on: app.db).first())
            #expect(try await Insight.query(on: app.db).filter(\.$sourceRef == "survey:\(r.reference):q2").count() == 1)
            let resident = try await Residents.resident(app, "leaver@example.org")
            try await app.db.transaction { tx in
                _ = try await PersonalDataRegistry.erase([ResidentKey(id: resident.id, email: resident.email)], scope: .contributions, tx)
            }
            #expect(try await SurveyResponse.query(on: app.db).count() == 0)
            #expect(try await Insight.query(on: app.db).filter(\.$sourceRef == "survey:\(r.reference):q2").count() == 0)
            #expect(SurveyCodes.isReference(r.reference) && !SurveyCodes.isReference("S-ABCD-EFG") && !SurveyCodes.isReference("X-ABCD-EFGH"))
        }
    }
}
