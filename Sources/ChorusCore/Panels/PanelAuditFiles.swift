import Foundation

/// The two files a selection publishes before its draw, in the layout the Sortition Foundation's tools read
/// (`categories.csv`: category, feature, min, max; `respondents.csv`: one row per volunteer, one column per category),
/// so anyone can replay the draw with `PanelCSV` or another implementation. Volunteers appear by pseudonym only. The
/// bytes are canonical (rows in the given order, LF line ends, fields quoted only when needed), so their SHA-256,
/// published with them, pins down exactly what was drawn from.
public enum PanelAuditFiles {
    public static func categoriesCSV(_ quotas: [PanelQuota]) -> String {
        var out = "category,feature,min,max\n"
        for q in quotas { out += [q.category, q.feature, String(q.min), String(q.max)].map(CSV.escape).joined(separator: ",") + "\n" }
        return out
    }

    /// `categories` in column order; a volunteer's household, when households are kept apart, as column `household`.
    public static func respondentsCSV(_ volunteers: [PanelVolunteer], categories: [String], households: Bool) -> String {
        var out = (["id"] + (households ? ["household"] : []) + categories).map(CSV.escape).joined(separator: ",") + "\n"
        for v in volunteers {
            let row = [v.id] + (households ? [v.household ?? ""] : []) + categories.map { v.features[$0] ?? "" }
            out += row.map(CSV.escape).joined(separator: ",") + "\n"
        }
        return out
    }

    /// Categories named by the quotas, in first-mention order.
    public static func categories(of quotas: [PanelQuota]) -> [String] {
        var seen: [String] = []
        for q in quotas where !seen.contains(q.category) { seen.append(q.category) }
        return seen
    }
}
