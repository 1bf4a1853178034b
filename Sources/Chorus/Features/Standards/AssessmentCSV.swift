import Foundation
import ChorusCore

/// An assessment's ratings as CSV, a row a standard: for analysts and for a board's papers. Cells are escaped
/// (`CSV.escape`: quotes, line breaks, formula characters).
enum AssessmentCSV {
    static let header = [
        "assessment", "whose", "period_from", "period_to", "status", "standards_version", "standard_key", "standard", "level",
        "change_since_last", "evidence", "links", "figures_kept", "rated_by", "open_challenges", "actions",
    ]

    static func write(_ m: StandardsPages.Assessment) -> String {
        CSV.write(
            header: header,
            rows: m.standards.standards.map { s in
                let r = m.ratings[s.key]
                return [
                    m.title, m.whose, m.from.description, m.to.description, m.status.rawValue, String(m.standards.version), s.key, s.title,
                    r?.level.rawValue ?? "", m.changes[s.key]?.label ?? "", r?.evidence ?? "", r?.links.joined(separator: " ") ?? "",
                    r?.figures.map(\.statement).joined(separator: " ") ?? "", r?.ratedBy ?? "",
                    String(m.challenges.filter { $0.standardKey == s.key && $0.status == .open }.count),
                    String(m.actions.filter { $0.standardKey == s.key }.count),
                ]
            })
    }

    static func filename(_ m: StandardsPages.Assessment) -> String { "self-assessment-\(m.id.uuidString.lowercased()).csv" }
}
