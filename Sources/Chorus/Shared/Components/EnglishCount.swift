import Foundation
import ChorusCore

/// A count and its noun in English, singular for exactly one ("1 person", "2 people", "1,204 insights"), for staff
/// pages that still carry English literals. Resident text goes through the catalogue.
enum EnglishCount {
    static func of(_ n: Int, _ singular: String, _ plural: String) -> String {
        NumberText.grouped(n) + " " + (n == 1 ? singular : plural)
    }

    static func people(_ n: Int) -> String { of(n, "person", "people") }

    /// A suppressed count and its noun: "1 person", "fewer than 5 people", "12 insights".
    static func of(_ c: SuppressedCount, _ singular: String, _ plural: String) -> String {
        c.text() + " " + (c.value == 1 ? singular : plural)
    }
}
