import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// Surveys in HTTP tests: a public activity, a ward, a three-page survey with a skip, built and published as staff
/// would through the forms.
enum Surveys {
    /// Three pages: "No" to q1 skips page 2; q3 allows two picks and "Other"; q6 is a number from 1 to 20.
    static let definition = """
        {"pages":[
          {"id":"p1","questions":[
            {"id":"q1","kind":"single_choice","text":"Do you use the library?","required":true,"options":["Yes","No"]},
            {"id":"q2","kind":"long_text","text":"What would make it better?"}],
           "skips":[{"when":{"question":"q1","test":"equals","values":["No"]},"toPage":"p3"}]},
          {"id":"p2","title":"Using the library","questions":[
            {"id":"q3","kind":"multiple_choice","text":"Which services do you use?","options":["Books","Computers","Events"],"allowOther":true,"maxPicks":2},
            {"id":"q4","kind":"scale","text":"How good is it?","options":["1","2","3","4","5"],"lowLabel":"Poor","highLabel":"Good"}]},
          {"id":"p3","title":"About you","questions":[
            {"id":"q5","kind":"ward","text":"Your postcode or ward"},
            {"id":"q6","kind":"number","text":"How many people live in your home?","minValue":1,"maxValue":20}]}
        ]}
        """

    static func activity(_ app: Application, org: UUID, title: String = "Library opening hours") async throws -> UUID {
        let a = Activity()
        a.title = title; a.purpose = "p"; a.$organisation.id = org; a.status = ActivityStatus.open.rawValue
        a.ladderLevel = "consult"; a.startDay = Day(Date()).ordinal; a.boroughWide = true; a.isPublic = true; a.methods = ",survey,"
        try await a.create(on: app.db)
        return a.id!
    }

    static func ward(_ app: Application) async throws {
        let p = Place()
        p.code = "E05009999"; p.name = "Harbour"; p.kind = PlaceKind.ward.rawValue; p.postcodeDistricts = "HS1"
        try await p.create(on: app.db)
    }

    /// Signs in as the council's officer, makes the survey through the form, imports the definition and publishes;
    /// returns its id.
    static func published(_ app: Application, _ f: Fixture, mode: String = "either", title: String = "Library survey", askEquality: Bool = false)
        async throws -> UUID
    {
        let staff = Browser(app)
        try await staff.signIn("officer@council.test")
        let activity = try await activity(app, org: f.councilID)
        _ = try await staff.get(SiteURL.Surveys.new)
        let made = try await staff.post(
            SiteURL.Surveys.new,
            [
                "activity_id": activity.uuidString, "title": title, "intro": "Tell us what you think.", "response_mode": mode,
                "ask_equality": askEquality ? "true" : "",
            ])
        #expect(made.status == .seeOther, "the survey is made")
        let id = try #require(made.headers.first(name: .location).flatMap { UUID(uuidString: String($0.split(separator: "/").last ?? "")) })
        _ = try await staff.get(SiteURL.Surveys.survey(id))
        #expect(try await staff.post(SiteURL.Surveys.definition(id), ["definition": definition]).status == .seeOther)
        #expect(try await staff.post(SiteURL.Surveys.publish(id), [:]).status == .seeOther)
        return id
    }

    /// The council's officer, signed in, on the survey's page (so the next form posts carry its token).
    static func officer(_ app: Application, on survey: UUID) async throws -> Browser {
        let staff = Browser(app)
        try await staff.signIn("officer@council.test")
        _ = try await staff.get(SiteURL.Surveys.survey(survey))
        return staff
    }
}
