import Vapor
import Fluent
import SQLKit
import ChorusCore

enum SurveyStatus: String, CaseIterable, Sendable {
    case draft, open, closed
}

/// Who may answer: anyone without signing in, signed-in residents only (one response each, editable until the survey
/// closes), or either.
enum SurveyResponseMode: String, CaseIterable, Sendable {
    case anonymous, signedIn = "signed_in", either

    var label: String {
        switch self {
        case .anonymous: return "Anyone, without signing in"
        case .signedIn: return "Signed-in residents only (one response each)"
        case .either: return "Either (signed-in residents get one response each)"
        }
    }
}

/// Staff's use cases for surveys: make one for a register activity, build its pages and questions (or import them as
/// JSON), publish, close, extend or reopen with a reason, duplicate, and publish a results summary. Every write is
/// audited in the same transaction. Other features reach surveys only through the reads at the end.
enum SurveyService {
    static let entity = "survey"

    /// A survey as pages and views need it, with its definition decoded.
    struct Info: Sendable {
        let id: UUID
        let activityID: UUID
        let organisationID: UUID
        private(set) var title: String
        private(set) var intro: String
        private(set) var definition: SurveyDefinition
        /// The language `title`, `intro` and `definition` are in (`reading(in:)` changes it).
        private(set) var language = SurveyService.sourceLanguage
        let status: SurveyStatus
        let mode: SurveyResponseMode
        let closes: Day?
        let askEquality: Bool
        let resultsSummary: String?
        let resultsPublished: Bool

        init(_ s: Survey) {
            id = s.id!; activityID = s.activityID; organisationID = s.$organisation.id; title = s.title; intro = s.intro
            definition = SurveyService.decode(s.definition) ?? SurveyDefinition(pages: [])
            status = SurveyStatus(rawValue: s.status) ?? .draft
            mode = SurveyResponseMode(rawValue: s.responseMode) ?? .anonymous
            closes = s.closesDay.map(Day.init(ordinal:)); askEquality = s.askEquality
            resultsSummary = s.resultsSummary; resultsPublished = s.resultsPublishedAt != nil
        }

        /// Taking answers on this day: published, and not past its closing date.
        func isOpen(on day: Day) -> Bool { status == .open && (closes.map { day <= $0 } ?? true) }

        /// The languages residents can read it in: the one it is written in, then each completely translated one.
        var languages: [UILanguage] {
            UILanguage.all.filter { lang in
                lang.code == SurveyService.sourceLanguage
                    || SurveyTranslations.progress(definition, title: title, intro: intro, language: lang.code).complete
            }
        }

        /// The survey as a reader of `language` sees it: translated when that translation is complete and current,
        /// else as written (and `language` says which, so pages can mark it).
        func reading(in language: UILanguage) -> Info {
            guard language.code != self.language,
                let t = SurveyTranslations.translated(definition, title: title, intro: intro, to: language.code)
            else { return self }
            var out = self
            out.title = t.title
            out.intro = t.intro
            out.definition = t.definition
            out.language = language.code
            return out
        }
    }

    /// The language staff write surveys in; others are translations of it.
    static let sourceLanguage = "en"

    static func decode(_ json: String) -> SurveyDefinition? { try? JSONDecoder().decode(SurveyDefinition.self, from: Data(json.utf8)) }

    static func encode(_ d: SurveyDefinition, pretty: Bool = false) -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys]
        return String(decoding: (try? enc.encode(d)) ?? Data("{\"pages\":[]}".utf8), as: UTF8.self)
    }

    // MARK: - Finding

    static func find(_ id: UUID?, _ db: any Database) async throws -> Survey {
        guard let id, let s = try await Survey.find(id, on: db) else { throw Abort(.notFound) }
        return s
    }

    /// A survey this member of staff may see: a draft only within its organisation (and to partnership admins).
    static func findForStaff(_ id: UUID?, user: CurrentUser, _ db: any Database) async throws -> Survey {
        let s = try await find(id, db)
        if s.status == SurveyStatus.draft.rawValue && s.$organisation.id != user.organisationID && !user.role.canAdministerPartnership {
            throw Abort(.notFound)
        }
        return s
    }

    /// Partnership admins edit every survey; officers their own organisation's.
    static func canEdit(_ user: CurrentUser, _ s: Survey) -> Bool { RegisterService.canEdit(user, organisationID: s.$organisation.id) }

    static func requireEditor(_ user: CurrentUser, _ s: Survey) throws { guard canEdit(user, s) else { throw Abort(.forbidden) } }

    /// Results, responses and exports: the survey's own organisation and partnership admins.
    static func canReadResponses(_ user: CurrentUser, _ s: Survey) -> Bool {
        user.role.canAdministerPartnership || user.organisationID == s.$organisation.id
    }

    struct Row: Sendable {
        let info: Info
        let activityTitle: String
        let responses: Int
    }

    /// Every survey the reader may see, newest first, with how many responses each has had.
    static func list(user: CurrentUser, status: SurveyStatus?, _ db: any Database) async throws -> [Row] {
        let q = Survey.query(on: db)
        if !user.role.canAdministerPartnership {
            q.group(.or) { $0.filter(\.$status != SurveyStatus.draft.rawValue).filter(\.$organisation.$id == user.organisationID) }
        }
        if let status { q.filter(\.$status == status.rawValue) }
        let surveys = try await q.sort(\.$createdAt, .descending).sort(\.$id).limit(500).all()
        let titles = Dictionary(
            try await RegisterService.facts(surveys.map(\.activityID), db).map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        let counts = try await submittedCounts(surveys.compactMap(\.id), db)
        return surveys.map { Row(info: Info($0), activityTitle: titles[$0.activityID] ?? "", responses: counts[$0.id!] ?? 0) }
    }

    /// Submitted responses of each survey, counted in one grouped query per 500 surveys.
    static func submittedCounts(_ ids: [UUID], _ db: any Database) async throws -> [UUID: Int] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        var out: [UUID: Int] = [:]
        for chunk in ids.chunked(500) {
            let rows = try await sql.select().column("survey_id").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from(SurveyResponse.schema).where("status", .equal, "submitted").where("survey_id", .in, chunk).groupBy("survey_id").all()
            for row in rows { out[try row.decode(column: "survey_id", as: UUID.self)] = try row.decode(column: "n", as: Int.self) }
        }
        return out
    }

    // MARK: - Settings

    struct Settings: Sendable {
        let activityID: UUID
        let title: String
        let intro: String
        let mode: SurveyResponseMode
        let closes: Day?
        let askEquality: Bool
    }

    /// The settings form: activity (one the reader may edit), title, introduction, who may answer, closing date.
    static func settings(_ input: Input, user: CurrentUser, choices: PickerChoices, _ db: any Database) async throws -> Settings {
        var v = Validator()
        let activityID = try await RegisterService.chosenActivity(
            "activity_id", input["activity_id"], thing: "survey", user: user, choices: choices, &v, db)
        let title = v.required("title", input["title"], label: "Title", max: 200)
        let intro = v.required("intro", input["intro"], label: "Introduction", max: 5000, multiline: true)
        let mode = v.choice("response_mode", input["response_mode"], label: "Who can answer", as: SurveyResponseMode.self)
        var closes: Day? = nil
        if let raw = input["closes_on"]?.trimmedWhitespace, !raw.isEmpty {
            if let d = Day(iso: raw) { closes = d } else { v.add("closes_on", "Enter the closing date as yyyy-mm-dd, like 2027-03-31") }
        }
        try v.check()
        return Settings(
            activityID: activityID!, title: title, intro: intro, mode: mode!, closes: closes, askEquality: Input.isTrue(input["ask_equality"]))
    }

    /// A new draft survey with a first page holding one question to edit.
    static func create(_ s: Settings, user: CurrentUser, on db: any Database) async throws -> UUID {
        guard let facts = try await RegisterService.facts(s.activityID, db) else { throw Abort(.notFound) }
        let survey = Survey(
            activityID: s.activityID, organisationID: facts.organisationID, title: s.title, intro: s.intro,
            definition: encode(
                SurveyDefinition(pages: [SurveyPage(id: "p1", questions: [SurveyQuestion(id: "q1", kind: .longText, text: "What do you think?")])])),
            status: .draft, mode: s.mode, closes: s.closes, askEquality: s.askEquality)
        try await db.transaction { tx in
            try await survey.create(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .create, entity: entity, id: survey.id, label: survey.title, after: audit(survey))
        }
        return survey.id!
    }

    static func update(_ s: Settings, survey: Survey, user: CurrentUser, on db: any Database) async throws {
        try requireEditor(user, survey)
        let before = audit(survey)
        apply(s, to: survey)
        // Moved to another activity: it belongs to that activity's organisation now.
        if let facts = try await RegisterService.facts(s.activityID, db) { survey.$organisation.id = facts.organisationID }
        survey.updatedAt = Date()
        try await db.transaction { tx in
            try await survey.update(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: entity, id: survey.id, label: survey.title, before: before, after: audit(survey))
        }
    }

    private static func apply(_ s: Settings, to survey: Survey) {
        survey.activityID = s.activityID
        survey.title = s.title
        survey.intro = s.intro
        survey.responseMode = s.mode.rawValue
        survey.closesDay = s.closes?.ordinal
        survey.askEquality = s.askEquality
    }

    static func audit(_ s: Survey) -> [String: String] {
        [
            "title": s.title, "status": s.status, "response_mode": s.responseMode,
            "closes_on": s.closesDay.map { Day(ordinal: $0).description } ?? "",
        ]
    }

    // MARK: - Building

    /// Every reason this definition cannot be saved (its text and settings) or published (its conditions).
    static func problems(_ d: SurveyDefinition) -> [String] {
        let content = SurveyContent.problems(d)
        return content.isEmpty ? SurveyLogic.problems(d).map(\.description) : content
    }

    /// Replaces the whole definition (the JSON import, or the builder's edits). Refused, with every problem named,
    /// when a question's text or settings are wrong or a condition points backwards, loops, names something gone,
    /// or can leave a page empty.
    static func saveDefinition(_ d: SurveyDefinition, survey: Survey, user: CurrentUser, field: String = "definition", on db: any Database)
        async throws
    {
        try requireEditor(user, survey)
        let found = problems(d)
        if !found.isEmpty { throw ValidationFailure(found.prefix(20).map { FieldError(field, $0) }.mergedByField) }
        let before = survey.definition
        survey.definition = encode(d)
        survey.updatedAt = Date()
        try await db.transaction { tx in
            try await survey.update(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: entity, id: survey.id, label: survey.title,
                before: ["questions": String(decode(before)?.numbered.count ?? 0)], after: ["questions": String(d.numbered.count)])
        }
    }

    /// Reads a definition sent as JSON text (the import form), naming what is wrong with it.
    static func parseDefinition(_ text: String?, field: String = "definition") throws -> SurveyDefinition {
        let t = (text ?? "").trimmedWhitespaceAndNewlines
        guard !t.isEmpty else { throw ValidationFailure([FieldError(field, "Paste or upload the survey definition (JSON)")]) }
        guard t.utf8.count <= 1_000_000 else { throw ValidationFailure([FieldError(field, "The definition must be 1 MB or smaller")]) }
        struct Wrapped: Decodable { let definition: SurveyDefinition }
        let data = Data(t.utf8)
        if let d = try? JSONDecoder().decode(SurveyDefinition.self, from: data) { return d }
        if let w = try? JSONDecoder().decode(Wrapped.self, from: data) { return w.definition }
        do {
            _ = try JSONDecoder().decode(SurveyDefinition.self, from: data)
        } catch let DecodingError.keyNotFound(key, ctx) {
            throw ValidationFailure([FieldError(field, "The definition is missing \"\(key.stringValue)\" at \(path(ctx.codingPath))")])
        } catch let DecodingError.typeMismatch(_, ctx), let DecodingError.valueNotFound(_, ctx) {
            throw ValidationFailure([FieldError(field, "The definition has the wrong kind of value at \(path(ctx.codingPath))")])
        } catch let DecodingError.dataCorrupted(ctx) {
            throw ValidationFailure(
                [
                    FieldError(
                        field,
                        ctx.codingPath.isEmpty
                            ? "The definition is not valid JSON" : "The definition has a value Chorus does not know at \(path(ctx.codingPath))")
                ])
        } catch {}
        throw ValidationFailure([FieldError(field, "The definition is not valid JSON")])
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "the top" : keys.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
    }

    /// A question as the builder's form describes it: kind, wording, hint, "more information", answers and grid rows
    /// one to a line, required, "Other", limits (picks, characters, numbers), scale ends, shuffled order, and an
    /// optional condition on an earlier answer. Problems go to `v`, named by field.
    static func question(from input: Input, id: String, _ v: inout ChorusCore.Validator) -> SurveyQuestion? {
        let kind = v.choice("kind", input["kind"], label: "Kind of question", as: SurveyQuestion.Kind.self)
        let text = v.required("text", input["text"], label: "Question", max: SurveyContent.maxText)
        let hint = v.optional("hint", input["hint"], label: "Hint", max: SurveyContent.maxText)
        let info = v.optional("info", input["info"], label: "More information", max: 5000, multiline: true)
        let options = lines(input["options"])
        let rows = lines(input["rows"])
        var condition: SurveyCondition? = nil
        if let on = input["show_if_question"]?.trimmedWhitespace, !on.isEmpty {
            condition = self.condition(on: on, input, prefix: "show_if_", noValues: "Enter the answers that show this question, one a line", &v)
        }
        let minPicks = v.integer("min_picks", input["min_picks"], label: "Fewest picks", range: 0...SurveyContent.maxOptions)
        let maxPicks = v.integer("max_picks", input["max_picks"], label: "Most picks", range: 1...SurveyContent.maxOptions)
        let maxLength = v.integer("max_length", input["max_length"], label: "Character limit", range: 1...20_000)
        let minValue = number(input, "min_value", label: "Lowest number", &v)
        let maxValue = number(input, "max_value", label: "Highest number", &v)
        let low = v.optional("low_label", input["low_label"], label: "Words at the low end", max: SurveyContent.maxOption)
        let high = v.optional("high_label", input["high_label"], label: "Words at the high end", max: SurveyContent.maxOption)
        guard let kind else { return nil }
        var q = SurveyQuestion(id: id, kind: kind, text: text, hint: hint, info: info, required: Input.isTrue(input["required"]))
        q.showIf = condition
        switch kind {
        case .singleChoice, .multipleChoice, .ranking, .grid: q.options = options
        case .scale: q.options = options.isEmpty ? ["1", "2", "3", "4", "5"] : options
        case .agree: q.options = ["agree"]
        default: break
        }
        if kind == .grid { q.rows = rows }
        if kind == .singleChoice || kind == .multipleChoice { q.allowOther = Input.isTrue(input["allow_other"]) ? true : nil }
        if kind == .singleChoice || kind == .multipleChoice || kind == .ranking { q.shuffle = Input.isTrue(input["shuffle"]) ? true : nil }
        if kind == .multipleChoice { (q.minPicks, q.maxPicks) = (minPicks, maxPicks) }
        if kind == .shortText || kind == .longText { q.maxLength = maxLength }
        if kind == .number { (q.minValue, q.maxValue) = (minValue, maxValue) }
        if kind == .scale { (q.lowLabel, q.highLabel) = (low, high) }
        return q
    }

    /// A condition on `question` from the form's `<prefix>test` and `<prefix>values` (one answer a line): the
    /// question's display condition and a page's skip rule read the same two fields.
    private static func condition(on question: String, _ input: Input, prefix: String, noValues: String, _ v: inout ChorusCore.Validator)
        -> SurveyCondition?
    {
        let test = v.choice(prefix + "test", input[prefix + "test"], label: "Condition", as: SurveyCondition.Test.self)
        let values = lines(input[prefix + "values"])
        if values.isEmpty { v.add(prefix + "values", noValues) }
        return test.map { SurveyCondition(question: question, test: $0, values: values) }
    }

    private static func number(_ input: Input, _ field: String, label: String, _ v: inout ChorusCore.Validator) -> Double? {
        guard let raw = input[field]?.trimmedWhitespace, !raw.isEmpty else { return nil }
        guard let n = Double(raw), n.isFinite else {
            v.add(field, "\(label) must be a number, like 0 or 2.5")
            return nil
        }
        return n
    }

    /// The page the form chose: an existing page's id, or nil for a new page at the end.
    private static func page(from input: Input, in d: SurveyDefinition, _ v: inout ChorusCore.Validator) -> String? {
        let pageID = (input["page"] ?? "").trimmedWhitespace
        if pageID.isEmpty || pageID == "new" { return nil }
        if !d.pages.contains(where: { $0.id == pageID }) { v.add("page", "Choose a page from the list") }
        return pageID
    }

    /// The builder's "Add a question" form: a new question on an existing page or a new last page.
    static func addQuestion(_ input: Input, survey: Survey, user: CurrentUser, on db: any Database) async throws {
        try requireEditor(user, survey)
        var d = decode(survey.definition) ?? SurveyDefinition(pages: [])
        var v = Validator()
        let q = question(from: input, id: nextID(d), &v)
        let pageID = page(from: input, in: d, &v)
        try v.check()
        place(q!, on: pageID, in: &d)
        try await saveDefinition(d, survey: survey, user: user, field: "text", on: db)
    }

    /// "Edit question": the same form, filled in. The id stays, so conditions naming it keep working; a change that
    /// breaks one (an answer removed that a condition names, a kind that has no set answers) is refused naming it. A
    /// new page moves the question to the end of that page.
    static func editQuestion(_ id: String, _ input: Input, survey: Survey, user: CurrentUser, on db: any Database) async throws {
        try requireEditor(user, survey)
        var d = decode(survey.definition) ?? SurveyDefinition(pages: [])
        guard let from = d.pages.firstIndex(where: { $0.questions.contains { $0.id == id } }) else { throw Abort(.notFound) }
        var v = Validator()
        let q = question(from: input, id: id, &v)
        let pageID = page(from: input, in: d, &v)
        try v.check()
        if pageID == d.pages[from].id, let i = d.pages[from].questions.firstIndex(where: { $0.id == id }) {
            d.pages[from].questions[i] = q!
        } else {
            d.pages[from].questions.removeAll { $0.id == id }
            place(q!, on: pageID, in: &d)
            d.pages.removeAll { $0.questions.isEmpty && $0.skips.isEmpty }
        }
        try await saveDefinition(d, survey: survey, user: user, field: "text", on: db)
    }

    private static func place(_ q: SurveyQuestion, on pageID: String?, in d: inout SurveyDefinition) {
        if let pageID, let i = d.pages.firstIndex(where: { $0.id == pageID }) {
            d.pages[i].questions.append(q)
        } else {
            d.pages.append(SurveyPage(id: nextPageID(d), questions: [q]))
        }
    }

    /// Moves a question one place up or down; past the top or bottom of its page it goes to the end of the page
    /// before or the start of the page after. Refused, naming it, when a condition would then look forward.
    static func moveQuestion(_ id: String, up: Bool, survey: Survey, user: CurrentUser, on db: any Database) async throws {
        try requireEditor(user, survey)
        var d = decode(survey.definition) ?? SurveyDefinition(pages: [])
        guard let p = d.pages.firstIndex(where: { $0.questions.contains { $0.id == id } }),
            let i = d.pages[p].questions.firstIndex(where: { $0.id == id })
        else { throw Abort(.notFound) }
        let n = d.pages[p].questions.count
        if up && i > 0 {
            d.pages[p].questions.swapAt(i, i - 1)
        } else if !up && i < n - 1 {
            d.pages[p].questions.swapAt(i, i + 1)
        } else if up && p > 0 {
            d.pages[p - 1].questions.append(d.pages[p].questions.remove(at: i))
        } else if !up && p < d.pages.count - 1 {
            d.pages[p + 1].questions.insert(d.pages[p].questions.remove(at: i), at: 0)
        } else {
            return
        }
        d.pages.removeAll { $0.questions.isEmpty && $0.skips.isEmpty }
        try await saveDefinition(d, survey: survey, user: user, field: "question", on: db)
    }

    /// "Add a skip rule": on leaving a page, go to a later page (or the end) when an earlier answer equals / includes /
    /// is one of some values. Checked in the order added; refused, naming it, when it goes back, names a question
    /// after the page, or would leave a page empty.
    static func addSkip(_ input: Input, survey: Survey, user: CurrentUser, on db: any Database) async throws {
        try requireEditor(user, survey)
        var d = decode(survey.definition) ?? SurveyDefinition(pages: [])
        var v = Validator()
        let from = d.pages.firstIndex { $0.id == (input["skip_page"] ?? "") }
        if from == nil { v.add("skip_page", "Choose the page the rule is on") }
        let question = v.required("skip_question", input["skip_question"], label: "Question", max: 40)
        let when = condition(on: question, input, prefix: "skip_", noValues: "Enter the answers that make residents skip, one a line", &v)
        let to = (input["skip_to"] ?? "").trimmedWhitespace
        if to.isEmpty { v.add("skip_to", "Choose where residents go") }
        try v.check()
        d.pages[from!].skips.append(SkipRule(when: when!, toPage: to == "end" ? nil : to))
        try await saveDefinition(d, survey: survey, user: user, field: "skip_question", on: db)
    }

    /// Removes a page's `number`th skip rule (1-based, as listed).
    static func removeSkip(page: String, number: Int, survey: Survey, user: CurrentUser, on db: any Database) async throws {
        try requireEditor(user, survey)
        var d = decode(survey.definition) ?? SurveyDefinition(pages: [])
        guard let p = d.pages.firstIndex(where: { $0.id == page }), number >= 1, number <= d.pages[p].skips.count else { throw Abort(.notFound) }
        d.pages[p].skips.remove(at: number - 1)
        try await saveDefinition(d, survey: survey, user: user, field: "skip_question", on: db)
    }

    /// Removes a question; refused, naming them, when conditions or skips refer to it.
    static func removeQuestion(_ id: String, survey: Survey, user: CurrentUser, on db: any Database) async throws {
        var d = decode(survey.definition) ?? SurveyDefinition(pages: [])
        for i in d.pages.indices { d.pages[i].questions.removeAll { $0.id == id } }
        d.pages.removeAll { $0.questions.isEmpty && $0.skips.isEmpty }
        try await saveDefinition(d, survey: survey, user: user, field: "question", on: db)
    }

    // MARK: - Translating

    /// Keeps a translator's work for one language: every text of the survey, blank where not translated yet, each
    /// remembering the wording the translator saw (sent back with the form), so wording changed meanwhile shows as
    /// out of date. Refused, naming the text, when one does not fit.
    static func saveTranslation(_ language: UILanguage, _ input: Input, survey: Survey, user: CurrentUser, on db: any Database) async throws {
        try requireEditor(user, survey)
        let d = decode(survey.definition) ?? SurveyDefinition(pages: [])
        let texts = SurveyTranslations.texts(d, title: survey.title, intro: survey.intro)
        // Each field comes back with the key and wording it was shown for, so a survey edited while the form was open
        // cannot put a translation on the wrong text: it lands on its own text, out of date if that text changed.
        var entries: [String: String] = [:], sources: [String: String] = [:], fields: [String: String] = [:]
        for i in 0..<(SurveyContent.maxQuestions * 80) {
            let field = translationField(i)
            guard let key = input[field + "-key"] else { break }
            entries[key] = (input[field] ?? "").replacingOccurrences(of: "\r\n", with: "\n").trimmedWhitespaceAndNewlines
            sources[key] = (input[field + "-source"] ?? "").replacingOccurrences(of: "\r\n", with: "\n")
            fields[key] = field
        }
        let found = SurveyTranslations.problems(entries, texts: texts)
        if !found.isEmpty { throw ValidationFailure(found.map { FieldError(fields[$0.key] ?? "translation", $0.message) }) }
        let updated = SurveyTranslations.setting(d, language: language.code, entries: entries, sources: sources, texts: texts)
        let before = SurveyTranslations.progress(d, title: survey.title, intro: survey.intro, language: language.code)
        let after = SurveyTranslations.progress(updated, title: survey.title, intro: survey.intro, language: language.code)
        survey.definition = encode(updated)
        survey.updatedAt = Date()
        try await db.transaction { tx in
            try await survey.update(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: entity, id: survey.id, label: survey.title,
                before: ["translation_\(language.code)": "\(before.current) of \(before.total)"],
                after: ["translation_\(language.code)": "\(after.current) of \(after.total)"])
        }
    }

    /// The form field of the `i`th text on the translation form (keys hold any option's wording, so fields are
    /// numbered; `-key` and `-source` beside each say which text and which wording it was).
    static func translationField(_ i: Int) -> String { "t\(i + 1)" }

    private static func lines(_ s: String?) -> [String] {
        (s ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func nextID(_ d: SurveyDefinition) -> String {
        let used = Set(d.questions.map(\.id))
        var n = d.questions.count + 1
        while used.contains("q\(n)") { n += 1 }
        return "q\(n)"
    }

    static func nextPageID(_ d: SurveyDefinition) -> String {
        let used = Set(d.pages.map(\.id))
        var n = d.pages.count + 1
        while used.contains("p\(n)") { n += 1 }
        return "p\(n)"
    }

    // MARK: - Publishing and closing

    /// Opens the survey for answers: refused while the builder has problems or nothing can be answered.
    static func publish(_ survey: Survey, user: CurrentUser, on db: any Database) async throws {
        try requireEditor(user, survey)
        let d = decode(survey.definition) ?? SurveyDefinition(pages: [])
        var found = problems(d)
        if d.numbered.isEmpty { found.append("Add at least one question before publishing.") }
        if !found.isEmpty { throw ValidationFailure([FieldError("publish", found.joined(separator: " "))]) }
        try await setStatus(.open, survey: survey, user: user, reason: nil, on: db)
    }

    /// Closes now; reopening or moving the closing date needs a reason, kept in the audit log.
    static func close(_ survey: Survey, user: CurrentUser, on db: any Database) async throws {
        try requireEditor(user, survey)
        try await setStatus(.closed, survey: survey, user: user, reason: nil, on: db)
    }

    static func reopen(_ input: Input, survey: Survey, user: CurrentUser, today: Day, on db: any Database) async throws {
        try requireEditor(user, survey)
        var v = Validator()
        let reason = v.required("reason", input["reason"], label: "Reason", max: 1000, multiline: true)
        var closes: Day? = nil
        if let raw = input["closes_on"]?.trimmedWhitespace, !raw.isEmpty {
            if let d = Day(iso: raw) {
                if d < today { v.add("closes_on", "The new closing date must be today or later") } else { closes = d }
            } else {
                v.add("closes_on", "Enter the closing date as yyyy-mm-dd, like 2027-03-31")
            }
        } else {
            v.add("closes_on", "Enter the new closing date")
        }
        try v.check()
        survey.closesDay = closes?.ordinal
        try await setStatus(.open, survey: survey, user: user, reason: reason, on: db)
    }

    private static func setStatus(_ status: SurveyStatus, survey: Survey, user: CurrentUser, reason: String?, on db: any Database) async throws {
        let before = audit(survey)
        survey.status = status.rawValue
        survey.updatedAt = Date()
        var changed = audit(survey)
        if let reason { changed["reason"] = reason }
        let after = changed
        try await db.transaction { tx in
            try await survey.update(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: entity, id: survey.id, label: survey.title, before: before, after: after)
        }
    }

    /// A new draft with the same questions and settings, for the same activity.
    static func duplicate(_ survey: Survey, user: CurrentUser, on db: any Database) async throws -> UUID {
        try requireEditor(user, survey)
        // A copy's closing date is chosen again when it is published.
        let copy = Survey(
            activityID: survey.activityID, organisationID: survey.$organisation.id, title: String(("Copy of " + survey.title).prefix(200)),
            intro: survey.intro, definition: survey.definition, status: .draft,
            mode: SurveyResponseMode(rawValue: survey.responseMode) ?? .either, askEquality: survey.askEquality)
        try await db.transaction { tx in
            try await copy.create(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .create, entity: entity, id: copy.id, label: copy.title, after: ["copied_from": survey.id!.uuidString])
        }
        return copy.id!
    }

    /// The results summary comms or the survey's editors write; published, it shows on the survey's public page.
    static func saveSummary(_ input: Input, survey: Survey, user: CurrentUser, on db: any Database) async throws {
        guard canEdit(user, survey) || user.role == .comms else { throw Abort(.forbidden) }
        var v = Validator()
        let text = v.optional("summary", input["summary"], label: "Results summary", max: 10_000, multiline: true)
        let publish = Input.isTrue(input["publish"])
        if publish && text == nil { v.add("summary", "Write the summary before publishing it") }
        try v.check()
        let before = ["summary_published": survey.resultsPublishedAt == nil ? "no" : "yes"]
        survey.resultsSummary = text
        survey.resultsPublishedAt = publish ? (survey.resultsPublishedAt ?? Date()) : nil
        survey.updatedAt = Date()
        try await db.transaction { tx in
            try await survey.update(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: entity, id: survey.id, label: survey.title, before: before,
                after: ["summary_published": publish ? "yes" : "no"])
        }
    }

    // MARK: - For other features

    struct PublicSurvey: Sendable {
        let id: UUID
        let title: String
        let open: Bool
        let resultsSummary: String?
    }

    /// The surveys residents can see for an activity: open ones, and closed ones with a published results summary;
    /// titled in `language` where the survey is translated into it.
    static func publicSurveys(activity: UUID, today: Day, language: UILanguage, _ db: any Database) async throws -> [PublicSurvey] {
        try await Survey.query(on: db).filter(\.$activityID == activity).filter(\.$status != SurveyStatus.draft.rawValue).sort(\.$createdAt).all()
            .map { Info($0).reading(in: language) }.compactMap { s in
                let open = s.isOpen(on: today)
                guard open || s.resultsPublished else { return nil }
                return PublicSurvey(id: s.id, title: s.title, open: open, resultsSummary: s.resultsPublished ? s.resultsSummary : nil)
            }
    }
}

extension [FieldError] {
    /// Several messages for one field as one (a form shows one message a field).
    var mergedByField: [FieldError] {
        var order: [String] = []
        var texts: [String: [String]] = [:]
        for e in self {
            if texts[e.field] == nil { order.append(e.field) }
            texts[e.field, default: []].append(e.message)
        }
        return order.map { FieldError($0, texts[$0]!.joined(separator: " ")) }
    }
}
