import Foundation

/// What a resident can consent to, each with a version of its wording. The words themselves are catalogue strings
/// (`consent.<purpose>.v<version>`) in every shipped language; a consent stores the exact words the resident was
/// shown, in the language shown, so a later change of wording (a new version) never rewrites what they agreed to.
struct ConsentPurpose: Sendable, Hashable {
    let key: String
    let version: Int
    var wordingKey: String { "consent.\(key).v\(version)" }
    var labelKey: String { "consent.\(key).label" }

    /// Keeping equality monitoring answers (special category data: explicit consent, UK GDPR Article 9(2)(a)).
    static let equalityMonitoring = ConsentPurpose(key: "equality_monitoring", version: 1)
    /// Emails about the wards and themes a resident chose.
    static let emailUpdates = ConsentPurpose(key: "email_updates", version: 1)

    static let all: [ConsentPurpose] = [equalityMonitoring, emailUpdates]
    static func named(_ key: String) -> ConsentPurpose? { all.first { $0.key == key } }
}

/// How a consent was given.
enum ConsentChannel: String, CaseIterable, Sendable {
    case web, paper, phone, inPerson = "in_person"

    var label: String {
        switch self {
        case .web: return "Online"
        case .paper: return "On paper"
        case .phone: return "By phone"
        case .inPerson: return "In person"
        }
    }
}
