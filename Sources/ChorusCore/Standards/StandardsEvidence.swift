import Foundation

/// The evidence Chorus already holds for a self-assessment (seed 002's "how are we doing?"): one figure per standard
/// where the platform's records can say something, with the rule it was counted by in words, so a rater can judge
/// how far it supports their rating and a scrutiny reader can check it. Counted over the activities of the
/// organisation (or the whole partnership) in the assessment's period. Pure: the web layer gathers plain facts.
public enum StandardsEvidence {
    /// Weeks within which a closed activity's "You said, we did" report counts as prompt (DESIGN: loop closure).
    public static let reportWeeks = 12

    /// What the figures need to know about one activity.
    public struct ActivityFacts: Sendable, Equatable {
        public let id: UUID
        public let ladder: LadderLevel
        public let start: Day
        /// The day it closed (its end day), nil while it runs or when it has no end.
        public let closedOn: Day?
        public let methods: Int
        /// Partner organisations and directory groups it is run with.
        public let partners: Int
        public let planSignedOffOn: Day?
        public let equalityAssessedOn: Day?
        public let reportPublishedOn: Day?
        /// At least one decision's trail leads back to it.
        public let hasDecision: Bool

        public init(
            id: UUID, ladder: LadderLevel, start: Day, closedOn: Day?, methods: Int, partners: Int, planSignedOffOn: Day?,
            equalityAssessedOn: Day?, reportPublishedOn: Day?, hasDecision: Bool
        ) {
            self.id = id; self.ladder = ladder; self.start = start; self.closedOn = closedOn; self.methods = methods
            self.partners = partners; self.planSignedOffOn = planSignedOffOn; self.equalityAssessedOn = equalityAssessedOn
            self.reportPublishedOn = reportPublishedOn; self.hasDecision = hasDecision
        }
    }

    /// One figure: `count` of `of` records met the rule.
    public struct Figure: Sendable, Equatable, Codable {
        public let standardKey: String
        public let count: Int
        public let of: Int
        /// What was counted, as a sentence with the numbers in it.
        public let statement: String
        /// The rule, in words: which records are counted and what "met" means.
        public let method: String

        public var share: Double? { of == 0 ? nil : Double(count) / Double(of) }
        /// Whole per cent, rounded half up; nil with nothing to count.
        public var percent: Int? { share.map { Int(($0 * 100).rounded()) } }
    }

    /// Every figure for the activities and actions in the period `from`…`to` (inclusive), in standard order.
    /// `today` keeps activities still inside their 12 weeks out of the reporting figure (they have not failed yet).
    public static func figures(activities: [ActivityFacts], actions: [LoopClosure.ActionFact], from: Day, to: Day, today: Day) -> [Figure] {
        let started = activities.filter { $0.start >= from && $0.start <= to }
        let asking = started.filter { $0.ladder.asksForInput }
        let closed = activities.filter { a in a.closedOn.map { $0 >= from && $0 <= to && $0 <= today } ?? false }
        var out: [Figure] = []

        let assessed = asking.filter { a in a.equalityAssessedOn.map { $0 <= a.start } ?? false }.count
        out.append(
            figure(
                "inclusion", assessed, asking.count,
                "activities that asked residents for input had an equality impact assessment recorded in their plan by the day they started",
                "Activities at consult level or above that started in the period; counted when their plan records an equality impact "
                    + "assessment on or before the start day. Reach against the population by group is not counted here yet."))

        let planned = asking.filter { a in a.planSignedOffOn.map { $0 <= a.start } ?? false }.count
        out.append(
            figure(
                "planning", planned, asking.count, "activities that asked residents for input had a signed-off plan before they started",
                "Activities at consult level or above that started in the period; counted when their engagement plan was signed off on or "
                    + "before the start day."))

        let partnered = started.filter { $0.partners > 0 }.count
        out.append(
            figure(
                "working-together", partnered, started.count, "activities were run with a partner organisation or community group",
                "Activities that started in the period; counted when the register names at least one partner organisation, or the "
                    + "directory links a community group or connector to it."))

        let mixed = started.filter { $0.methods > 1 }.count
        out.append(
            figure(
                "methods", mixed, started.count, "activities used more than one method to reach people",
                "Activities that started in the period; counted when the register lists two or more methods for it."))

        let window = reportWeeks * 7
        let due = closed.filter { a in a.reportPublishedOn != nil || a.closedOn!.adding(days: window) < today }
        let prompt = due.filter { a in a.reportPublishedOn.map { $0.ordinal - a.closedOn!.ordinal <= window } ?? false }.count
        let waiting = closed.count - due.count
        out.append(
            figure(
                "communication", prompt, due.count,
                "closed activities published a \u{201C}You said, we did\u{201D} report within \(reportWeeks) weeks of closing",
                "Activities that closed in the period; counted when their report was published within \(reportWeeks) weeks (\(window) days) "
                    + "of the end day. Activities closed less than \(reportWeeks) weeks ago with no report yet are left out"
                    + (waiting > 0 ? " (\(waiting) now)." : ".")))

        let heard = closed.filter { $0.ladder.asksForInput }
        let decided = heard.filter(\.hasDecision).count
        out.append(
            figure(
                "impact", decided, heard.count, "closed activities that asked for input led to a recorded decision",
                "Activities at consult level or above that closed in the period; counted when a decision space recorded a decision "
                    + "whose trail links to the activity or to insights from it."))
        let counted = actions.filter { x in
            guard x.status != .notDoing else { return false }
            if x.status == .done, let d = x.doneOn { return d >= from && d <= to }
            return x.due.map { $0 >= from && $0 <= to && $0 < today } ?? false
        }
        let onTime = counted.filter { ActionRules.doneOnTime(status: $0.status, due: $0.due, doneOn: $0.doneOn) }.count
        out.append(
            figure(
                "impact", onTime, counted.count, "actions agreed by decision spaces were done by their due date",
                "Actions that fell due or were done in the period (not those marked \u{201C}not doing\u{201D}); counted when done on or "
                    + "before the due date."))
        return out
    }

    private static func figure(_ key: String, _ count: Int, _ of: Int, _ what: String, _ method: String) -> Figure {
        let statement: String
        if of == 0 {
            statement = "Nothing to count in this period (0 records matched the rule)."
        } else {
            let pct = Int((Double(count) / Double(of) * 100).rounded())
            statement = "\(NumberText.grouped(count)) of \(NumberText.grouped(of)) \(what) (\(pct)%)."
        }
        return Figure(standardKey: key, count: count, of: of, statement: statement, method: method)
    }
}
