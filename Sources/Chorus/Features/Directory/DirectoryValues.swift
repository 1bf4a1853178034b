import Foundation
import ChorusCore

/// Who is reading a directory entry: a partner's staff member (their organisation) or a resident on a public page.
/// A connector's contact details follow what the connector agreed (`ContactSharing.shows`).
enum DirectoryReader: Sendable {
    case staff(organisation: UUID)
    case resident

    var organisation: UUID? {
        if case .staff(let o) = self { return o }
        return nil
    }
}

/// A directory entry as plain values: what pages, CSV, the JSON API and Open Referral UK are built from. Contact
/// details the reader may not see are already removed (`contactWithheld` says so).
struct DirectoryItem: Sendable, Equatable {
    struct Named: Sendable, Equatable {
        let id: UUID
        let name: String
    }

    let id: UUID
    let kind: DirectoryKind
    let name: String
    let summary: String
    /// A group's `GroupType` or a connector's `ConnectorRole` code; empty for a venue.
    let category: String
    let owner: Named
    let boroughWide: Bool
    let wards: [Named]
    let themes: [Named]
    let audiences: [Named]
    let languages: [String]
    let contactName: String?
    let email: String?
    let phone: String?
    let contactWithheld: Bool
    let website: String?
    let approach: String?
    let openToPartnering: Bool
    let contactSharing: ContactSharing
    let consentDay: Day?
    let address: String?
    let postcode: String?
    let latitude: Double?
    let longitude: Double?
    let facts: [VenueFact]
    let capacity: Int?
    let cost: String?
    let openingTimes: String?
    let assuredDay: Day
    let freshness: DirectoryFreshness
    let sourceID: String?
    let updatedAt: Date?

    /// A venue's address and postcode on one line ("1 Dock Street, HS1 2AB"), nil when it has neither.
    var postalAddress: String? {
        let parts = [address, postcode].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// The form's and the audit log's view of the entry: every input field as text (lists for the checkboxes).
    var input: Input {
        var values: [String: String] = [
            "name": name, "summary": summary, "category": category, "owner_organisation_id": owner.id.uuidString,
            "borough_wide": boroughWide ? "true" : "false", "languages": languages.joined(separator: ", "),
            "open_to_partnering": openToPartnering ? "true" : "false", "contact_sharing": contactSharing.rawValue,
            "assured_on": assuredDay.description,
        ]
        let optional: [String: String?] = [
            "contact_name": contactName, "email": email, "phone": phone, "website": website, "approach": approach,
            "consent_on": consentDay?.description, "address": address, "postcode": postcode,
            "latitude": latitude.map { String($0) }, "longitude": longitude.map { String($0) }, "capacity": capacity.map(String.init),
            "cost": cost, "opening_times": openingTimes,
        ]
        for (k, v) in optional { if let v { values[k] = v } }
        return Input(
            values: values,
            lists: [
                "place_ids": wards.map(\.id.uuidString), "theme_ids": themes.map(\.id.uuidString),
                "audience_ids": audiences.map(\.id.uuidString), "facts": facts.map(\.rawValue),
            ])
    }

    /// Every input field as one line of text, for the audit trail's before and after.
    var auditValues: [String: String] {
        let i = input
        var out = i.values
        out["wards"] = wards.map(\.name).joined(separator: ", ")
        out["themes"] = themes.map(\.name).joined(separator: ", ")
        out["audiences"] = audiences.map(\.name).joined(separator: ", ")
        out["facts"] = facts.map(\.rawValue).joined(separator: ", ")
        return out
    }
}
