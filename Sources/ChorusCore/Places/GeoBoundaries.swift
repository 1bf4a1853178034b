import Foundation

/// A position: longitude (`x`) and latitude (`y`) in degrees (WGS84), or, once projected, plane units.
public struct GeoPoint: Equatable, Sendable {
    public var x: Double
    public var y: Double
    public init(_ x: Double, _ y: Double) { self.x = x; self.y = y }
}

/// A polygon: its outer ring, then any holes; every ring closed (first position equals the last).
public typealias GeoPolygon = [[GeoPoint]]

/// The smallest box around some positions.
public struct GeoBox: Equatable, Sendable {
    public var minX: Double, minY: Double, maxX: Double, maxY: Double
    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) { (self.minX, self.minY, self.maxX, self.maxY) = (minX, minY, maxX, maxY) }

    /// The box around every position of the polygons; nil when there are none.
    public init?(_ polygons: [GeoPolygon]) {
        let points = polygons.lazy.flatMap { $0 }.flatMap { $0 }
        guard let first = points.first else { return nil }
        var b = GeoBox(minX: first.x, minY: first.y, maxX: first.x, maxY: first.y)
        for p in points { b.minX = min(b.minX, p.x); b.maxX = max(b.maxX, p.x); b.minY = min(b.minY, p.y); b.maxY = max(b.maxY, p.y) }
        self = b
    }

    public func union(_ o: GeoBox) -> GeoBox {
        GeoBox(minX: min(minX, o.minX), minY: min(minY, o.minY), maxX: max(maxX, o.maxX), maxY: max(maxY, o.maxY))
    }
}

/// One ward's boundary read from a GeoJSON feature.
public struct GeoWard: Equatable, Sendable {
    public let code: String
    /// The name the file gives (the place's own name is what pages show).
    public let name: String
    public let polygons: [GeoPolygon]
    public var box: GeoBox { GeoBox(polygons) ?? GeoBox(minX: 0, minY: 0, maxX: 0, maxY: 0) }
    public init(code: String, name: String, polygons: [GeoPolygon]) { (self.code, self.name, self.polygons) = (code, name, polygons) }
}

/// A feature the importer rejected, numbered from 1 in the file's order, with every reason.
public struct GeoFeatureError: Equatable, Sendable {
    public let feature: Int
    public let code: String
    public let errors: [FieldError]
}

public struct GeoImportResult: Sendable {
    public let valid: [GeoWard]
    public let rejected: [GeoFeatureError]
    public var isClean: Bool { rejected.isEmpty }
}

/// Reads ward boundaries from GeoJSON as ONS Open Geography publishes them: a `FeatureCollection` of `Polygon` or
/// `MultiPolygon` features in longitude/latitude (WGS84), whose properties carry the ward's GSS code and name under
/// `WDnnCD` / `WDnnNM` (the year of the boundaries: `WD22CD`, `WD23CD`…; any case) or plain `code` / `name`.
/// Every feature is checked (geometry type, closed rings of at least 4 positions, finite longitude and latitude in
/// range, a ward GSS code, no code twice, a code that is a known ward) and each bad one is reported with all its
/// problems, like a places CSV row. Pure: no database.
public enum GeoBoundaries {
    public static let maxFeatures = 5_000
    public static let maxPositions = 3_000_000

    /// A ward code: E05 (England), W05 (Wales), S13 (Scotland) or N08 (Northern Ireland) and 6 digits.
    public static func isWardCode(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 9, ["E05", "W05", "S13", "N08"].contains(String(decoding: u[0..<3], as: UTF8.self)) else { return false }
        return u[3...].allSatisfy { (48...57).contains($0) }
    }

    /// `knownCodes`: the ward codes among the places; a feature for any other code is rejected.
    public static func check(json data: Data, knownCodes: Set<String>) throws(FieldError) -> GeoImportResult {
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data, options: []) } catch {
            throw FieldError("file", "The file could not be read as JSON; export the boundaries as GeoJSON (\(describe(error)))")
        }
        guard let object = root as? [String: Any] else { throw FieldError("file", "The file must be a GeoJSON object (a FeatureCollection)") }
        let type = object["type"] as? String ?? ""
        guard type == "FeatureCollection" else {
            throw FieldError("file", "The file must be a GeoJSON FeatureCollection (its type is \"\(type.prefix(40))\")")
        }
        guard let features = object["features"] as? [Any] else { throw FieldError("file", "The FeatureCollection has no \"features\" list") }
        if features.isEmpty { throw FieldError("file", "The FeatureCollection has no features") }
        if features.count > maxFeatures {
            throw FieldError("file", "The file has \(features.count) features; import at most \(maxFeatures) wards at a time")
        }
        var valid: [GeoWard] = []
        var rejected: [GeoFeatureError] = []
        var seen: [String: Int] = [:]
        var positions = 0
        for (i, raw) in features.enumerated() {
            let number = i + 1
            var v = Validator()
            guard let feature = raw as? [String: Any], feature["type"] as? String == "Feature" else {
                rejected.append(
                    GeoFeatureError(feature: number, code: "", errors: [FieldError("type", "Each item of \"features\" must be a Feature")]))
                continue
            }
            let properties = feature["properties"] as? [String: Any] ?? [:]
            let (codeKey, nameKey) = keys(properties)
            let code = (codeKey.flatMap { text(properties[$0]) } ?? "").trimmingCharacters(in: .whitespaces).uppercased()
            let codeField = "properties." + (codeKey ?? "WDnnCD")
            if code.isEmpty {
                v.add(codeField, "Give the ward's GSS code in a property named like WD23CD (or \"code\")")
            } else if !isWardCode(code) {
                v.add(codeField, "Code \"\(code.prefix(20))\" is not a ward GSS code (E05, W05, S13 or N08 and 6 digits, like E05011234)")
            } else if let first = seen[code] {
                v.add(codeField, "Code \(code) is also feature \(first)")
            } else if !knownCodes.contains(code) {
                v.add(codeField, "Code \(code) is not a ward in places; import or add the ward first")
            }
            if isWardCode(code), seen[code] == nil { seen[code] = number }
            let name = String((nameKey.flatMap { text(properties[$0]) } ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(120))
            let polygons = geometry(feature["geometry"], &v)
            positions += polygons.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } }
            if positions > maxPositions {
                throw FieldError("file", "The boundaries have more than \(maxPositions) positions; use a generalised (BGC or BSC) download")
            }
            if v.errors.isEmpty {
                valid.append(GeoWard(code: code, name: name, polygons: polygons))
            } else {
                rejected.append(GeoFeatureError(feature: number, code: code, errors: v.errors))
            }
        }
        return GeoImportResult(valid: valid, rejected: rejected)
    }

    /// The property keys holding the code and the name: a `WDnnCD` key and its `WDnnNM` (same year), else `code`/`name`.
    static func keys(_ properties: [String: Any]) -> (code: String?, name: String?) {
        func isWardKey(_ k: String, _ suffix: String) -> Bool {
            let u = Array(k.uppercased().utf8)
            return u.count == 6 && u[0] == 87 && u[1] == 68 && (48...57).contains(u[2]) && (48...57).contains(u[3])
                && String(decoding: u[4...], as: UTF8.self) == suffix
        }
        let codeKeys = properties.keys.filter { isWardKey($0, "CD") }.sorted()
        if let codeKey = codeKeys.last {
            let year = codeKey.uppercased().dropLast(2)
            let nameKey = properties.keys.first { isWardKey($0, "NM") && $0.uppercased().hasPrefix(year) }
            return (codeKey, nameKey ?? properties.keys.first { $0.lowercased() == "name" })
        }
        return (properties.keys.first { $0.lowercased() == "code" }, properties.keys.first { $0.lowercased() == "name" })
    }

    private static func text(_ value: Any?) -> String? {
        if let s = value as? String { return s }
        return nil
    }

    /// The feature's polygons, or none with the problems added to `v`.
    static func geometry(_ raw: Any?, _ v: inout Validator) -> [GeoPolygon] {
        guard let g = raw as? [String: Any] else {
            v.add("geometry", "The feature has no geometry")
            return []
        }
        let type = g["type"] as? String ?? ""
        let coordinates = g["coordinates"]
        let rawPolygons: [Any]
        switch type {
        case "Polygon": rawPolygons = [coordinates as Any]
        case "MultiPolygon":
            guard let list = coordinates as? [Any], !list.isEmpty else {
                v.add("geometry.coordinates", "A MultiPolygon needs a list of polygons")
                return []
            }
            rawPolygons = list
        default:
            v.add("geometry.type", "Geometry must be a Polygon or MultiPolygon (found \"\(type.prefix(40))\")")
            return []
        }
        var polygons: [GeoPolygon] = []
        var problems = 0
        func problem(_ message: String) {
            problems += 1
            if problems <= 5 { v.add("geometry.coordinates", message) }
        }
        for (p, rawPolygon) in rawPolygons.enumerated() {
            let where1 = rawPolygons.count > 1 ? "Polygon \(p + 1), ring" : "Ring"
            guard let rings = rawPolygon as? [Any], !rings.isEmpty else {
                problem("\(rawPolygons.count > 1 ? "Polygon \(p + 1)" : "The polygon") needs at least one ring of positions")
                continue
            }
            var polygon: GeoPolygon = []
            ringLoop: for (r, rawRing) in rings.enumerated() {
                let at = "\(where1) \(r + 1)"
                guard let positions = rawRing as? [Any] else {
                    problem("\(at) is not a list of positions")
                    continue
                }
                var ring: [GeoPoint] = []
                ring.reserveCapacity(positions.count)
                for (k, rawPosition) in positions.enumerated() {
                    guard let pair = rawPosition as? [Any], pair.count >= 2, let lon = number(pair[0]), let lat = number(pair[1]) else {
                        problem("\(at), position \(k + 1) is not a [longitude, latitude] pair of numbers")
                        continue ringLoop
                    }
                    guard lon.isFinite, lat.isFinite, (-180...180).contains(lon), (-90...90).contains(lat) else {
                        let grid = abs(lon) > 1000 && abs(lat) > 1000
                        problem(
                            "\(at), position \(k + 1) (\(short(lon)), \(short(lat))) is not a longitude and latitude"
                                + (grid
                                    ? "; it looks like British National Grid eastings and northings: download the boundaries in WGS84 (EPSG:4326)"
                                    : " (longitude −180 to 180, latitude −90 to 90)"))
                        continue ringLoop
                    }
                    ring.append(GeoPoint(lon, lat))
                }
                if ring.count < 4 {
                    problem("\(at) has \(ring.count) positions; a ring needs at least 4 (the first repeated at the end)")
                } else if ring.first != ring.last {
                    problem("\(at) is not closed: its last position must repeat its first")
                } else {
                    polygon.append(ring)
                }
            }
            if !polygon.isEmpty { polygons.append(polygon) }
        }
        return problems == 0 ? polygons : []
    }

    private static func number(_ value: Any) -> Double? {
        if value is String { return nil }
        if let d = value as? Double { return d }
        if let i = value as? Int { return Double(i) }
        return nil
    }

    private static func short(_ d: Double) -> String { d.isFinite ? String(format: "%.4g", d) : "\(d)" }

    private static func describe(_ error: any Error) -> String {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "not well formed"
        return String(text.prefix(160))
    }

    // MARK: Stored form

    /// Polygons as compact JSON (MultiPolygon coordinates, 6 decimals: about 10 cm), the form boundaries are kept in.
    public static func encode(_ polygons: [GeoPolygon]) -> String {
        func n(_ d: Double) -> String {
            var s = String(format: "%.6f", d)
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
            return s == "-0" ? "0" : s
        }
        return "["
            + polygons.map { polygon in
                "[" + polygon.map { ring in "[" + ring.map { "[\(n($0.x)),\(n($0.y))]" }.joined(separator: ",") + "]" }.joined(separator: ",") + "]"
            }.joined(separator: ",") + "]"
    }

    /// The polygons of `encode`'s text; nil if it is not that form.
    public static func decode(_ text: String) -> [GeoPolygon]? {
        guard let raw = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [Any] else { return nil }
        var out: [GeoPolygon] = []
        for p in raw {
            guard let rings = p as? [Any] else { return nil }
            var polygon: GeoPolygon = []
            for r in rings {
                guard let positions = r as? [Any] else { return nil }
                var ring: [GeoPoint] = []
                for q in positions {
                    guard let pair = q as? [Any], pair.count >= 2, let x = number(pair[0]), let y = number(pair[1]) else { return nil }
                    ring.append(GeoPoint(x, y))
                }
                polygon.append(ring)
            }
            out.append(polygon)
        }
        return out
    }
}
