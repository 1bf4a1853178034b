/// Who an activity heard from: the one definition that the board's briefing, the report editor and the public
/// "You said, we did" page all show, so a resident never reads a number that contradicts what the board saw.
///
/// An activity heard `insights` insights from `people` people: every insight recorded or imported as heard during the
/// activity, whatever its sharing level, and the sum of their "people heard" counts (a group conversation counts
/// everyone in it). Restricted insights are counted but never shown: a count says nothing of what was said, and every
/// count a page shows goes through `SmallNumberTable` (under 5 is "fewer than 5"). Counting only what a reader may
/// open would give each reader a different figure for the same activity, which is what this replaces.
public struct Reach: Sendable, Equatable {
    public var insights: Int
    public var people: Int

    public init(insights: Int = 0, people: Int = 0) {
        self.insights = insights
        self.people = people
    }

    public static let none = Reach()

    /// The reach of several activities together (an insight is heard during one activity at most, so sums are exact).
    public static func + (a: Reach, b: Reach) -> Reach { Reach(insights: a.insights + b.insights, people: a.people + b.people) }

    /// Both counts as a page may show them.
    public var shown: (insights: SuppressedCount, people: SuppressedCount) {
        (SmallNumberTable.total(insights), SmallNumberTable.total(people))
    }
}
