import Foundation
import Testing
@testable import ChorusCore

private func when(_ q: String, _ test: SurveyCondition.Test = .equals, _ values: String...) -> SurveyCondition {
    SurveyCondition(question: q, test: test, values: values)
}

@Suite struct SurveyLogicTests {
    typealias Q = SurveyQuestion

    /// Page 1 asks whether they use the library; users go on to page 2 (how often), others skip to page 3.
    let library = SurveyDefinition(pages: [
        SurveyPage(
            id: "p1", questions: [Q(id: "uses", kind: .singleChoice, required: true, options: ["yes", "no"])],
            skips: [SkipRule(when: when("uses", .equals, "no"), toPage: "p3")]),
        SurveyPage(id: "p2", questions: [Q(id: "often", kind: .singleChoice, options: ["weekly", "monthly"])]),
        SurveyPage(
            id: "p3", questions: [Q(id: "why", kind: .longText, showIf: when("often", .equals, "weekly")), Q(id: "else", kind: .longText)]),
    ])

    @Test func theResidentsPathFollowsSkipsAndOnlyShownAnswersStand() {
        #expect(SurveyLogic.problems(library).isEmpty)
        #expect(SurveyLogic.path(library, ["uses": ["yes"]]) == [0, 1, 2])
        #expect(SurveyLogic.path(library, ["uses": ["no"], "often": ["weekly"]]) == [0, 2])
        // They said yes and weekly, then went back and said no: the answers on page 2 no longer stand.
        let changed = ["uses": ["no"], "often": ["weekly"], "why": ["Quiet"], "else": ["More books"]]
        #expect(SurveyLogic.applicable(library, changed) == ["uses": ["no"], "else": ["More books"]])
        #expect(SurveyLogic.visible(library.pages[2], ["often": ["monthly"]]).map(\.id) == ["else"])
        #expect(SurveyLogic.applicable(library, ["uses": ["yes"], "often": ["monthly"], "why": ["x"]]) == ["uses": ["yes"], "often": ["monthly"]])
    }

    @Test func conditionsMayOnlyLookBackAndNameAnswersTheQuestionHas() {
        var s = library
        s.pages[0].questions.append(Q(id: "later", kind: .singleChoice, options: ["a"], showIf: when("often", .equals, "weekly")))
        s.pages[2].questions[0].showIf = when("often", .equals, "daily")
        s.pages.append(
            SurveyPage(id: "p4", questions: [Q(id: "free", kind: .shortText, showIf: when("else", .equals, "x")), Q(id: "end", kind: .shortText)]))
        s.pages[2].skips = [SkipRule(when: when("uses", .equals, "yes"), toPage: "p1")]
        #expect(SurveyLogic.problems(s).count == 4)
        let messages = SurveyLogic.problems(s).map(\.description)
        #expect(messages.contains { $0.contains("question later depends on question often, which is not asked before it") })
        #expect(messages.contains { $0.contains("names \"daily\", which is not an answer to question often") })
        #expect(messages.contains { $0.contains("question else, whose answer is free text") })
        #expect(messages.contains { $0.contains("goes back to page p1") })
        // A condition on the same page is refused too: without a script, a page cannot change as it is answered.
        var same = library
        same.pages[1].questions.append(Q(id: "more", kind: .shortText, showIf: when("often", .equals, "monthly")))
        #expect(SurveyLogic.problems(same).contains { $0.description.contains("question more depends on question often") })
    }

    @Test func removingAQuestionOrAnOptionSaysWhichConditionsItBreaks() {
        var s = library
        s.pages[1].questions[0].options = ["monthly", "daily"]
        #expect(
            SurveyLogic.problems(s).map(\.description) == [
                "The condition of question why names \"weekly\", which is not an answer to question often (was it changed or removed?)."
            ])
        s = library
        s.pages[0].questions.removeAll()
        s.pages[0].questions.append(Q(id: "other", kind: .shortText))
        #expect(
            SurveyLogic.problems(s).map(\.description).contains(
                "The condition of page p1, skip rule 1 names question uses, which is not in the survey (was it removed?)."))
    }

    @Test func aPageThatSomeAnswersLeaveEmptyIsRefusedWithAnExample() throws {
        // Page 2's only questions depend on "often" being weekly or monthly, and "often" is optional.
        let s = SurveyDefinition(pages: [
            SurveyPage(id: "p1", questions: [Q(id: "often", kind: .singleChoice, options: ["weekly", "monthly", "never"])]),
            SurveyPage(
                id: "p2",
                questions: [
                    Q(id: "section", kind: .section),
                    Q(id: "w", kind: .longText, showIf: when("often", .equals, "weekly")),
                    Q(id: "m", kind: .longText, showIf: when("often", .isOneOf, "monthly")),
                ]),
        ])
        let problem = try #require(SurveyLogic.problems(s).first)
        guard case .pageCanBeEmpty(let page, let example) = problem.kind else { Issue.record("\(problem)"); return }
        #expect(page == "p2")
        #expect(SurveyLogic.visible(s.pages[1], example).filter { $0.kind != .section }.isEmpty, "the example really empties it")
        // Covering every answer of a required question makes it safe.
        var covered = s
        covered.pages[0].questions[0].required = true
        covered.pages[1].questions.append(Q(id: "n", kind: .longText, showIf: when("often", .equals, "never")))
        #expect(SurveyLogic.problems(covered).isEmpty)
        // ...unless an earlier skip can jump over that required question's page.
        var skippable = covered
        skippable.pages.insert(
            SurveyPage(
                id: "p0", questions: [Q(id: "go", kind: .agree, options: ["agree"])],
                skips: [SkipRule(when: when("go", .equals, "agree"), toPage: "p2")]),
            at: 0)
        #expect(SurveyLogic.problems(skippable).contains { if case .pageCanBeEmpty = $0.kind { true } else { false } })
    }

    /// Property: over generated surveys and answer sets, a survey the builder accepts never shows a resident an empty
    /// page and never goes round in a loop; and every "can be empty" refusal comes with answers that really empty it.
    @Test func everyPathThroughAnAcceptedSurveyShowsAQuestionOnEachPage() {
        var rng = SeededRandom(state: 20_261_206)
        var accepted = 0, refusedEmpty = 0, paths = 0
        for _ in 0..<3_000 {
            let survey = Self.generate(&rng)
            let problems = SurveyLogic.problems(survey)
            for p in problems {
                if case .pageCanBeEmpty(let id, let example) = p.kind, let page = survey.pages.first(where: { $0.id == id }) {
                    refusedEmpty += 1
                    #expect(SurveyLogic.visible(page, example).allSatisfy { $0.kind == .section })
                }
            }
            guard problems.isEmpty else { continue }
            accepted += 1
            for _ in 0..<30 {
                let answers = Self.answers(survey, &rng)
                let path = SurveyLogic.path(survey, answers)
                paths += 1
                #expect(path == path.sorted() && Set(path).count == path.count, "forward only")
                var known: [String: [String]] = [:]
                for i in path {
                    let shown = SurveyLogic.visible(survey.pages[i], known).filter { $0.kind != .section }
                    #expect(!shown.isEmpty, "page \(survey.pages[i].id) shown empty for \(answers)")
                    for q in shown { if let a = answers[q.id], !a.isEmpty { known[q.id] = a } }
                }
            }
        }
        #expect(accepted > 300 && refusedEmpty > 100, "the generator makes both kinds (accepted \(accepted), refused \(refusedEmpty))")
        #expect(paths == accepted * 30)
    }

    static func generate(_ rng: inout SeededRandom) -> SurveyDefinition {
        var pages: [SurveyPage] = []
        var earlier: [SurveyQuestion] = []
        let pageCount = rng.int(2...5)
        for p in 0..<pageCount {
            var questions: [SurveyQuestion] = []
            for n in 0..<rng.int(1...3) {
                let kind = rng.pick([SurveyQuestion.Kind.singleChoice, .multipleChoice, .scale, .shortText, .section])
                let options = kind.hasFixedValues ? (1...rng.int(2...4)).map { "o\($0)" } : []
                var q = SurveyQuestion(id: "q\(p)_\(n)", kind: kind, required: rng.int(0...1) == 1, options: options)
                let choices = earlier.filter { $0.kind.hasFixedValues }
                if !choices.isEmpty && rng.int(0...2) > 0 {
                    let ref = rng.pick(choices)
                    let test = ref.kind == .multipleChoice ? rng.pick([SurveyCondition.Test.includes, .isOneOf]) : rng.pick([.equals, .isOneOf])
                    let values = test == .equals ? [rng.pick(ref.options)] : rng.sample(ref.options, rng.int(1...ref.options.count))
                    q.showIf = SurveyCondition(question: ref.id, test: test, values: values)
                }
                questions.append(q)
            }
            var skips: [SkipRule] = []
            let here = (earlier + questions).filter { $0.kind.hasFixedValues }
            if p < pageCount - 1, !here.isEmpty, rng.int(0...2) == 0 {
                let ref = rng.pick(here)
                let target = rng.int((p + 2)...(pageCount + 1))
                skips.append(
                    SkipRule(
                        when: SurveyCondition(question: ref.id, test: .isOneOf, values: [rng.pick(ref.options)]),
                        toPage: target < pageCount ? "p\(target)" : nil))
            }
            pages.append(SurveyPage(id: "p\(p)", questions: questions, skips: skips))
            earlier += questions
        }
        return SurveyDefinition(pages: pages)
    }

    static func answers(_ s: SurveyDefinition, _ rng: inout SeededRandom) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for q in s.pages.flatMap(\.questions) where q.required || rng.int(0...4) > 0 {
            switch q.kind {
            case .multipleChoice: out[q.id] = rng.sample(q.options, rng.int(1...q.options.count))
            case .singleChoice, .scale: out[q.id] = [rng.pick(q.options)]
            case .section: break
            default: out[q.id] = ["text"]
            }
        }
        return out
    }
}
