import Foundation

/// The statutory deadline for a resident's subject access, erasure or other data protection request, as the ICO
/// counts it ("How long do we have to comply?"): the day of receipt is day one, whether or not it is a working day.
public enum DataRequestDeadline {
    /// One calendar month from the day of receipt: the corresponding calendar date of the next month (31 Jan → 28/29
    /// Feb, the month's last day when there is no corresponding date); when that falls on a weekend or an England and
    /// Wales bank holiday, the next working day.
    public static func due(received: Day) -> Day {
        BankHolidays.nextWorkingDay(onOrAfter: received.adding(months: 1))
    }
}
