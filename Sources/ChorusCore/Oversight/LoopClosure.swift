import Foundation

/// The loop-closure measure (seed 001: "feed back the impact of engagement to communities"): how many closed
/// activities have a published "You said, we did" report, how long after closing it came, and whether the actions
/// decision spaces agreed were done when they said. Overall, by organisation and by ward. Pure: plain values in.
public enum LoopClosure {
    /// A closed activity: who led it, where, when it closed, and when its report was published (nil: not yet).
    public struct ClosedActivity: Sendable, Equatable {
        public let organisation: String
        /// Ward names (empty for borough-wide: counted under `boroughWide`).
        public let wards: [String]
        public let closedOn: Day
        public let reportPublishedOn: Day?
        public init(organisation: String, wards: [String], closedOn: Day, reportPublishedOn: Day?) {
            self.organisation = organisation; self.wards = wards; self.closedOn = closedOn; self.reportPublishedOn = reportPublishedOn
        }
    }

    /// An action agreed by a decision space, with the owner's organisation and the wards of the activities behind it.
    public struct ActionFact: Sendable, Equatable {
        public let organisation: String
        public let wards: [String]
        public let status: ActionStatus
        public let due: Day?
        public let doneOn: Day?
        public init(organisation: String, wards: [String], status: ActionStatus, due: Day?, doneOn: Day?) {
            self.organisation = organisation; self.wards = wards; self.status = status; self.due = due; self.doneOn = doneOn
        }
    }

    public struct Summary: Sendable, Equatable {
        public var closedActivities = 0
        public var withReport = 0
        /// Days from close to report for each reported activity, sorted.
        public var daysToReport: [Int] = []
        /// Actions whose due day has passed, or that are done (not counting "not doing").
        public var actionsDue = 0
        public var actionsDoneOnTime = 0

        public init() {}
        /// Share of closed activities with a published report (nil with no closed activities).
        public var shareWithReport: Double? { closedActivities == 0 ? nil : Double(withReport) / Double(closedActivities) }
        public var medianDays: Double? { Percentile.of(daysToReport.map(Double.init), 0.5) }
        public var p90Days: Double? { Percentile.of(daysToReport.map(Double.init), 0.9) }
        public var shareOnTime: Double? { actionsDue == 0 ? nil : Double(actionsDoneOnTime) / Double(actionsDue) }
    }

    public struct Result: Sendable, Equatable {
        public var overall = Summary()
        public var byOrganisation: [String: Summary] = [:]
        public var byWard: [String: Summary] = [:]
    }

    /// The key borough-wide activities and actions are counted under in `byWard`.
    public static let boroughWide = "Borough-wide"

    public static func compute(activities: [ClosedActivity], actions: [ActionFact], today: Day) -> Result {
        var r = Result()
        func wards(_ list: [String]) -> [String] { list.isEmpty ? [boroughWide] : Array(Set(list)).sorted() }
        for a in activities where a.closedOn <= today {
            let days = a.reportPublishedOn.map { max(0, $0.ordinal - a.closedOn.ordinal) }
            func add(_ s: inout Summary) {
                s.closedActivities += 1
                if let days { s.withReport += 1; s.daysToReport.append(days) }
            }
            add(&r.overall)
            add(&r.byOrganisation[a.organisation, default: Summary()])
            for w in wards(a.wards) { add(&r.byWard[w, default: Summary()]) }
        }
        for x in actions where x.status != .notDoing {
            let counted = x.status == .done || (x.due.map { $0 < today } ?? false)
            guard counted else { continue }
            let onTime = ActionRules.doneOnTime(status: x.status, due: x.due, doneOn: x.doneOn)
            func add(_ s: inout Summary) { s.actionsDue += 1; if onTime { s.actionsDoneOnTime += 1 } }
            add(&r.overall)
            add(&r.byOrganisation[x.organisation, default: Summary()])
            for w in wards(x.wards) { add(&r.byWard[w, default: Summary()]) }
        }
        for k in r.byOrganisation.keys { r.byOrganisation[k]!.daysToReport.sort() }
        for k in r.byWard.keys { r.byWard[k]!.daysToReport.sort() }
        r.overall.daysToReport.sort()
        return r
    }
}

/// Percentiles by linear interpolation between closest ranks (the usual spreadsheet PERCENTILE.INC definition).
public enum Percentile {
    public static func of(_ values: [Double], _ p: Double) -> Double? {
        guard !values.isEmpty, (0...1).contains(p) else { return nil }
        let s = values.sorted()
        let h = Double(s.count - 1) * p
        let lo = Int(h.rounded(.down)), hi = Int(h.rounded(.up))
        return s[lo] + (h - Double(lo)) * (s[hi] - s[lo])
    }
}
