import Foundation

/// What a partner offers the community and voluntary sector (seed 000 #13: "better/best use of existing resources
/// such as employee volunteering days … and existing working groups"): each kind counts in its own unit, so what was
/// given adds up ("42 volunteer days, 130 time-bank hours").
public enum OfferKind: String, CaseIterable, Sendable, Codable {
    case volunteeringDays = "volunteering_days"
    case skills
    case timeBankHours = "time_bank_hours"
    case equipment
    case room

    /// The unit an amount of this kind is counted in.
    public var unit: OfferUnit {
        switch self {
        case .volunteeringDays: return .days
        case .skills, .timeBankHours: return .hours
        case .equipment: return .items
        case .room: return .bookings
        }
    }
}

public enum OfferUnit: String, CaseIterable, Sendable, Codable { case days, hours, items, bookings }

/// Where a group's request for an offer stands. The offering partner agrees or declines a request; an agreed request
/// is recorded as given (with the amount given) or declined later; the group's side may withdraw it until it is given.
/// Given, declined and withdrawn are final, so the record of what was given cannot be rewritten by a later click.
public enum OfferRequestStatus: String, CaseIterable, Sendable, Codable {
    case requested, agreed, given, declined, withdrawn

    public enum Action: String, CaseIterable, Sendable { case agree, decline, give, withdraw }

    /// The status after `action`, or nil when the action does not apply now.
    public func after(_ action: Action) -> OfferRequestStatus? {
        switch (self, action) {
        case (.requested, .agree): return .agreed
        case (.requested, .decline), (.agreed, .decline): return .declined
        case (.agreed, .give): return .given
        case (.requested, .withdraw), (.agreed, .withdraw): return .withdrawn
        default: return nil
        }
    }

    /// Which side acts: the offering partner agrees, declines and records what was given; the requester withdraws.
    public static func isOfferersAction(_ a: Action) -> Bool { a != .withdraw }
}

/// What was given, by unit: the record the offers page and its CSV total.
public enum OfferTotals {
    public static func given(_ rows: [(kind: OfferKind, amount: Int)]) -> [OfferUnit: Int] {
        var out: [OfferUnit: Int] = [:]
        for r in rows where r.amount > 0 { out[r.kind.unit, default: 0] += r.amount }
        return out
    }
}
