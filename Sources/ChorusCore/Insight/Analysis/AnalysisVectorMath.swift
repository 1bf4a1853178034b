import Foundation

/// Dot products with explicit SIMD accumulators. The compiler does not vectorise a Float sum on its own (it may not
/// reorder the additions), and the dot product is the inner loop of k-means and of every similarity.
enum VectorMath {
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        var s0 = SIMD8<Float>(), s1 = SIMD8<Float>()
        var i = 0
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        while i + 16 <= n {
            s0 += ra.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self) * rb.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            s1 +=
                ra.loadUnaligned(fromByteOffset: (i + 8) * 4, as: SIMD8<Float>.self)
                * rb.loadUnaligned(fromByteOffset: (i + 8) * 4, as: SIMD8<Float>.self)
            i += 16
        }
        if i + 8 <= n {
            s0 += ra.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self) * rb.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            i += 8
        }
        var s = (s0 + s1).sum()
        while i < n { s += a[i] * b[i]; i += 1 }
        return s
    }

    /// x·r for the four consecutive rows r starting at `p0` (`d` apart), each plus its `start`: one load of x serves
    /// four rows. `start` is added before the last d mod 8 terms, as the callers always did.
    @inline(__always)
    static func dot4(_ x: UnsafePointer<Float>, rows p0: UnsafePointer<Float>, dimensions d: Int, plus start: SIMD4<Float> = .zero) -> SIMD4<Float> {
        let p1 = p0 + d, p2 = p1 + d, p3 = p2 + d
        let rx = UnsafeRawPointer(x)
        let r0 = UnsafeRawPointer(p0), r1 = UnsafeRawPointer(p1), r2 = UnsafeRawPointer(p2), r3 = UnsafeRawPointer(p3)
        var a0 = SIMD8<Float>(), a1 = SIMD8<Float>(), a2 = SIMD8<Float>(), a3 = SIMD8<Float>()
        let vectorEnd = d & ~7
        var j = 0
        while j < vectorEnd {
            let xv = rx.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self)
            a0 += xv * r0.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self)
            a1 += xv * r1.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self)
            a2 += xv * r2.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self)
            a3 += xv * r3.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self)
            j += 8
        }
        var s0 = a0.sum() + start[0], s1 = a1.sum() + start[1], s2 = a2.sum() + start[2], s3 = a3.sum() + start[3]
        while j < d {
            let xj = x[j]
            s0 += xj * p0[j]; s1 += xj * p1[j]; s2 += xj * p2[j]; s3 += xj * p3[j]
            j += 1
        }
        return SIMD4(s0, s1, s2, s3)
    }

    /// The centre with the highest x·c + bias[c] (ties to the lower index) and that score. Four centres at a time
    /// share each load of the row, which is what makes k-means' assignment step fast.
    @inline(__always)
    static func nearest(
        _ x: UnsafePointer<Float>, centres: UnsafePointer<Float>, bias: [Float], count k: Int,
        dimensions d: Int
    ) -> (Int, Float) {
        var best = 0
        var bestDot = -Float.infinity
        var c = 0
        while c + 4 <= k {
            let sc = dot4(x, rows: centres + c * d, dimensions: d, plus: SIMD4(bias[c], bias[c + 1], bias[c + 2], bias[c + 3]))
            if sc[0] > bestDot { bestDot = sc[0]; best = c }
            if sc[1] > bestDot { bestDot = sc[1]; best = c + 1 }
            if sc[2] > bestDot { bestDot = sc[2]; best = c + 2 }
            if sc[3] > bestDot { bestDot = sc[3]; best = c + 3 }
            c += 4
        }
        while c < k {
            let s = dot(x, centres + c * d, d) + bias[c]
            if s > bestDot { bestDot = s; best = c }
            c += 1
        }
        return (best, bestDot)
    }
}
