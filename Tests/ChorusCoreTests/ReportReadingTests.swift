import Foundation
import Testing
@testable import ChorusCore

/// How a "You said, we did" report reads its counts and picks its quotes: small topics folded into one line, "most"
/// claimed only of shown counts that lead, a sentence not said twice, quotes only from the report's own themes.
@Suite struct ReportReadingTests {
    func row(_ label: String, _ n: Int?, secondary: Bool = false) -> TopicList.Row {
        TopicList.Row(label: label, count: SuppressedCount(n, secondary: secondary))
    }

    @Test func smallTopicsFoldIntoOneNumberAndShownOnesLeadLargestFirst() {
        let rows = [row("Buses", nil), row("Parks", 7), row("Flooding", nil), row("Climate change", 31), row("Litter", 7), row("Drugs", nil)]
        let f = TopicList.fold(rows)
        #expect(f.listed.map(\.label) == ["Climate change", "Litter", "Parks"], "largest first, ties by name")
        #expect(f.foldedSmall == 3)
        let allSmall = TopicList.fold((1...22).map { row("Topic \($0)", nil) })
        #expect(allSmall.listed.isEmpty && allSmall.foldedSmall == 22)
        // Hidden only so a small count cannot be worked out: it may be large, so it is listed, not folded as "fewer than 5".
        let secondary = TopicList.fold([row("A", 12), row("B", nil, secondary: true), row("C", nil)])
        #expect(secondary.listed.map(\.label) == ["A", "B"] && secondary.foldedSmall == 1)
        #expect(TopicList.fold([]) == TopicList.Folded(listed: [], foldedSmall: 0))
    }

    @Test func mostIsClaimedOnlyOfShownCountsThatLead() {
        // Every count suppressed: no claim (the report claimed three topics "most" with every count hidden).
        #expect(TopicList.leaders([row("Mental health", nil), row("Parks", nil), row("Walking", nil)]).isEmpty)
        // Shown leaders over small hidden ones.
        #expect(TopicList.leaders([row("Climate change", 40), row("Flooding", nil), row("Buses", 12)]) == ["Climate change", "Buses"])
        // Only three at most, and the third must beat the fourth.
        #expect(TopicList.leaders([row("A", 30), row("B", 20), row("C", 10), row("D", 9)]) == ["A", "B", "C"])
        #expect(TopicList.leaders([row("A", 30), row("B", 20), row("C", 10), row("D", 10)]) == ["A", "B"], "a tie at the edge is not led")
        #expect(TopicList.leaders([row("A", 10), row("B", 10), row("C", 10)]).isEmpty, "all equal: nobody leads")
        #expect(TopicList.leaders([row("A", 30)]).isEmpty, "one topic: nothing to be most against")
        #expect(TopicList.leaders([row("A", 30), row("B", nil, secondary: true)]).isEmpty, "a count hidden for secondary suppression may be larger")
        #expect(TopicList.leaders([row("A", 30), row("B", 5)], limit: 1) == ["A"])
        #expect(TopicList.leaders([row("A", 0), row("B", 0)]).isEmpty)
    }

    @Test func aSentenceAlreadyInTheTextIsNotSaidAgain() {
        #expect(TopicList.says("We heard from 166 people. You told us most about buses.", "We heard from 166 people."))
        #expect(TopicList.says("We heard  from 166\npeople.", "we heard from 166 people."), "spacing and case do not matter")
        #expect(!TopicList.says("We heard from 16 people.", "We heard from 166 people."))
        #expect(!TopicList.says("anything", "  "))
    }

    @Test func quotesComeOnlyFromTheReportsThemesQuotesFirst() {
        let climate = UUID(), flooding = UUID(), bins = UUID()
        func c(_ text: String, _ themes: Set<UUID>, quote: Bool = true, heard: Int = 100) -> QuoteChoice.Candidate {
            QuoteChoice.Candidate(id: UUID(), text: text, themes: themes, isQuote: quote, heard: heard)
        }
        let long = "Solar panels on the school roof in Northgate would show the children the council means it."
        let cands = [
            c("Bins were not collected again this week on Mill Lane, and nobody has told us why.", [bins]),
            c("The rude receptionist at the leisure centre did not even look up from her phone.", []),
            c(long, [climate]),
            c("A note: residents at the drop-in wanted a car club near the station in Old Town.", [climate], quote: false, heard: 300),
            c("The drains on Harbour Way flood every time it rains, and the insurance went up again.", [flooding, climate], heard: 50),
            c(long, [climate], heard: 10),
            c("Too short.", [climate], heard: 400),
        ]
        let picked = QuoteChoice.choose(cands, reportThemes: [climate], count: 4)
        #expect(!picked.contains { $0.contains("Bins") || $0.contains("receptionist") }, "never off the report's themes")
        #expect(picked.filter { $0 == long }.count == 1, "each text once")
        #expect(picked.first == long, "a readable quote, newest first, before older ones and notes")
        #expect(picked.last?.hasPrefix("A note") == true, "notes after quotes")
        #expect(picked.count == 4)
        // Two themes: one quote on each before a second on either.
        let two = QuoteChoice.choose(
            [
                c("Climate one is a long enough sentence to be a quote.", [climate], heard: 9),
                c("Climate two is a long enough sentence to be a quote.", [climate], heard: 8),
                c("Flooding one is a long enough sentence to be a quote.", [flooding], heard: 1),
            ],
            reportThemes: [climate, flooding], count: 2)
        #expect(two.contains { $0.hasPrefix("Flooding") } && two.contains { $0.hasPrefix("Climate one") })
        // No themes on the report: anything from its activity may be quoted.
        #expect(QuoteChoice.choose([c("Anything said during the activity, at a readable length.", [])], reportThemes: [], count: 4).count == 1)
        #expect(QuoteChoice.choose(cands, reportThemes: [climate], count: 0).isEmpty)
    }
}
