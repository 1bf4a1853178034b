import Fluent
import Foundation
import ChorusCore

/// The demo's good-practice library, written through `GuidanceService` as the council's officer: a public method
/// guide to drop-in sessions, public guidance on engaging young people, and the staff-only tendering toolkit; and the
/// training offer: a practitioner course the officer completed almost two years ago (its refresher is due) and a
/// residents' involvement course with two volunteers from Harbourside CVS.
enum DemoGuidance {
    static let pages: [[String: String]] = [
        [
            "kind": "method_guide", "method": "drop_in", "visibility": "public", "title": "Running a drop-in session",
            "summary": "An informal session people can walk into: when it works, how to run one, what it costs and what to avoid.",
            "body": """
            # When to use it
            When you want to hear from people who would not fill in a form, and the question can be explained with a map, \
            a model or a few pictures.

            # How
            1. Go where people already are: a library, a market, a school gate, a community centre.
            2. Hold it at two different times of day, including one evening or weekend.
            3. Have staff who can answer questions about the decision, not just collect comments.
            4. Write down what people say as insights the same day.

            # Cost
            Usually a room (often free in a community venue), two or three staff for a few hours, printing and refreshments.

            # Pitfalls
            - Only the already-interested come if you advertise it only online.
            - Comments are lost if nobody records them straight away.

            # Accessibility
            Choose a step-free venue with a hearing loop, offer interpreters on request, and say so in the invitation. \
            See [who is already in the room](/groups-and-venues).
            """,
        ],
        [
            "kind": "communities", "visibility": "public", "title": "Engaging young people",
            "summary": "Go to them, keep it short, show what changed: what partners have learnt from working with 11 to 25 year olds.",
            "body": """
            # What works
            - Youth clubs, colleges and sports sessions, with a youth worker they already know.
            - Short questions on a phone, and a reason to take part today.
            - Telling them afterwards what changed, in the same place.

            # What to avoid
            Evening meetings in council buildings, long surveys, and asking without saying what can still change.
            """,
        ],
        [
            "kind": "tendering", "visibility": "staff", "title": "Engagement in specifications and tenders",
            "summary": "What to ask for when a contract includes engaging residents, and how to score it.",
            "body": """
            # Put in the specification
            - The purpose of the engagement, and what residents can still influence.
            - Who must be reached, with the groups the equality screening named.
            - Methods that suit those people, and at least one way to take part without the internet.
            - A "You said, we did" report within 12 weeks of closing, and insights shared in Chorus.

            # Score
            Ask bidders for a short engagement plan. Score the plan's reach to the named groups, its accessibility and \
            how it will report back; give that part real weight, not a token few points.
            """,
        ],
    ]

    static func seed(on db: any Database, today: Day) async throws {
        guard let officer = try await DemoSeed.councilOfficer(db) else { return }
        for page in pages {
            _ = try await GuidanceService.save(
                nil, Input(values: page.merging(["published": "true"]) { a, _ in a }), user: officer, today: today, on: db)
        }
    }
}
