import Foundation

/// Participants' own word on how taking part felt (seed 001: "monitor and evaluate previous events, acknowledge what
/// goes wrong"): three short anonymous questions residents reach from the "You said, we did" email and page, read
/// by staff beside the activity's evaluation. Counts by answer are shown only from `minimumToShow` answers up, so a
/// handful of answers from a small session cannot be matched to the people who were there; the comments are listed.
public enum ParticipantFeedback {
    public static let minimumToShow = 5
    public static let maxComment = 2000

    /// Did you feel listened to?
    public enum Listened: String, CaseIterable, Codable, Sendable { case yes, partly, no }

    /// Was it easy to take part?
    public enum Ease: String, CaseIterable, Codable, Sendable {
        case easy
        case someDifficulty = "some_difficulty"
        case hard
    }

    public struct Answer: Sendable, Equatable {
        public let listened: Listened
        public let ease: Ease
        public let comment: String
        public init(listened: Listened, ease: Ease, comment: String) {
            self.listened = listened; self.ease = ease; self.comment = comment
        }
    }

    public struct Summary: Sendable, Equatable {
        public let count: Int
        /// nil below `minimumToShow` answers.
        public let listened: [Listened: Int]?
        public let ease: [Ease: Int]?
        public let comments: [String]
    }

    public static func summarise(_ answers: [Answer]) -> Summary {
        let shown = answers.count >= minimumToShow
        var listened: [Listened: Int] = [:], ease: [Ease: Int] = [:]
        for l in Listened.allCases { listened[l] = 0 }
        for e in Ease.allCases { ease[e] = 0 }
        for a in answers {
            listened[a.listened, default: 0] += 1
            ease[a.ease, default: 0] += 1
        }
        return Summary(
            count: answers.count, listened: shown ? listened : nil, ease: shown ? ease : nil,
            comments: answers.map { $0.comment.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty })
    }
}
