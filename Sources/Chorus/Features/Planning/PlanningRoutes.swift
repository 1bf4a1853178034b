import Vapor
import Fluent
import ChorusCore

/// /activities/{id}/plan: the plan page, the one-question-a-page advisor, editing, challenge and sign-off, comments,
/// print and Markdown export.
enum PlanningRoutes {
    static func register(staff: any RoutesBuilder) {
        let a = staff.grouped("activities", ":id")
        let p = a.grouped("plan")

        func loaded(_ req: Request) async throws -> (CurrentUser, Activity, EngagementPlan) {
            let user = try req.requireUser()
            let (activity, plan) = try await PlanningService.load(req.parameters.get("id", as: UUID.self), user: user, req.db)
            return (user, activity, plan)
        }
        func report(_ req: Request, _ user: CurrentUser, _ activity: Activity, _ plan: EngagementPlan) async throws -> PlanningService.Report {
            try await PlanningService.report(activity, plan, user: user, elections: req.application.chorusConfig.electionPeriods, req.db)
        }
        func staffOptions(_ req: Request) async throws -> [Form.Option] {
            try await Person.query(on: req.db).filter(\.$active == true).sort(\.$name).with(\.$organisation).all()
                .map { Form.Option($0.id!.uuidString, "\($0.name) (\($0.organisation.name))") }
        }
        func back(_ req: Request, _ activity: Activity, notice: String?) -> Response {
            req.redirect(to: SiteURL.with(SiteURL.Plan.show(activity.id!), ["notice": notice]))
        }

        p.get { req in
            let (user, activity, plan) = try await loaded(req)
            return PlanPageView.render(req, report: try await report(req, user, activity, plan), user: user, staff: try await staffOptions(req),
                                       notice: req.queryValues["notice"].map { String($0.prefix(300)) })
        }
        a.get("plan.md") { req in
            let (user, activity, plan) = try await loaded(req)
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .contentType, value: "text/markdown; charset=utf-8")
            headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"engagement-plan.md\"")
            return Response(status: .ok, headers: headers, body: .init(string: PlanExport.markdown(try await report(req, user, activity, plan))))
        }
        p.get("print") { req in
            let (user, activity, plan) = try await loaded(req)
            return PlanExport.print(req, report: try await report(req, user, activity, plan))
        }
        p.get("advisor") { req in
            let (user, activity, plan) = try await loaded(req)
            try PlanningService.requireEditor(user, activity)
            let first = plan.answers.unanswered.first ?? AdvisorQuestionID.allCases[0]
            return req.redirect(to: SiteURL.Plan.question(activity.id!, first.rawValue))
        }
        p.get("advisor", "summary") { req in
            let (user, activity, plan) = try await loaded(req)
            return AdvisorViews.summary(req, report: try await report(req, user, activity, plan), errors: [], chosen: nil, reason: nil)
        }
        p.get("advisor", ":question") { req in
            let (user, activity, plan) = try await loaded(req)
            try PlanningService.requireEditor(user, activity)
            guard let q = req.parameters.get("question").flatMap(AdvisorQuestionID.init(rawValue:)) else { throw Abort(.notFound) }
            return AdvisorViews.question(req, activity: activity, question: q.question, selected: plan.answers.values(for: q), errors: [])
        }
        p.post("advisor", ":question") { req in
            let (user, activity, plan) = try await loaded(req)
            guard let q = req.parameters.get("question").flatMap(AdvisorQuestionID.init(rawValue:)) else { throw Abort(.notFound) }
            let values = try Input.form(req).list(q.rawValue).filter { !$0.isEmpty }
            do {
                _ = try await PlanningService.answer(q, values: values, plan: plan, activity: activity, user: user, on: req.db)
            } catch let failure as ValidationFailure {
                return AdvisorViews.question(req, activity: activity, question: q.question, selected: values, errors: failure.errors)
            }
            return req.redirect(to: q.next.map { SiteURL.Plan.question(activity.id!, $0.rawValue) } ?? SiteURL.Plan.summary(activity.id!))
        }
        p.post("level") { req in
            let (user, activity, plan) = try await loaded(req)
            let form = try Input.form(req)
            do {
                let notice = try await PlanningService.chooseLevel(form["chosen_level"], reason: form[LevelChoice.reasonField], plan: plan, activity: activity,
                                                                   user: user, on: req.db)
                return back(req, activity, notice: notice ?? "Level saved")
            } catch let failure as ValidationFailure {
                return AdvisorViews.summary(req, report: try await report(req, user, activity, plan), errors: failure.errors,
                                            chosen: form["chosen_level"], reason: form[LevelChoice.reasonField])
            }
        }
        p.get("edit") { req in
            let (user, activity, plan) = try await loaded(req)
            try PlanningService.requireEditor(user, activity)
            return PlanFormView.render(req, activity: activity, plan: plan, input: nil, errors: [])
        }
        p.post("edit") { req in
            let (user, activity, plan) = try await loaded(req)
            let input = try Input.form(req)
            do {
                let notice = try await PlanningService.update(input, plan: plan, activity: activity, user: user, on: req.db)
                return back(req, activity, notice: notice ?? "Plan saved")
            } catch let failure as ValidationFailure {
                return PlanFormView.render(req, activity: activity, plan: plan, input: input, errors: failure.errors)
            }
        }
        for (name, event) in [("approve", PlanEvent.approve), ("withdraw", .withdraw)] {
            p.post(.constant(name)) { req in
                let (user, activity, plan) = try await loaded(req)
                return back(req, activity, notice: try await PlanningService.transition(event, plan: plan, activity: activity, user: user, comment: nil, on: req.db))
            }
        }
        p.post("request-changes") { req in
            let (user, activity, plan) = try await loaded(req)
            let comment = try Input.form(req)["comment"]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            guard !comment.isEmpty else { throw ValidationFailure([FieldError("comment", "Say what needs to change")]) }
            guard comment.count <= 4000, !Validation.hasControlCharacters(comment) else {
                throw ValidationFailure([FieldError("comment", "The comment must be 4,000 characters or fewer, without control characters")])
            }
            return back(req, activity, notice: try await PlanningService.transition(.requestChanges, plan: plan, activity: activity, user: user,
                                                                                     comment: comment, on: req.db))
        }
        p.post("send") { req in
            let (user, activity, plan) = try await loaded(req)
            let raw = try Input.form(req).list("reviewer_ids").filter { !$0.isEmpty }
            let ids = raw.compactMap(UUID.init(uuidString:))
            let active = Set(try await Person.query(on: req.db).filter(\.$active == true).all().compactMap(\.id))
            guard ids.count == raw.count, ids.allSatisfy(active.contains) else {
                throw ValidationFailure([FieldError("reviewer_ids", "Choose reviewers from the list")])
            }
            let event = PlanEvent.sendForChallenge(reviewers: ids, missingSections: PlanCompleteness.missingSections(in: plan.content))
            return back(req, activity, notice: try await PlanningService.transition(event, plan: plan, activity: activity, user: user, comment: nil, on: req.db))
        }
        p.post("comments") { req in
            let (user, activity, plan) = try await loaded(req)
            let form = try Input.form(req)
            try await PlanningService.comment(section: form["section"], body: form["body"], plan: plan, activity: activity, user: user, on: req.db)
            return back(req, activity, notice: "Comment added")
        }
    }
}
