import Foundation

/// Truncated SVD of a sparse matrix by randomized subspace iteration (Halko, Martinsson & Tropp 2011): the
/// dimensionality reduction of latent semantic analysis. Documents that use related words ("bus", "route",
/// "timetable") end up close even when they share no word.
///
/// Orthonormalisation is Cholesky QR done twice (accurate in Float); when the sample has fewer directions than asked
/// for (a tiny corpus), the eigen-decomposition of the Gram matrix drops the empty ones instead of making noise.
struct TruncatedSVD: Sendable {
    /// Documents × dimensions: U·Σ (the documents' coordinates).
    let documents: DenseMatrix
    /// Terms × dimensions: W, so a new text's coordinates are its TF-IDF row times W (folding in).
    let terms: DenseMatrix
    let singularValues: [Float]

    struct Settings: Sendable {
        var dimensions = 100
        var oversampling = 10
        var powerIterations = 3
        /// Above this many rows the term loadings are fitted on a random sample of this many rows and every row is
        /// then folded in (its TF-IDF row times the loadings). Terms that occur only outside the sample get no
        /// loading; a term needs two documents to be in the vocabulary at all, so that is rare and it is a rare word.
        var fitRows = 30_000
    }

    init(_ all: SparseRows, settings: Settings, random: AnalysisRandom, threads: Int, progress: ((Double) -> Void)? = nil) {
        var random = random
        let x =
            all.rows > settings.fitRows
            ? all.selecting(rows: random.sample(settings.fitRows, of: all.rows)) : all
        let xt = x.transposed()
        let l = max(1, min(settings.dimensions + settings.oversampling, min(x.rows, x.columns)))
        var omega = DenseMatrix(rows: x.columns, columns: l)
        for i in omega.values.indices { omega.values[i] = random.gaussian() }
        var y = x.times(omega, threads: threads)
        let steps = Double(2 * settings.powerIterations + 2)
        var step = 1.0
        progress?(step / steps)
        for _ in 0..<settings.powerIterations {
            // one Cholesky QR pass is enough between power steps (it only has to keep the columns apart)
            y = Self.orthonormalised(y, passes: 1, threads: threads)
            var z = xt.times(y, threads: threads)
            z = Self.orthonormalised(z, passes: 1, threads: threads)
            step += 1; progress?(step / steps)
            y = x.times(z, threads: threads)
            step += 1; progress?(step / steps)
        }
        let q = Self.orthonormalised(y, threads: threads)
        let bt = xt.times(q, threads: threads)  // V × l' = (Qᵀ X)ᵀ
        let width = bt.columns
        // B Bᵀ = btᵀ bt (l' × l'): its eigenvectors are B's left singular vectors, eigenvalues σ².
        let gram = bt.transposedTimes(bt, threads: threads)
        let (lambda, e) = SymmetricEigen.decompose(gram, n: width)
        let top = lambda.prefix(min(settings.dimensions, width)).filter { $0 > 1e-8 * max(lambda.first ?? 0, 1e-30) }.count
        let d = max(1, top)
        var wd = DenseMatrix(rows: width, columns: d)  // U_B Σ⁻¹
        var sigma = [Float](repeating: 0, count: d)
        for j in 0..<d {
            let s = max(lambda[j], 0).squareRoot()
            sigma[j] = Float(s)
            for i in 0..<width { wd.values[i * d + j] = s > 0 ? Float(e[i * width + j] / s) : 0 }
        }
        // W = Bᵀ U_B Σ⁻¹; the documents' coordinates U Σ = X W (for the rows the SVD was fitted on, the same as
        // Q U_B Σ; for the others, folding in)
        terms = bt.times(wd, threads: threads)
        documents = all.times(terms, threads: threads)
        singularValues = sigma
        progress?(1)
    }

    /// Orthonormal columns spanning `y`'s column space: Cholesky QR twice (CholeskyQR2), falling back to the
    /// eigen-decomposition of the Gram matrix, which drops directions with no support, when `y` is rank-deficient.
    static func orthonormalised(_ y: DenseMatrix, passes: Int = 2, threads: Int) -> DenseMatrix {
        var current = y
        for _ in 0..<passes {
            let n = current.columns
            let gram = current.transposedTimes(current, threads: threads)
            guard let inverse = inverseCholeskyFactor(gram, n: n) else { return orthonormalisedByEigen(y, threads: threads) }
            current = current.times(inverse, threads: threads)
        }
        return current
    }

    /// R⁻¹ for the Cholesky factor R (Gram = RᵀR, R upper triangular), or nil when Gram is not clearly positive
    /// definite.
    static func inverseCholeskyFactor(_ g: [Double], n: Int) -> DenseMatrix? {
        var r = [Double](repeating: 0, count: n * n)
        let largest = (0..<n).map { g[$0 * n + $0] }.max() ?? 0
        guard largest > 0 else { return nil }
        for j in 0..<n {
            var diagonal = g[j * n + j]
            for k in 0..<j { diagonal -= r[k * n + j] * r[k * n + j] }
            guard diagonal > 1e-10 * largest else { return nil }
            let rjj = diagonal.squareRoot()
            r[j * n + j] = rjj
            for i in (j + 1)..<max(j + 1, n) {
                var v = g[j * n + i]
                for k in 0..<j { v -= r[k * n + j] * r[k * n + i] }
                r[j * n + i] = v / rjj
            }
        }
        // invert the upper triangular R by back substitution, column by column
        var inverse = [Double](repeating: 0, count: n * n)
        for c in 0..<n {
            for i in stride(from: c, through: 0, by: -1) {
                var v = i == c ? 1.0 : 0.0
                for k in (i + 1)..<max(i + 1, c + 1) { v -= r[i * n + k] * inverse[k * n + c] }
                inverse[i * n + c] = v / r[i * n + i]
            }
        }
        return DenseMatrix(rows: n, columns: n, values: inverse.map { Float($0) })
    }

    static func orthonormalisedByEigen(_ y: DenseMatrix, threads: Int) -> DenseMatrix {
        var current = y
        for pass in 0..<2 {
            let n = current.columns
            let gram = current.transposedTimes(current, threads: threads)
            let (lambda, e) = SymmetricEigen.decompose(gram, n: n)
            let floor = (lambda.first ?? 0) * (pass == 0 ? 1e-10 : 1e-12)
            let keep = lambda.prefix { $0 > floor && $0 > 0 }.count
            guard keep > 0 else { return DenseMatrix(rows: y.rows, columns: 1) }
            var m = DenseMatrix(rows: n, columns: keep)  // E Λ^{-1/2}
            for j in 0..<keep {
                let s = 1 / lambda[j].squareRoot()
                for i in 0..<n { m.values[i * keep + j] = Float(e[i * n + j] * s) }
            }
            current = current.times(m, threads: threads)
        }
        return current
    }
}
