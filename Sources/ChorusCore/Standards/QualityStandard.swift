import Foundation

/// One quality standard for engagement: a stable key (kept across wording changes, so assessments made against
/// different versions still compare), its title, what it asks for, the indicators that show it is met, and what each
/// level looks like.
public struct QualityStandard: Codable, Sendable, Equatable {
    /// Lower-case letters, digits and hyphens ("working-together"); never changes once made.
    public let key: String
    public var title: String
    public var summary: String
    public var indicators: [String]
    public var emerging: String
    public var aspiring: String
    public var established: String

    public init(
        key: String, title: String, summary: String, indicators: [String], emerging: String, aspiring: String, established: String
    ) {
        self.key = key; self.title = title; self.summary = summary; self.indicators = indicators
        self.emerging = emerging; self.aspiring = aspiring; self.established = established
    }

    /// What the given level looks like for this standard.
    public func describe(_ level: StandardLevel) -> String {
        switch level {
        case .emerging: return emerging
        case .aspiring: return aspiring
        case .established: return established
        }
    }
}

/// A numbered version of the whole set of standards. Assessments keep the version they were made against, so
/// their wording never changes under them when a partnership admin edits the standards (`StandardSetRevision`).
public struct StandardSet: Codable, Sendable, Equatable {
    public let version: Int
    public let standards: [QualityStandard]

    public init(version: Int, standards: [QualityStandard]) {
        self.version = version
        self.standards = standards
    }

    public func standard(_ key: String) -> QualityStandard? { standards.first { $0.key == key } }
    public var keys: [String] { standards.map(\.key) }
}
