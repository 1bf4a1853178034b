import Fluent
import Foundation
import ChorusCore

/// The demo's survey: "Your library, your say" on an open public activity, three pages with a skip (no library
/// visits skips the page about using it), equality questions at the end, and 60 sent responses (choices only, so the
/// demo's insight counts stay as they are), for the results page, exports and the public page to show something.
enum DemoSurveys {
    static let definition = SurveyDefinition(pages: [
        SurveyPage(
            id: "visits",
            questions: [
                SurveyQuestion(
                    id: "use", kind: .singleChoice, text: "How often do you use a library in Harbourside?", required: true,
                    options: ["Every week", "Every month", "A few times a year", "Never"]),
                SurveyQuestion(
                    id: "better", kind: .longText, text: "What would make the libraries better for you?",
                    hint: "Optional. Please do not include your name."),
            ],
            skips: [SkipRule(when: SurveyCondition(question: "use", test: .equals, values: ["Never"]), toPage: "about")]),
        SurveyPage(
            id: "using", title: "Using the library",
            questions: [
                SurveyQuestion(
                    id: "services", kind: .multipleChoice, text: "Which services do you use?", hint: "Choose up to three.",
                    options: ["Borrowing books", "Computers and wifi", "Children's activities", "Study space", "Events"], maxPicks: 3,
                    allowOther: true),
                SurveyQuestion(
                    id: "hours", kind: .scale, text: "How well do the opening hours suit you?", options: ["1", "2", "3", "4", "5"],
                    lowLabel: "Not at all", highLabel: "Very well"),
            ]),
        SurveyPage(
            id: "about", title: "About you",
            questions: [
                SurveyQuestion(id: "ward", kind: .ward, text: "Your postcode or ward", hint: "So we can see which areas we hear from."),
                SurveyQuestion(
                    id: "ages", kind: .grid, text: "Who in your home uses the library?", options: ["Often", "Sometimes", "Never"],
                    rows: ["Children", "Adults", "Older people"]),
            ]),
    ])

    static func seed(on db: any Database, today: Day) async throws {
        let open = try await Activity.query(on: db).filter(\.$isPublic == true).filter(\.$status == ActivityStatus.open.rawValue)
            .sort(\.$startDay, .descending).first()
        guard let activity = open else { return }
        let s = Survey(
            activityID: activity.id!, organisationID: activity.$organisation.id, title: "Your library, your say",
            intro: "We are reviewing library opening hours and services across Harbourside. Tell us how you use them: it takes about three minutes.",
            definition: SurveyService.encode(definition), status: .open, mode: .either, closes: today.adding(days: 30), askEquality: true)
        try await s.create(on: db)
        let wards = try await PlacesReads.wards(db).map(\.id)
        var rng = SeededRandom(state: 0xD0_5EED)
        for k in 0..<60 {
            var answers: [String: [String]] = ["use": [rng.pick(["Every week", "Every month", "A few times a year", "Never"])]]
            answers["services"] = rng.sample(
                ["Borrowing books", "Computers and wifi", "Children's activities", "Study space", "Events"], rng.int(1...3))
            answers["hours"] = [String(rng.int(1...5))]
            answers["ages"] = ["Children", "Adults", "Older people"].map { _ in rng.pick(["Often", "Sometimes", "Never"]) }
            let ward = wards.isEmpty ? nil : rng.pick(wards)
            let r = SurveyResponse()
            r.surveyID = s.id!
            r.reference = String(format: "S-DEMO-%04d", k)
            r.answers = SurveyResponseService.encode(SurveyLogic.applicable(definition, answers))
            r.status = "submitted"
            r.channel = k % 10 == 0 ? "paper" : "web"
            r.placeID = ward
            r.startedAt = Date().addingTimeInterval(-Double(60 - k) * 3_600)
            r.updatedAt = r.startedAt
            r.submittedAt = r.startedAt
            try await r.create(on: db)
        }
    }
}
