import Foundation

/// Wards drawn on a plane: SVG path data in a `width` × `height` view box.
public struct GeoMapShape: Equatable, Sendable {
    public struct Ward: Equatable, Sendable {
        public let code: String
        public let name: String
        /// SVG path data ("M…L…Z", one decimal), holes drawn with the even-odd rule.
        public let path: String
        public init(code: String, name: String, path: String) { (self.code, self.name, self.path) = (code, name, path) }
    }
    public let width: Int
    public let height: Int
    public let wards: [Ward]
    public init(width: Int, height: Int, wards: [Ward]) { (self.width, self.height, self.wards) = (width, height, wards) }
}

/// Projects ward boundaries to a plane, fits them into a view box and simplifies them so a borough's map is a few
/// kilobytes. Equirectangular, with longitude scaled by the cosine of the middle latitude: over a borough (tens of
/// kilometres) that is as true to shape as any projection a person could tell apart. Pure.
public enum GeoMapLayout {
    /// `width`: the view box's width; the height follows the shape, at most `maxHeight` (then the width shrinks).
    /// `tolerance`: how far, in view-box units (pixels at full size), a simplified line may stray from the boundary.
    public static func layout(
        _ wards: [(code: String, name: String, polygons: [GeoPolygon])], width: Double = 600, maxHeight: Double = 560, padding: Double = 4,
        tolerance: Double = 0.6
    ) -> GeoMapShape {
        let boxes = wards.compactMap { GeoBox($0.polygons) }
        guard let first = boxes.first else { return GeoMapShape(width: Int(width), height: 0, wards: []) }
        let box = boxes.dropFirst().reduce(first) { $0.union($1) }
        let k = cos((box.minY + box.maxY) / 2 * .pi / 180)
        let spanX = max((box.maxX - box.minX) * k, 1e-9), spanY = max(box.maxY - box.minY, 1e-9)
        var scale = (width - 2 * padding) / spanX
        if spanY * scale > maxHeight - 2 * padding { scale = (maxHeight - 2 * padding) / spanY }
        let w = (spanX * scale + 2 * padding).rounded(.up), h = (spanY * scale + 2 * padding).rounded(.up)
        func project(_ p: GeoPoint) -> GeoPoint {
            GeoPoint(padding + (p.x - box.minX) * k * scale, padding + (box.maxY - p.y) * scale)
        }
        let shaped = wards.map { ward -> GeoMapShape.Ward in
            var rings: [[GeoPoint]] = []
            var largest: (area: Double, ring: [GeoPoint])? = nil
            for polygon in ward.polygons {
                for ring in polygon {
                    let projected = ring.map(project)
                    let simple = simplifyRing(projected, tolerance: tolerance)
                    if simple.count >= 4 { rings.append(simple) }
                    let a = abs(area(projected))
                    if largest == nil || a > largest!.area { largest = (a, projected) }
                }
            }
            // A ward always shows: if every ring was smaller than the tolerance, keep its largest ring as it was.
            if rings.isEmpty, let l = largest { rings = [l.ring] }
            return GeoMapShape.Ward(code: ward.code, name: ward.name, path: path(rings))
        }
        return GeoMapShape(width: Int(w), height: Int(h), wards: shaped)
    }

    /// Douglas–Peucker on a closed ring: split at the first position and the one farthest from it, simplify each
    /// half, and close again. Fewer than 4 positions back means the ring is smaller than the tolerance.
    public static func simplifyRing(_ ring: [GeoPoint], tolerance: Double) -> [GeoPoint] {
        guard ring.count > 4 else { return ring }
        let open = ring.first == ring.last ? Array(ring.dropLast()) : ring
        guard open.count >= 3 else { return ring }
        var far = 1, best = -1.0
        for i in 1..<open.count {
            let d = squared(open[i], open[0])
            if d > best { best = d; far = i }
        }
        let a = simplify(Array(open[0...far]), tolerance: tolerance)
        let b = simplify(Array(open[far...]) + [open[0]], tolerance: tolerance)
        var out = a + b.dropFirst()
        if out.first != out.last { out.append(out[0]) }
        // Drop repeated positions left by rounding.
        return out.enumerated().filter { i, p in i == 0 || p != out[i - 1] }.map(\.element)
    }

    /// Douglas–Peucker on an open line (its ends kept), iteratively.
    public static func simplify(_ line: [GeoPoint], tolerance: Double) -> [GeoPoint] {
        guard line.count > 2 else { return line }
        var keep = [Bool](repeating: false, count: line.count)
        keep[0] = true; keep[line.count - 1] = true
        var stack = [(0, line.count - 1)]
        let t2 = tolerance * tolerance
        while let (lo, hi) = stack.popLast() {
            guard hi > lo + 1 else { continue }
            var index = lo, best = -1.0
            for i in (lo + 1)..<hi {
                let d = segmentDistanceSquared(line[i], line[lo], line[hi])
                if d > best { best = d; index = i }
            }
            if best > t2 {
                keep[index] = true
                stack.append((lo, index)); stack.append((index, hi))
            }
        }
        return line.indices.filter { keep[$0] }.map { line[$0] }
    }

    /// SVG path data of closed rings, coordinates rounded to one decimal.
    public static func path(_ rings: [[GeoPoint]]) -> String {
        var out = ""
        for ring in rings {
            let open = ring.first == ring.last ? ring.dropLast() : ring[...]
            for (i, p) in open.enumerated() {
                out += (i == 0 ? "M" : "L") + number(p.x) + " " + number(p.y)
            }
            out += "Z"
        }
        return out
    }

    /// One decimal, without a trailing ".0".
    static func number(_ d: Double) -> String {
        let tenths = (d * 10).rounded()
        let whole = Int(tenths) / 10, frac = abs(Int(tenths) % 10)
        if frac == 0 { return String(whole) }
        return (tenths < 0 && whole == 0 ? "-" : "") + "\(whole).\(frac)"
    }

    /// Shoelace area (signed).
    static func area(_ ring: [GeoPoint]) -> Double {
        guard ring.count > 2 else { return 0 }
        var s = 0.0
        for i in 0..<(ring.count - 1) { s += ring[i].x * ring[i + 1].y - ring[i + 1].x * ring[i].y }
        return s / 2
    }

    private static func squared(_ a: GeoPoint, _ b: GeoPoint) -> Double { (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y) }

    private static func segmentDistanceSquared(_ p: GeoPoint, _ a: GeoPoint, _ b: GeoPoint) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let len = dx * dx + dy * dy
        guard len > 0 else { return squared(p, a) }
        let t = max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len))
        return squared(p, GeoPoint(a.x + t * dx, a.y + t * dy))
    }
}
