import Vapor
import Fluent
import ChorusCore

/// Wards, neighbourhoods and wider areas: rules for creating, changing and importing them.
struct PlacesResource: AdminResource {
    typealias Record = Place
    struct Clean: Sendable { let code: String; let name: String; let kind: String; let parentID: UUID?; let population: Int?; let districts: String? }

    let slug = "places"
    let entity = "place"
    let specs: [FieldSpec] = [
        FieldSpec(
            name: "code", kind: .string(maxLength: 9), required: true, description: "GSS-style code, e.g. E05011234",
            pattern: "^[A-Za-z][0-9]{8}$"),
        FieldSpec(name: "name", kind: .string(maxLength: 120), required: true, description: "Name"),
        FieldSpec(name: "kind", kind: .choice(PlaceKind.allCases.map(\.rawValue)), required: true, description: "Kind of area"),
        FieldSpec(name: "parent_id", kind: .uuid, required: false, description: "The area this place is part of"),
        FieldSpec(name: "population", kind: .integer(min: 0, max: 100_000_000), required: false, description: "Residents (e.g. Census 2021)"),
        FieldSpec(
            name: "postcode_districts", kind: .string(maxLength: 300), required: false,
            description: "Outward postcodes mainly in this place, e.g. \"HS1, HS2\" (residents find their ward by postcode)",
            pattern: "^[A-Za-z]{1,2}[0-9][A-Za-z0-9]?([,; ]+[A-Za-z]{1,2}[0-9][A-Za-z0-9]?)*$"),
    ]
    var filters: [FieldSpec] { [specs[2]] }
    let searchFields: [FieldKey] = ["name", "code"]

    func applyFilters(_ q: QueryBuilder<Place>, _ f: [String: String]) {
        if let k = f["kind"] { q.filter(\.$kind == k) }
    }
    func sort(_ q: QueryBuilder<Place>) { q.sort(\.$name) }

    func values(_ r: Place) -> [String: String] {
        [
            "code": r.code, "name": r.name, "kind": r.kind, "parent_id": r.$parent.id?.uuidString ?? "",
            "population": r.population.map(String.init) ?? "", "postcode_districts": r.postcodeDistricts ?? "",
        ]
    }
    func label(_ r: Place) -> String { "\(r.name) (\(r.code))" }

    func options(_ field: String, ctx: PageContext, db: any Database) async throws -> [Form.Option] {
        guard field == "parent_id" else { return [] }
        return try await Place.query(on: db).filter(\.$kind != PlaceKind.ward.rawValue).sort(\.$name).all()
            .map { Form.Option($0.id!.uuidString, "\($0.name) (\($0.code))") }
    }

    func validate(_ input: Input, existing: Place?, on db: any Database) async throws -> Clean {
        var v = Validator()
        let code = v.required("code", input["code"], label: "Code", max: 9).uppercased()
        if !code.isEmpty, !Validation.isGSSCode(code) {
            v.add("code", "Enter a GSS-style code: a capital letter and 8 digits, like E05011234")
        }
        let name = v.required("name", input["name"], label: "Name", max: 120)
        let kind = v.choice("kind", input["kind"], label: "Kind", as: PlaceKind.self)
        let population = v.integer("population", input["population"], label: "Population", range: 0...100_000_000)
        var parentID: UUID? = nil
        if let raw = v.optional("parent_id", input["parent_id"], label: "Parent area", max: 36) {
            if let id = UUID(uuidString: raw), try await Place.find(id, on: db) != nil {
                parentID = id
            } else {
                v.add("parent_id", "Select a parent area from the list")
            }
        }
        if let existing, let pid = parentID {
            let all = try await Place.query(on: db).all().map { Hierarchy<UUID>.Entry(id: $0.id!, name: $0.name, parent: $0.$parent.id) }
            if Hierarchy(all).wouldCreateCycle(id: existing.id!, newParent: pid) {
                v.add("parent_id", "A place cannot sit inside itself or one of its own parts")
            }
        }
        if Validation.isGSSCode(code), let other = try await Place.query(on: db).filter(\.$code == code).first(), other.id != existing?.id {
            v.add("code", "Code \(code) is already used by \(other.name)")
        }
        var districts: String? = nil
        if let raw = v.optional("postcode_districts", input["postcode_districts"], label: "Postcode districts", max: 300) {
            let list = Postcode.districts(raw)
            let words = raw.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace })
            if list.count != words.count { v.add("postcode_districts", "Enter outward postcodes separated by commas, like HS1, HS2") }
            districts = list.joined(separator: ", ")
        }
        try v.check()
        return Clean(code: code, name: name, kind: kind!.rawValue, parentID: parentID, population: population, districts: districts)
    }

    func apply(_ c: Clean, to r: Place) {
        r.code = c.code; r.name = c.name; r.kind = c.kind; r.$parent.id = c.parentID; r.population = c.population
        r.postcodeDistricts = c.districts
    }

    func deleteBlocker(_ r: Place, on db: any Database) async throws -> String? {
        let n = try await Place.query(on: db).filter(\.$parent.$id == r.id!).count()
        if n > 0 { return "\(r.name) contains \(n) other places; move or delete them first" }
        return try await UsageRegistry.blocker(r.name, .place, r.id!, on: db)
    }

    func lookup(_ records: [Place], on db: any Database) async throws -> [UUID: String] {
        let ids = Array(Set(records.compactMap { $0.$parent.id }))
        guard !ids.isEmpty else { return [:] }
        return Dictionary(try await Place.query(on: db).filter(\.$id ~~ ids).all().map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    func columns(_ ctx: PageContext) -> [Lists.Column<AdminRow>] {
        [
            .init(header: ctx.t("field.places.code")) { H.el("code", [:], [.text($0["code"])]) },
            .init(header: ctx.t("field.places.name")) { .text($0["name"]) },
            .init(header: ctx.t("field.places.kind")) { .text(ctx.t("choice.\($0["kind"])")) },
            .init(header: ctx.t("field.places.parent_id")) { .text($0.name("parent_id")) },
            .init(header: ctx.t("field.places.population")) { .text(Int($0["population"]).map { NumberText.grouped($0) } ?? "") },
        ]
    }
}

/// Imports a places CSV: all rows or none (unless the person chose to import only the valid rows).
enum PlacesImportService {
    struct Outcome: Sendable {
        let result: PlaceImportResult
        let imported: Int
    }

    static func run(csv: String, validOnly: Bool, db: any Database, actor: Actor) async throws -> Outcome {
        try await db.transaction { db in
            let existing = try await Place.query(on: db).all()
            let existingCodes = Set(existing.map(\.code))
            let result = try PlaceImport.check(csv: csv, existingCodes: existingCodes)
            guard result.isClean || validOnly else { return Outcome(result: result, imported: 0) }
            // Children whose parent row was rejected cannot be created either.
            let validCodes = Set(result.valid.map(\.code))
            let rows = result.valid.filter { row in
                guard let parent = row.parentCode else { return true }
                return validCodes.contains(parent) || existingCodes.contains(parent)
            }
            var idByCode = Dictionary(existing.map { ($0.code, $0.id!) }, uniquingKeysWith: { a, _ in a })
            var count = 0
            for row in PlaceImport.parentFirst(rows) {
                let p = Place()
                p.code = row.code; p.name = row.name; p.kind = row.kind.rawValue; p.population = row.population
                p.$parent.id = row.parentCode.flatMap { idByCode[$0] }
                if row.parentCode != nil && p.$parent.id == nil { continue }
                try await p.create(on: db)
                idByCode[row.code] = p.id
                count += 1
                try await AuditService.record(
                    db, actor: actor, action: .create, entity: "place", id: p.id,
                    label: "\(p.name) (\(p.code))", after: PlacesResource().values(p))
            }
            try await AuditService.record(
                db, actor: actor, action: .importFile, entity: "place", id: nil,
                label: "Imported \(count) places (\(result.rejected.count) rows rejected)")
            return Outcome(result: result, imported: count)
        }
    }
}

/// Imports ward boundaries from GeoJSON: every feature checked by `GeoBoundaries`, then all saved or none. A clean
/// file replaces the boundaries of the wards it names and leaves the others; each ward's change is audited.
enum WardBoundaryImportService {
    struct Outcome: Sendable {
        let result: GeoImportResult
        let imported: Int
        let replaced: Int
    }

    /// The largest file taken (a borough's wards from ONS's generalised download are well under 1 MB; the full
    /// resolution one for a large authority a few MB).
    static let maxBytes = 20 * 1024 * 1024
    /// Degrees (about a metre on the ground): boundaries are simplified this much before they are kept.
    static let keptTolerance = 0.00001

    static func run(json: Data, db: any Database, actor: Actor) async throws -> Outcome {
        try await db.transaction { db in
            let wards = try await Place.query(on: db).filter(\.$kind == PlaceKind.ward.rawValue).all()
            let byCode = Dictionary(wards.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
            let result = try GeoBoundaries.check(json: json, knownCodes: Set(byCode.keys))
            guard result.isClean else { return Outcome(result: result, imported: 0, replaced: 0) }
            let ids = result.valid.compactMap { byCode[$0.code]?.id }
            let existing = try await WardBoundary.query(on: db).filter(\.$place.$id ~~ ids).all()
            let existingByPlace = Dictionary(existing.map { ($0.$place.id, $0) }, uniquingKeysWith: { a, _ in a })
            var replaced = 0
            for ward in result.valid {
                guard let place = byCode[ward.code], let placeID = place.id else { continue }
                let kept = simplified(ward.polygons)
                let box = GeoBox(kept) ?? ward.box
                let row = existingByPlace[placeID] ?? WardBoundary()
                let isNew = row.id == nil
                row.$place.id = placeID
                row.geometry = GeoBoundaries.encode(kept)
                row.positions = kept.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } }
                (row.minLon, row.minLat, row.maxLon, row.maxLat) = (box.minX, box.minY, box.maxX, box.maxY)
                try await row.save(on: db)
                if !isNew { replaced += 1 }
                try await AuditService.record(
                    db, actor: actor, action: isNew ? .create : .update, entity: "ward_boundary", id: placeID,
                    label: "\(place.name) (\(place.code))", after: ["positions": String(row.positions)])
            }
            try await AuditService.record(
                db, actor: actor, action: .importFile, entity: "ward_boundary", id: nil,
                label: "Imported the boundaries of \(result.valid.count) wards (\(replaced) replaced)")
            return Outcome(result: result, imported: result.valid.count, replaced: replaced)
        }
    }

    /// Each ring simplified by `keptTolerance`; a ring that would vanish is kept as it was.
    static func simplified(_ polygons: [GeoPolygon]) -> [GeoPolygon] {
        polygons.map { polygon in
            polygon.map { ring in
                let s = GeoMapLayout.simplifyRing(ring, tolerance: keptTolerance)
                return s.count >= 4 ? s : ring
            }
        }
    }
}
