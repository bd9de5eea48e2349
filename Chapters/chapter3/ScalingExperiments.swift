// Measurements behind "why divide by √d_k": the variance of q·k and the softmax's saturation.

import Tensors

/// The mean and variance of q·k for `samples` pairs of vectors with independent N(0, 1) entries.
func dotProductMoments(dimension: Int, samples: Int, generator: inout SeededGenerator) -> (mean: Double, variance: Double) {
    let q = Tensor<Double>.randomNormal([samples, dimension], generator: &generator)
    let k = Tensor<Double>.randomNormal([samples, dimension], generator: &generator)
    let dots = (q * k).sum(alongAxis: 1)                 // [samples]
    let mean = dots.mean().scalar
    return (mean, (dots * dots).mean().scalar - mean * mean)
}

/// ‖diag(s) − s sᵀ‖_F for every row s of a [rows, n] tensor of softmax weights; returns [rows].
///
/// ‖J‖² = Σᵢ sᵢ²(1 − sᵢ)² + Σᵢ sᵢ² Σ_{j≠i} sⱼ², with 1 − sᵢ computed as Σ_{j≠i} sⱼ: every term is
/// non-negative, so nothing cancels even when one weight is within rounding of 1.
func softmaxJacobianNorms(_ weights: Tensor<Double>) -> Tensor<Double> {
    let n = weights.shape[1]
    let positions = Tensor<Double>.range(to: Double(n))
    let offDiagonal = 1 - positions.reshaped(to: [n, 1]).isEqual(to: positions.reshaped(to: [1, n]))  // [n, n]
    let squares = weights * weights
    let rest = weights.matmul(offDiagonal)                  // Σ_{j≠i} sⱼ = 1 − sᵢ
    let restOfSquares = squares.matmul(offDiagonal)         // Σ_{j≠i} sⱼ²
    return (squares * rest * rest + squares * restOfSquares).sum(alongAxis: 1).squareRoot()
}

/// The geometric mean of positive numbers: exp of the mean of their logarithms.
func geometricMean(_ values: Tensor<Double>) -> Double {
    values.log().mean().exp().scalar
}

/// What a softmax over `keys` scores does for one key width, with and without the 1/√d_k scale.
struct SaturationPoint {
    var dimension: Int
    var largestWeightScaled: Double
    var largestWeightUnscaled: Double
    var jacobianNormScaled: Double
    var jacobianNormUnscaled: Double
}

/// Over `queries` random queries each attending over `keys` random keys of width `dimension`:
/// the mean largest softmax weight and the geometric mean of the Jacobian's norm, scaled and unscaled.
func saturation(dimension: Int, keys: Int, queries: Int, generator: inout SeededGenerator) -> SaturationPoint {
    let q = Tensor<Double>.randomNormal([queries, 1, dimension], generator: &generator)
    let k = Tensor<Double>.randomNormal([queries, keys, dimension], generator: &generator)
    let scores = q.matmul(k, transposeOther: true).reshaped(to: [queries, keys])   // [queries, keys]
    let unscaled = scores.softmax(alongAxis: -1)
    let scaled = (scores / Double(dimension).squareRoot()).softmax(alongAxis: -1)
    return SaturationPoint(
        dimension: dimension,
        largestWeightScaled: scaled.max(alongAxis: 1).mean().scalar,
        largestWeightUnscaled: unscaled.max(alongAxis: 1).mean().scalar,
        jacobianNormScaled: geometricMean(softmaxJacobianNorms(scaled)),
        jacobianNormUnscaled: geometricMean(softmaxJacobianNorms(unscaled)))
}
