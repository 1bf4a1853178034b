import Foundation

/// A rating on one quality standard in a "how are we doing?" self-assessment (seed 002): Emerging, Aspiring or
/// Established. Ordered, so a change between two assessments reads as up or down.
public enum StandardLevel: String, CaseIterable, Codable, Sendable, Comparable {
    case emerging, aspiring, established

    public var label: String {
        switch self {
        case .emerging: return "Emerging"
        case .aspiring: return "Aspiring"
        case .established: return "Established"
        }
    }

    /// 1, 2 or 3: the height of its bar on an assessment's chart.
    public var rank: Int { StandardLevel.allCases.firstIndex(of: self)! + 1 }

    public static func < (a: StandardLevel, b: StandardLevel) -> Bool { a.rank < b.rank }
}
