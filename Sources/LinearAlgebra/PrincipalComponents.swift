// Principal component analysis of a data matrix, computed in Double from its covariance.

import Tensors

/// The principal components of data rows: the mean, the variances along the principal
/// directions (largest first) and the directions themselves.
///
/// The covariance is C = (1/n) Σᵢ (xᵢ − μ)(xᵢ − μ)ᵀ (divided by n, not n − 1), so the mean
/// squared reconstruction error of the best rank-k projection of the data is exactly the sum
/// of the variances after the first k (`reconstructionError(keeping:)`). The eigenvectors come
/// from `SymmetricEigendecomposition` (Jacobi rotations), independent of any gradient training.
public struct PrincipalComponents: Sendable {
    /// The number of features (columns of the data).
    public let dimension: Int
    /// The mean of the data rows.
    public let mean: [Double]
    /// Variance along each principal direction (the covariance's eigenvalues), largest first.
    public let variances: [Double]
    /// The principal directions as rows, in the order of `variances`: [dimension, dimension].
    public let directions: [Double]

    /// Analyses the rows of `data`, shape [n, d] with n ≥ 1.
    public init(data: Tensor<Double>) {
        guard data.rank == 2, data.shape[0] >= 1, data.shape[1] >= 1 else {
            shapeFailure("PrincipalComponents", "data must be [rows, features] with at least one of each, "
                       + "got shape \(describe(data.shape))")
        }
        let (n, d) = (data.shape[0], data.shape[1])
        let covariance: Tensor<Double> = GradientRecording.withoutGradients {
            let centred = data - data.mean(alongAxis: 0, keepingDimensions: true)
            return centred.transposed().matmul(centred) / Double(n)
        }
        // Symmetrise exactly: the product rounds both halves the same way, but be safe.
        let c = covariance.transposed().scalars
        let symmetric = zip(covariance.scalars, c).map { ($0 + $1) / 2 }
        let eigen = SymmetricEigendecomposition(matrix: symmetric, size: d)
        dimension = d
        mean = GradientRecording.withoutGradients { data.mean(alongAxis: 0).scalars }
        variances = eigen.values.map { max($0, 0) }
        directions = eigen.vectors
    }

    /// The total variance Σ variances: the mean squared distance of the rows from their mean.
    public var totalVariance: Double { variances.reduce(0, +) }

    /// The first `count` principal directions as the columns of a [dimension, count] tensor.
    public func basis(_ count: Int) -> Tensor<Double> {
        require((0...dimension).contains(count), "PrincipalComponents.basis",
                "count \(count) is outside 0...\(dimension)")
        let rows = Tensor<Double>(shape: [count, dimension], scalars: Array(directions[0..<(count * dimension)]))
        return rows.transposed()
    }

    /// Mean squared reconstruction error ‖x − x̂‖² per row of the best rank-`count` affine
    /// projection of the analysed data: the sum of the variances after the first `count`.
    public func reconstructionError(keeping count: Int) -> Double {
        require((0...dimension).contains(count), "PrincipalComponents.reconstructionError",
                "count \(count) is outside 0...\(dimension)")
        return variances[count...].reduce(0, +)
    }

    /// Projects rows [n, dimension] onto the first `count` directions and back: μ + (x − μ)VVᵀ.
    public func reconstruct(_ rows: Tensor<Double>, keeping count: Int) -> Tensor<Double> {
        guard rows.rank == 2, rows.shape[1] == dimension else {
            shapeFailure("PrincipalComponents.reconstruct",
                         "rows must be [n, \(dimension)], got \(describe(rows.shape))")
        }
        let v = basis(count)
        let mu = Tensor<Double>(shape: [1, dimension], scalars: mean)
        return (rows - mu).matmul(v).matmul(v, transposeOther: true) + mu
    }
}
