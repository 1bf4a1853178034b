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

    /// An officer of the NHS trust, who may review the council's plans.
    static func nhsOfficer(_ app: Application, _ f: Fixture) async throws -> UUID {
        let p = Person()
        p.name = "Nadia Nurse"; p.email = "nadia@nhs.test"; p.role = Role.officer.rawValue; p.$organisation.id = f.nhsID; p.active = true
        p.jobTitle = "Patient engagement lead"
        p.passwordHash = try Bcrypt.hash(TestApp.password, cost: 4)
        try await p.create(on: app.db)
        return p.id!
    }

    static func user(_ app: Application, _ email: String) async throws -> CurrentUser {
        let p = try await Person.query(on: app.db).filter(\.$email == email).with(\.$organisation).first()!
        return CurrentUser(
            id: p.id!, name: p.name, email: p.email, role: p.roleValue, organisationID: p.$organisation.id, organisationName: p.organisation.name)
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
            let nhsOfficer = try await Self.nhsOfficer(app, f)
            // Another organisation's viewer cannot edit or send.
            let nhs = try await Browser.signedIn(app, f.viewer)
            try await nhs.get(SiteURL.Plan.show(id))
            #expect(try await nhs.postActivity(SiteURL.Plan.edit(id), Self.completePlan).status == .forbidden)
            #expect(try await nhs.postActivity(SiteURL.Plan.action(id, "send"), [("reviewer_ids", viewer.id!.uuidString)]).status == .forbidden)
            // A viewer cannot be a reviewer: refused, naming the field, nothing saved, nobody emailed.
            try await officer.get(SiteURL.Plan.show(id))
            let toViewer = try await officer.postActivity(
                SiteURL.Plan.action(id, "send"), [("reviewer_ids", admin.id!.uuidString), ("reviewer_ids", viewer.id!.uuidString)])
            #expect(toViewer.status == .badRequest && toViewer.body.string.contains("href=\"#f-reviewer-ids\""))
            #expect(try await EngagementPlan.query(on: app.db).first()!.status == PlanStatus.draft.rawValue)
            #expect(try await OutboxEmail.query(on: app.db).count() == 0)
            // Send to the admin and the NHS officer (any partner); each is emailed a link to the plan.
            let sent = try await officer.postActivity(
                SiteURL.Plan.action(id, "send"), [("reviewer_ids", admin.id!.uuidString), ("reviewer_ids", nhsOfficer.uuidString)])
            #expect(sent.status == .seeOther)
            #expect(try await EngagementPlan.query(on: app.db).first()!.status == PlanStatus.inChallenge.rawValue)
            let emails = try await OutboxEmail.query(on: app.db).filter(\.$kind == PlanningService.reviewKind).all()
            #expect(Set(emails.map(\.toAddress)) == [f.admin, "nadia@nhs.test"])
            #expect(emails.allSatisfy { $0.subject == "Please review the engagement plan: Library opening hours" })
            #expect(emails.allSatisfy { $0.body.contains(SiteURL.Plan.show(id) + "#review") && $0.body.contains("Oscar Officer has asked you") })
            #expect(
                emails.allSatisfy { $0.body.contains("a colleague named you as a reviewer") && !$0.body.contains("after you shared your views") },
                "a reviewer is not told they asked to hear back as a resident")
            let sentNotice = try await officer.get(try #require(sent.headers.first(name: .location)))
            #expect(sentNotice.body.string.contains("2 reviewers have been emailed a link"))
            let unsignedBefore = try await officer.get("/activities?plan=unsigned")
            #expect(unsignedBefore.body.string.contains("Library opening hours"), "listed as planned without a signed-off plan")
            // The author is not a reviewer: approving is refused.
            #expect(try await officer.postActivity(SiteURL.Plan.action(id, "approve"), []).status == .forbidden)
            // Warnings are open (a four-week consultation, EIA and DPIA unscreened): one click is refused, naming the fields,
            // and nothing is saved.
            let adminB = try await Browser.signedIn(app, f.admin)
            let review = try await adminB.get(SiteURL.Plan.show(id))
            let open = PlanSignOffRule.blocking(
                try await PlanningService.report(
                    Activity.find(id, on: app.db)!, EngagementPlan.query(on: app.db).first()!, user: Self.user(app, f.admin), elections: [], app.db
                ).warnings)
            #expect(open.count >= 3 && open.contains { $0.code == "duration.under_6_weeks" })
            #expect(review.body.string.contains(PlanSignOffRule.label(count: open.count)))
            #expect(review.body.string.contains("<a class=\"button\" href=\"#review\">Go to your review</a>"), "the review box is one link away")
            for w in open { #expect(review.body.string.contains("name=\"acknowledged_codes\" type=\"hidden\" value=\"\(w.code)\"")) }
            let shown = open.map { ("acknowledged_codes", $0.code) }
            let oneClick = try await adminB.postActivity(SiteURL.Plan.action(id, "approve"), [])
            #expect(oneClick.status == .badRequest)
            #expect(
                oneClick.body.string.contains("href=\"#f-acknowledge-warnings\"")
                    && oneClick.body.string.contains("href=\"#f-acknowledgement-reason\""))
            let noReason = try await adminB.postActivity(SiteURL.Plan.action(id, "approve"), shown + [("acknowledge_warnings", "true")])
            #expect(noReason.status == .badRequest && noReason.body.string.contains("href=\"#f-acknowledgement-reason\""))
            #expect(!noReason.body.string.contains("href=\"#f-acknowledge-warnings\""))
            let unticked = try await adminB.postActivity(SiteURL.Plan.action(id, "approve"), shown + [("acknowledgement_reason", "Fine")])
            #expect(unticked.status == .badRequest && unticked.body.string.contains("href=\"#f-acknowledge-warnings\""))
            #expect(unticked.body.string.contains(">Fine</textarea>"), "the reason typed is kept")
            let stale = try await adminB.postActivity(
                SiteURL.Plan.action(id, "approve"),
                [("acknowledged_codes", open[0].code), ("acknowledge_warnings", "true"), ("acknowledgement_reason", "x")])
            #expect(stale.status == .badRequest && stale.body.string.contains("changed since you opened this page"))
            #expect(try await EngagementPlan.query(on: app.db).first()!.signOff.approvals.isEmpty, "nothing saved")
            // Acknowledged with a reason (hostile text and all): recorded with the approval, in the audit log and on the plan.
            let reason = "Legal advised the 4 weeks are fine <script>alert(1)</script> =HYPERLINK(\"x\")"
            let ok = try await adminB.postActivity(
                SiteURL.Plan.action(id, "approve"), shown + [("acknowledge_warnings", "true"), ("acknowledgement_reason", reason)])
            #expect(ok.status == .seeOther)
            #expect(try await adminB.postActivity(SiteURL.Plan.action(id, "approve"), []).status == .seeOther, "approving twice is harmless")
            let approvals = try await EngagementPlan.query(on: app.db).first()!.signOff.approvals
            #expect(approvals.count == 1)
            #expect(approvals.first?.acknowledgement?.reason == reason && approvals.first?.acknowledgement?.warnings.map(\.code) == open.map(\.code))
            let audit = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$entity == PlanningService.entity).sort(\.$at, .descending).first())
            #expect(audit.label.contains("Acknowledged \(open.count) open warning(s)") && (audit.after ?? "").contains("Legal advised"))
            #expect(try await EngagementPlan.query(on: app.db).first()!.status == PlanStatus.inChallenge.rawValue, "waits for every reviewer")
            let withAck = try await officer.get(SiteURL.Plan.show(id))
            #expect(withAck.body.string.contains("They acknowledged \(open.count) open warnings"))
            #expect(withAck.body.string.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !withAck.body.string.contains("<script>alert(1)"))
            let md = try await officer.get(SiteURL.Plan.markdown(id)).body.string
            #expect(md.contains("acknowledging \(open.count) open warning(s)") && md.contains("reason: Legal advised"))
            let printed = try await officer.get(SiteURL.Plan.print(id)).body.string
            #expect(printed.contains("They acknowledged \(open.count) open warnings") && printed.contains("The officer's notes"))
            #expect(printed.contains("id=\"officer-notes\"") && printed.contains("Why the consultation period is long enough"))
            let api = try await APIClient.forUser(app, f.officer)
            let json = try api.object(try await api.send(.GET, "/api/v1/activities/\(id.uuidString)/plan"))
            let signOff = try #require(json["sign_off"] as? [String: Any])
            let first = try #require((signOff["approvals"] as? [[String: Any]])?.first)
            #expect(first["acknowledgement_reason"] as? String == reason)
            #expect((json["blocking_warnings"] as? [String])?.count == open.count)
            let nhsB = try await Browser.signedIn(app, "nadia@nhs.test")
            try await nhsB.get(SiteURL.Plan.show(id))
            #expect(
                try await nhsB.postActivity(
                    SiteURL.Plan.action(id, "approve"), shown + [("acknowledge_warnings", "true"), ("acknowledgement_reason", "Agreed at the board")]
                ).status == .seeOther)
            var plan = try await EngagementPlan.query(on: app.db).first()!
            #expect(plan.status == PlanStatus.signedOff.rawValue && plan.signOff.signedOffAt != nil)
            let unsignedAfter = try await officer.get("/activities?plan=unsigned")
            #expect(unsignedAfter.status == .ok && !unsignedAfter.body.string.contains("Library opening hours"))
            let activityPage = try await officer.get(SiteURL.Register.show(id))
            #expect(activityPage.body.string.contains("Plan: Signed off"))
            #expect(try await officer.get("/activities?plan=maybe").status == .badRequest)
            let signed = try await officer.get(SiteURL.Plan.show(id))
            #expect(signed.body.string.contains("Signed off on") && signed.body.string.contains("Nadia Nurse"))
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

    @Test func thePlanReadsTheActivityAndSaysTheLevelAndEachWarningOnce() async throws {
        try await TestApp.run { app, f in
            let id = try await councilActivity(app, f)
            let officer = try await Browser.signedIn(app, f.officer)
            // Purpose, methods and audiences entered on the activity are the plan's until the plan says otherwise.
            let fresh = try await officer.get(SiteURL.Plan.show(id))
            let page = fresh.body.string
            #expect(page.contains("<dd>Decide new opening hours<span class=\"hint from-activity\"> (from the activity"))
            #expect(page.contains("<dd>Survey<span class=\"hint from-activity\">"))
            #expect(page.contains("Audiences named on the activity: Older people"))
            #expect(page.contains(SiteURL.Register.edit(id)), "links to where the facts are edited")
            #expect(!page.contains("<dd>Missing<span"), "no mirrored field reads Missing")
            // The level: the activity's, beside the advisor's recommendation.
            #expect(page.contains("The activity says consult; the advisor recommends inform"))
            #expect(!page.contains("Recommended: Inform"))
            // An equality answer: the EIA warning appears once.
            let yes = try await officer.postActivity(SiteURL.Plan.question(id, "protected_groups"), [("protected_groups", "yes")])
            #expect(yes.status == .seeOther)
            let withEIA = try await officer.get(SiteURL.Plan.show(id)).body.string
            #expect(withEIA.components(separatedBy: "equality impact assessment is needed").count - 1 == 1, "said once")
            // The plan's own text wins, and the page then shows it as the plan's.
            let own = try await officer.postActivity(SiteURL.Plan.edit(id), [("purpose", "Our own purpose for the plan")])
            #expect(own.status == .seeOther)
            let after = try await officer.get(SiteURL.Plan.show(id)).body.string
            #expect(after.contains("<dd>Our own purpose for the plan</dd>"))
            let stored = try #require(try await EngagementPlan.query(on: app.db).first())
            #expect(stored.content.purpose == "Our own purpose for the plan" && stored.content.methods == nil, "the activity's text is not copied in")
            // Choosing another level in the plan than the activity's is flagged.
            let chose = try await officer.postActivity(SiteURL.Plan.level(id), [("chosen_level", "involve"), ("level_reason", "The board asked")])
            #expect(chose.status == .seeOther)
            let differs = try await officer.get(SiteURL.Plan.show(id)).body.string
            #expect(differs.contains("The plan chose involve, but the activity says consult"))
            #expect(differs.contains("the activity is what residents see"))
            let editDiffers = try await officer.get(SiteURL.Plan.edit(id)).body.string
            #expect(editDiffers.contains("Consult (the plan chose involve: change one of them so they match)"))
            // The API says the same.
            let api = try await APIClient.forUser(app, f.officer)
            let json = try api.object(try await api.send(.GET, "/api/v1/activities/\(id.uuidString)/plan"))
            let ladder = try #require(json["ladder"] as? [String: Any])
            #expect(ladder["activity_level"] as? String == "consult" && ladder["chosen"] as? String == "involve")
            let sections = try #require(json["sections"] as? [[String: Any]])
            let methods = try #require(sections.first { $0["section"] as? String == "methods" }?["fields"] as? [[String: Any]])
            #expect(methods.first?["from_activity"] as? Bool == true && methods.first?["value"] as? String == "Survey")
        }
    }

    @Test func theEditPageIsFoldedIntoStepsWithASummaryFromTheActivity() async throws {
        try await TestApp.run { app, f in
            let id = try await councilActivity(app, f)
            let officer = try await Browser.signedIn(app, f.officer)
            let edit = try await officer.get(SiteURL.Plan.edit(id)).body.string
            #expect(edit.contains("id=\"plan-summary\"") && edit.contains("From the activity"))
            #expect(edit.components(separatedBy: "<details").count - 1 == PlanSection.allCases.count + 2, "one step a section, two for the checks")
            #expect(
                edit.components(separatedBy: "<details class=\"details plan-step\" id=\"section-purpose\" open").count == 1,
                "only the first gap is open")
            #expect(edit.contains("id=\"section-decision\" open"), "the first section with gaps opens")
            #expect(!edit.contains("<script"), "no script needed")
            #expect(edit.contains("From the activity: \u{201C}Decide new opening hours\u{201D}"))
            // An error opens the step that holds it.
            let bad = try await officer.postActivity(SiteURL.Plan.edit(id), [("feedback_date", "2027-02-30")])
            #expect(bad.status == .badRequest && bad.body.string.contains("id=\"section-feedback\" open"))
            #expect(!bad.body.string.contains("id=\"section-decision\" open"))
        }
    }

    @Test func reviewersAreThoseWhoCanReviewOnceEachWithRoleAndOrganisation() async throws {
        try await TestApp.run { app, f in
            let id = try await councilActivity(app, f)
            _ = try await Self.nhsOfficer(app, f)
            let officer = try await Browser.signedIn(app, f.officer)
            let page = try await officer.get(SiteURL.Plan.show(id)).body.string
            #expect(page.contains("Ada Admin \u{2014} Partnership admin, Test Council"))
            #expect(page.contains("Nadia Nurse \u{2014} Officer, Test NHS Trust (Patient engagement lead)"))
            #expect(!page.contains("Vera Viewer") && !page.contains("Cara Champion"), "viewers and champions do not review")
            #expect(!page.contains(">Oscar Officer \u{2014}"), "not the author")
            let adaAt = try #require(page.range(of: "Ada Admin \u{2014}")), nadiaAt = try #require(page.range(of: "Nadia Nurse \u{2014}"))
            #expect(adaAt.lowerBound < nadiaAt.lowerBound, "own organisation first")
            // A draft activity is seen only by its organisation and partnership admins: only they are offered and accepted.
            let activity = try #require(try await Activity.find(id, on: app.db))
            activity.status = ActivityStatus.draft.rawValue
            try await activity.update(on: app.db)
            let draft = try await officer.get(SiteURL.Plan.show(id)).body.string
            #expect(draft.contains("Ada Admin \u{2014}") && !draft.contains("Nadia Nurse"))
            #expect(try await officer.postActivity(SiteURL.Plan.edit(id), Self.completePlan).status == .seeOther)
            let nadia = try #require(try await Person.query(on: app.db).filter(\.$email == "nadia@nhs.test").first())
            let refused = try await officer.postActivity(SiteURL.Plan.action(id, "send"), [("reviewer_ids", nadia.id!.uuidString)])
            #expect(refused.status == .badRequest && refused.body.string.contains("href=\"#f-reviewer-ids\""))
            #expect(try await EngagementPlan.query(on: app.db).first()!.status == PlanStatus.draft.rawValue)
        }
    }

    @Test func hostileActivityTitlesCannotBreakTheReviewEmail() async throws {
        try await TestApp.run { app, f in
            let id = try await councilActivity(app, f)
            // A title saved before titles were checked for line breaks.
            let activity = try #require(try await Activity.find(id, on: app.db))
            activity.title = "Library\r\nBcc: evil@example.com\r\n\r\n<b>hi</b>"
            try await activity.update(on: app.db)
            let officer = try await Browser.signedIn(app, f.officer)
            try await officer.get(SiteURL.Plan.show(id))
            #expect(try await officer.postActivity(SiteURL.Plan.edit(id), Self.completePlan).status == .seeOther)
            let admin = try #require(try await Person.query(on: app.db).filter(\.$email == f.admin).first())
            let sent = try await officer.postActivity(SiteURL.Plan.action(id, "send"), [("reviewer_ids", admin.id!.uuidString)])
            #expect(sent.status == .seeOther)
            let email = try #require(try await OutboxEmail.query(on: app.db).filter(\.$kind == PlanningService.reviewKind).first())
            #expect(!email.subject.contains("\r") && !email.subject.contains("\n"))
            #expect(email.subject == "Please review the engagement plan: Library Bcc: evil@example.com <b>hi</b>")
            let raw = EmailMessage.rfc5322(
                OutgoingEmail(id: email.id!, to: email.toAddress, subject: email.subject, body: email.body, unsubscribeURL: email.unsubscribeURL),
                from: "chorus@council.test", date: Date())
            let headers = raw.components(separatedBy: "\r\n\r\n")[0]
            #expect(!headers.components(separatedBy: "\r\n").contains { $0.lowercased().hasPrefix("bcc:") }, "no injected header")
            // A later round emails the reviewer again; one round never twice.
            #expect(try await officer.postActivity(SiteURL.Plan.action(id, "withdraw"), []).status == .seeOther)
            #expect(try await officer.postActivity(SiteURL.Plan.action(id, "send"), [("reviewer_ids", admin.id!.uuidString)]).status == .seeOther)
            #expect(try await OutboxEmail.query(on: app.db).filter(\.$kind == PlanningService.reviewKind).count() == 2)
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
            #expect(nobody.body.string.contains("href=\"#f-reviewer-ids\""))
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
