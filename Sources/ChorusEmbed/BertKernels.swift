import CBLAS
import Foundation

/// The numeric building blocks of the forward pass, on raw row-major buffers. Matrix products go through OpenBLAS;
/// the element-wise steps are plain loops the compiler vectorises.
enum BertKernels {
    /// C[m×n] = alpha · A[m×k] · B[n×k]ᵀ + beta · C (B is a PyTorch Linear weight, stored [out, in]).
    @inline(__always)
    static func gemmTransposedB(_ m: Int, _ n: Int, _ k: Int, a: UnsafePointer<Float>, lda: Int,
                                b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int,
                                alpha: Float = 1, beta: Float = 0) {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda),
                    b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// C[m×n] = A[m×k] · B[k×n] + beta · C.
    @inline(__always)
    static func gemm(_ m: Int, _ n: Int, _ k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                     c: UnsafeMutablePointer<Float>, ldc: Int, beta: Float = 0) {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k), 1, a, Int32(lda),
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
    static func addBiasLayerNorm(_ x: UnsafeMutablePointer<Float>, rows: Int, n: Int, bias: UnsafePointer<Float>?,
                                 gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>, epsilon: Float) {
        let inv = 1 / Float(n)
        for r in 0..<rows {
            let row = x + r * n
            var sum: Float = 0
            if let bias {
                for j in 0..<n { row[j] += bias[j]; sum += row[j] }
            } else {
                for j in 0..<n { sum += row[j] }
            }
            let mean = sum * inv
            var squares: Float = 0
            for j in 0..<n {
                let d = row[j] - mean
                squares += d * d
            }
            let scale = 1 / (squares * inv + epsilon).squareRoot()
            for j in 0..<n { row[j] = (row[j] - mean) * scale * gamma[j] + beta[j] }
        }
    }

    /// Softmax of each row of s[rows×n], in place.
    @inline(__always)
    static func softmaxRows(_ s: UnsafeMutablePointer<Float>, rows: Int, n: Int) {
        for r in 0..<rows {
            let row = s + r * n
            var top = -Float.infinity
            for j in 0..<n { top = max(top, row[j]) }
            var sum: Float = 0
            for j in 0..<n {
                let e = expf(row[j] - top)
                row[j] = e
                sum += e
            }
            let inv = 1 / sum
            for j in 0..<n { row[j] *= inv }
        }
    }
}
