import Testing
import ChorusCore

@Suite struct MarkdownTests {
    @Test func blocksAreHeadingsParagraphsListsAndQuotes() {
        let blocks = Markdown.parse(
            "# When to use it\r\nWhen you need\nmany voices.\n\n- cheap\n- quick to run\n  and to analyse\n\n1. Plan\n2) Run\n\n> It felt like\n> they listened\n### Pitfalls"
        )
        #expect(
            blocks == [
                .heading(level: 2, [.text("When to use it")]),
                .paragraph([.text("When you need many voices.")]),
                .bullets([[.text("cheap")], [.text("quick to run and to analyse")]]),
                .numbered([[.text("Plan")], [.text("Run")]]),
                .quote([.text("It felt like they listened")]),
                .heading(level: 4, [.text("Pitfalls")]),
            ])
    }

    @Test func inlineMarksAndOnlySafeLinks() {
        #expect(
            Markdown.inline("Use **paper** and _large print_ with `BSL`, see [the guide](https://example.org/g) or [our page](/lessons).") == [
                .text("Use "), .strong("paper"), .text(" and "), .emphasis("large print"), .text(" with "), .code("BSL"), .text(", see "),
                .link(text: "the guide", url: "https://example.org/g"), .text(" or "), .link(text: "our page", url: "/lessons"), .text("."),
            ])
        #expect(Markdown.inline("[click](javascript:alert(1)) here") == [.text("click here")])
        #expect(Markdown.inline("[x](//evil.example)") == [.text("x")])
        #expect(Markdown.inline("snake_case_name and 2*3*4 stay **open") == [.text("snake_case_name and 2*3*4 stay **open")])
    }

    @Test func htmlIsJustTextAndHashesNeedASpace() {
        #expect(Markdown.parse("<script>alert(1)</script>") == [.paragraph([.text("<script>alert(1)</script>")])])
        #expect(Markdown.parse("#hashtag") == [.paragraph([.text("#hashtag")])])
        #expect(Markdown.plainText(Markdown.parse("# Title\n- **a** [b](/c)")) == "Title\na b")
    }
}
