import Foundation

/// The training offer's levels (seed 000 #4–5: a development and training offer at practitioner and specialist level;
/// seed 001: involvement training for residents and volunteers).
public enum TrainingLevel: String, CaseIterable, Codable, Sendable {
    case practitioner, specialist, involvement

    public var label: String {
        switch self {
        case .practitioner: return "Practitioner"
        case .specialist: return "Specialist"
        case .involvement: return "Involvement (residents and volunteers)"
        }
    }
}

/// Whether someone's training still counts: a course may need refreshing every so many months. It is current until the
/// refresher is due, "due soon" in the last `soonDays` before that (when reminders go out), and lapsed after. A course
/// with no refresher period never lapses. Pure.
public enum TrainingCurrency: Sendable, Equatable {
    case current(until: Day?)
    case dueSoon(until: Day)
    case lapsed(since: Day)

    public static let soonDays = 60

    public static func of(completedOn: Day, refreshMonths: Int?, today: Day) -> TrainingCurrency {
        guard let months = refreshMonths, months > 0 else { return .current(until: nil) }
        let until = completedOn.adding(months: months)
        if until < today { return .lapsed(since: until) }
        if until.ordinal - today.ordinal <= soonDays { return .dueSoon(until: until) }
        return .current(until: until)
    }

    /// Current or due soon: it still counts today.
    public var counts: Bool {
        if case .lapsed = self { return false }
        return true
    }
}

/// Who is trained in what, by organisation: how many of its active staff hold a practitioner or specialist course that
/// still counts (specialist counts as practitioner too), and how many residents or volunteers came through it to
/// complete any course.
public enum TrainingCoverage {
    public struct Completion: Sendable, Equatable {
        /// A member of staff; nil for a resident or volunteer.
        public let person: UUID?
        /// The organisation the person (or volunteer) is with.
        public let organisation: UUID?
        public let level: TrainingLevel
        public let completedOn: Day
        public let refreshMonths: Int?
        public init(person: UUID?, organisation: UUID?, level: TrainingLevel, completedOn: Day, refreshMonths: Int?) {
            self.person = person; self.organisation = organisation; self.level = level; self.completedOn = completedOn
            self.refreshMonths = refreshMonths
        }
    }

    public struct Row: Sendable, Equatable {
        public var staff = 0
        public var practitioner = 0
        public var specialist = 0
        public var volunteers = 0
        public init() {}
        /// Share of staff trained at practitioner level or above (nil with no staff).
        public var share: Double? { staff == 0 ? nil : Double(practitioner) / Double(staff) }
    }

    /// `staff`: each active member of staff with their organisation.
    public static func byOrganisation(staff: [(person: UUID, organisation: UUID)], completions: [Completion], today: Day) -> [UUID: Row] {
        var rows: [UUID: Row] = [:]
        var orgOf: [UUID: UUID] = [:]
        for s in staff { rows[s.organisation, default: Row()].staff += 1; orgOf[s.person] = s.organisation }
        var best: [UUID: TrainingLevel] = [:]
        for c in completions where TrainingCurrency.of(completedOn: c.completedOn, refreshMonths: c.refreshMonths, today: today).counts {
            if let p = c.person {
                guard orgOf[p] != nil, c.level != .involvement else { continue }
                if best[p] != .specialist { best[p] = c.level }
            } else if let org = c.organisation {
                rows[org, default: Row()].volunteers += 1
            }
        }
        for (p, level) in best {
            let org = orgOf[p]!
            rows[org]!.practitioner += 1
            if level == .specialist { rows[org]!.specialist += 1 }
        }
        return rows
    }
}
