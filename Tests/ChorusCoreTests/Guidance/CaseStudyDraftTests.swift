import Testing
import ChorusCore

@Suite struct CaseStudyDraftTests {
    let source = CaseStudyDraft.Source(
        activityTitle: "Park benches survey", organisation: "Harbourside Borough Council", methods: ["Survey", "Drop-in session"], reached: .partly,
        reachNotes: "Few young people.", whatWorked: "Library drop-ins.", whatWentWrong: "", doDifferently: "Go to the youth club.",
        participantsSaid: "Felt heard\nat last", costPounds: 1850)

    @Test func theDraftTellsTheStoryFromTheEvaluationAndLeavesOutEmptyParts() {
        let md = CaseStudyDraft.markdown(source)
        let blocks = Markdown.parse(md)
        #expect(blocks.first == .heading(level: 2, [.text("What we did")]))
        #expect(md.contains("Harbourside Borough Council ran Park benches survey using survey, drop-in session. It cost about £1,850."))
        #expect(md.contains("We reached some of the people we meant to, not all. Few young people."))
        #expect(!md.contains("What went wrong"))
        #expect(blocks.last == .quote([.text("Felt heard at last")]))
        #expect(CaseStudyDraft.title(source) == "Case study: Park benches survey")
        #expect(
            CaseStudyDraft.summary(source) == "How Harbourside Borough Council engaged residents using survey, drop-in session, and what it learnt.")
    }
}
