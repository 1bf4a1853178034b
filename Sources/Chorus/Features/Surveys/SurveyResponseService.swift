import Vapor
import Fluent
import SQLKit
import ChorusCore

/// A resident answering a survey: a draft kept on the server while they go page by page (found by a token in a
/// cookie of this survey's path, or by their account when signed in), "save and come back later" with a resume code,
/// submitting, and staff keying in a paper or phone response. Submitting turns every free-text answer into an insight
/// of the survey's activity (redacted like every insight), so analysis and decisions use survey answers directly.
enum SurveyResponseService {
    typealias Answers = [String: [String]]

    /// The cookie holding this browser's draft token for one survey (scoped to the survey's path).
    static func cookieName(_ survey: UUID) -> String { "chorus_survey_" + survey.uuidString.replacingOccurrences(of: "-", with: "").lowercased() }

    static func decode(_ json: String) -> Answers {
        AnswersJSON.decode(json) ?? (try? JSONDecoder().decode(Answers.self, from: Data(json.utf8))) ?? [:]
    }

    static func encode(_ a: Answers) -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        return String(decoding: (try? enc.encode(a)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// The keyed hash a draft token or resume code is stored as: the server's secret and the survey are in the key,
    /// so a database copy alone cannot turn codes into drafts, and a code works for its own survey only.
    static func hash(_ code: String, survey: UUID, secret: String) -> String { Tokens.hmac(code, key: secret + ":" + survey.uuidString) }

    // MARK: - Finding the draft

    /// This reader's response to the survey: a signed-in resident's own (draft or submitted), else the draft the
    /// browser's token names. nil when they have not started.
    static func current(_ s: SurveyService.Info, token: String?, resident: CurrentResident?, secret: String, _ db: any Database) async throws
        -> SurveyResponse?
    {
        if let resident, s.mode != .anonymous {
            if let mine = try await SurveyResponse.query(on: db).filter(\.$surveyID == s.id).filter(\.$residentID == resident.id).first() {
                return mine
            }
        }
        guard let token, !token.isEmpty else { return nil }
        return try await SurveyResponse.query(on: db).filter(\.$draftHash == hash(token, survey: s.id, secret: secret))
            .filter(\.$surveyID == s.id).filter(\.$status == "draft").first()
    }

    /// Starts a response: the signed-in resident's own (one per survey, so a second browser or a double click finds
    /// the same one), or an anonymous draft with a new token for the browser's cookie.
    static func start(_ s: SurveyService.Info, resident: CurrentResident?, secret: String, _ db: any Database) async throws -> (
        SurveyResponse, token: String?
    ) {
        let now = Date()
        let r = SurveyResponse()
        r.surveyID = s.id
        r.reference = SurveyCodes.reference()
        r.answers = "{}"
        r.status = "draft"
        r.channel = "web"
        r.startedAt = now
        r.updatedAt = now
        if let resident, s.mode != .anonymous {
            r.residentID = resident.id
            do {
                try await r.create(on: db)
            } catch {
                // Started at the same moment in another tab: that one stands.
                guard (error as? any DatabaseError)?.isConstraintFailure == true,
                    let mine = try await SurveyResponse.query(on: db).filter(\.$surveyID == s.id).filter(\.$residentID == resident.id).first()
                else { throw error }
                return (mine, nil)
            }
            return (r, nil)
        }
        let token = Tokens.make()
        r.draftHash = hash(token, survey: s.id, secret: secret)
        try await r.create(on: db)
        return (r, token)
    }

    /// Whether this response can still be changed: a draft, or a signed-in resident's own while the survey is open.
    static func editable(_ r: SurveyResponse, _ s: SurveyService.Info, today: Day) -> Bool {
        s.isOpen(on: today) && (r.status == "draft" || r.residentID != nil)
    }

    /// Saves a page's answers over what was there (answers to questions not on this page are kept).
    static func save(page answers: Answers, questions: [SurveyQuestion], into r: SurveyResponse, placeID: UUID?, _ db: any Database) async throws {
        var all = decode(r.answers)
        for q in questions {
            all[q.id] = nil
            all[SurveyAnswers.otherKey(q.id)] = nil
        }
        for (k, v) in answers where !v.isEmpty { all[k] = v }
        r.answers = encode(all)
        if let placeID { r.placeID = placeID }
        r.updatedAt = Date()
        try await r.update(on: db)
    }

    /// A new resume code for the draft (any earlier one stops working); shown once, stored only as a hash.
    static func resumeCode(for r: SurveyResponse, secret: String, _ db: any Database) async throws -> String {
        let code = SurveyCodes.resumeCode()
        r.resumeHash = hash(code, survey: r.surveyID, secret: secret)
        r.updatedAt = Date()
        try await r.update(on: db)
        return code
    }

    /// The draft a resume code belongs to, for this survey only, with a fresh browser token for it. A code is for an
    /// anonymous draft; it never opens a submitted response or another survey's.
    static func resume(_ s: SurveyService.Info, typed: String?, secret: String, _ db: any Database) async throws -> (SurveyResponse, token: String)? {
        guard let code = SurveyCodes.normaliseResumeCode(typed ?? "") else { return nil }
        guard
            let r = try await SurveyResponse.query(on: db).filter(\.$resumeHash == hash(code, survey: s.id, secret: secret)).filter(
                \.$surveyID == s.id
            )
            .filter(\.$status == "draft").filter(\.$residentID == nil).first()
        else { return nil }
        let token = Tokens.make()
        r.draftHash = hash(token, survey: s.id, secret: secret)
        r.updatedAt = Date()
        try await r.update(on: db)
        return (r, token)
    }

    // MARK: - Equality monitoring

    /// The equality answers given with this response (kept in a table of their own), or nil when none were asked for yet.
    static func equality(of r: SurveyResponse, _ db: any Database) async throws -> [String: String]? {
        try await SurveyEquality.query(on: db).filter(\.$responseID == r.id!).first().map { AuditService.decode($0.answers) }
    }

    static func saveEquality(_ answers: [String: String], for r: SurveyResponse, _ db: any Database) async throws {
        let row = try await SurveyEquality.query(on: db).filter(\.$responseID == r.id!).first() ?? SurveyEquality()
        row.surveyID = r.surveyID
        row.responseID = r.id!
        row.answers = AuditService.encode(answers)
        try await row.save(on: db)
    }

    // MARK: - Submitting

    /// The first page on the path with a required question left unanswered, if any (the check page sends them there).
    static func firstIncomplete(_ s: SurveyService.Info, _ answers: Answers) -> Int? {
        let d = s.definition
        var known: Answers = [:]
        for i in SurveyLogic.path(d, answers) {
            for q in SurveyLogic.visible(d.pages[i], known) {
                if let a = answers[q.id], !a.isEmpty { known[q.id] = a } else if q.required && q.kind != .section { return i }
            }
        }
        return nil
    }

    enum Submitted: Sendable {
        case done(reference: String)
        case incomplete(page: Int)
        case closed
    }

    /// Submits: the answers that stand on the resident's path are kept, the free-text ones become insights (replacing
    /// those of an earlier submission of the same response), and a signed-in resident with an email address gets a
    /// copy. All in one transaction.
    static func submit(_ r: SurveyResponse, _ s: SurveyService.Info, resident: CurrentResident?, today: Day, language: UILanguage, _ db: any Database)
        async throws -> Submitted
    {
        guard editable(r, s, today: today) else { return .closed }
        if let page = firstIncomplete(s, decode(r.answers)) { return .incomplete(page: page) }
        return try await db.transaction { tx in
            // The row is read again under a lock (PostgreSQL; on SQLite the write gate already runs one write at a
            // time), so two tabs or a double click sending at once submit it once: the second finds it sent and
            // replaces its insights rather than adding a second set.
            if let sql = tx as? any SQLDatabase, sql.dialect.name == "postgresql" {
                try await sql.raw("SELECT id FROM survey_responses WHERE id = \(bind: r.id!) FOR UPDATE").run()
            }
            guard let fresh = try await SurveyResponse.find(r.id, on: tx) else { return .closed }
            let standing = standing(s.definition, decode(fresh.answers))
            let again = fresh.status == "submitted"
            let equality = try await equality(of: fresh, tx) ?? [:]
            fresh.answers = encode(standing)
            fresh.status = "submitted"
            fresh.submittedAt = fresh.submittedAt ?? Date()
            fresh.updatedAt = Date()
            fresh.draftHash = nil
            fresh.resumeHash = nil
            let insights = insights(s, standing, reference: fresh.reference, placeID: fresh.placeID, equality: equality, today: today)
            try await fresh.update(on: tx)
            try await InsightService.record(insights, replacing: again ? "survey:\(fresh.reference):" : nil, in: s.activityID, on: tx)
            if let email = resident?.email {
                try await OutboxService.queueTransactional(
                    to: email, subject: t("survey.copy_subject", language, s.title),
                    body: copy(s, standing, reference: fresh.reference, language: language),
                    kind: "survey_copy", reference: fresh.id!, why: t("survey.copy_why", language), on: tx)
            }
            return .done(reference: fresh.reference)
        }
    }

    /// What is kept when a response is sent: the answers on the resident's path (`SurveyLogic.applicable`) and the
    /// "other, please say" texts of choices that still stand (which `applicable`, keyed by question, leaves out).
    static func standing(_ d: SurveyDefinition, _ answers: Answers) -> Answers {
        var out = SurveyLogic.applicable(d, answers)
        for q in d.questions where out[q.id]?.contains(SurveyAnswers.otherValue) == true {
            let key = SurveyAnswers.otherKey(q.id)
            if let t = answers[key] { out[key] = t }
        }
        return out
    }

    /// The insights a sent response makes: one for each free-text answer, redacted, in the survey's activity.
    static func insights(
        _ s: SurveyService.Info, _ standing: Answers, reference: String, placeID: UUID?, equality: [String: String], today: Day
    ) -> [InsightService.FromResident] {
        freeText(s, standing).map { q, text in
            InsightService.FromResident(
                organisationID: s.organisationID, activityID: s.activityID, text: text, heard: today, placeID: placeID, sharing: .organisation,
                equality: equality, sourceRef: "survey:\(reference):\(q)")
        }
    }

    /// Each free-text answer (text questions and "other" texts) with the id of its question.
    static func freeText(_ s: SurveyService.Info, _ answers: Answers) -> [(String, String)] {
        s.definition.questions.compactMap { q -> [(String, String)]? in
            var out: [(String, String)] = []
            if q.kind == .shortText || q.kind == .longText, let t = answers[q.id]?.first, !t.isEmpty { out.append((q.id, t)) }
            if let t = answers[SurveyAnswers.otherKey(q.id)]?.first, !t.isEmpty { out.append((q.id + "-other", t)) }
            return out
        }.flatMap { $0 }
    }

    /// The emailed copy of a response: each question and answer, and the reference.
    static func copy(_ s: SurveyService.Info, _ answers: Answers, reference: String, language: UILanguage) -> String {
        var lines = [t("survey.copy_intro", language, s.title), "", t("survey.reference", language, reference), ""]
        for (n, q) in s.definition.numbered {
            let a = SurveyAnswers.summary(q, answers)
            guard !a.isEmpty else { continue }
            lines.append("\(n). \(q.text)")
            lines += a.map { "   " + $0 }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    private static func t(_ key: String, _ language: UILanguage, _ args: String...) -> String {
        Catalogue.format(Catalogue.text(key, language), args)
    }

    // MARK: - Keyed in by staff

    /// A paper or phone response typed in by staff: every question at once, checked as a resident's would be,
    /// stored as submitted and marked with its channel and who keyed it in.
    static func keyIn(
        _ s: SurveyService.Info, form: Input, user: CurrentUser, place: @Sendable (String) -> PlacesReads.Ward?, today: Day, _ db: any Database
    ) async throws -> String {
        var v = Validator()
        let channel = (form["channel"] ?? "").trimmedWhitespace
        if channel != "paper" && channel != "phone" { v.add("channel", "Choose whether the response came on paper or by phone") }
        var answers: Answers = [:]
        var placeID: UUID? = nil
        var problems: [FieldError] = []
        for (n, q) in s.definition.numbered {
            // A question shown only under a condition is read when it was answered, so the paper copy's "if you
            // answered…" instructions are followed as the respondent did.
            let (page, found) = SurveyAnswers.readPage(
                [q], form: form.lists.merging(form.values.mapValues { [$0] }) { a, _ in a }, place: { place($0)?.name })
            if let (_, problem) = found.first {
                if q.showIf == nil || problem != .required {
                    problems.append(FieldError(SurveyAnswers.field(q), "Question \(n): \(problem.english)"))
                }
                continue
            }
            answers.merge(page) { a, _ in a }
            if q.kind == .ward, let typed = answers[q.id]?.first { placeID = place(typed)?.id }
        }
        for p in problems { v.add(p.field, p.message) }
        try v.check()
        let r = SurveyResponse()
        r.surveyID = s.id
        r.reference = SurveyCodes.reference()
        r.answers = "{}"
        r.status = "draft"
        r.channel = channel
        r.keyedByID = user.id
        r.placeID = placeID
        r.startedAt = Date()
        r.updatedAt = r.startedAt
        let standing = standing(s.definition, answers)
        r.answers = encode(standing)
        r.status = "submitted"
        r.submittedAt = Date()
        let insights = insights(s, standing, reference: r.reference, placeID: placeID, equality: [:], today: today)
        try await db.transaction { tx in
            try await r.create(on: tx)
            try await InsightService.record(insights, replacing: nil, in: s.activityID, on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .create, entity: "survey_response", id: r.id, label: "\(s.title): \(r.reference) (\(channel))")
        }
        return r.reference
    }
}
