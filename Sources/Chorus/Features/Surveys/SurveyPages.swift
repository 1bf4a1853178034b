import Vapor
import Fluent
import ChorusCore

/// Page models for residents answering a survey: plain values built here, rendered by `SurveyResidentViews`.
enum SurveyPages {
    struct Start: Sendable {
        let survey: SurveyService.Info
        let activityTitle: String
        let open: Bool
        let started: Bool
        let submitted: Bool
        let needsSignIn: Bool
        let signedIn: Bool
        let notice: PrivacyNotice?
        /// The start button's bot protection (a script starting drafts by the thousand is refused).
        let bot: BotFields
        /// Shown when the last press was refused by the bot check.
        var problem: String? = nil
    }

    static func start(
        _ s: SurveyService.Info, response: SurveyResponse?, resident: CurrentResident?, today: Day, bot: BotFields, _ db: any Database
    ) async throws -> Start {
        let summary = try await RegisterService.summaries([s.activityID], db).first
        var notice: PrivacyNotice? = nil
        if let summary { notice = try await PrivacyNotices.forActivity(summary.id, organisation: summary.organisationName, db) }
        return Start(
            survey: s, activityTitle: summary?.title ?? "", open: s.isOpen(on: today), started: response != nil,
            submitted: response?.status == "submitted", needsSignIn: s.mode == .signedIn && resident == nil, signedIn: resident != nil,
            notice: notice, bot: bot)
    }

    /// Where a returning reader goes: the first page on their path with a required question unanswered, else the
    /// check page.
    static func resumeAt(_ s: SurveyService.Info, _ r: SurveyResponse) -> String {
        let answers = SurveyResponseService.decode(r.answers)
        if r.status == "draft", answers.isEmpty { return SiteURL.Surveys.page(s.id, 1) }
        if let i = SurveyResponseService.firstIncomplete(s, answers) { return SiteURL.Surveys.page(s.id, i + 1) }
        return SiteURL.Surveys.check(s.id)
    }

    struct Question: Sendable {
        let question: SurveyQuestion
        let number: Int?
        /// Choices in the order this response sees them.
        let order: [String]
        /// Field name → values to show in the controls.
        let values: [String: [String]]
        let problem: SurveyAnswerProblem?
        /// The language the question's wording is in.
        var language = SurveyService.sourceLanguage
    }

    struct Page: Sendable {
        let id: UUID
        let surveyTitle: String
        let index: Int
        let position: Int
        let pages: Int
        let title: String?
        let questions: [Question]
        let back: String
        let canSave: Bool
        let signedIn: Bool
        let language: String
        /// The languages the reader can switch to and keep this page's answers.
        let otherLanguages: [UILanguage]
    }

    /// Page `index` for this response: its shown questions numbered as on paper, filled from what was stored (or
    /// from what was just typed, when it is shown again with problems). `checkRequired` marks required questions
    /// left unanswered (sent back from the check page).
    static func page(
        _ s: SurveyService.Info, index: Int, response r: SurveyResponse, typed: [String: [String]]?,
        problems: [(SurveyQuestion, SurveyAnswerProblem)] = [],
        checkRequired: Bool = false, _ db: any Database
    ) async throws -> Page {
        let stored = SurveyResponseService.decode(r.answers)
        let known = SurveyLogic.applicable(s.definition, stored)
        let path = SurveyLogic.path(s.definition, stored)
        let numbers = s.definition.numbers
        let position = (path.firstIndex(of: index) ?? 0) + 1
        let questions = SurveyLogic.visible(s.definition.pages[index], known).map { q in
            var problem = problems.first { $0.0.id == q.id }?.1
            if checkRequired && problem == nil && q.required && q.kind != .section && (stored[q.id] ?? []).isEmpty { problem = .required }
            let values = typed ?? SurveyAnswers.formValues(q, answers: stored)
            return Question(
                question: q, number: numbers[q.id], order: SurveyAnswers.order(q, seed: r.reference), values: values, problem: problem,
                language: s.language)
        }
        let previous = path.firstIndex(of: index).flatMap { $0 > 0 ? path[$0 - 1] : nil }
        return Page(
            id: s.id, surveyTitle: s.title, index: index, position: position, pages: max(path.count, position),
            title: s.definition.pages[index].title,
            questions: questions, back: previous.map { SiteURL.Surveys.page(s.id, $0 + 1) } ?? SiteURL.Surveys.start(s.id), canSave: true,
            signedIn: r.residentID != nil, language: s.language, otherLanguages: s.languages.filter { $0.code != s.language })
    }

    struct AboutYou: Sendable {
        let id: UUID
        let title: String
        let answers: [String: String]
        let consented: Bool
        /// Filled in from the resident's account, where they gave these answers with their consent.
        let fromAccount: Bool
        var errors: [FieldError] = []
    }

    static func aboutYou(_ s: SurveyService.Info, _ r: SurveyResponse, resident: CurrentResident?, _ db: any Database) async throws -> AboutYou {
        let given = try await SurveyResponseService.equality(of: r, db)
        if let given { return AboutYou(id: s.id, title: s.title, answers: given, consented: !given.isEmpty, fromAccount: false) }
        var account: [String: String] = [:]
        if let resident { account = try await ResidentAccountService.equality(resident.id, db) }
        return AboutYou(id: s.id, title: s.title, answers: account, consented: !account.isEmpty, fromAccount: !account.isEmpty)
    }

    struct CheckRow: Sendable {
        let number: Int?
        let text: String
        let answer: [String]
        let missing: Bool
        let change: String
        let fieldID: String
    }

    struct Check: Sendable {
        let id: UUID
        let title: String
        let rows: [CheckRow]
        let resubmitting: Bool
        /// nil when the survey does not ask the equality questions; else whether any were answered.
        let aboutYouAnswered: Bool?
        let language: String
    }

    /// Every question on the reader's path with their answer and a link to change it.
    static func check(_ s: SurveyService.Info, _ r: SurveyResponse, _ db: any Database) async throws -> Check {
        let answers = SurveyResponseService.decode(r.answers)
        let numbers = s.definition.numbers
        var known: [String: [String]] = [:]
        var rows: [CheckRow] = []
        for i in SurveyLogic.path(s.definition, answers) {
            for q in SurveyLogic.visible(s.definition.pages[i], known) where q.kind != .section {
                if let a = answers[q.id], !a.isEmpty { known[q.id] = a }
                let shown = SurveyAnswers.summary(q, answers)
                rows.append(
                    CheckRow(
                        number: numbers[q.id], text: q.text, answer: shown, missing: q.required && shown.isEmpty,
                        change: SiteURL.Surveys.page(s.id, i + 1) + "#" + Form.fieldID(SurveyAnswers.field(q)), fieldID: SurveyAnswers.field(q)))
            }
        }
        let equality = s.askEquality ? (try await SurveyResponseService.equality(of: r, db) ?? [:]) : nil
        return Check(
            id: s.id, title: s.title, rows: rows, resubmitting: r.status == "submitted", aboutYouAnswered: equality.map { !$0.isEmpty },
            language: s.language)
    }

    struct Saved: Sendable {
        let id: UUID
        let title: String
        let code: String?
        let closes: Day?
    }

    struct Resume: Sendable {
        let id: UUID
        let title: String
        /// The language `title` is in.
        var language = SurveyService.sourceLanguage
        let typed: String
        let error: String?
        /// The form's bot protection: a script guessing codes is refused without a CAPTCHA.
        let bot: BotFields
    }

    struct Done: Sendable {
        let id: UUID
        let title: String
        let activityID: UUID
        let reference: String?
        let signedIn: Bool
    }

    struct Closed: Sendable {
        let id: UUID
        let title: String
        /// The language `title` is in.
        var language = SurveyService.sourceLanguage
        let closes: Day?
    }
}
