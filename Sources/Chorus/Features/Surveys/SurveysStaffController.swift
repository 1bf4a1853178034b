import Vapor
import ChorusCore

/// Staff build and run surveys: the list, a new survey for an activity, the builder (add, edit, move and remove
/// questions, import and export the definition as JSON, settings, translations), publish, close, reopen with a reason, duplicate, preview,
/// results with a summary to publish, exports (CSV, JSON), the paper copy and keying in paper and phone responses.
enum SurveysStaffController {
    typealias URLs = SiteURL.Surveys.Route

    static func routes(_ r: FeatureRoutes) {
        r.staff.get(URLs.list, use: list)
        r.staff.get(URLs.new, use: newForm)
        r.staff.post(URLs.new, use: create)
        r.staff.get(URLs.survey, use: overview)
        r.staff.post(URLs.settings, use: saveSettings)
        r.staff.post(URLs.questions, use: addQuestion)
        r.staff.get(URLs.question, use: questionForm)
        r.staff.post(URLs.question, use: editQuestion)
        r.staff.post(URLs.moveQuestion, use: moveQuestion)
        r.staff.post(URLs.removeQuestion, use: removeQuestion)
        r.staff.post(URLs.skips, use: addSkip)
        r.staff.post(URLs.removeSkip, use: removeSkip)
        r.staff.get(URLs.translation, use: translationForm)
        r.staff.post(URLs.translation, use: saveTranslation)
        r.staff.get(URLs.definition, use: exportDefinition)
        r.staff.post(URLs.definition, use: importDefinition)
        r.staff.post(URLs.publish, use: publish)
        r.staff.post(URLs.close, use: close)
        r.staff.post(URLs.reopen, use: reopen)
        r.staff.post(URLs.duplicate, use: duplicate)
        r.staff.get(URLs.preview, use: preview)
        r.staff.get(URLs.results, use: results)
        r.staff.post(URLs.summary, use: saveSummary)
        r.staff.get(URLs.csv, use: csv)
        r.staff.get(URLs.json, use: json)
        r.staff.get(URLs.paper, use: paper)
        r.staff.get(URLs.keyIn, use: keyInForm)
        r.staff.post(URLs.keyIn, use: keyIn)
    }

    static func survey(_ req: Request) async throws -> Survey {
        try await SurveyService.findForStaff(req.parameters.get("id", as: UUID.self), user: req.requireUser(), req.db)
    }

    /// A survey whose responses the reader may see (its organisation's staff and partnership admins), else 404.
    static func readable(_ req: Request) async throws -> Survey {
        let s = try await survey(req)
        guard SurveyService.canReadResponses(try req.requireUser(), s) else { throw Abort(.notFound) }
        return s
    }

    @Sendable static func list(_ req: Request) async throws -> Response {
        let status = req.queryValues["status"].flatMap(SurveyStatus.init(rawValue:))
        let m = SurveyStaffPages.List(rows: try await SurveyService.list(user: req.requireUser(), status: status, req.db), status: status)
        return SurveyStaffViews.list(m, req.page).response(req.page)
    }

    @Sendable static func newForm(_ req: Request) async throws -> Response {
        var input = Input(values: ["response_mode": SurveyResponseMode.either.rawValue])
        if let a = req.queryValues["activity"] { input.values["activity_id"] = a }
        let m = try await SurveyStaffPages.form(nil, user: req.requireUser(), input: input, req.db)
        return SurveyStaffViews.form(m, req.page).response(req.page)
    }

    @Sendable static func create(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let input = try Input.form(req)
        let choices = try await RegisterService.activityChoices(user, req.db)
        do {
            let settings = try await SurveyService.settings(input, user: user, choices: choices, req.db)
            return req.redirect(to: SiteURL.Surveys.survey(try await SurveyService.create(settings, user: user, on: req.db)))
        } catch let failure as ValidationFailure {
            let m = SurveyStaffPages.Form(survey: nil, activities: choices, errors: failure.errors, input: input)
            return SurveyStaffViews.form(m, req.page).response(req.page)
        }
    }

    @Sendable static func overview(_ req: Request) async throws -> Response {
        let s = try await survey(req)
        let m = try await SurveyStaffPages.overview(s, user: req.requireUser(), notice: req.queryValues["done"].flatMap(notice), req.db)
        return SurveyStaffViews.overview(m, req.page).response(req.page)
    }

    static func notice(_ key: String) -> String? {
        [
            "published": "Survey published: residents can answer it now.", "closed": "Survey closed.", "reopened": "Survey reopened.",
            "saved": "Saved.", "added": "Question added.", "removed": "Question removed.", "imported": "Definition imported.",
            "summary": "Results summary saved.", "edited": "Question saved.", "moved": "Question moved.", "translated": "Translation saved.",
            "skip_added": "Skip rule added.", "skip_removed": "Skip rule removed.",
        ][key]
    }

    /// Runs a change; on a validation failure the overview is shown again with the messages and what was typed.
    static func change(_ req: Request, done: String, _ body: (Survey, CurrentUser, Input) async throws -> Void) async throws -> Response {
        let s = try await survey(req)
        let user = try req.requireUser()
        let input = try Input.form(req)
        do {
            try await body(s, user, input)
            return req.redirect(to: SiteURL.with(SiteURL.Surveys.survey(s.id!), ["done": done]))
        } catch let failure as ValidationFailure {
            // The failed change may have been applied to the model in memory: read it again.
            let fresh = try await SurveyService.find(s.id, req.db)
            let m = try await SurveyStaffPages.overview(fresh, user: user, errors: failure.errors, input: input, req.db)
            return SurveyStaffViews.overview(m, req.page).response(req.page)
        }
    }

    @Sendable static func saveSettings(_ req: Request) async throws -> Response {
        try await change(req, done: "saved") { s, user, input in
            let settings = try await SurveyService.settings(
                input, user: user, choices: try await RegisterService.activityChoices(user, req.db), req.db)
            try await SurveyService.update(settings, survey: s, user: user, on: req.db)
        }
    }

    @Sendable static func addQuestion(_ req: Request) async throws -> Response {
        try await change(req, done: "added") { s, user, input in try await SurveyService.addQuestion(input, survey: s, user: user, on: req.db) }
    }

    @Sendable static func questionForm(_ req: Request) async throws -> Response {
        let s = try await survey(req)
        let m = try SurveyStaffPages.question(s, id: req.parameters.get("question") ?? "", input: nil)
        return SurveyStaffViews.question(m, req.page).response(req.page)
    }

    @Sendable static func editQuestion(_ req: Request) async throws -> Response {
        let s = try await survey(req)
        let id = req.parameters.get("question") ?? ""
        let input = try Input.form(req)
        do {
            try await SurveyService.editQuestion(id, input, survey: s, user: req.requireUser(), on: req.db)
            return req.redirect(to: SiteURL.with(SiteURL.Surveys.survey(s.id!), ["done": "edited"]) + "#q-" + id)
        } catch let failure as ValidationFailure {
            let m = try SurveyStaffPages.question(try await SurveyService.find(s.id, req.db), id: id, input: input, errors: failure.errors)
            return SurveyStaffViews.question(m, req.page).response(req.page)
        }
    }

    @Sendable static func moveQuestion(_ req: Request) async throws -> Response {
        let question = req.parameters.get("question") ?? ""
        return try await change(req, done: "moved") { s, user, input in
            try await SurveyService.moveQuestion(question, up: input["direction"] == "up", survey: s, user: user, on: req.db)
        }
    }

    @Sendable static func addSkip(_ req: Request) async throws -> Response {
        try await change(req, done: "skip_added") { s, user, input in try await SurveyService.addSkip(input, survey: s, user: user, on: req.db) }
    }

    @Sendable static func removeSkip(_ req: Request) async throws -> Response {
        let page = req.parameters.get("page") ?? ""
        guard let n = req.parameters.get("n", as: Int.self) else { throw Abort(.notFound) }
        return try await change(req, done: "skip_removed") { s, user, _ in
            try await SurveyService.removeSkip(page: page, number: n, survey: s, user: user, on: req.db)
        }
    }

    static func language(_ req: Request) throws -> UILanguage {
        guard let lang = UILanguage.named(req.parameters.get("language")), lang.code != SurveyService.sourceLanguage else { throw Abort(.notFound) }
        return lang
    }

    @Sendable static func translationForm(_ req: Request) async throws -> Response {
        let m = SurveyStaffPages.translation(SurveyService.Info(try await survey(req)), language: try language(req), input: nil)
        return SurveyStaffViews.translation(m, req.page).response(req.page)
    }

    @Sendable static func saveTranslation(_ req: Request) async throws -> Response {
        let s = try await survey(req)
        let lang = try language(req)
        let input = try Input.form(req)
        do {
            try await SurveyService.saveTranslation(lang, input, survey: s, user: req.requireUser(), on: req.db)
            return req.redirect(to: SiteURL.with(SiteURL.Surveys.survey(s.id!), ["done": "translated"]) + "#translations")
        } catch let failure as ValidationFailure {
            let m = SurveyStaffPages.translation(
                SurveyService.Info(try await SurveyService.find(s.id, req.db)), language: lang, input: input, errors: failure.errors)
            return SurveyStaffViews.translation(m, req.page).response(req.page)
        }
    }

    @Sendable static func removeQuestion(_ req: Request) async throws -> Response {
        let question = req.parameters.get("question") ?? ""
        return try await change(req, done: "removed") { s, user, _ in
            try await SurveyService.removeQuestion(question, survey: s, user: user, on: req.db)
        }
    }

    @Sendable static func importDefinition(_ req: Request) async throws -> Response {
        try await change(req, done: "imported") { s, user, input in
            let d = try SurveyService.parseDefinition(input["definition"])
            try await SurveyService.saveDefinition(d, survey: s, user: user, on: req.db)
        }
    }

    @Sendable static func exportDefinition(_ req: Request) async throws -> Response {
        let s = SurveyService.Info(try await survey(req))
        return Download.attachment(
            .init(string: SurveyService.encode(s.definition, pretty: true)), contentType: "application/json; charset=utf-8",
            filename: "survey-definition.json")
    }

    @Sendable static func publish(_ req: Request) async throws -> Response {
        try await change(req, done: "published") { s, user, _ in try await SurveyService.publish(s, user: user, on: req.db) }
    }

    @Sendable static func close(_ req: Request) async throws -> Response {
        try await change(req, done: "closed") { s, user, _ in try await SurveyService.close(s, user: user, on: req.db) }
    }

    @Sendable static func reopen(_ req: Request) async throws -> Response {
        try await change(req, done: "reopened") { s, user, input in
            try await SurveyService.reopen(input, survey: s, user: user, today: Day(Date()), on: req.db)
        }
    }

    @Sendable static func duplicate(_ req: Request) async throws -> Response {
        let s = try await survey(req)
        return req.redirect(to: SiteURL.Surveys.survey(try await SurveyService.duplicate(s, user: req.requireUser(), on: req.db)))
    }

    /// As a resident sees it; `?lang=` as a reader of that language sees it (the translation once it is complete).
    @Sendable static func preview(_ req: Request) async throws -> Response {
        let asked = UILanguage.named(req.queryValues["lang"])
        let s = SurveyService.Info(try await survey(req))
        return SurveyStaffViews.preview(asked.map { s.reading(in: $0) } ?? s, asked: asked, req.page).response(req.page)
    }

    @Sendable static func results(_ req: Request) async throws -> Response {
        let s = try await readable(req)
        let m = try await SurveyStaffPages.results(
            s, user: req.requireUser(), wardCode: req.queryValues["ward"], group: req.queryValues["group"], cache: req.application.surveyResults,
            req.db)
        return SurveyStaffViews.results(m, req.page).response(req.page)
    }

    @Sendable static func saveSummary(_ req: Request) async throws -> Response {
        let s = try await survey(req)
        let user = try req.requireUser()
        do {
            try await SurveyService.saveSummary(try Input.form(req), survey: s, user: user, on: req.db)
            return req.redirect(to: SiteURL.Surveys.results(s.id!))
        } catch let failure as ValidationFailure {
            let m = try await SurveyStaffPages.results(
                s, user: user, wardCode: nil, errors: failure.errors, cache: req.application.surveyResults, req.db)
            return SurveyStaffViews.results(m, req.page).response(req.page)
        }
    }

    @Sendable static func csv(_ req: Request) async throws -> Response {
        let s = SurveyService.Info(try await readable(req))
        return SurveyExport.csv(s, req.db)
    }

    @Sendable static func json(_ req: Request) async throws -> Response {
        let s = SurveyService.Info(try await readable(req))
        return SurveyExport.json(s, req.db)
    }

    @Sendable static func paper(_ req: Request) async throws -> Response {
        let s = SurveyService.Info(try await survey(req))
        return SurveyStaffViews.paper(s, req.page).response(req.page)
    }

    @Sendable static func keyInForm(_ req: Request) async throws -> Response {
        let s = try await readable(req)
        let keyed = req.queryValues["keyed"].flatMap { SurveyCodes.isReference($0) ? $0 : nil }
        return SurveyStaffViews.keyIn(SurveyService.Info(s), form: [:], errors: [], keyed: keyed, req.page).response(req.page)
    }

    @Sendable static func keyIn(_ req: Request) async throws -> Response {
        let s = try await readable(req)
        let info = SurveyService.Info(s)
        let input = try Input.form(req)
        do {
            let place = try await WardFinder.resolver(req.db)
            let reference = try await SurveyResponseService.keyIn(
                info, form: input, user: req.requireUser(), place: place, today: Day(Date()), req.db)
            return req.redirect(to: SiteURL.with(SiteURL.Surveys.keyIn(info.id), ["keyed": reference]))
        } catch let failure as ValidationFailure {
            let form = input.lists.merging(input.values.mapValues { [$0] }) { a, _ in a }
            return SurveyStaffViews.keyIn(info, form: form, errors: failure.errors, req.page).response(req.page)
        }
    }
}
