import Foundation

/// What a directory entry is. Groups, venues and connectors share one store (owner, wards, themes, audiences,
/// languages, "assured on") because officers look for all three at once: who already reaches these people, and where.
public enum DirectoryKind: String, CaseIterable, Sendable, Codable {
    /// A community group or organisation beyond the partners: residents' association, faith group, charity…
    case group
    /// An accessible community space: a hall, a library room, a centre.
    case venue
    /// A named person who connects: community connector, champion, social prescriber, link worker.
    case connector
}

/// The sort of group, as a resident or an officer would say it (the directory's filter and Open Referral UK's
/// organisation description use these).
public enum GroupType: String, CaseIterable, Sendable, Codable {
    case residentsAssociation = "residents_association"
    case faithGroup = "faith_group"
    case charity
    case socialEnterprise = "social_enterprise"
    case informalGroup = "informal_group"
    case sportsClub = "sports_club"
    case mutualAid = "mutual_aid"
    case publicService = "public_service"
    case other
}

/// The connector roles a place already pays for or relies on (seed 000 #12: connect the "connector roles" so they
/// add value and do not duplicate).
public enum ConnectorRole: String, CaseIterable, Sendable, Codable {
    case communityConnector = "community_connector"
    case champion
    case socialPrescriber = "social_prescriber"
    case linkWorker = "link_worker"
    case other
}

/// Who may see a connector's email and phone: what the connector agreed to when their profile was recorded. A
/// connector's name, role and wards are shown to staff in every case (that is what the profile is for); contact
/// details only as agreed, and nothing about a connector appears on residents' pages unless `residents`.
public enum ContactSharing: String, CaseIterable, Sendable, Codable {
    /// Contact details are kept by the owning organisation only.
    case ownOrganisation = "own_organisation"
    /// Every partner's staff may see the contact details.
    case partners
    /// Residents may see the connector and their contact details on public pages.
    case residents

    /// Whether a reader sees the contact details: a member of the owning organisation always; another partner's staff
    /// when shared with partners or residents; a resident only when shared with residents.
    public func shows(readerOrganisation: UUID?, owner: UUID) -> Bool {
        switch readerOrganisation {
        case nil: return self == .residents
        case let org? where org == owner: return true
        default: return self != .ownOrganisation
        }
    }
}

/// Accessibility facts about a venue, in the terms UK venues and AccessAble use (step-free rather than "ADA
/// compliant"; Changing Places toilets; hearing loops), so a resident can search by the need they have. Stored as
/// codes; shown through the catalogue (`venue.fact.<code>`).
public enum VenueFact: String, CaseIterable, Sendable, Codable {
    case stepFreeEntrance = "step_free_entrance"
    case accessibleToilet = "accessible_toilet"
    case changingPlaces = "changing_places"
    case hearingLoop = "hearing_loop"
    case quietRoom = "quiet_room"
    case parking
    case blueBadgeParking = "blue_badge_parking"
    case publicTransport = "public_transport"
    case babyChange = "baby_change"
    case prayerSpace = "prayer_space"
    case freeWifi = "free_wifi"

    /// The English wording, for Open Referral UK's accessibility descriptions and CSV files (pages use the catalogue).
    public var englishLabel: String {
        switch self {
        case .stepFreeEntrance: return "Step-free entrance"
        case .accessibleToilet: return "Accessible toilet"
        case .changingPlaces: return "Changing Places toilet"
        case .hearingLoop: return "Hearing loop"
        case .quietRoom: return "Quiet room"
        case .parking: return "Parking"
        case .blueBadgeParking: return "Blue Badge parking"
        case .publicTransport: return "Near public transport"
        case .babyChange: return "Baby change"
        case .prayerSpace: return "Prayer space"
        case .freeWifi: return "Free Wi-Fi"
        }
    }

    /// The fact an accessibility description names, matching the English wording or the code, ignoring case (an
    /// imported feed's `accessibility[].description`).
    public static func from(description: String) -> VenueFact? {
        let t = description.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return allCases.first { $0.englishLabel.lowercased() == t || $0.rawValue == t.replacingOccurrences(of: " ", with: "_") }
    }
}

/// Languages as people write them and as Open Referral UK wants them (ISO 639-1 codes where one exists). A language
/// nobody listed here is kept as written, with no code.
public enum DirectoryLanguages {
    static let codes: [(name: String, code: String)] = [
        ("English", "en"), ("Urdu", "ur"), ("Arabic", "ar"), ("Bengali", "bn"), ("Polish", "pl"), ("Chinese", "zh"),
        ("Punjabi", "pa"), ("Gujarati", "gu"), ("Somali", "so"), ("Romanian", "ro"), ("Portuguese", "pt"),
        ("Spanish", "es"), ("French", "fr"), ("Kurdish", "ku"), ("Pashto", "ps"), ("Farsi", "fa"), ("Tigrinya", "ti"),
        ("Turkish", "tr"), ("Tamil", "ta"), ("Hindi", "hi"), ("Lithuanian", "lt"), ("Ukrainian", "uk"),
        ("Welsh", "cy"), ("British Sign Language", "bfi"),
    ]

    /// The ISO 639 code of a language name (or a code given as is), else nil.
    public static func code(_ name: String) -> String? {
        let t = name.trimmingCharacters(in: .whitespaces)
        return codes.first { $0.name.caseInsensitiveCompare(t) == .orderedSame || $0.code == t.lowercased() }?.code
    }

    /// The list a person typed ("Urdu, Punjabi; English"): split on commas and semicolons, trimmed, written the usual
    /// way when known ("urdu" → "Urdu"), each once, in the order typed.
    public static func parse(_ text: String) -> [String] {
        var out: [String] = []
        for part in text.split(whereSeparator: { $0 == "," || $0 == ";" }) {
            let t = part.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !t.isEmpty else { continue }
            let name = codes.first { $0.name.caseInsensitiveCompare(t) == .orderedSame || $0.code == t.lowercased() }?.name ?? t
            if !out.contains(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) { out.append(name) }
        }
        return out
    }
}
