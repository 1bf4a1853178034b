import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// Engagement plans through HTTP: the advisor a question a page, choosing another level needs a reason, the plan's
/// sections and compliance, peer challenge (only invited reviewers approve; approving twice is harmless; editing after
/// sign-off reopens it and says so), permissions, and the exports.
@Suite struct PlanningHTTPTests {
    /// An activity of the council (the officer's organisation), 2027-01-04 to 2027-01-31: a four-week consultation.
    func councilActivity(_ app: Application, _ f: Fixture) async throws -> UUID {
        let w = try await RegisterWorld.make(app)
        let api = try await APIClient.forUser(app, f.officer)
        let res = try await api.send(
            .POST, "/api/v1/activities",
            json: """
                {"title":"Library opening hours","purpose":"Decide new opening hours","theme_ids":["\(w.parks.uuidString)"],"place_ids":["\(w.quayside.uuidString)"],
                 "methods":["survey"],"ladder_level":"consult","status":"planned","starts_on":"2027-01-04","ends_on":"2027-01-31",
                 "audience_ids":["\(w.older.uuidString)"]}
                """)
        #expect(res.status == .created, "\(res.body.string)")
        return UUID(uuidString: try api.object(res)["id"] as! String)!
    }

    static let completePlan: [(String, String)] = [
        ("purpose", "Set opening hours that fit how people use the library"), ("decision", "The library's opening hours from April"),
        ("decision_maker", "Cabinet member for communities"), ("decision_date", "2027-03-01"), ("negotiable", "Which days and hours"),
        ("not_negotiable", "The total budget"), ("affected", "Library users and staff"), ("beneficiaries", "Residents who cannot come in the day"),
        ("seldom_heard_reach", "Sessions at the community centre and the mosque"), ("methods", "Survey and drop-ins"),
        ("accessibility", "Step-free venues, large print"),
        ("feedback", "A 'You said, we did' page and posters in the library"), ("feedback_date", "2027-03-15"),
        ("evaluation", "Responses from every ward"),
        ("budget", "£1,500"), ("staff_time", "10 days"),
    ]

    @Test func theAdvisorAsksOneQuestionAPageAndExplainsItsRecommendation() async throws {
        try await TestApp.run { app, f in
            let id = try await councilActivity(app, f)
            let officer = try await Browser.signedIn(app, f.officer)
            let start = try await officer.get(SiteURL.Plan.advisor(id))
            #expect(start.status == .seeOther && start.headers.first(name: .location) == SiteURL.Plan.question(id, "decision_flexibility"))
            let page = try await officer.get(SiteURL.Plan.question(id, "decision_flexibility"))
            #expect(page.status == .ok && page.body.string.contains("Question 1 of 9") && page.body.string.contains("type=\"radio\""))
            // No answer: the error names the field and nothing moves on.
            let empty = try await officer.postActivity(SiteURL.Plan.question(id, "decision_flexibility"), [])
            #expect(empty.status == .badRequest && empty.body.string.contains("href=\"#f-decision-flexibility\""))
            let bad = try await officer.postActivity(SiteURL.Plan.question(id, "decision_flexibility"), [("decision_flexibility", "whatever")])
            #expect(bad.status == .badRequest)
            let answers: [(String, [String])] = [
                ("decision_flexibility", ["choice_of_options"]), ("formative_stage", ["yes"]),
                ("consultation_duty", ["statutory"]), ("affected_scale", ["wide"]), ("protected_groups", ["yes"]),
                ("proposed_change", ["service_change"]), ("community_contribution", ["none"]), ("delegation", ["no"]),
                ("resources", ["moderate"]),
            ]
            for (i, (q, values)) in answers.enumerated() {
                let res = try await officer.postActivity(SiteURL.Plan.question(id, q), values.map { (q, $0) })
                #expect(res.status == .seeOther, "\(q): \(res.body.string.prefix(300))")
                let next = i + 1 < answers.count ? SiteURL.Plan.question(id, answers[i + 1].0) : SiteURL.Plan.summary(id)
                #expect(res.headers.first(name: .location) == next)
            }
            let summary = try await officer.get(SiteURL.Plan.summary(id))
            let rec = LadderAdvisor.recommend(try #require(try await EngagementPlan.query(on: app.db).first()).answers)
            #expect(summary.body.string.contains("Recommended level: \(rec.level.label)"))
            for reason in rec.reasons { #expect(summary.body.string.contains(reason.reason.htmlEscaped()), "every reason is shown: \(reason.id)") }
            #expect(summary.body.string.contains(rec.promise.htmlEscaped()))
            // Another level needs a reason.
            let other = LadderLevel.allCases.first { $0 != rec.level }!
            let noReason = try await officer.postActivity(SiteURL.Plan.level(id), [("chosen_level", other.rawValue), ("level_reason", "")])
            #expect(noReason.status == .badRequest && noReason.body.string.contains("href=\"#f-level-reason\""))
            let withReason = try await officer.postActivity(
                SiteURL.Plan.level(id), [("chosen_level", other.rawValue), ("level_reason", "The board asked for it")])
            #expect(withReason.status == .seeOther)
            let plan = try #require(try await EngagementPlan.query(on: app.db).first())
            #expect(plan.chosenLevel == other.rawValue && plan.levelReason == "The board asked for it")
            let md = try await officer.get(SiteURL.Plan.markdown(id))
            #expect(md.body.string.contains("# Engagement plan: Library opening hours") && md.body.string.contains("The board asked for it"))
        }
    }

    @Test func challengeAndSignOff() async throws {
        try await TestApp.run { app, f in
            let id = try await councilActivity(app, f)
            let officer = try await Browser.signedIn(app, f.officer)
            try await officer.get(SiteURL.Plan.edit(id))
            // Bad input names the field and saves nothing.
            let bad = try await officer.postActivity(
                SiteURL.Plan.edit(id), Self.completePlan.filter { $0.0 != "decision_date" } + [("decision_date", "2027-02-30")])
            #expect(bad.status == .badRequest && bad.body.string.contains("href=\"#f-decision-date\""))
            #expect(try await EngagementPlan.query(on: app.db).count() == 0)
            // A four-week consultation needs a reason.
            let short = try await officer.postActivity(SiteURL.Plan.edit(id), Self.completePlan + [("is_consultation", "true")])
            #expect(short.status == .badRequest && short.body.string.contains("href=\"#f-short-period-reason\""))
            let saved = try await officer.postActivity(
                SiteURL.Plan.edit(id),
                Self.completePlan + [
                    ("is_consultation", "true"),
                    ("short_period_reason", "The budget is set on 1 March; residents were asked in 2025 too"),
                ])
            #expect(saved.status == .seeOther)
            let page = try await officer.get(SiteURL.Plan.show(id))
            #expect(page.body.string.contains("Things to act on"), "a short consultation still warns")

            let admin = try await Person.query(on: app.db).filter(\.$email == f.admin).first()!
            let viewer = try await Person.query(on: app.db).filter(\.$email == f.viewer).first()!
            // Another organisation's viewer cannot edit or send.
            let nhs = try await Browser.signedIn(app, f.viewer)
            try await nhs.get(SiteURL.Plan.show(id))
            #expect(try await nhs.postActivity(SiteURL.Plan.edit(id), Self.completePlan).status == .forbidden)
            #expect(try await nhs.postActivity(SiteURL.Plan.action(id, "send"), [("reviewer_ids", viewer.id!.uuidString)]).status == .forbidden)
            // Send to the admin and the NHS viewer (any partner).
            try await officer.get(SiteURL.Plan.show(id))
            let sent = try await officer.postActivity(
                SiteURL.Plan.action(id, "send"), [("reviewer_ids", admin.id!.uuidString), ("reviewer_ids", viewer.id!.uuidString)])
            #expect(sent.status == .seeOther)
            #expect(try await EngagementPlan.query(on: app.db).first()!.status == PlanStatus.inChallenge.rawValue)
            let unsignedBefore = try await officer.get("/activities?plan=unsigned")
            #expect(unsignedBefore.body.string.contains("Library opening hours"), "listed as planned without a signed-off plan")
            // The author is not a reviewer: approving is refused.
            #expect(try await officer.postActivity(SiteURL.Plan.action(id, "approve"), []).status == .forbidden)
            // Reviewers approve; approving twice is harmless.
            let adminB = try await Browser.signedIn(app, f.admin)
            try await adminB.get(SiteURL.Plan.show(id))
            #expect(try await adminB.postActivity(SiteURL.Plan.action(id, "approve"), []).status == .seeOther)
            #expect(try await adminB.postActivity(SiteURL.Plan.action(id, "approve"), []).status == .seeOther)
            #expect(try await EngagementPlan.query(on: app.db).first()!.signOff.approvals.count == 1)
            #expect(try await EngagementPlan.query(on: app.db).first()!.status == PlanStatus.inChallenge.rawValue, "waits for every reviewer")
            try await nhs.get(SiteURL.Plan.show(id))
            #expect(try await nhs.postActivity(SiteURL.Plan.action(id, "approve"), []).status == .seeOther)
            var plan = try await EngagementPlan.query(on: app.db).first()!
            #expect(plan.status == PlanStatus.signedOff.rawValue && plan.signOff.signedOffAt != nil)
            let unsignedAfter = try await officer.get("/activities?plan=unsigned")
            #expect(unsignedAfter.status == .ok && !unsignedAfter.body.string.contains("Library opening hours"))
            let activityPage = try await officer.get(SiteURL.Register.show(id))
            #expect(activityPage.body.string.contains("Plan: Signed off."))
            #expect(try await officer.get("/activities?plan=maybe").status == .badRequest)
            let signed = try await officer.get(SiteURL.Plan.show(id))
            #expect(signed.body.string.contains("Signed off on") && signed.body.string.contains("Vera Viewer"))
            // Editing after sign-off reopens it and says so.
            let edited = try await officer.postActivity(
                SiteURL.Plan.edit(id),
                Self.completePlan.map { $0.0 == "budget" ? ("budget", "£2,000") : $0 }
                    + [("is_consultation", "true"), ("short_period_reason", "Budget deadline")])
            #expect(edited.status == .seeOther)
            let notice = try await officer.get(try #require(edited.headers.first(name: .location)))
            #expect(notice.body.string.lowercased().contains("reopen"), "the page says the plan was reopened")
            plan = try await EngagementPlan.query(on: app.db).first()!
            #expect(plan.status == PlanStatus.draft.rawValue && plan.signOff.previousSignOffAt != nil)
            // Comments: reviewers and authors only.
            let c = try await adminB.postActivity(
                SiteURL.Plan.action(id, "comments"), [("section", "methods"), ("body", "Add a session at the library")])
            #expect(c.status == .seeOther)
        }
    }

    @Test func anIncompletePlanCannotBeSentAndStrangersCannotComment() async throws {
        try await TestApp.run { app, f in
            let id = try await councilActivity(app, f)
            let officer = try await Browser.signedIn(app, f.officer)
            try await officer.get(SiteURL.Plan.show(id))
            let admin = try await Person.query(on: app.db).filter(\.$email == f.admin).first()!
            let res = try await officer.postActivity(SiteURL.Plan.action(id, "send"), [("reviewer_ids", admin.id!.uuidString)])
            #expect(res.status == .unprocessableEntity || res.status == .badRequest, "\(res.status)")
            #expect(try await EngagementPlan.query(on: app.db).first()?.status ?? "draft" == PlanStatus.draft.rawValue)
            let nobody = try await officer.postActivity(SiteURL.Plan.action(id, "send"), [("reviewer_ids", UUID().uuidString)])
            #expect(nobody.status == .badRequest)
            let viewer = try await Browser.signedIn(app, f.viewer)
            try await viewer.get(SiteURL.Plan.show(id))
            #expect(try await viewer.postActivity(SiteURL.Plan.action(id, "comments"), [("body", "Hello")]).status == .forbidden)
            #expect(try await officer.postActivity(SiteURL.Plan.action(id, "comments"), [("body", "")]).status == .badRequest)
            #expect(try await officer.get(SiteURL.Plan.print(id)).status == .ok)
        }
    }
}

extension String {
    func htmlEscaped() -> String {
        replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}
