import Foundation

/// Who is reading, as far as the sharing of insights (and everything built from them: themes, briefings, trails,
/// reports) is concerned. One value, so no rule is written as a magic one (a nil organisation for the public, a
/// random one for "every partner").
public enum SharingWall: Sendable, Hashable {
    /// Residents and anyone not signed in: public insights only.
    case publicOnly
    /// What every partner may see: public and partnership insights, never an organisation's own (a "You said, we
    /// did" trail, which any partner's comms may publish).
    case partnership
    /// A partner organisation's staff: public, partnership, and their own organisation's insights.
    case organisation(UUID)

    /// The wall of a signed-in person's organisation, or the public one.
    public init(staffOf organisation: UUID?) {
        self = organisation.map(SharingWall.organisation) ?? .publicOnly
    }

    /// The organisation whose own insights this wall lets through, if any.
    public var organisation: UUID? {
        if case .organisation(let id) = self { return id }
        return nil
    }

    /// Whether partnership-level insights pass.
    public var seesPartnership: Bool { self != .publicOnly }

    /// The one rule every list, count, search, export, API and analysis applies.
    public func lets(_ level: SharingLevel, recordedBy owner: UUID) -> Bool {
        switch level {
        case .public: return true
        case .partnership: return seesPartnership
        case .organisation: return organisation == owner
        }
    }

    /// Only the recording organisation sees the original (unredacted) text, the resident's contact details and
    /// equality answers.
    public func seesPersonalData(of owner: UUID) -> Bool { organisation == owner }
}
