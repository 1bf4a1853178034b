import Foundation

/// Kinds of personal data about residents Chorus keeps, each with a default retention period and the reason.
/// The periods are defaults a council can change (UK GDPR storage limitation: no longer than needed for the
/// purpose); the reasons are shown beside them so whoever changes one sees what it was for.
public enum PersonalDataKind: String, CaseIterable, Sendable, Codable {
    case account, signInCodes = "sign_in_codes", equalityAnswers = "equality_answers", consentRecords = "consent_records",
        surveyResponses = "survey_responses", ballots, pledges, campaignPledges = "campaign_pledges", panelProfiles = "panel_profiles",
        subscriptions, outboxAddresses = "outbox_addresses", insightContacts = "insight_contacts", uploads,
        logAddresses = "log_addresses"

    /// What the records are, in plain English, for staff pages and the privacy documentation.
    public var label: String {
        switch self {
        case .account: return "Resident accounts (email, name, postcode sector, ward, language)"
        case .signInCodes: return "Sign-in codes (hashed) and their attempts"
        case .equalityAnswers: return "Equality monitoring answers"
        case .consentRecords: return "Consent records (wording shown, channel, who recorded it, withdrawal)"
        case .surveyResponses: return "Survey responses"
        case .ballots: return "Participatory budgeting ballots"
        case .pledges: return "Crowdfunding pledges"
        case .campaignPledges: return "Campaign pledges"
        case .panelProfiles: return "Panel member profiles"
        case .subscriptions: return "Subscriptions to updates (wards and themes)"
        case .outboxAddresses: return "Email addresses on sent emails in the outbox"
        case .insightContacts: return "Contact details given with comments and insights"
        case .uploads: return "Files residents upload"
        case .logAddresses: return "Network (IP) addresses in server logs"
        }
    }

    /// A short lower-case name for sentences: "Days to keep sign-in codes …".
    public var shortName: String {
        switch self {
        case .account: return "resident accounts"
        case .signInCodes: return "sign-in codes"
        case .equalityAnswers: return "equality answers"
        case .consentRecords: return "consent records"
        case .surveyResponses: return "survey responses"
        case .ballots: return "ballots"
        case .pledges: return "pledges"
        case .campaignPledges: return "campaign pledges"
        case .panelProfiles: return "panel profiles"
        case .subscriptions: return "subscriptions"
        case .outboxAddresses: return "email addresses in the outbox"
        case .insightContacts: return "contact details with insights"
        case .uploads: return "uploaded files"
        case .logAddresses: return "addresses in server logs"
        }
    }

    /// Days kept by default, counted from the reference time `referenceTime` names.
    public var defaultDays: Int {
        switch self {
        case .account: return 730
        case .signInCodes: return 1
        case .equalityAnswers: return 730
        case .consentRecords: return 2190
        case .surveyResponses: return 730
        case .ballots: return 365
        case .pledges: return 2190
        case .campaignPledges: return 730
        case .panelProfiles: return 730
        case .subscriptions: return 730
        case .outboxAddresses: return 90
        case .insightContacts: return 365
        case .uploads: return 365
        case .logAddresses: return 30
        }
    }

    /// The moment the period is counted from, in words.
    public var referenceTime: String {
        switch self {
        case .account: return "the last sign-in"
        case .signInCodes: return "when the code was sent"
        case .consentRecords: return "withdrawal of the consent"
        case .subscriptions: return "confirmation or the last change"
        case .outboxAddresses: return "when the email was sent"
        case .logAddresses: return "when the request was logged"
        case .equalityAnswers, .surveyResponses, .ballots, .pledges, .campaignPledges, .panelProfiles, .insightContacts, .uploads:
            return "when it was given"
        }
    }

    /// One sentence why that period.
    public var reason: String {
        switch self {
        case .account:
            return "Two years without signing in means the resident has stopped taking part, so their details no longer serve a purpose."
        case .signInCodes:
            return "A code works for 15 minutes; a day is kept only to explain a failed sign-in and to count attempts."
        case .equalityAnswers:
            return "Used only for counts of who took part, and two years lets one year's reach be compared with the next."
        case .consentRecords:
            return
                "Proof of what a resident agreed to is needed if it is challenged; six years after withdrawal matches the time limit for most claims."
        case .surveyResponses:
            return "Long enough to analyse, report and show what changed as a result; after that responses are kept without the name."
        case .ballots:
            return "A ballot is needed until the result is declared and any challenge is settled, which one budgeting year covers."
        case .pledges:
            return "Pledges are financial records, which must be kept for six years."
        case .campaignPledges:
            return "A campaign runs for a season or a year; two years covers it and the next, after which a pledge is kept only as a count."
        case .panelProfiles:
            return "Panels are refreshed about every two years, after which an old profile no longer describes the member."
        case .subscriptions:
            return "A subscription not confirmed or changed for two years is ended, so no one is emailed on consent they have forgotten."
        case .outboxAddresses:
            return "Addresses on sent emails are needed only to trace delivery problems and complaints, which come within weeks."
        case .insightContacts:
            return "Contact details given with a comment are for following it up, which a year covers for the activity and its report back."
        case .uploads:
            return "Files are for the activity they were sent to, and a year covers its analysis and report."
        case .logAddresses:
            return "Addresses in logs are for investigating abuse and faults, which are noticed within days."
        }
    }
}

/// How long each kind of personal data is kept: the defaults, a council's overrides, and overrides for one
/// activity (a long-running panel, a ballot under challenge). The retention job asks for a cutoff per kind.
public struct RetentionSchedule: Sendable, Equatable {
    public static let allowedDays = 1...3650

    /// Overrides of the defaults.
    public var days: [PersonalDataKind: Int]
    /// Per-activity overrides.
    public var activityDays: [UUID: [PersonalDataKind: Int]]

    public init(days: [PersonalDataKind: Int] = [:], activityDays: [UUID: [PersonalDataKind: Int]] = [:]) {
        self.days = days
        self.activityDays = activityDays
    }

    /// The activity's override, else the council's override, else the default.
    public func days(for kind: PersonalDataKind, activity: UUID? = nil) -> Int {
        if let activity, let d = activityDays[activity]?[kind] { return d }
        return days[kind] ?? kind.defaultDays
    }

    /// Records of this kind whose reference time is before the cutoff are due.
    public func cutoff(for kind: PersonalDataKind, activity: UUID? = nil, now: Date) -> Date {
        now.addingTimeInterval(-Double(days(for: kind, activity: activity)) * 86_400)
    }

    /// Validates a days value typed by staff: 1...3650, else a message naming the kind. The field is the kind's raw
    /// value. Ten years at most: anything longer is keeping data "just in case", which storage limitation forbids.
    public static func validateDays(_ raw: String, kind: PersonalDataKind) -> Result<Int, FieldError> {
        let v = raw.trimmedWhitespaceAndNewlines.replacingOccurrences(of: ",", with: "")
        if v.isEmpty { return .failure(FieldError(kind.rawValue, "Enter how many days to keep \(kind.shortName)")) }
        guard v.utf8.allSatisfy({ (48...57).contains($0) }), let n = Int(v), allowedDays.contains(n) else {
            return .failure(
                FieldError(
                    kind.rawValue,
                    "Days to keep \(kind.shortName) must be a whole number from \(allowedDays.lowerBound) to \(allowedDays.upperBound)"))
        }
        return .success(n)
    }
}
