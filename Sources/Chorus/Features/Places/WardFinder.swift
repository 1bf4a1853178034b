import Fluent
import Foundation
import ChorusCore

/// Finds a resident's ward from what they typed or chose: `ward=<GSS code>` from the list, or `postcode=` matched by
/// its outward code against each ward's postcode districts. Residents' pages (the front door, what's on near me,
/// email updates) read wards through this, not the places table.
enum WardFinder {
    /// Why no ward was chosen (the view words it in the reader's language).
    enum Problem: Sendable, Equatable { case unknownWard, postcodeNotHere(outward: String), postcodeInvalid }

    struct Result: Sendable {
        /// Every ward, by name, for the list to choose from.
        let wards: [PlacesReads.Ward]
        let ward: PlacesReads.Ward?
        let problem: Problem?
        /// The postcode as typed, to show again.
        let postcode: String?
    }

    static func find(_ q: [String: String], _ db: any Database) async throws -> Result {
        let places = try await Place.query(on: db).filter(\.$kind == PlaceKind.ward.rawValue).sort(\.$name).all()
        let wards = places.map { PlacesReads.Ward(id: $0.id!, code: $0.code, name: $0.name) }
        var ward: PlacesReads.Ward? = nil
        var problem: Problem? = nil
        if let code = q["ward"], !code.isEmpty {
            ward = wards.first { $0.code == code.uppercased() }
            if ward == nil { problem = .unknownWard }
        } else if let postcode = q["postcode"], !postcode.trimmingCharacters(in: .whitespaces).isEmpty {
            if let outward = Postcode.outward(postcode) {
                let place = places.first { Postcode.districts($0.postcodeDistricts ?? "").contains(outward) }
                ward = place.flatMap { p in wards.first { $0.id == p.id } }
                if ward == nil { problem = .postcodeNotHere(outward: outward) }
            } else {
                problem = .postcodeInvalid
            }
        }
        return Result(wards: wards, ward: ward, problem: problem, postcode: q["postcode"])
    }

    /// Finds the ward a resident typed: its name or code, or a postcode (full or district) in it. Loaded once for a
    /// form (a survey's "your ward or postcode" question).
    static func resolver(_ db: any Database) async throws -> @Sendable (String) -> PlacesReads.Ward? {
        let places = try await Place.query(on: db).filter(\.$kind == PlaceKind.ward.rawValue).sort(\.$name).all()
        let wards = places.map { (PlacesReads.Ward(id: $0.id!, code: $0.code, name: $0.name), Postcode.districts($0.postcodeDistricts ?? "")) }
        return { typed in
            let t = typed.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !t.isEmpty else { return nil }
            if let w = wards.first(where: { $0.0.name.caseInsensitiveCompare(t) == .orderedSame || $0.0.code == t.uppercased() }) { return w.0 }
            guard let outward = Postcode.outward(t) else { return nil }
            return wards.first { $0.1.contains(outward) }?.0
        }
    }

    /// A ward by id (a subscription's), for naming it in an email.
    static func ward(_ id: UUID, _ db: any Database) async throws -> PlacesReads.Ward? {
        try await Place.find(id, on: db).map { PlacesReads.Ward(id: $0.id!, code: $0.code, name: $0.name) }
    }
}
