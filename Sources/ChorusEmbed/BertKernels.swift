import CBLAS
import Foundation

/// The numeric building blocks of the forward pass, on raw row-major buffers. Matrix products go through OpenBLAS;
/// the element-wise steps are plain loops the compiler vectorises.
enum BertKernels {
    /// C[m×n] = alpha · A[m×k] · B[n×k]ᵀ + beta · C (B is a PyTorch Linear weight, stored [out, in]).
    @inline(__always)
    static func gemmTransposedB(
        _ m: Int, _ n: Int, _ k: Int, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int,
        alpha: Float = 1, beta: Float = 0
    ) {
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda),
            b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// C[m×n] = A[m×k] · B[k×n] + beta · C.
    @inline(__always)
    static func gemm(
        _ m: Int, _ n: Int, _ k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int, beta: Float = 0
    ) {
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k), 1, a, Int32(lda),
            b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// Adds `bias` (length n) to every row of x[rows×n].
    @inline(__always)
    static func addBias(_ x: UnsafeMutablePointer<Float>, rows: Int, n: Int, bias: UnsafePointer<Float>) {
        for r in 0..<rows {
            let row = x + r * n
            for j in 0..<n { row[j] += bias[j] }
        }
    }

    /// x = gelu(x + bias) per element: GELU with erf (PyTorch's default "gelu"), erf by `erf(_:)` below.
    @inline(__always)
    static func addBiasGELU(_ x: UnsafeMutablePointer<Float>, rows: Int, n: Int, bias: UnsafePointer<Float>) {
        let invSqrt2: Float = 0.70710678118654752
        for r in 0..<rows {
            let row = x + r * n
            for j in 0..<n {
                let v = row[j] + bias[j]
                row[j] = 0.5 * v * (1 + erf(v * invSqrt2))
            }
        }
    }

    /// erf for Float as a rational function x·P(x²)/Q(x²) on x clamped to [-4, 4] (beyond which erf is ±1 in
    /// single precision): the approximation Eigen and XLA use. Max absolute error 4.2e-7 against erf in double
    /// precision (tested); unlike glibc's erff it has no branches or calls, so the GELU loop vectorises. glibc's
    /// erff took about a fifth of the forward pass.
    @inline(__always)
    static func erf(_ a: Float) -> Float {
        let x = a < -4 ? -4 : (a > 4 ? 4 : a)
        let x2 = x * x
        var p: Float = -2.72614225801306e-10
        p = p * x2 + 2.77068142495902e-08
        p = p * x2 + -2.10102402082508e-06
        p = p * x2 + -5.69250639462346e-05
        p = p * x2 + -7.34990630326855e-04
        p = p * x2 + -2.95459980854025e-03
        p = p * x2 + -1.60960333262415e-02
        p *= x
        var q: Float = -1.45660718464996e-05
        q = q * x2 + -2.13374055278905e-04
        q = q * x2 + -1.68282697438203e-03
        q = q * x2 + -7.37332916720468e-03
        q = q * x2 + -1.42647390514189e-02
        return p / q
    }

    /// x = LayerNorm(x + bias) per row, with weight γ and bias β.
    @inline(__always)
    static func addBiasLayerNorm(
        _ x: UnsafeMutablePointer<Float>, rows: Int, n: Int, bias: UnsafePointer<Float>?,
        gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>, epsilon: Float
    ) {
        let inv = 1 / Float(n)
        for r in 0..<rows {
            let row = x + r * n
            if let bias {
                for j in 0..<n { row[j] += bias[j] }
            }
            let mean = sum(row, n) * inv
            let variance = sumOfSquaredDeviations(row, n, from: mean) * inv
            let scale = 1 / (variance + epsilon).squareRoot()
            for j in 0..<n { row[j] = (row[j] - mean) * scale * gamma[j] + beta[j] }
        }
    }

    // Reductions with eight partial sums in SIMD lanes: a plain `total += x[j]` loop stays scalar, because the
    // compiler may not reorder float additions. (The order differs from a sequential sum by rounding only.)

    @inline(__always)
    static func sum(_ p: UnsafePointer<Float>, _ n: Int) -> Float {
        var acc = SIMD8<Float>()
        var j = 0
        let raw = UnsafeRawPointer(p)
        while j + 8 <= n {
            acc += raw.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self)
            j += 8
        }
        var total = acc.sum()
        while j < n { total += p[j]; j += 1 }
        return total
    }

    @inline(__always)
    static func sumOfSquaredDeviations(_ p: UnsafePointer<Float>, _ n: Int, from mean: Float) -> Float {
        var acc = SIMD8<Float>()
        let m = SIMD8<Float>(repeating: mean)
        var j = 0
        let raw = UnsafeRawPointer(p)
        while j + 8 <= n {
            let d = raw.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self) - m
            acc += d * d
            j += 8
        }
        var total = acc.sum()
        while j < n { let d = p[j] - mean; total += d * d; j += 1 }
        return total
    }

    @inline(__always)
    static func maximum(_ p: UnsafePointer<Float>, _ n: Int) -> Float {
        // Four independent chains (the generic SIMD pointwiseMax was not inlined and cost more than it saved).
        var m0 = -Float.infinity, m1 = -Float.infinity, m2 = -Float.infinity, m3 = -Float.infinity
        var j = 0
        while j + 4 <= n {
            m0 = p[j] > m0 ? p[j] : m0
            m1 = p[j + 1] > m1 ? p[j + 1] : m1
            m2 = p[j + 2] > m2 ? p[j + 2] : m2
            m3 = p[j + 3] > m3 ? p[j + 3] : m3
            j += 4
        }
        while j < n { m0 = p[j] > m0 ? p[j] : m0; j += 1 }
        return max(max(m0, m1), max(m2, m3))
    }

    /// e^x for x ≤ 0 (softmax after subtracting the row maximum), Cephes' single-precision method: x = n·ln 2 + r,
    /// |r| ≤ ½ln 2, e^r by a degree-6 polynomial, 2ⁿ built in the exponent bits. Relative error about 2e-7 (tested
    /// against exp); below −87 the result is 0 rather than a subnormal. Integer steps wrap and round with the
    /// 1.5·2²³ trick, so there are no traps or calls and the softmax loop vectorises (glibc's expf did not, and the
    /// softmax runs ~160 million times for 1,000 texts).
    @inline(__always)
    static func expNonPositive(_ a: Float) -> Float {
        let x = a < -87 ? -87 : (a > 0 ? 0 : a)
        let shifted = x * 1.44269504088896341 + 12582912.0  // round(x·log2 e) in the low mantissa bits
        let n = shifted - 12582912.0
        let r = x - n * 0.693359375 - n * -2.12194440e-4
        var p: Float = 1.9875691500e-4
        p = p * r + 1.3981999507e-3
        p = p * r + 8.3334519073e-3
        p = p * r + 4.1665795894e-2
        p = p * r + 1.6666665459e-1
        p = p * r + 5.0000001201e-1
        let er = p * r * r + r + 1
        let scale = Float(bitPattern: (shifted.bitPattern &- 0x4B40_0000 &+ 127) << 23)
        return a < -87 ? 0 : er * scale
    }

    /// Softmax of each row of s[rows×n], in place: max, exp (a map, vectorised), sum, scale.
    @inline(__always)
    static func softmaxRows(_ s: UnsafeMutablePointer<Float>, rows: Int, n: Int) {
        for r in 0..<rows {
            let row = s + r * n
            let top = maximum(row, n)
            for j in 0..<n { row[j] = expNonPositive(row[j] - top) }
            let inv = 1 / sum(row, n)
            for j in 0..<n { row[j] *= inv }
        }
    }
}
