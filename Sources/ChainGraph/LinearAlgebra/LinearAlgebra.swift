import CLinearAlgebra

/// Thin typed wrappers over the OpenBLAS (cblas) and LAPACKE routines ChainGraph uses.
///
/// Dense linear algebra always goes through these: no hand-written elimination, inverse
/// or eigen-solver in the library.
public enum LinearAlgebra {
    /// Caps OpenBLAS's own threads. The library sets 1 when it parallelises a kernel
    /// itself: OpenBLAS's spinning workers otherwise slow a concurrent SpMV by 20–30 %.
    public static func setBLASThreads(_ count: Int) {
        openblas_set_num_threads(Int32(count))
    }

    /// ChainGraph parallelises its own kernels over both cores, so by default OpenBLAS runs
    /// on one thread (its spinning workers otherwise compete with ours). Evaluated once,
    /// before the first BLAS or LAPACK call.
    private static let singleThreaded: Void = openblas_set_num_threads(1)

    /// C = A · B (`cblas_dgemm`).
    /// - Complexity: O(m · n · k).
    public static func multiply(_ a: DenseMatrix, _ b: DenseMatrix) -> DenseMatrix {
        _ = singleThreaded
        precondition(a.columns == b.rows, "dimension mismatch")
        var c = DenseMatrix(rows: a.rows, columns: b.columns)
        guard a.rows > 0, b.columns > 0, a.columns > 0 else { return c }
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                c.storage.withUnsafeMutableBufferPointer { pc in
                    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans,
                                Int32(a.rows), Int32(b.columns), Int32(a.columns), 1.0,
                                pa.baseAddress, Int32(max(1, a.rows)), pb.baseAddress, Int32(max(1, b.rows)),
                                0.0, pc.baseAddress, Int32(max(1, c.rows)))
                }
            }
        }
        return c
    }

    /// y = A · x (`cblas_dgemv`).
    public static func multiply(_ a: DenseMatrix, _ x: [Double]) -> [Double] {
        _ = singleThreaded
        precondition(a.columns == x.count, "dimension mismatch")
        var y = [Double](repeating: 0, count: a.rows)
        guard a.rows > 0, a.columns > 0 else { return y }
        cblas_dgemv(CblasColMajor, CblasNoTrans, Int32(a.rows), Int32(a.columns), 1.0, a.storage, Int32(max(1, a.rows)),
                    x, 1, 0.0, &y, 1)
        return y
    }

    /// An LU factorisation with partial pivoting (`dgetrf`), reusable for many right-hand
    /// sides.
    public struct LUFactorization: Sendable {
        let factors: DenseMatrix
        let pivots: [Int32]

        /// Solves A · X = B, or Aᵀ · X = B when `transposed` (`dgetrs`).
        /// - Complexity: O(n² · k) for k right-hand sides.
        public func solve(_ b: DenseMatrix, transposed: Bool = false) -> DenseMatrix {
            precondition(b.rows == factors.rows)
            var x = b
            guard b.columns > 0, b.rows > 0 else { return x }
            let n = Int32(factors.rows)
            let info = x.storage.withUnsafeMutableBufferPointer { px in
                LAPACKE_dgetrs(LAPACK_COL_MAJOR, transposed ? 84 /* 'T' */ : 78 /* 'N' */, n, Int32(b.columns),
                               factors.storage, n, pivots, px.baseAddress, n)
            }
            precondition(info == 0, "dgetrs argument error \(info)")
            return x
        }
    }

    /// Factorises a square matrix (`dgetrf`).
    /// - Throws: ``ChainGraphError/noResult(_:)`` when it is exactly singular.
    public static func luFactor(_ a: DenseMatrix) throws(ChainGraphError) -> LUFactorization {
        _ = singleThreaded
        precondition(a.rows == a.columns, "LU needs a square matrix")
        var factors = a
        var pivots = [Int32](repeating: 0, count: a.rows)
        let n = Int32(a.rows)
        guard n > 0 else { return LUFactorization(factors: factors, pivots: pivots) }
        let info = factors.storage.withUnsafeMutableBufferPointer { p in
            LAPACKE_dgetrf(LAPACK_COL_MAJOR, n, n, p.baseAddress, n, &pivots)
        }
        if info > 0 { throw .noResult("matrix is singular (zero pivot at row \(info))") }
        precondition(info == 0, "dgetrf argument error \(info)")
        return LUFactorization(factors: factors, pivots: pivots)
    }

    /// Solves A · X = B in one call (`dgesv`); A square, B with A's row count.
    /// - Throws: ``ChainGraphError/noResult(_:)`` when A is exactly singular.
    /// - Complexity: O(n³ + n² · k) for k right-hand sides.
    public static func solve(_ a: DenseMatrix, _ b: DenseMatrix) throws(ChainGraphError) -> DenseMatrix {
        _ = singleThreaded
        precondition(a.rows == a.columns && b.rows == a.rows)
        var lu = a
        var x = b
        var pivots = [Int32](repeating: 0, count: a.rows)
        let n = Int32(a.rows)
        guard n > 0, b.columns > 0 else { return x }
        let info = lu.storage.withUnsafeMutableBufferPointer { pa in
            x.storage.withUnsafeMutableBufferPointer { px in
                LAPACKE_dgesv(LAPACK_COL_MAJOR, n, Int32(b.columns), pa.baseAddress, n, &pivots, px.baseAddress, n)
            }
        }
        if info > 0 { throw .noResult("matrix is singular (zero pivot at row \(info))") }
        precondition(info == 0, "dgesv argument error \(info)")
        return x
    }

    /// The inverse of A, computed by solving A · X = I with LAPACK.
    /// - Throws: ``ChainGraphError/noResult(_:)`` when A is exactly singular.
    public static func inverse(_ a: DenseMatrix) throws(ChainGraphError) -> DenseMatrix {
        try solve(a, .identity(a.rows))
    }

    /// Eigenvalues of a general square matrix (`dgeev`), as (real, imaginary) pairs, in
    /// LAPACK's order.
    /// - Throws: ``ChainGraphError/noResult(_:)`` when the QR algorithm does not converge.
    /// - Complexity: O(n³).
    public static func eigenvalues(_ a: DenseMatrix) throws(ChainGraphError) -> [(re: Double, im: Double)] {
        _ = singleThreaded
        precondition(a.rows == a.columns)
        let n = Int32(a.rows)
        guard n > 0 else { return [] }
        var work = a
        var re = [Double](repeating: 0, count: a.rows), im = re
        var left = [Double](repeating: 0, count: 1), right = [Double](repeating: 0, count: 1)
        let info = work.storage.withUnsafeMutableBufferPointer { p in
            LAPACKE_dgeev(LAPACK_COL_MAJOR, 78, 78, n, p.baseAddress, n, &re, &im, &left, 1, &right, 1)
        }
        if info != 0 { throw .noResult("eigenvalue computation did not converge (dgeev info \(info))") }
        return zip(re, im).map { ($0, $1) }
    }

    /// Spectral radius max |λ| of a square matrix (0 for an empty one).
    /// - Throws: as ``eigenvalues(_:)``.
    public static func spectralRadius(_ a: DenseMatrix) throws(ChainGraphError) -> Double {
        try eigenvalues(a).reduce(0) { max($0, ($1.re * $1.re + $1.im * $1.im).squareRoot()) }
    }

    /// The eigenvector of the largest eigenvalue of a symmetric matrix (`dsyevr`, only that
    /// one eigenpair is computed). Its sign is arbitrary; unit Euclidean length.
    /// - Throws: ``ChainGraphError/noResult(_:)`` when LAPACK fails.
    public static func symmetricTopEigenvector(_ a: DenseMatrix) throws(ChainGraphError) -> [Double] {
        _ = singleThreaded
        precondition(a.rows == a.columns)
        let n = Int32(a.rows)
        guard n > 0 else { return [] }
        var work = a
        var found: Int32 = 0
        var values = [Double](repeating: 0, count: a.rows)
        var vector = [Double](repeating: 0, count: a.rows)
        var support = [Int32](repeating: 0, count: 2)
        let info = work.storage.withUnsafeMutableBufferPointer { p in
            LAPACKE_dsyevr(LAPACK_COL_MAJOR, 86 /* 'V' */, 73 /* 'I' */, 85 /* 'U' */, n, p.baseAddress, n,
                           0, 0, n, n, 0, &found, &values, &vector, n, &support)
        }
        if info != 0 || found != 1 { throw .noResult("symmetric eigenvalue computation failed (dsyevr info \(info))") }
        return vector
    }
}
