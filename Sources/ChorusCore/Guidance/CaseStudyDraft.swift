import Foundation

/// The first draft of a case study, written from an activity's evaluation (seed 001: "share good practice … evaluate
/// and learn from engagement practices"), for an officer to edit before publishing: what it was, who took part, what
/// worked, what went wrong, what the partners would do differently, in the library's Markdown. Pure.
public enum CaseStudyDraft {
    public struct Source: Sendable {
        public let activityTitle: String
        public let organisation: String
        public let methods: [String]
        public let reached: EvaluationReach
        public let reachNotes: String
        public let whatWorked: String
        public let whatWentWrong: String
        public let doDifferently: String
        public let participantsSaid: String
        public let costPounds: Int?
        public init(
            activityTitle: String, organisation: String, methods: [String], reached: EvaluationReach, reachNotes: String, whatWorked: String,
            whatWentWrong: String, doDifferently: String, participantsSaid: String, costPounds: Int?
        ) {
            self.activityTitle = activityTitle; self.organisation = organisation; self.methods = methods; self.reached = reached
            self.reachNotes = reachNotes; self.whatWorked = whatWorked; self.whatWentWrong = whatWentWrong; self.doDifferently = doDifferently
            self.participantsSaid = participantsSaid; self.costPounds = costPounds
        }
    }

    public static func title(_ s: Source) -> String { "Case study: \(s.activityTitle)" }

    public static func summary(_ s: Source) -> String {
        let how = s.methods.isEmpty ? "" : " using \(s.methods.joined(separator: ", ").lowercased())"
        return "How \(s.organisation) engaged residents\(how), and what it learnt."
    }

    public static func markdown(_ s: Source) -> String {
        func block(_ heading: String, _ text: String) -> String? {
            let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return t.isEmpty ? nil : "# \(heading)\n\(t)"
        }
        let reach: String
        switch s.reached {
        case .yes: reach = "We reached the people we meant to."
        case .partly: reach = "We reached some of the people we meant to, not all."
        case .no: reach = "We did not reach the people we meant to."
        }
        return [
            "# What we did\n\(s.organisation) ran \(s.activityTitle)"
                + (s.methods.isEmpty ? "." : " using \(s.methods.joined(separator: ", ").lowercased()).")
                + (s.costPounds.map { " It cost about £\(NumberText.grouped($0))." } ?? ""),
            "# Who took part\n\(reach)" + (s.reachNotes.isEmpty ? "" : " \(s.reachNotes)"),
            block("What worked", s.whatWorked), block("What went wrong", s.whatWentWrong),
            block("What we would do differently", s.doDifferently),
            s.participantsSaid.isEmpty ? nil : "# What participants said\n> \(s.participantsSaid.replacingOccurrences(of: "\n", with: " "))",
        ].compactMap { $0 }.joined(separator: "\n\n")
    }
}
