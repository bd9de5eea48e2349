// Graders for chapter 2's exercises: the reconstruction loss, its gradient, and the best error
// a linear autoencoder with a bottleneck of size k can reach.

import NeuralNetworks
import LinearAlgebra
import Notebook
import Tensors

/// Random [rows, columns] predictions and targets for the loss exercises, in Double.
private func lossCases() -> [(prediction: Tensor<Double>, target: Tensor<Double>)] {
    var generator = SeededGenerator(seed: 2_002)
    return [(1, 1), (3, 4), (5, 16)].map { rows, columns in
        (Tensor.randomNormal([rows, columns], generator: &generator),
         Tensor.randomUniform([rows, columns], generator: &generator))
    }
}

/// Grades `loss(prediction, target)` = (1/n) Σᵢ ‖xᵢ − x̂ᵢ‖² against the library's mean squared
/// error (times the number of columns) on random inputs, then checks that its gradient flows.
public func gradeSquaredErrorLoss(
    _ loss: (Tensor<Double>, Tensor<Double>) throws -> Tensor<Double>
) throws -> ExerciseVerdict {
    var worstValue = 0.0, worstGradient = 0.0
    for (prediction, target) in lossCases() {
        let value = try loss(prediction, target)
        guard value.shape == [] || value.count == 1 else {
            return .failed("the loss must be a single number, got shape \(value.shape) for inputs \(prediction.shape)")
        }
        let expected = meanSquaredError(prediction, target).scalar * Double(target.shape[1])
        worstValue = max(worstValue, abs(value.scalars[0] - expected) / max(abs(expected), 1e-12))
        let report = try checkGradient(of: [prediction], fallback: { _ in Tensor([0]).sum() }) { inputs in
            try loss(inputs[0], target).sum()
        }
        worstGradient = max(worstGradient, report.maxRelativeError)
    }
    if !(worstValue <= 1e-12) {
        return .failed("the loss differs from (1/n)·Σᵢ‖xᵢ − x̂ᵢ‖² by a relative \(worstValue): sum the squares over "
                       + "the pixels of a row, then average over the rows")
    }
    return .within("loss value and its tape gradient against central differences", error: worstGradient,
                   tolerance: 1e-6)
}

/// Grades `gradient(prediction, target, rows)`, the derivative of (1/n) Σᵢ ‖xᵢ − x̂ᵢ‖² with respect
/// to every element of the prediction x̂ (row-major), against the tape's gradient of the library loss.
public func gradeSquaredErrorGradient(
    _ gradient: ([Double], [Double], Int) throws -> [Double]
) throws -> ExerciseVerdict {
    var worst = 0.0
    for (prediction, target) in lossCases() {
        let rows = prediction.shape[0], columns = prediction.shape[1]
        let leaf = prediction.detached(requiresGradient: true)
        (meanSquaredError(leaf, target) * Double(columns)).backward()
        let expected = leaf.gradient!
        let answer = try gradient(prediction.scalars, target.scalars, rows)
        guard answer.count == expected.count else {
            return .failed("expected one derivative per prediction element (\(expected.count)), got \(answer.count)")
        }
        let scale = max(expected.absolute().max().scalar, 1e-12)
        worst = max(worst, largestDifference(Tensor(shape: expected.shape, scalars: answer), expected) / scale)
    }
    return .within("∂L/∂x̂ against the tape's gradient (relative to its largest entry)", error: worst, tolerance: 1e-12)
}

/// Grades `bestError(data, k)`: the smallest mean squared reconstruction error (1/n) Σᵢ ‖xᵢ − x̂ᵢ‖²
/// that any linear autoencoder with a k-dimensional code (and biases) reaches on `data` [n, d].
///
/// The test data are built with exactly known variances: rows μ + Σⱼ hᵢⱼ σⱼ uⱼ, where the hⱼ are
/// columns of an 8×8 Hadamard matrix (orthogonal, mean zero, entries ±1) and the uⱼ orthonormal,
/// so the answer is Σ_{j>k} σⱼ² in closed form.
public func gradeBestLinearReconstructionError(
    _ bestError: (Tensor<Double>, Int) throws -> Double
) throws -> ExerciseVerdict {
    let d = 10, sigmas = [3.0, 2.5, 2.0, 1.5, 1.0, 0.5, 0.25]
    var generator = SeededGenerator(seed: 2_003)
    // Random orthonormal directions: eigenvectors of a random symmetric matrix.
    let b = (0..<(d * d)).map { _ in generator.nextNormal() }
    let symmetric = (0..<(d * d)).map { b[$0] + b[($0 % d) * d + $0 / d] }
    let directions = SymmetricEigendecomposition(matrix: symmetric, size: d)
    let mean = (0..<d).map { _ in generator.uniform(1, 3) }
    func hadamard(_ i: Int, _ j: Int) -> Double { (i & j).nonzeroBitCount % 2 == 0 ? 1 : -1 }
    var rows: [Double] = []
    for i in 0..<8 {
        var row = mean
        for j in sigmas.indices {
            let u = Array(directions.vector(j))
            for c in 0..<d { row[c] += hadamard(i, j + 1) * sigmas[j] * u[c] }
        }
        rows += row
    }
    let data = Tensor<Double>(shape: [8, d], scalars: rows)
    var worst = 0.0
    for k in [0, 1, 3, 6, 7] {
        let expected = sigmas[k...].reduce(0) { $0 + $1 * $1 }
        let answer = try bestError(data, k)
        let error = abs(answer - expected) / max(expected, 1)
        if error > 1e-9 {
            return .failed("for k = \(k) the best error is \(expected), got \(answer)"
                           + (answer > expected ? " (did you subtract the mean? divide by n, not n − 1?)" : ""))
        }
        worst = max(worst, error)
    }
    return .within("best rank-k error against Σ of the discarded variances, k ∈ {0, 1, 3, 6, 7}",
                   error: worst, tolerance: 1e-9)
}
