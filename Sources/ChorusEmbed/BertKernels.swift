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

    /// x = gelu(x + bias) per element, GELU with the exact erf (PyTorch's default "gelu").
    @inline(__always)
    static func addBiasGELU(_ x: UnsafeMutablePointer<Float>, rows: Int, n: Int, bias: UnsafePointer<Float>) {
        let invSqrt2: Float = 0.70710678118654752
        for r in 0..<rows {
            let row = x + r * n
            for j in 0..<n {
                let v = row[j] + bias[j]
                row[j] = 0.5 * v * (1 + erff(v * invSqrt2))
            }
        }
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
