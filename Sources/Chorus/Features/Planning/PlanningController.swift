import Vapor
import Fluent
import ChorusCore

/// /activities/{id}/plan: the plan page, the one-question-a-page advisor, editing, challenge and sign-off, comments,
/// print and Markdown export. Handlers parse the request, call `PlanningService` / `PlanningPages`, and render a
/// pure view.
enum PlanningController {
    typealias URLs = SiteURL.Plan.Route

    static func routes(_ r: FeatureRoutes) {
        r.staff.get(URLs.show, use: show)
        r.staff.get(URLs.markdown, use: markdown)
        r.staff.get(URLs.print, use: print)
        r.staff.get(URLs.advisor, use: advisor)
        r.staff.get(URLs.summary, use: summary)
        r.staff.get(URLs.question, use: question)
        r.staff.post(URLs.question, use: answer)
        r.staff.post(URLs.level, use: chooseLevel)
        r.staff.get(URLs.edit, use: editor)
        r.staff.post(URLs.edit, use: save)
        r.staff.post(URLs.approve, use: approve)
        r.staff.post(URLs.withdraw, use: withdraw)
        r.staff.post(URLs.requestChanges, use: requestChanges)
        r.staff.post(URLs.send, use: send)
        r.staff.post(URLs.comments, use: comment)
    }

    // MARK: The plan

    @Sendable static func show(_ req: Request) async throws -> Response {
        let (user, activity, plan) = try await loaded(req)
        let page = try await PlanningPages.page(
            activity, plan, user: user, elections: elections(req),
            notice: req.queryValues["notice"].map { String($0.prefix(300)) }, req.db)
        return PlanPageView.render(page, req.page).response(req.page)
    }

    @Sendable static func markdown(_ req: Request) async throws -> Response {
        let (user, activity, plan) = try await loaded(req)
        let model = try await PlanningPages.plan(activity, plan, user: user, elections: elections(req), req.db)
        return Download.attachment(
            .init(string: PlanExport.markdown(model)), contentType: "text/markdown; charset=utf-8", filename: "engagement-plan.md")
    }

    @Sendable static func print(_ req: Request) async throws -> Response {
        let (user, activity, plan) = try await loaded(req)
        let model = try await PlanningPages.plan(activity, plan, user: user, elections: elections(req), req.db)
        return PlanExport.print(.init(plan: model, today: Day(Date())), req.page).response(req.page)
    }

    // MARK: The ladder advisor

    /// The first unanswered question (or the first question).
    @Sendable static func advisor(_ req: Request) async throws -> Response {
        let (user, activity, plan) = try await loaded(req)
        try PlanningService.requireEditor(user, activity)
        let first = plan.answers.unanswered.first ?? AdvisorQuestionID.allCases[0]
        return req.redirect(to: SiteURL.Plan.question(activity.id!, first.rawValue))
    }

    @Sendable static func summary(_ req: Request) async throws -> Response {
        let (user, activity, plan) = try await loaded(req)
        let model = try await PlanningPages.plan(activity, plan, user: user, elections: elections(req), req.db)
        let directory = try await DirectoryReads.activityPanel(activity, user: user, backTo: .plan, req.db)
        let lessons = try await EvaluationService.similar(toActivity: activity.id!, req.db)
        let guides = try await GuidanceService.guides(for: Set(model.suggestions.flatMap(\.methods)), req.db)
        return AdvisorViews.summary(.init(plan: model, directory: directory, lessons: lessons, guides: guides), req.page).response(req.page)
    }

    @Sendable static func question(_ req: Request) async throws -> Response {
        let (user, activity, plan) = try await loaded(req)
        try PlanningService.requireEditor(user, activity)
        guard let q = req.parameters.get("question").flatMap(AdvisorQuestionID.init(rawValue:)) else { throw Abort(.notFound) }
        let page = PlanningPages.Question(
            activityID: activity.id!, activityTitle: activity.title, question: q.question, selected: plan.answers.values(for: q))
        return AdvisorViews.question(page, req.page).response(req.page)
    }

    @Sendable static func answer(_ req: Request) async throws -> Response {
        let (user, activity, plan) = try await loaded(req)
        guard let q = req.parameters.get("question").flatMap(AdvisorQuestionID.init(rawValue:)) else { throw Abort(.notFound) }
        let values = try Input.form(req).list(q.rawValue).filter { !$0.isEmpty }
        do {
            _ = try await PlanningService.answer(q, values: values, plan: plan, activity: activity, user: user, on: req.db)
        } catch let failure as ValidationFailure {
            let page = PlanningPages.Question(
                activityID: activity.id!, activityTitle: activity.title, question: q.question, selected: values,
                errors: failure.errors)
            return AdvisorViews.question(page, req.page).response(req.page)
        }
        return req.redirect(to: q.next.map { SiteURL.Plan.question(activity.id!, $0.rawValue) } ?? SiteURL.Plan.summary(activity.id!))
    }

    @Sendable static func chooseLevel(_ req: Request) async throws -> Response {
        let (user, activity, plan) = try await loaded(req)
        let form = try Input.form(req)
        do {
            let notice = try await PlanningService.chooseLevel(
                form["chosen_level"], reason: form[LevelChoice.reasonField], plan: plan, activity: activity,
                user: user, on: req.db)
            return back(req, activity, notice: notice ?? "Level saved")
        } catch let failure as ValidationFailure {
            let model = try await PlanningPages.plan(activity, plan, user: user, elections: elections(req), req.db)
            let page = PlanningPages.Summary(plan: model, errors: failure.errors, chosen: form["chosen_level"], reason: form[LevelChoice.reasonField])
            return AdvisorViews.summary(page, req.page).response(req.page)
        }
    }

    // MARK: Editing

    @Sendable static func editor(_ req: Request) async throws -> Response {
        let (user, activity, plan) = try await loaded(req)
        try PlanningService.requireEditor(user, activity)
        return PlanFormView.render(try await PlanningPages.editor(activity, plan, req.db), req.page).response(req.page)
    }

    @Sendable static func save(_ req: Request) async throws -> Response {
        let (user, activity, plan) = try await loaded(req)
        let input = try Input.form(req)
        do {
            let notice = try await PlanningService.update(input, plan: plan, activity: activity, user: user, on: req.db)
            return back(req, activity, notice: notice ?? "Plan saved")
        } catch let failure as ValidationFailure {
            let page = try await PlanningPages.editor(activity, plan, input: input, errors: failure.errors, req.db)
            return PlanFormView.render(page, req.page).response(req.page)
        }
    }

    // MARK: Challenge and sign-off

    /// Approving with open warnings needs the box ticked and a reason; without them the plan page comes back with
    /// the errors (400) and nothing is saved.
    @Sendable static func approve(_ req: Request) async throws -> Response {
        let (user, activity, plan) = try await loaded(req)
        let form = try Input.form(req)
        let reason = form[PlanSignOffRule.reasonField]
        do {
            let notice = try await PlanningService.approve(
                plan: plan, activity: activity, user: user, acknowledged: Input.isTrue(form[PlanSignOffRule.acknowledgeField]), reason: reason,
                shownCodes: form.list(PlanSignOffRule.shownField).filter { !$0.isEmpty }, elections: elections(req), on: req.db)
            return back(req, activity, notice: notice)
        } catch let failure as ValidationFailure {
            return try await refused(req, activity, plan, user, failure, acknowledgementReason: reason)
        }
    }

    @Sendable static func withdraw(_ req: Request) async throws -> Response { try await transition(req, .withdraw) }

    @Sendable static func requestChanges(_ req: Request) async throws -> Response {
        let (user, activity, plan) = try await loaded(req)
        let comment = try Input.form(req)["comment"]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        var errors: [FieldError] = []
        if comment.isEmpty {
            errors.append(FieldError("comment", "Say what needs to change"))
        } else if comment.count > 4000 || Validation.hasControlCharacters(comment) {
            errors.append(FieldError("comment", "The comment must be 4,000 characters or fewer, without control characters"))
        }
        guard errors.isEmpty else { return try await refused(req, activity, plan, user, ValidationFailure(errors), comment: comment) }
        return back(
            req, activity,
            notice: try await PlanningService.transition(
                .requestChanges, plan: plan, activity: activity, user: user,
                comment: comment, on: req.db))
    }

    @Sendable static func send(_ req: Request) async throws -> Response {
        let (user, activity, plan) = try await loaded(req)
        let raw = try Input.form(req).list("reviewer_ids").filter { !$0.isEmpty }
        do {
            let notice = try await PlanningService.send(
                reviewerIDs: raw, plan: plan, activity: activity, user: user, mail: req.mailContext, on: req.db)
            return back(req, activity, notice: notice)
        } catch let failure as ValidationFailure {
            return try await refused(req, activity, plan, user, failure)
        }
    }

    @Sendable static func comment(_ req: Request) async throws -> Response {
        let (user, activity, plan) = try await loaded(req)
        let form = try Input.form(req)
        try await PlanningService.comment(section: form["section"], body: form["body"], plan: plan, activity: activity, user: user, on: req.db)
        return back(req, activity, notice: "Comment added")
    }

    // MARK: Helpers

    /// The signed-in person, the activity (visible to them) and its plan.
    static func loaded(_ req: Request) async throws -> (CurrentUser, Activity, EngagementPlan) {
        let user = try req.requireUser()
        let (activity, plan) = try await PlanningService.load(req.parameters.get("id", as: UUID.self), user: user, req.db)
        return (user, activity, plan)
    }

    static func elections(_ req: Request) -> [ElectionPeriod] { req.application.chorusConfig.electionPeriods }

    static func transition(_ req: Request, _ event: PlanEvent) async throws -> Response {
        let (user, activity, plan) = try await loaded(req)
        return back(
            req, activity, notice: try await PlanningService.transition(event, plan: plan, activity: activity, user: user, comment: nil, on: req.db))
    }

    /// The plan page again with the errors (400), what was typed kept.
    static func refused(
        _ req: Request, _ activity: Activity, _ plan: EngagementPlan, _ user: CurrentUser, _ failure: ValidationFailure,
        acknowledgementReason: String? = nil, comment: String? = nil
    ) async throws -> Response {
        let page = try await PlanningPages.page(
            activity, plan, user: user, elections: elections(req), notice: nil, errors: failure.errors,
            acknowledgementReason: acknowledgementReason, comment: comment, req.db)
        return PlanPageView.render(page, req.page).response(req.page)
    }

    /// Back to the plan page, with a notice.
    static func back(_ req: Request, _ activity: Activity, notice: String?) -> Response {
        req.redirect(to: SiteURL.with(SiteURL.Plan.show(activity.id!), ["notice": notice]))
    }
}
