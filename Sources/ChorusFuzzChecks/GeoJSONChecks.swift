import ChorusCore
import Foundation

/// Ward boundaries from GeoJSON (Places/GeoBoundaries.swift), drawn by GeoMapLayout.
///
/// For any bytes: a refusal of the whole file names the file; otherwise every feature is either a valid ward or a
/// rejection numbered in file order with every reason named by field. A valid ward has a known, unique ward code
/// and polygons whose rings are closed, of at least 4 positions, with finite longitude and latitude in range. The
/// stored form (`encode`, 6 decimals) reads back with `decode` to within rounding, and the map layout of the valid
/// wards has a finite size and paths without NaN or infinity.
enum GeoJSONChecks {
    static let knownCodes: Set<String> = ["E05000001", "E05000002", "E05000003", "W05000001", "S13000001", "N08000001"]

    static func check(_ data: Data) {
        let result: GeoImportResult
        do {
            result = try GeoBoundaries.check(json: data, knownCodes: knownCodes)
        } catch {
            precondition(error.field == "file" && !error.message.isEmpty, "a file-level refusal must name the file")
            return
        }
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let features = root["features"] as? [Any]
        else { preconditionFailure("GeoBoundaries read a file that is not a FeatureCollection") }
        precondition(result.valid.count + result.rejected.count == features.count, "a feature was neither valid nor rejected")

        var last = 0
        for r in result.rejected {
            precondition(r.feature > last && r.feature <= features.count, "rejection of feature \(r.feature) out of order")
            last = r.feature
            precondition(!r.errors.isEmpty, "a rejected feature without a reason")
            for e in r.errors { precondition(!e.field.isEmpty && !e.message.isEmpty, "a rejection without a field or message") }
        }
        var codes = Set<String>()
        for ward in result.valid {
            precondition(GeoBoundaries.isWardCode(ward.code) && knownCodes.contains(ward.code), "valid ward with code \(ward.code)")
            precondition(codes.insert(ward.code).inserted, "ward \(ward.code) valid twice")
            precondition(ward.name.count <= 120, "a ward name over 120 characters")
            precondition(!ward.polygons.isEmpty, "a valid ward without polygons")
            for polygon in ward.polygons {
                precondition(!polygon.isEmpty, "a polygon without rings")
                for ring in polygon {
                    precondition(ring.count >= 4 && ring.first == ring.last, "an open or short ring passed")
                    for p in ring {
                        precondition(p.x.isFinite && p.y.isFinite && abs(p.x) <= 180 && abs(p.y) <= 90, "position \(p) passed")
                    }
                }
            }
            let box = ward.box
            precondition(box.minX <= box.maxX && box.minY <= box.maxY, "an inside-out box")

            let stored = GeoBoundaries.encode(ward.polygons)
            guard let back = GeoBoundaries.decode(stored) else { preconditionFailure("decode refused encode's text") }
            precondition(back.count == ward.polygons.count, "a polygon lost in the stored form")
            for (a, b) in zip(ward.polygons, back) {
                precondition(a.count == b.count && zip(a, b).allSatisfy { $0.count == $1.count }, "a ring changed size in the stored form")
                for (p, q) in zip(a.joined(), b.joined()) {
                    precondition(abs(p.x - q.x) <= 5.1e-7 && abs(p.y - q.y) <= 5.1e-7, "stored position \(q) for \(p)")
                }
            }
        }

        guard !result.valid.isEmpty, result.valid.reduce(0, { $0 + $1.polygons.joined().joined().count }) <= 20_000 else { return }
        let shape = GeoMapLayout.layout(result.valid.map { ($0.code, $0.name, $0.polygons) })
        precondition(shape.width >= 0 && shape.height >= 0, "a negative map size")
        precondition(shape.wards.count == result.valid.count, "a ward missing from the map")
        for w in shape.wards {
            precondition(!w.path.contains("nan") && !w.path.contains("inf"), "a map path with \(w.path.prefix(80))")
        }
    }
}
