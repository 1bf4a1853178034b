import Vapor
import Fluent
import SQLKit
import ChorusCore

/// Page models for staff's survey pages, built here and rendered by `SurveyStaffViews`.
enum SurveyStaffPages {
    struct List: Sendable {
        let rows: [SurveyService.Row]
        let status: SurveyStatus?
    }

    struct Form: Sendable {
        let survey: SurveyService.Info?
        let activities: PickerChoices
        var errors: [FieldError] = []
        var input: Input? = nil
    }

    static func form(_ survey: SurveyService.Info?, user: CurrentUser, errors: [FieldError] = [], input: Input? = nil, _ db: any Database)
        async throws
        -> Form
    {
        Form(survey: survey, activities: try await RegisterService.activityChoices(user, db), errors: errors, input: input)
    }

    struct Overview: Sendable {
        let survey: SurveyService.Info
        let activityTitle: String
        let responses: Int
        let drafts: Int
        let problems: [String]
        let canEdit: Bool
        let canRead: Bool
        var errors: [FieldError] = []
        var input: Input? = nil
        var notice: String? = nil
    }

    static func overview(_ s: Survey, user: CurrentUser, errors: [FieldError] = [], input: Input? = nil, notice: String? = nil, _ db: any Database)
        async throws -> Overview
    {
        let info = SurveyService.Info(s)
        let submitted = try await SurveyResponse.query(on: db).filter(\.$surveyID == info.id).filter(\.$status == "submitted").count()
        let drafts = try await SurveyResponse.query(on: db).filter(\.$surveyID == info.id).filter(\.$status == "draft").count()
        return Overview(
            survey: info, activityTitle: try await RegisterService.facts(info.activityID, db)?.title ?? "", responses: submitted, drafts: drafts,
            problems: SurveyService.problems(info.definition), canEdit: SurveyService.canEdit(user, s),
            canRead: SurveyService.canReadResponses(user, s),
            errors: errors, input: input, notice: notice)
    }

    struct QuestionForm: Sendable {
        let survey: SurveyService.Info
        let question: SurveyQuestion
        let number: Int?
        /// What the form shows: the question's settings, or what was typed when it is shown again with problems.
        let input: Input
        var errors: [FieldError] = []
    }

    /// "Edit question": the builder's question form filled in from the question as it is.
    static func question(_ s: Survey, id: String, input: Input?, errors: [FieldError] = []) throws -> QuestionForm {
        let info = SurveyService.Info(s)
        guard let page = info.definition.pages.first(where: { $0.questions.contains { $0.id == id } }),
            let q = page.questions.first(where: { $0.id == id })
        else { throw Abort(.notFound) }
        return QuestionForm(
            survey: info, question: q, number: info.definition.numbers[id], input: input ?? formInput(q, page: page.id), errors: errors)
    }

    /// A question as the builder's form fields (`SurveyService.question(from:)` reads them back).
    static func formInput(_ q: SurveyQuestion, page: String) -> Input {
        func number(_ d: Double?) -> String? { d.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int($0)) : String($0) } }
        let values: [String: String?] = [
            "kind": q.kind.rawValue, "text": q.text, "hint": q.hint, "info": q.info, "page": page,
            "options": q.kind == .agree ? nil : q.options.joined(separator: "\n"), "rows": q.rows?.joined(separator: "\n"),
            "required": q.required ? "true" : nil, "allow_other": q.allowOther == true ? "true" : nil, "shuffle": q.shuffle == true ? "true" : nil,
            "min_picks": q.minPicks.map(String.init), "max_picks": q.maxPicks.map(String.init), "max_length": q.maxLength.map(String.init),
            "min_value": number(q.minValue), "max_value": number(q.maxValue), "low_label": q.lowLabel, "high_label": q.highLabel,
            "show_if_question": q.showIf?.question, "show_if_test": q.showIf?.test.rawValue,
            "show_if_values": q.showIf?.values.joined(separator: "\n"),
        ]
        return Input(values: values.compactMapValues { $0 })
    }

    struct Translation: Sendable {
        let survey: SurveyService.Info
        let language: UILanguage
        let texts: [SurveyTranslations.Text]
        /// The translations kept so far, by key.
        let kept: [String: SurveyTranslatedText]
        let progress: SurveyTranslations.Progress
        /// What was typed, by key, when the form is shown again with problems.
        let typed: [String: String]?
        var errors: [FieldError] = []
    }

    /// Every text of the survey beside its translation into `language` so far, out-of-date ones marked.
    static func translation(_ s: SurveyService.Info, language: UILanguage, input: Input?, errors: [FieldError] = []) -> Translation {
        let d = s.definition
        let texts = SurveyTranslations.texts(d, title: s.title, intro: s.intro)
        var typed: [String: String]? = nil
        if let input {
            var out: [String: String] = [:]
            for i in texts.indices {
                let field = SurveyService.translationField(i)
                if let key = input[field + "-key"] { out[key] = input[field] ?? "" }
            }
            typed = out
        }
        return Translation(
            survey: s, language: language, texts: texts, kept: d.translations?[language.code] ?? [:],
            progress: SurveyTranslations.progress(d, title: s.title, intro: s.intro, language: language.code), typed: typed, errors: errors)
    }

    struct Results: Sendable {
        let survey: SurveyService.Info
        let tally: SurveyTally
        let wards: [PlacesReads.Ward]
        let ward: PlacesReads.Ward?
        /// "field:value" of the equality group chosen, and its label.
        let group: (code: String, label: String)?
        let insights: Int
        /// The newest analysis of the activity's insights the reader may see: what the written answers are about.
        let themes: AnalysisService.ActivityThemes?
        let canAnalyse: Bool
        let canSummarise: Bool
        var errors: [FieldError] = []
    }

    /// Every equality group as a filter choice: "age_band:35_39" → "Age: 35 to 39".
    static let groups: [(code: String, label: String)] = EqualityMonitoring.questions.flatMap { q in
        q.options.filter { $0.code != EqualityMonitoring.preferNotToSay }.map { ("\(q.field):\($0.code)", "\(q.question): \($0.label)") }
    }

    static func results(
        _ s: Survey, user: CurrentUser, wardCode: String?, group: String? = nil, errors: [FieldError] = [], cache: SurveyResultsCache,
        _ db: any Database
    ) async throws -> Results {
        let info = SurveyService.Info(s)
        let wards = try await PlacesReads.wards(db)
        let ward = wardCode.flatMap { code in wards.first { $0.code == code } }
        let chosen = group.flatMap { g in groups.first { $0.code == g } }
        var members: Set<UUID>? = nil
        if let chosen {
            let parts = chosen.code.split(separator: ":").map(String.init)
            members = Set(
                try await SurveyEquality.query(on: db).filter(\.$surveyID == info.id).all()
                    .filter { AuditService.decode($0.answers)[parts[0]] == parts[1] }.map(\.responseID))
        }
        let tally = try await cache.tally(info, edited: s.updatedAt, ward: ward?.id, group: chosen?.code, members: members, db)
        let insights = try await InsightService.count(sourcePrefix: "survey:", activity: info.activityID, db)
        return Results(
            survey: info, tally: tally, wards: wards, ward: ward, group: chosen, insights: insights,
            themes: try await AnalysisService.latestThemes(activity: info.activityID, viewer: user, db), canAnalyse: AnalysisService.canRun(user),
            canSummarise: SurveyService.canEdit(user, s) || user.role == .comms, errors: errors)
    }
}
