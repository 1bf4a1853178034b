import Foundation
import Fluent
import ChorusCore

/// The fictional borough's ward boundaries: a coastal borough, sea to the south, cut into its 12 wards. Drawn the same
/// every time: a 4 × 3 grid of corners nudged by a seeded random walk, every border a wavy line shared by the two
/// wards on either side (so the wards tile without gaps or overlaps), and a coast of bays and headlands. Written as an
/// ONS-style GeoJSON FeatureCollection (`WD23CD` / `WD23NM`) and loaded through the same import as an uploaded
/// file, so the demo also shows the import at work.
enum DemoWardShapes {
    /// Wards by grid cell, west to east; rows from the coast (south) inland. Indexes into `DemoSeed.wards`.
    static let layout: [[Int]] = [
        [8, 0, 11, 6],  // Westcliff, Quayside, Canal Wharf, Riverside East
        [9, 1, 4, 7],  // Ashby Park, Old Town, St Anne's, Brickfields
        [10, 2, 3, 5],  // Hollins, Northgate, Millbrook, Foxhill
    ]
    static let origin = GeoPoint(-2.86, 54.52)
    static let cellWidth = 0.046, cellHeight = 0.027

    /// The borough as GeoJSON text.
    static func geoJSON() -> String {
        let columns = layout[0].count, rows = layout.count
        // Corners: (columns + 1) × (rows + 1), the inner ones and the outer ones along their side nudged.
        var random = SeededRandom(state: 0x4841_5242_4F55_52)
        var corners: [[GeoPoint]] = []
        for r in 0...rows {
            var row: [GeoPoint] = []
            for c in 0...columns {
                let jx = Double(random.int(-30...30)) / 100
                let jy = (r == 0 || r == rows) ? 0.0 : (Double(random.int(-25...25)) / 100)
                // The borough narrows inland: the top row of corners drawn in towards the middle.
                let squeeze = (Double(c) - Double(columns) / 2) * -0.09 * Double(r)
                row.append(GeoPoint(origin.x + (Double(c) + jx + squeeze) * cellWidth, origin.y + (Double(r) + jy) * cellHeight))
            }
            corners.append(row)
        }
        // Each border once, keyed by its two corners (lower first), with its points from the first to the second.
        var borders: [String: [GeoPoint]] = [:]
        func border(_ a: (Int, Int), _ b: (Int, Int)) -> [GeoPoint] {
            let forward = a.0 < b.0 || (a.0 == b.0 && a.1 < b.1)
            let (p, q) = forward ? (a, b) : (b, a)
            let key = "\(p.0),\(p.1)-\(q.0),\(q.1)"
            if borders[key] == nil {
                let from = corners[p.0][p.1], to = corners[q.0][q.1]
                let coast = p.0 == 0 && q.0 == 0
                let steps = coast ? 12 : 5
                let (dx, dy) = (to.x - from.x, to.y - from.y)
                let length = (dx * dx + dy * dy).squareRoot()
                let (nx, ny) = (-dy / length, dx / length)
                var line = [from]
                for i in 1..<steps {
                    let t = Double(i) / Double(steps)
                    let amplitude = coast ? 0.04 : 0.06
                    let wiggle = Double(random.int(-100...100)) / 100 * amplitude * length
                    // The coast also swings in long bays and headlands.
                    let bay = coast ? sin(t * .pi + Double(p.1) * 2.1) * 0.22 * length : 0
                    line.append(GeoPoint(from.x + dx * t + nx * (wiggle + bay), from.y + dy * t + ny * (wiggle + bay)))
                }
                line.append(to)
                borders[key] = line.map { GeoPoint(($0.x * 1e6).rounded() / 1e6, ($0.y * 1e6).rounded() / 1e6) }
            }
            let line = borders[key]!
            return forward ? line : line.reversed()
        }
        var features: [String] = []
        for r in 0..<rows {
            for c in 0..<columns {
                // Anticlockwise: south edge west to east, east edge up, north edge east to west, west edge down.
                var ring = border((r, c), (r, c + 1))
                ring += border((r, c + 1), (r + 1, c + 1)).dropFirst()
                ring += border((r + 1, c + 1), (r + 1, c)).dropFirst()
                ring += border((r + 1, c), (r, c)).dropFirst()
                let ward = layout[r][c]
                let (name, _) = DemoSeed.wards[ward]
                let coordinates = ring.map { "[\($0.x),\($0.y)]" }.joined(separator: ",")
                features.append(
                    "{\"type\":\"Feature\",\"properties\":{\"WD23CD\":\"\(String(format: "E05099%03d", ward + 1))\",\"WD23NM\":\"\(name)\","
                        + "\"LAD23NM\":\"Harbourside\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[\(coordinates)]]}}")
            }
        }
        return "{\"type\":\"FeatureCollection\",\"name\":\"Harbourside wards (fictional)\",\"features\":[" + features.joined(separator: ",") + "]}"
    }

    /// Loads the shapes through the boundary import; the demo's wards must exist. Throws if any feature is refused.
    static func seed(on db: any Database) async throws {
        let outcome = try await WardBoundaryImportService.run(json: Data(geoJSON().utf8), db: db, actor: .system)
        guard outcome.result.isClean, outcome.imported == layout.joined().count else {
            throw DemoShapeError(problems: outcome.result.rejected.map { "feature \($0.feature): \($0.errors.map(\.message))" })
        }
    }

    struct DemoShapeError: Error, CustomStringConvertible {
        let problems: [String]
        var description: String { "The demo ward shapes were refused: " + problems.joined(separator: "; ") }
    }
}
