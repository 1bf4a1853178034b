import Foundation

/// Someone who may be asked to challenge and sign off a plan, as the reviewer list shows them.
public struct PlanReviewerChoice: Sendable, Equatable {
    public let id: UUID
    public let name: String
    public let email: String
    public let role: Role
    public let jobTitle: String?
    public let organisation: String
    public let organisationID: UUID

    public init(id: UUID, name: String, email: String, role: Role, jobTitle: String?, organisation: String, organisationID: UUID) {
        self.id = id
        self.name = name
        self.email = email
        self.role = role
        self.jobTitle = jobTitle
        self.organisation = organisation
        self.organisationID = organisationID
    }
}

/// Who may review an engagement plan, how the list of reviewers reads, and the email that asks them.
public enum PlanReviewers {
    /// Peer challenge is a professional check (the ladder, the equality duty, Gunning): officers, analysts,
    /// decision-space secretaries, comms and partnership admins of any partner. Viewers only read; community
    /// champions record what residents say and are not asked to sign plans off.
    public static func canReview(_ role: Role) -> Bool { role != .viewer && role != .champion }

    /// Whether this person may review this activity's plan: a role that reviews, who can also see the activity. A
    /// draft activity is seen only by its lead organisation and partnership admins (`draftOf` is its lead
    /// organisation; nil once the activity is registered, when every partner sees it).
    public static func canReview(_ role: Role, organisation: UUID, draftOf lead: UUID?) -> Bool {
        guard canReview(role) else { return false }
        guard let lead else { return true }
        return organisation == lead || role.canAdministerPartnership
    }

    /// The reviewer list: people who may review (and see the activity), each once (by id, and by email address when one person has two
    /// records), without the author; the author's own organisation first, then by organisation and name.
    public static func choices(
        _ people: [PlanReviewerChoice], excluding author: UUID, ownOrganisation: UUID, draftOf lead: UUID? = nil
    ) -> [PlanReviewerChoice] {
        var ids: Set<UUID> = [author]
        var emails: Set<String> = []
        let sorted = people.sorted { a, b in
            let (ownA, ownB) = (a.organisationID == ownOrganisation, b.organisationID == ownOrganisation)
            if ownA != ownB { return ownA }
            let orgOrder = a.organisation.localizedCaseInsensitiveCompare(b.organisation)
            if orgOrder != .orderedSame { return orgOrder == .orderedAscending }
            let nameOrder = a.name.localizedCaseInsensitiveCompare(b.name)
            if nameOrder != .orderedSame { return nameOrder == .orderedAscending }
            return a.email < b.email
        }
        return sorted.filter { p in
            guard canReview(p.role, organisation: p.organisationID, draftOf: lead), ids.insert(p.id).inserted else { return false }
            let email = p.email.lowercased()
            return email.isEmpty || emails.insert(email).inserted
        }
    }

    /// People the list could not tell apart by name, role and organisation (two staff of one partner with the same
    /// name and role): their email address is shown too.
    public static func ambiguous(_ list: [PlanReviewerChoice]) -> Set<UUID> {
        func key(_ p: PlanReviewerChoice) -> String { "\(p.name.lowercased())|\(p.role.rawValue)|\(p.organisationID)" }
        var counts: [String: Int] = [:]
        for p in list { counts[key(p), default: 0] += 1 }
        return Set(list.filter { counts[key($0)]! > 1 }.map(\.id))
    }

    /// Text made safe for one header line: line breaks and other control characters become spaces, runs of spaces
    /// one, at most `limit` characters.
    public static func oneLine(_ text: String, limit: Int = 120) -> String {
        var out = String.UnicodeScalarView()
        var lastSpace = false
        for s in text.unicodeScalars {
            let isBreakOrControl =
                s.value < 0x20 || s.value == 0x7F || s.value == 0x85 || s.value == 0x2028 || s.value == 0x2029 || s.properties.isWhitespace
            if isBreakOrControl {
                if !lastSpace && !out.isEmpty { out.append(" ") }
                lastSpace = true
            } else {
                out.append(s)
                lastSpace = false
            }
        }
        let line = String(out).trimmingCharacters(in: .whitespaces)
        return line.count > limit ? String(line.prefix(limit - 1)) + "\u{2026}" : line
    }

    public static func emailSubject(activityTitle: String) -> String {
        "Please review the engagement plan: " + oneLine(activityTitle)
    }

    public static func emailBody(reviewer: String, sender: String, activityTitle: String, link: String) -> String {
        """
        Dear \(oneLine(reviewer, limit: 200)),

        \(oneLine(sender, limit: 200)) has asked you to challenge and sign off the engagement plan for "\(oneLine(activityTitle, limit: 300))".

        Read the plan, its open warnings and the officer's notes, then approve it or ask for changes:
        \(link)

        If warnings are still open when you approve, you will be asked to confirm you have read them and say why the plan can go ahead.
        """
    }
}
