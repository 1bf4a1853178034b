/// A staff member's role. What each may do is decided here, in one place, so routes ask questions
/// ("can this role administer the partnership?") rather than compare role names.
public enum Role: String, CaseIterable, Codable, Sendable {
    case partnershipAdmin = "partnership_admin"
    case officer
    case insightAnalyst = "insight_analyst"
    case secretary = "decision_space_secretary"
    case comms
    /// Community champions and connectors: record what residents tell them.
    case champion
    case viewer

    /// Partners, people, places, themes, audiences and the audit log.
    public var canAdministerPartnership: Bool { self == .partnershipAdmin }

    /// Verify crowdfunded projects, record cash and transfers, run match funds.
    public var canManageCrowdfunding: Bool { [.partnershipAdmin, .officer, .champion].contains(self) }
    /// Write and run their organisation's campaigns (actions, status, links, updates to pledgers).
    public var canManageCampaigns: Bool { [.partnershipAdmin, .officer, .champion, .comms].contains(self) }
    /// Who adds and keeps entries in the directory of groups, venues and connectors (their organisation's entries).
    public var canKeepDirectory: Bool { [.partnershipAdmin, .officer, .champion].contains(self) }
    /// Who records insights (what residents said): officers, champions, analysts and admins.
    public var canRecordInsight: Bool { [.partnershipAdmin, .officer, .champion, .insightAnalyst].contains(self) }

    /// Who re-tags insights in bulk and builds bundles for decision spaces.
    public var canCurateInsight: Bool { [.partnershipAdmin, .officer, .insightAnalyst, .secretary].contains(self) }
}

/// The kind of partner organisation.
public enum OrganisationType: String, CaseIterable, Codable, Sendable {
    case council, nhsTrust = "nhs_trust", icb, primaryCare = "primary_care", vcse, housing, police, fire
    case education, business, other
}

/// What kind of community an audience is (seed 003: communities of place, identity and interest).
public enum AudienceKind: String, CaseIterable, Codable, Sendable {
    case place, identity, interest
}

/// What kind of area a place is.
public enum PlaceKind: String, CaseIterable, Codable, Sendable {
    case ward, neighbourhood, localAuthority = "local_authority", other
}
