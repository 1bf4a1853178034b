import Foundation

/// What a round tells residents and who may vote in it, kept as one JSON value so a new setting needs no migration:
/// each phase's public text and planned dates, the categories proposals choose from, and the declared minimum age.
public struct BudgetRoundSettings: Sendable, Equatable, Codable {
    public struct PhasePlan: Sendable, Equatable, Codable {
        public var text: String
        public var starts: Day?
        public var ends: Day?
        public init(text: String = "", starts: Day? = nil, ends: Day? = nil) {
            self.text = text
            self.starts = starts
            self.ends = ends
        }
    }

    /// By `BudgetPhase` raw value; a phase with nothing to say is absent.
    public var phases: [String: PhasePlan]
    public var categories: [String]
    /// Voters declare they are at least this old; nil: no minimum.
    public var minimumAge: Int?

    public init(phases: [String: PhasePlan] = [:], categories: [String] = [], minimumAge: Int? = nil) {
        self.phases = phases
        self.categories = categories
        self.minimumAge = minimumAge
    }

    public func plan(_ phase: BudgetPhase) -> PhasePlan { phases[phase.rawValue] ?? PhasePlan() }
}

/// Amounts of money as staff and residents type them ("£12,500", "12500.50", "1,200") in whole pence, so budgets and
/// costs add up exactly. Nil for anything else: a negative amount, more than two decimals, letters, or more than a
/// billion pounds.
public enum MoneyText {
    public static func pence(_ typed: String) -> Int64? {
        var t = typed.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("£") { t.removeFirst() }
        t = t.replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces)
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard !t.isEmpty, parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit), whole.count <= 10 else {
            return nil
        }
        var pence = Int64(whole)! * 100
        if parts.count == 2 {
            let frac = parts[1]
            guard (1...2).contains(frac.count), frac.allSatisfy(\.isASCIIDigit) else { return nil }
            pence += Int64(frac.count == 1 ? String(frac) + "0" : String(frac))!
        }
        return pence <= 100_000_000_000 ? pence : nil
    }

    /// Pounds with exactly two decimals, no symbol or grouping, for files (finance CSVs, 360Giving): 123450 → "1234.50".
    public static func decimal(_ pence: Int64) -> String {
        let m = pence.magnitude
        let fraction = m % 100
        return (pence < 0 ? "-" : "") + String(m / 100) + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// "£12,500" or "£12,500.50".
    public static func pounds(_ pence: Int64) -> String {
        let sign = pence < 0 ? "-" : ""
        let p = abs(pence)
        let whole = NumberText.grouped(Int(p / 100))
        return sign + "£" + whole + (p % 100 == 0 ? "" : String(format: ".%02d", Int(p % 100)))
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
