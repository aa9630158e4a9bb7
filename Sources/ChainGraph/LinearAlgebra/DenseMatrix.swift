/// A dense column-major matrix of doubles, the layout BLAS and LAPACK expect.
///
/// ```swift
/// let a = DenseMatrix([[2, 1], [1, 3]])
/// let x = try LinearAlgebra.solve(a, DenseMatrix([[1], [2]]))   // 2 × 1
/// ```
public struct DenseMatrix: Sendable, Equatable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// Column-major storage: element (i, j) is `storage[i + j * rows]`.
    public var storage: [Double]

    /// A `rows` × `columns` matrix with every element `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0)
        self.rows = rows
        self.columns = columns
        storage = [Double](repeating: value, count: rows * columns)
    }

    /// Builds a matrix from row arrays (as written on paper).
    public init(_ rowArrays: [[Double]]) {
        let r = rowArrays.count, c = rowArrays.first?.count ?? 0
        self.init(rows: r, columns: c)
        for i in 0..<r {
            precondition(rowArrays[i].count == c, "ragged rows")
            for j in 0..<c { self[i, j] = rowArrays[i][j] }
        }
    }

    /// The n × n identity.
    public static func identity(_ n: Int) -> DenseMatrix {
        var m = DenseMatrix(rows: n, columns: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    /// Element (i, j): row `i`, column `j`, both 0-based.
    public subscript(i: Int, j: Int) -> Double {
        get { storage[i + j * rows] }
        set { storage[i + j * rows] = newValue }
    }

    /// The transpose.
    public var transposed: DenseMatrix {
        var t = DenseMatrix(rows: columns, columns: rows)
        for j in 0..<columns { for i in 0..<rows { t[j, i] = self[i, j] } }
        return t
    }
}
