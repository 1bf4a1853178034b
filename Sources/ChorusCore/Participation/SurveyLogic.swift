import Foundation

/// What a survey's conditions do, and what the builder refuses. Peers let a condition break when a question is
/// edited and land respondents on empty pages (Decidim #15712, #16513, #10246); here every condition may look only
/// back (a question shown on a later page than the answer it depends on, a skip only forward, so no path loops), may
/// name only values the answer can take, and no page may be left with nothing to answer on any path. Pure: the
/// builder shows `problems`, the resident's pages follow `path` and `visible`.
public enum SurveyLogic {
    // MARK: - Following a survey

    /// The questions (and section texts) of a page shown for these answers.
    public static func visible(_ page: SurveyPage, _ answers: [String: [String]]) -> [SurveyQuestion] {
        page.questions.filter { $0.showIf?.holds(answers) ?? true }
    }

    /// The pages a resident goes through, in order, for these answers. Only answers to questions they were shown
    /// count: an answer left on a page they no longer pass through (they went back and changed their mind) does not.
    public static func path(_ survey: SurveyDefinition, _ answers: [String: [String]]) -> [Int] {
        var visited: [Int] = []
        var index: Int? = survey.pages.isEmpty ? nil : 0
        var known: [String: [String]] = [:]
        while let i = index, !visited.contains(i) {
            visited.append(i)
            for q in visible(survey.pages[i], known) { if let a = answers[q.id] { known[q.id] = a } }
            index = next(after: i, survey, known)
        }
        return visited
    }

    /// Where a resident goes on leaving page `index`: the first skip rule that holds, else the next page; nil is the end.
    public static func next(after index: Int, _ survey: SurveyDefinition, _ answers: [String: [String]]) -> Int? {
        if let rule = survey.pages[index].skips.first(where: { $0.when.holds(answers) }) {
            guard let target = rule.toPage else { return nil }
            return survey.pages.firstIndex { $0.id == target }
        }
        return index + 1 < survey.pages.count ? index + 1 : nil
    }

    /// The answers that stand: those to questions shown on the path. What is stored when the survey is submitted.
    public static func applicable(_ survey: SurveyDefinition, _ answers: [String: [String]]) -> [String: [String]] {
        var known: [String: [String]] = [:]
        for i in path(survey, answers) {
            for q in visible(survey.pages[i], known) { if let a = answers[q.id], !a.isEmpty { known[q.id] = a } }
        }
        return known
    }

    // MARK: - What the builder refuses

    /// Everything wrong with a survey, each naming the question or page, in page order. Empty: it can be published.
    public static func problems(_ survey: SurveyDefinition) -> [SurveyProblem] {
        var out: [SurveyProblem] = []
        var pageOf: [String: Int] = [:], question: [String: SurveyQuestion] = [:], pageIDs = Set<String>()
        for (i, page) in survey.pages.enumerated() {
            if !pageIDs.insert(page.id).inserted { out.append(.init(.duplicateID(page.id))) }
            for q in page.questions {
                if question[q.id] != nil { out.append(.init(.duplicateID(q.id))) }
                pageOf[q.id] = i
                question[q.id] = q
            }
        }
        func check(_ c: SurveyCondition, owner: String, latestPage: Int) {
            guard let ref = question[c.question], let at = pageOf[c.question] else {
                out.append(.init(.unknownQuestion(owner: owner, question: c.question)))
                return
            }
            if at > latestPage { out.append(.init(.refersForward(owner: owner, question: c.question))) }
            guard ref.kind.hasFixedValues else {
                out.append(.init(.conditionOnFreeAnswer(owner: owner, question: c.question)))
                return
            }
            if c.values.isEmpty { out.append(.init(.noValues(owner: owner))) }
            for v in c.values where !ref.options.contains(v) { out.append(.init(.unknownValue(owner: owner, question: c.question, value: v))) }
            if c.test == .equals && c.values.count > 1 { out.append(.init(.equalsSeveral(owner: owner))) }
        }
        for (i, page) in survey.pages.enumerated() {
            for q in page.questions {
                if q.kind.hasFixedValues && q.kind != .ward && q.options.isEmpty { out.append(.init(.noOptions(question: q.id))) }
                // A condition cannot look at its own page: without a script the page cannot change as it is answered.
                if let c = q.showIf { check(c, owner: "question \(q.id)", latestPage: i - 1) }
            }
            for (n, rule) in page.skips.enumerated() {
                let owner = "page \(page.id), skip rule \(n + 1)"
                check(rule.when, owner: owner, latestPage: i)
                if let target = rule.toPage {
                    if let t = survey.pages.firstIndex(where: { $0.id == target }) {
                        if t <= i { out.append(.init(.skipsBack(page: page.id, to: target))) }
                    } else {
                        out.append(.init(.unknownPage(page: page.id, to: target)))
                    }
                }
            }
        }
        guard out.isEmpty else { return out }
        for (i, page) in survey.pages.enumerated() {
            if let problem = emptiness(page, at: i, survey, question: question, pageOf: pageOf) { out.append(problem) }
        }
        return out
    }

    /// Whether some answers to earlier questions hide every question of the page: nil when none can, else the
    /// problem with one such set of answers as the example.
    static func emptiness(
        _ page: SurveyPage, at index: Int, _ survey: SurveyDefinition, question: [String: SurveyQuestion], pageOf: [String: Int]
    ) -> SurveyProblem? {
        let countable = page.questions.filter { $0.kind != .section }
        guard !countable.isEmpty else { return SurveyProblem(.noQuestions(page: page.id)) }
        if countable.contains(where: { $0.showIf == nil }) { return nil }
        let conditions = countable.compactMap(\.showIf)
        let referenced = Array(Set(conditions.map(\.question))).sorted()
        // A page some skip jumps over may be missed, so its answers may be missing.
        func skippable(_ p: Int) -> Bool {
            survey.pages.enumerated().contains { j, other in
                j < p && other.skips.contains { rule in rule.toPage.map { t in (survey.pages.firstIndex { $0.id == t } ?? 0) > p } ?? true }
            }
        }
        var domains: [[[String]]] = []
        for id in referenced {
            guard let q = question[id], let at = pageOf[id] else { return nil }
            var domain: [[String]] = []
            if q.kind == .multipleChoice {
                let named = Array(Set(conditions.filter { $0.question == id }.flatMap(\.values))).sorted()
                let others = q.options.filter { !named.contains($0) }
                guard named.count <= 10 else { return SurveyProblem(.tooComplex(page: page.id)) }
                for mask in 0..<(1 << named.count) {
                    let chosen = named.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element)
                    if !chosen.isEmpty { domain.append(chosen) }
                    if let other = others.first { domain.append(chosen + [other]) }
                }
            } else {
                domain = q.options.map { [$0] }
            }
            let canBeMissing = !q.required || q.showIf != nil || skippable(at)
            if canBeMissing { domain.append([]) }
            domains.append(domain)
        }
        guard domains.reduce(1, { $0 * max(1, $1.count) }) <= 20_000 else { return SurveyProblem(.tooComplex(page: page.id)) }
        var example: [String: [String]]? = nil
        func search(_ k: Int, _ answers: [String: [String]]) {
            guard example == nil else { return }
            guard k < referenced.count else {
                if !countable.contains(where: { $0.showIf?.holds(answers) ?? true }) { example = answers }
                return
            }
            for value in domains[k] {
                var next = answers
                if !value.isEmpty { next[referenced[k]] = value }
                search(k + 1, next)
            }
        }
        search(0, [:])
        return example.map { SurveyProblem(.pageCanBeEmpty(page: page.id, example: $0)) }
    }
}

/// One thing the builder refuses, with the message it shows.
public struct SurveyProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case duplicateID(String)
        case noQuestions(page: String)
        case noOptions(question: String)
        case unknownQuestion(owner: String, question: String)
        case refersForward(owner: String, question: String)
        case conditionOnFreeAnswer(owner: String, question: String)
        case noValues(owner: String)
        case equalsSeveral(owner: String)
        case unknownValue(owner: String, question: String, value: String)
        case unknownPage(page: String, to: String)
        case skipsBack(page: String, to: String)
        case pageCanBeEmpty(page: String, example: [String: [String]])
        case tooComplex(page: String)
    }
    public let kind: Kind
    init(_ kind: Kind) { self.kind = kind }

    public var description: String {
        switch kind {
        case .duplicateID(let id): return "Two questions or pages are both called \"\(id)\": give each its own."
        case .noQuestions(let page): return "Page \(page) has no questions: add one or remove the page."
        case .noOptions(let q): return "Question \(q) has no answers to choose from: add them."
        case .unknownQuestion(let owner, let q): return "The condition of \(owner) names question \(q), which is not in the survey (was it removed?)."
        case .refersForward(let owner, let q):
            return "The condition of \(owner) depends on question \(q), which is not asked before it: a condition can only look at earlier pages."
        case .conditionOnFreeAnswer(let owner, let q):
            return "The condition of \(owner) depends on question \(q), whose answer is free text: choose a question with set answers."
        case .noValues(let owner): return "The condition of \(owner) names no answer: choose at least one."
        case .equalsSeveral(let owner): return "The condition of \(owner) says \"equals\" with several answers: use \"is one of\"."
        case .unknownValue(let owner, let q, let v):
            return "The condition of \(owner) names \"\(v)\", which is not an answer to question \(q) (was it changed or removed?)."
        case .unknownPage(let page, let to): return "A skip rule on page \(page) goes to page \(to), which is not in the survey."
        case .skipsBack(let page, let to):
            return "A skip rule on page \(page) goes back to page \(to): skips can only go forward, so no one goes round in a loop."
        case .pageCanBeEmpty(let page, let example):
            let answers = example.sorted { $0.key < $1.key }.map {
                "\($0.key) = \($0.value.isEmpty ? "unanswered" : $0.value.joined(separator: " + "))"
            }
            return
                "Page \(page) can be empty: with \(answers.isEmpty ? "no earlier answers" : answers.joined(separator: ", ")) none of its questions is shown. Show one question always, or cover every answer."
        case .tooComplex(let page): return "Page \(page) depends on too many earlier answers to check: simplify its conditions."
        }
    }
}
