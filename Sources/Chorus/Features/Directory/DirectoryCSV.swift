import Foundation
import ChorusCore

/// The directory as a CSV file (the list's filters applied): one row an entry, lists joined with "; ", codes as
/// codes so the file can be filtered and read back. Cells a spreadsheet would run as a formula are neutralised by
/// `CSV.write`. `DirectoryCSVImport` reads the same columns back.
enum DirectoryCSV {
    static let header = [
        "id", "kind", "name", "summary", "category", "owner", "borough_wide", "wards", "themes", "audiences", "languages", "contact_name",
        "email", "phone", "website", "approach", "open_to_partnering", "contact_sharing", "address", "postcode", "facts", "capacity", "cost",
        "opening_times", "assured_on", "freshness", "consent_on",
    ]

    static func write(_ items: [DirectoryItem]) -> String {
        CSV.write(
            header: header,
            rows: items.map { i in
                [
                    i.id.uuidString, i.kind.rawValue, i.name, i.summary, i.category, i.owner.name, i.boroughWide ? "yes" : "no",
                    i.wards.map(\.name).joined(separator: "; "), i.themes.map(\.name).joined(separator: "; "),
                    i.audiences.map(\.name).joined(separator: "; "), i.languages.joined(separator: "; "), i.contactName ?? "", i.email ?? "",
                    i.phone ?? "", i.website ?? "", i.approach ?? "", i.openToPartnering ? "yes" : "no",
                    i.kind == .connector ? i.contactSharing.rawValue : "", i.address ?? "", i.postcode ?? "",
                    i.facts.map(\.rawValue).joined(separator: "; "), i.capacity.map(String.init) ?? "", i.cost ?? "", i.openingTimes ?? "",
                    i.assuredDay.description, i.freshness.rawValue, i.consentDay?.description ?? "",
                ]
            })
    }
}
