import Foundation

/// A holiday that falls inside a consultation period.
public struct HolidayOverlap: Sendable, Equatable {
    public let name: String
    /// The holiday's dates.
    public let holiday: DayRange
    /// The days of the consultation that fall in the holiday.
    public let overlap: DayRange
}

/// A pre-election period that falls inside a consultation period.
public struct ElectionOverlap: Sendable, Equatable {
    public let name: String
    public let period: DayRange
    /// The days of the consultation inside the pre-election period (to the period's end when open-ended).
    public let overlap: DayRange
}

/// What the dates of a consultation mean for its adequacy.
public struct ConsultationPeriodAssessment: Sendable, Equatable {
    public let opens: Day
    /// nil for an open-ended consultation.
    public let closes: Day?
    /// Length in days, counting both the opening and the closing day; nil when open-ended.
    public let days: Int?
    /// Under 12 weeks: the plan must record why the shorter period is adequate.
    public let reasonRequired: Bool
    /// The reason recorded, trimmed (nil when none).
    public let shortPeriodReason: String?
    public let holidays: [HolidayOverlap]
    public let elections: [ElectionOverlap]
    /// Most serious first.
    public let warnings: [PlanWarning]
}

/// Duration, holiday and election checks for a consultation's dates.
///
/// Length counts both the opening and the closing day: opening on Monday 5 January and closing on Sunday
/// 15 February is exactly 6 weeks (42 days). Under 6 weeks is a warning; under 12 weeks needs a recorded reason
/// (the 12 weeks of the former Code of Practice on Consultation, still the benchmark for "adequate time").
public enum ConsultationDuration {
    public static let warnUnderDays = 42
    public static let reasonUnderDays = 84
    /// Default form field names.
    public static let closesField = "closes_on"
    public static let reasonField = "short_period_reason"

    /// Assesses a consultation's dates. Throws a `FieldError` on the closing-date field when it is before the opening date.
    public static func assess(
        opens: Day, closes: Day?, shortPeriodReason: String? = nil,
        holidays: HolidayCalendar = .england, elections: [ElectionPeriod] = []
    ) throws(FieldError) -> ConsultationPeriodAssessment {
        if let closes, closes < opens {
            throw FieldError(closesField, "The closing date must be the same as or after the opening date")
        }
        let reason = shortPeriodReason.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        var warnings: [PlanWarning] = []

        let sixWeeks = opens.adding(days: warnUnderDays - 1), twelveWeeks = opens.adding(days: reasonUnderDays - 1)
        var days: Int? = nil
        var reasonRequired = false
        if let closes {
            let n = closes.ordinal - opens.ordinal + 1
            days = n
            reasonRequired = n < reasonUnderDays
            if n < warnUnderDays {
                warnings.append(
                    PlanWarning(
                        code: "duration.under_6_weeks", severity: .warning,
                        message:
                            "The consultation runs for \(PlanText.weeksAndDays(n)), under 6 weeks. People may not have enough time to consider the proposal and respond\(reason == nil ? "" : ", even with the reason recorded").",
                        action:
                            "Extend the closing date to \(PlanText.long(sixWeeks)) (6 weeks) or \(PlanText.long(twelveWeeks)) (12 weeks), or record why a shorter period is adequate for the people being asked.",
                        field: closesField))
            } else if reasonRequired && reason == nil {
                warnings.append(
                    PlanWarning(
                        code: "duration.reason_required", severity: .warning,
                        message:
                            "The consultation runs for \(PlanText.weeksAndDays(n)), under 12 weeks, and no reason for the shorter period is recorded.",
                        action:
                            "Record why \(PlanText.weeksAndDays(n)) is adequate for the people being asked, or extend the closing date to \(PlanText.long(twelveWeeks)).",
                        field: reasonField))
            }
        } else {
            warnings.append(
                PlanWarning(
                    code: "duration.open_ended", severity: .warning,
                    message: "The consultation has no closing date.",
                    action: "Set a closing date, so people know how long they have and the responses can be considered before the decision.",
                    field: closesField))
        }

        // Holidays: only for a consultation with a closing date (an open-ended one is not shortened by them).
        var holidayOverlaps: [HolidayOverlap] = []
        if let closes {
            let period = DayRange(from: opens, to: closes)
            for h in holidays.periods {
                for occ in h.occurrences(overlapping: period) {
                    if let o = occ.intersection(period) { holidayOverlaps.append(HolidayOverlap(name: h.name, holiday: occ, overlap: o)) }
                }
            }
            holidayOverlaps.sort { $0.overlap.from < $1.overlap.from }
            for o in holidayOverlaps {
                let extended = closes.adding(days: o.overlap.days)
                warnings.append(
                    PlanWarning(
                        code: "duration.holiday", severity: .warning,
                        message:
                            "\(PlanText.days(o.overlap.days).capitalizedFirst) of the consultation fall\(o.overlap.days == 1 ? "s" : "") in \(o.name) (\(PlanText.short(o.overlap.from))\(o.overlap.days > 1 ? " to \(PlanText.short(o.overlap.to))" : "")), when fewer people can respond.",
                        action:
                            "Extend the closing date by \(PlanText.days(o.overlap.days)), to \(PlanText.long(extended)), to make up for the holiday, or record why the period is adequate.",
                        field: closesField))
            }
        }

        // Pre-election periods: an open-ended consultation runs into every later one.
        var electionOverlaps: [ElectionOverlap] = []
        for e in elections {
            let end = closes ?? max(e.range.to, opens)
            if let o = e.range.intersection(DayRange(from: opens, to: end)) {
                electionOverlaps.append(ElectionOverlap(name: e.name, period: e.range, overlap: o))
            }
        }
        electionOverlaps.sort { $0.overlap.from < $1.overlap.from }
        for e in electionOverlaps {
            let before = e.period.from.adding(days: -1), after = e.period.to.adding(days: 1)
            warnings.append(
                PlanWarning(
                    code: "duration.election", severity: .warning,
                    message:
                        "The consultation is open during the pre-election period for \(e.name) (\(PlanText.short(e.period.from)) to \(PlanText.short(e.period.to))), when publicity about controversial matters is restricted.",
                    action:
                        "Close it by \(PlanText.long(before)) or open it on or after \(PlanText.long(after)), or take the monitoring officer's advice on what can go ahead.",
                    field: closesField))
        }

        return ConsultationPeriodAssessment(
            opens: opens, closes: closes, days: days, reasonRequired: reasonRequired,
            shortPeriodReason: reason, holidays: holidayOverlaps, elections: electionOverlaps,
            warnings: warnings.bySeverity())
    }

    /// Checks the reason for a period under 12 weeks and returns it trimmed (nil when none is needed and none given).
    /// Throws a `FieldError` naming `field` when a reason is required but empty, or is too long.
    public static func validateReason(_ assessment: ConsultationPeriodAssessment, field: String = reasonField) throws(FieldError) -> String? {
        guard let reason = assessment.shortPeriodReason else {
            if assessment.reasonRequired {
                throw FieldError(field, "Enter why \(PlanText.weeksAndDays(assessment.days ?? 0)) is long enough for this consultation")
            }
            return nil
        }
        if reason.count > 2000 { throw FieldError(field, "The reason must be 2000 characters or fewer") }
        if Validation.hasControlCharacters(reason) { throw FieldError(field, "The reason must not contain control characters") }
        return reason
    }
}

fileprivate extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
