import Foundation
import ChorusCore

/// Directory entries as Open Referral UK objects. Groups and venues are services (connectors are people, never
/// published); a group is also an organization; a venue is a location with its accessibility facts, and its service is
/// offered at it (a service-at-location). Themes and audiences are two taxonomies. Every id is a UUID: an entry's own,
/// or one derived from it reversibly (`ORUKIDs`), so the same entry always has the same ids.
struct DirectoryORUK: Sendable {
    /// Ward codes by id (service areas name the ward and carry its GSS code).
    let wardCodes: [UUID: String]
    /// The local authority's name, the city and county of every address.
    let localAuthority: String

    static let themesTaxonomy = UUID(uuidString: "C4A7E5E1-0000-4000-8000-000000000001")!
    static let audiencesTaxonomy = UUID(uuidString: "C4A7E5E1-0000-4000-8000-000000000002")!

    static let taxonomies = [
        ORUK.Taxonomy(
            id: themesTaxonomy.uuidString.lowercased(), name: "Chorus themes",
            description: "The themes partners work on, as Chorus's taxonomy holds them."),
        ORUK.Taxonomy(
            id: audiencesTaxonomy.uuidString.lowercased(), name: "Chorus audiences",
            description: "Communities of place, identity and interest a group reaches."),
    ]

    static func id(_ u: UUID) -> String { u.uuidString.lowercased() }

    func organization(_ i: DirectoryItem) -> ORUK.Organization {
        if i.kind == .group {
            return ORUK.Organization(
                id: Self.id(ORUKIDs.derived(i.id, .organization)), name: i.name, description: i.summary, email: i.email, website: i.website)
        }
        return ORUK.Organization(
            id: Self.id(i.owner.id), name: i.owner.name, description: "A partner organisation of the Chorus partnership that keeps this entry.")
    }

    func location(_ i: DirectoryItem, nested: Bool) -> ORUK.Location {
        var address: [ORUK.Address]? = nil
        if let postcode = i.postcode {
            let lines = (i.address ?? i.name).split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                !$0.isEmpty
            }
            address = [
                ORUK.Address(
                    id: Self.id(ORUKIDs.derived(i.id, .address)), address1: lines.joined(separator: ", "), city: localAuthority,
                    stateProvince: localAuthority, postalCode: postcode, locationID: Self.id(i.id))
            ]
        }
        let access = i.facts.map { f in
            ORUK.Accessibility(
                id: Self.id(ORUKIDs.combined(i.id, ORUKIDs.fact(f))), locationID: Self.id(i.id), description: f.englishLabel)
        }
        return ORUK.Location(
            id: Self.id(i.id), locationType: .physical, name: i.name, description: i.summary, latitude: i.latitude, longitude: i.longitude,
            addresses: nested ? (address ?? []) : nil, accessibility: nested ? access : nil)
    }

    func serviceAtLocation(_ i: DirectoryItem, nested: Bool) -> ORUK.ServiceAtLocation {
        ORUK.ServiceAtLocation(
            id: Self.id(ORUKIDs.derived(i.id, .serviceAtLocation)), serviceID: Self.id(i.id), locationID: Self.id(i.id),
            location: location(i, nested: nested))
    }

    static func term(_ n: DirectoryItem.Named, taxonomy: UUID) -> ORUK.TaxonomyTerm {
        ORUK.TaxonomyTerm(
            id: id(n.id), name: n.name, description: n.name, taxonomy: taxonomies.first { $0.id == id(taxonomy) }?.name, taxonomyID: id(taxonomy))
    }

    /// A service as `/services/{id}` publishes it (fully nested); `.listed` is the list endpoints' form.
    func service(_ i: DirectoryItem) -> ORUK.Service {
        let sid = Self.id(i.id)
        let org = organization(i)
        let areas = i.wards.map { w in
            ORUK.ServiceArea(
                id: Self.id(ORUKIDs.combined(i.id, w.id)), serviceID: sid, name: w.name, extent: wardCodes[w.id],
                extentType: wardCodes[w.id] == nil ? nil : "GSS code")
        }
        let languages = i.languages.enumerated().map { n, name in
            ORUK.Language(id: Self.id(ORUKIDs.derived(i.id, .language(n))), serviceID: sid, name: name, code: DirectoryLanguages.code(name))
        }
        var contacts: [ORUK.Contact] = []
        if i.contactName != nil || i.email != nil {
            contacts.append(ORUK.Contact(id: Self.id(ORUKIDs.derived(i.id, .contact)), serviceID: sid, name: i.contactName, email: i.email))
        }
        let phones = i.phone.map { [ORUK.Phone(id: Self.id(ORUKIDs.derived(i.id, .phone)), number: $0, serviceID: sid)] } ?? []
        let attributes =
            i.themes.map { (t: $0, tax: Self.themesTaxonomy) } + i.audiences.map { (t: $0, tax: Self.audiencesTaxonomy) }
        return ORUK.Service(
            id: sid, name: i.name, status: .active, organizationID: org.id, description: i.summary, url: i.website, email: i.email,
            assuredDate: ORUK.Day(utc: i.assuredDay.date), lastModified: i.updatedAt, organization: org,
            serviceAtLocations: i.kind == .venue ? [serviceAtLocation(i, nested: true)] : [],
            serviceAreas: areas, languages: languages, contacts: contacts, phones: phones,
            attributes: attributes.map { a in
                ORUK.Attribute(
                    id: Self.id(ORUKIDs.combined(i.id, a.t.id)), taxonomyTermID: Self.id(a.t.id), linkID: sid, linkType: "service",
                    linkEntity: "service", taxonomyTerm: Self.term(a.t, taxonomy: a.tax))
            })
    }
}

/// Ids of the ORUK objects Chorus makes from one entry: the entry's UUID with its first four bytes changed by a
/// constant per kind of object (reversible: the entry is found again from the id), or combined with another id (a
/// ward, a term). The version and variant bits stay as the entry's, so every id is a well-formed UUID.
enum ORUKIDs {
    enum Part: Sendable {
        case organization, serviceAtLocation, address, contact, phone
        case language(Int)

        var salt: UInt32 {
            switch self {
            case .organization: return 0x0A11_0001
            case .serviceAtLocation: return 0x0A11_0002
            case .address: return 0x0A11_0003
            case .contact: return 0x0A11_0004
            case .phone: return 0x0A11_0005
            case .language(let n): return 0x0A12_0000 &+ UInt32(truncatingIfNeeded: n)
            }
        }
    }

    static func derived(_ id: UUID, _ part: Part) -> UUID {
        var u = id.uuid
        let s = part.salt
        u.0 ^= UInt8(truncatingIfNeeded: s >> 24)
        u.1 ^= UInt8(truncatingIfNeeded: s >> 16)
        u.2 ^= UInt8(truncatingIfNeeded: s >> 8)
        u.3 ^= UInt8(truncatingIfNeeded: s)
        return UUID(uuid: u)
    }

    /// The entry an id made by `derived(_:part)` came from (the same operation undoes itself).
    static func entry(of id: UUID, _ part: Part) -> UUID { derived(id, part) }

    /// An id for a pair (an entry and a ward, term or fact): the first id with the second's bytes mixed in, keeping the
    /// first's version and variant.
    static func combined(_ a: UUID, _ b: UUID) -> UUID {
        var x = a.uuid
        let y = b.uuid
        x.0 ^= y.0; x.1 ^= y.1; x.2 ^= y.2; x.3 ^= y.3; x.4 ^= y.4; x.5 ^= y.5
        x.9 ^= y.9; x.10 ^= y.10; x.11 ^= y.11; x.12 ^= y.12; x.13 ^= y.13; x.14 ^= y.14; x.15 ^= y.15
        return UUID(uuid: x)
    }

    /// A fixed id per accessibility fact, to combine with a venue's.
    static func fact(_ f: VenueFact) -> UUID {
        let n = UInt8(VenueFact.allCases.firstIndex(of: f)! + 1)
        return UUID(uuid: (0xFA, 0xC7, 0, n, 0, n, 0x40, 0, 0x80, n, 0, 0, 0, 0, 0, n))
    }
}
