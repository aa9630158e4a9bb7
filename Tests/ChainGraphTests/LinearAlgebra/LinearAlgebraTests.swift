import Testing
@testable import ChainGraph

@Suite("BLAS and LAPACK wrappers")
struct LinearAlgebraTests {
    /// Hand-worked: [[1,2],[3,4]] · [[5,6],[7,8]] = [[19,22],[43,50]].
    @Test("cblas_dgemm and dgemv")
    func multiply() {
        let a = DenseMatrix([[1, 2], [3, 4]]), b = DenseMatrix([[5, 6], [7, 8]])
        #expect(LinearAlgebra.multiply(a, b) == DenseMatrix([[19, 22], [43, 50]]))
        #expect(LinearAlgebra.multiply(a, [1, 1]) == [3, 7])
    }

    /// Hand-worked: 2x + y = 5, x + 3y = 10 → x = 1, y = 3; inverse of [[2,1],[1,3]] is
    /// [[3,-1],[-1,2]] / 5.
    @Test("dgesv, dgetrf + dgetrs, inverse")
    func solve() throws {
        let a = DenseMatrix([[2, 1], [1, 3]])
        let x = try LinearAlgebra.solve(a, DenseMatrix([[5], [10]]))
        #expect(abs(x[0, 0] - 1) < 1e-14 && abs(x[1, 0] - 3) < 1e-14)
        let lu = try LinearAlgebra.luFactor(a)
        let y = lu.solve(DenseMatrix([[5], [10]]))
        #expect(abs(y[0, 0] - 1) < 1e-14 && abs(y[1, 0] - 3) < 1e-14)
        // Transposed solve: Aᵀ z = [4, 7] → with A symmetric, same as A z = [4, 7]: z = (1, 2).
        let z = lu.solve(DenseMatrix([[4], [7]]), transposed: true)
        #expect(abs(z[0, 0] - 1) < 1e-14 && abs(z[1, 0] - 2) < 1e-14)
        let inv = try LinearAlgebra.inverse(a)
        let expected = DenseMatrix([[0.6, -0.2], [-0.2, 0.4]])
        for i in 0..<2 { for j in 0..<2 { #expect(abs(inv[i, j] - expected[i, j]) < 1e-14) } }
        #expect(throws: ChainGraphError.self) { try LinearAlgebra.solve(DenseMatrix([[1, 2], [2, 4]]), .identity(2)) }
    }

    /// Hand-worked: [[0,1],[-2,-3]] has eigenvalues -1 and -2 (spectral radius 2); a
    /// rotation by 90° has ±i.
    @Test("dgeev eigenvalues and spectral radius")
    func eigen() throws {
        let values = try LinearAlgebra.eigenvalues(DenseMatrix([[0, 1], [-2, -3]])).map(\.re).sorted()
        #expect(abs(values[0] + 2) < 1e-12 && abs(values[1] + 1) < 1e-12)
        #expect(abs(try LinearAlgebra.spectralRadius(DenseMatrix([[0, -1], [1, 0]])) - 1) < 1e-12)
    }
}
