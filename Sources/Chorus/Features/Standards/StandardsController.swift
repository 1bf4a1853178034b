import Vapor
import ChorusCore

/// The route table first, then each handler: parse, call the service, render a pure view. A form with problems comes
/// back with them named (400), nothing saved.
enum StandardsController {
    typealias URLs = SiteURL.Standards.Route

    static func routes(_ r: FeatureRoutes) {
        r.staff.get(URLs.home, use: home)
        r.staff.get(URLs.compare, use: compare)
        r.staff.get(URLs.version, use: version)
        r.admin.get(URLs.newStandard, use: newStandard)
        r.admin.post(URLs.newStandard, use: saveStandard)
        r.admin.get(URLs.edit, use: editStandard)
        r.admin.post(URLs.edit, use: saveStandard)
        r.admin.post(URLs.retire, use: retire)
        r.staff.post(URLs.assessments, use: create)
        r.staff.get(URLs.assessment, use: show)
        r.staff.post(URLs.rating, use: rate)
        r.staff.post(URLs.moderation, use: sendForModeration)
        r.staff.post(URLs.challenges, use: challenge)
        r.staff.post(URLs.challenge, use: resolve)
        r.staff.post(URLs.agree, use: agree)
        r.staff.post(URLs.actions, use: addAction)
        r.staff.get(URLs.report, use: report)
        r.staff.get(URLs.csv, use: csv)
        r.staff.get(URLs.action, use: action)
        r.staff.post(URLs.action, use: updateAction)
        r.staff.get(URLs.evaluation, use: evaluation)
        r.staff.post(URLs.evaluation, use: evaluate)
        r.staff.get(URLs.lessons, use: lessons)
        r.staff.get(URLs.lessonsCSV, use: lessonsCSV)
        r.site.get(URLs.howWasIt, use: howWasIt)
        r.site.post(URLs.howWasIt, use: answerHowWasIt)
    }

    @Sendable static func home(_ req: Request) async throws -> Response {
        let q = try req.query.decode([String: String].self)
        let page = try await StandardsPages.home(
            user: req.requireUser(), organisation: q["organisation"].flatMap { $0.isEmpty ? nil : $0 },
            status: q["status"].flatMap { $0.isEmpty ? nil : $0 },
            req.db)
        return StandardsViews.home(page, req.page).response(req.page)
    }

    @Sendable static func compare(_ req: Request) async throws -> Response {
        StandardsViews.compare(try await StandardsPages.compare(user: req.requireUser(), req.db), req.page).response(req.page)
    }

    @Sendable static func version(_ req: Request) async throws -> Response {
        guard let v = req.parameters.get("version", as: Int.self), let set = try await StandardsService.set(version: v, req.db) else {
            throw Abort(.notFound)
        }
        return StandardsViews.version(set, req.page).response(req.page)
    }

    @Sendable static func newStandard(_ req: Request) async throws -> Response {
        StandardsViews.edit(try await StandardsPages.editStandard(key: nil, user: req.requireUser(), req.db), req.page).response(req.page)
    }

    @Sendable static func editStandard(_ req: Request) async throws -> Response {
        let page = try await StandardsPages.editStandard(key: req.parameters.get("key"), user: req.requireUser(), req.db)
        return StandardsViews.edit(page, req.page).response(req.page)
    }

    @Sendable static func saveStandard(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let key = req.parameters.get("key")
        let input = try Input.form(req)
        do {
            let saved = try await StandardsService.save(key: key, input, user: user, on: req.db)
            return req.redirect(to: SiteURL.Standards.home + (saved == nil ? "#standards" : "#versions"))
        } catch let failure as ValidationFailure {
            let page = try await StandardsPages.editStandard(key: key, user: user, errors: failure.errors, input: input, req.db)
            return StandardsViews.edit(page, req.page).response(req.page)
        }
    }

    @Sendable static func retire(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let key = req.parameters.get("key") ?? ""
        do {
            try await StandardsService.retire(key: key, user: user, on: req.db)
            return req.redirect(to: SiteURL.Standards.home + "#versions")
        } catch let failure as ValidationFailure {
            let page = try await StandardsPages.editStandard(key: key, user: user, errors: failure.errors, req.db)
            return StandardsViews.edit(page, req.page).response(req.page)
        }
    }

    @Sendable static func create(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let input = try Input.form(req)
        do {
            let a = try await AssessmentService.create(input, user: user, today: Day(Date()), on: req.db)
            return req.redirect(to: SiteURL.Standards.assessment(a.id!))
        } catch let failure as ValidationFailure {
            let page = try await StandardsPages.home(user: user, errors: failure.errors, input: input, req.db)
            return StandardsViews.home(page, req.page).response(req.page)
        }
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let page = try await StandardsPages.assessment(req.parameters.get("id", as: UUID.self), user: req.requireUser(), today: Day(Date()), req.db)
        return AssessmentViews.page(page, req.page).response(req.page)
    }

    /// Runs a change to an assessment; on success back to `anchor`, with problems the page again with them named.
    private static func change(
        _ req: Request, anchor: String,
        _ body: @Sendable (StandardAssessment, AssessmentService.Access, StandardSet, Input, CurrentUser) async throws -> Void
    ) async throws -> Response {
        let user = try req.requireUser()
        let input = try Input.form(req)
        let (a, access) = try await AssessmentService.find(req.parameters.get("id", as: UUID.self), user: user, req.db)
        guard let standards = try await StandardsService.set(version: a.setVersion, req.db) else { throw Abort(.notFound) }
        do {
            try await body(a, access, standards, input, user)
            return req.redirect(to: SiteURL.Standards.assessment(a.id!) + "#" + anchor)
        } catch let failure as ValidationFailure {
            let page = try await StandardsPages.assessment(
                a, access: access, user: user, today: Day(Date()), errors: failure.errors, input: input, req.db)
            return AssessmentViews.page(page, req.page).response(req.page)
        }
    }

    @Sendable static func rate(_ req: Request) async throws -> Response {
        let key = req.parameters.get("key") ?? ""
        return try await change(req, anchor: "standard-\(key)") { a, access, standards, input, user in
            // Chorus's figures are counted only when the rater keeps them with the rating.
            let figures =
                Input.isTrue(input["include_figures_\(key)"]) ? try await StandardsEvidenceService.figures(for: a, today: Day(Date()), req.db) : []
            try await AssessmentService.rate(a, access: access, key: key, standards: standards, figures: figures, input, user: user, on: req.db)
        }
    }

    @Sendable static func sendForModeration(_ req: Request) async throws -> Response {
        try await change(req, anchor: "moderation") { a, access, standards, _, user in
            try await AssessmentService.sendForModeration(a, access: access, standards: standards, user: user, on: req.db)
        }
    }

    @Sendable static func challenge(_ req: Request) async throws -> Response {
        try await change(req, anchor: "moderation") { a, _, standards, input, user in
            try await AssessmentService.challenge(a, standards: standards, input, user: user, on: req.db)
        }
    }

    @Sendable static func agree(_ req: Request) async throws -> Response {
        try await change(req, anchor: "results") { a, access, _, _, user in
            try await AssessmentService.agree(a, access: access, user: user, today: Day(Date()), on: req.db)
        }
    }

    @Sendable static func addAction(_ req: Request) async throws -> Response {
        try await change(req, anchor: "action-plan") { a, access, standards, input, user in
            _ = try await StandardActionService.add(a, access: access, standards: standards, input, user: user, today: Day(Date()), on: req.db)
        }
    }

    @Sendable static func resolve(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let input = try Input.form(req)
        let (c, a, access) = try await AssessmentService.findChallenge(req.parameters.get("id", as: UUID.self), user: user, req.db)
        do {
            try await AssessmentService.resolve(c, assessment: a, access: access, input, user: user, today: Day(Date()), on: req.db)
            return req.redirect(to: SiteURL.Standards.assessment(a.id!) + "#moderation")
        } catch let failure as ValidationFailure {
            let page = try await StandardsPages.assessment(a, access: access, user: user, today: Day(Date()), errors: failure.errors, req.db)
            return AssessmentViews.page(page, req.page).response(req.page)
        }
    }

    @Sendable static func report(_ req: Request) async throws -> Response {
        let page = try await StandardsPages.assessment(req.parameters.get("id", as: UUID.self), user: req.requireUser(), today: Day(Date()), req.db)
        return AssessmentViews.report(page, req.page).response(req.page)
    }

    @Sendable static func csv(_ req: Request) async throws -> Response {
        let page = try await StandardsPages.assessment(req.parameters.get("id", as: UUID.self), user: req.requireUser(), today: Day(Date()), req.db)
        return CSVDownload.response(AssessmentCSV.write(page), filename: AssessmentCSV.filename(page))
    }

    @Sendable static func action(_ req: Request) async throws -> Response {
        let page = try await StandardsPages.action(req.parameters.get("id", as: UUID.self), user: req.requireUser(), today: Day(Date()), req.db)
        return AssessmentViews.action(page, req.page).response(req.page)
    }

    @Sendable static func updateAction(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let input = try Input.form(req)
        let id = req.parameters.get("id", as: UUID.self)
        let (x, a, canUpdate) = try await StandardActionService.find(id, user: user, req.db)
        do {
            try await StandardActionService.update(x, assessment: a, canUpdate: canUpdate, input, user: user, today: Day(Date()), on: req.db)
            return req.redirect(to: SiteURL.Standards.action(x.id!))
        } catch let failure as ValidationFailure {
            let page = try await StandardsPages.action(id, user: user, today: Day(Date()), errors: failure.errors, input: input, req.db)
            return AssessmentViews.action(page, req.page).response(req.page)
        }
    }

    // MARK: - Evaluations and lessons

    @Sendable static func evaluation(_ req: Request) async throws -> Response {
        let page = try await EvaluationPages.form(req.parameters.get("id", as: UUID.self), user: req.requireUser(), req.db)
        return EvaluationViews.form(page, req.page).response(req.page)
    }

    @Sendable static func evaluate(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let input = try Input.form(req)
        let id = req.parameters.get("id", as: UUID.self)
        do {
            try await EvaluationService.save(id, input, user: user, today: Day(Date()), on: req.db)
            return req.redirect(to: SiteURL.Register.show(id!) + "#evaluation")
        } catch let failure as ValidationFailure {
            let page = try await EvaluationPages.form(id, user: user, errors: failure.errors, input: input, req.db)
            return EvaluationViews.form(page, req.page).response(req.page)
        }
    }

    @Sendable static func lessons(_ req: Request) async throws -> Response {
        let q = try req.query.decode([String: String].self)
        let ctx = req.page
        return EvaluationViews.lessons(try await EvaluationPages.lessons(q, methodLabel: { ctx.t("method.\($0)") }, req.db), ctx).response(ctx)
    }

    @Sendable static func lessonsCSV(_ req: Request) async throws -> Response {
        let q = try req.query.decode([String: String].self)
        let page = try await EvaluationService.lessons(EvaluationPages.filter(q), window: PageWindow(page: 1, size: 5000), req.db)
        return CSVDownload.response(LessonsCSV.write(page.items), filename: "lessons.csv")
    }

    // MARK: - How was taking part? (residents)

    @Sendable static func howWasIt(_ req: Request) async throws -> Response {
        let a = try await ParticipantFeedbackService.openActivity(req.parameters.get("id", as: UUID.self), req.db)
        let model = ParticipantFeedbackViews.FormModel(
            activityID: a.id, title: a.title, bot: req.botFields, sent: req.query[String.self, at: "sent"] != nil)
        return ParticipantFeedbackViews.form(model, req.page).response(req.page)
    }

    @Sendable static func answerHowWasIt(_ req: Request) async throws -> Response {
        let a = try await ParticipantFeedbackService.openActivity(req.parameters.get("id", as: UUID.self), req.db)
        let input = try Input.form(req)
        func again(_ errors: [FieldError]) -> Response {
            let model = ParticipantFeedbackViews.FormModel(activityID: a.id, title: a.title, bot: req.botFields, errors: errors, input: input)
            return ParticipantFeedbackViews.form(model, req.page).response(req.page)
        }
        guard BotGuard.judge(input, req) == .human else { return again([FieldError("listened", req.t("campaigns.send_again"))]) }
        do {
            try await ParticipantFeedbackService.answer(a, input, language: req.page.language.code, on: req.db)
            return req.redirect(to: SiteURL.Standards.howWasIt(a.id) + "?sent=1")
        } catch let failure as ValidationFailure {
            return again(failure.errors)
        }
    }
}
