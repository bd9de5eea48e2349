// Graders for chapter 6: the Gaussian KL and its gradient, the reparameterised sample, the IWAE bound.
import Foundation
import Tensors
import Notebook

/// The KL as the student writes it: (mean [n, k], log-variance [n, k]) → KL per row [n].
public typealias GaussianKL = (_ mean: Tensor<Double>, _ logVariance: Tensor<Double>) throws -> Tensor<Double>
/// Its gradient by hand: (μ, log σ²) of one row → (∂KL/∂μ, ∂KL/∂log σ²), one value per number.
public typealias GaussianKLGradient = (_ mean: [Double], _ logVariance: [Double]) throws
    -> (mean: [Double], logVariance: [Double])

/// Grades KL(N(μ, σ²) ‖ N(0, I)) = ½ Σⱼ (μⱼ² + σⱼ² − 1 − log σⱼ²) per row against a scalar loop here,
/// gradient-checks the tensor code, and compares the hand gradient with μⱼ and ½(σⱼ² − 1).
public func gradeGaussianKL(_ kl: GaussianKL, gradient: GaussianKLGradient) throws -> ExerciseVerdict {
    var generator = SeededGenerator(seed: 61)
    let (rows, size) = (4, 3)
    let mean = Tensor<Double>.randomNormal([rows, size], generator: &generator)
    let logVariance = Tensor<Double>.randomNormal([rows, size], standardDeviation: 1.5, generator: &generator)
    let answer = try kl(mean, logVariance)
    guard answer.shape == [rows] else {
        return .failed("expected one KL per row, shape [\(rows)], got \(describe(answer.shape)) (sum over the code, not the rows)")
    }
    let expected = referenceGaussianKL(mean.scalars, logVariance.scalars, size: size)
    let valueError = zip(answer.scalars, expected).map { abs($0 - $1) }.max()!
    guard valueError <= 1e-12 else {
        return .failed("the KL differs from ½ Σⱼ (μⱼ² + σⱼ² − 1 − log σⱼ²) by up to \(scientific(valueError)) "
                       + "(σ² is exp(log σ²); mind the ½)")
    }
    let report = try checkGradient(of: [mean, logVariance], fallback: { _ in Tensor.zeros([rows]) }) { v in try kl(v[0], v[1]) }
    guard report.passes(tolerance: 1e-6) else {
        return .failed("the values are right but the tape's gradient is not (build the KL from tensor operations): \(report)")
    }
    for row in 0..<rows {
        let mu = Array(mean.scalars[(row * size)..<((row + 1) * size)])
        let lv = Array(logVariance.scalars[(row * size)..<((row + 1) * size)])
        let hand = try gradient(mu, lv)
        guard hand.mean.count == size, hand.logVariance.count == size else {
            return .failed("the hand gradient needs \(size) values for μ and \(size) for log σ², got \(hand.mean.count) and "
                           + "\(hand.logVariance.count)")
        }
        let meanError = zip(hand.mean, mu).map { abs($0 - $1) }.max()!
        let varianceError = zip(hand.logVariance, lv).map { abs($0 - 0.5 * (exp($1) - 1)) }.max()!
        guard meanError <= 1e-12 else {
            return .failed("row \(row): ∂KL/∂μ is off by up to \(scientific(meanError)); differentiate ½ μ²")
        }
        guard varianceError <= 1e-12 else {
            return .failed("row \(row): ∂KL/∂log σ² is off by up to \(scientific(varianceError)); differentiate "
                           + "½ (e^v − 1 − v) with respect to v = log σ²")
        }
    }
    return .passed("KL within 1e-12 of the closed form, tape gradient check \(scientific(report.maxRelativeError)) ≤ 1e-6, "
                   + "hand gradient within 1e-12 on \(rows) rows")
}

/// ½ Σⱼ (μⱼ² + e^{vⱼ} − 1 − vⱼ) for each row of `size` numbers, by scalar loops.
func referenceGaussianKL(_ mean: [Double], _ logVariance: [Double], size: Int) -> [Double] {
    (0..<(mean.count / size)).map { row in
        (0..<size).reduce(0.0) { total, j in
            let (m, v) = (mean[row * size + j], logVariance[row * size + j])
            return total + 0.5 * (m * m + exp(v) - 1 - v)
        }
    }
}

/// The reparameterised sampler as the student writes it: (mean, log-variance, noise ε), all [n, k] → z [n, k].
public typealias ReparameterisedSampler = (_ mean: Tensor<Double>, _ logVariance: Tensor<Double>, _ noise: Tensor<Double>)
    throws -> Tensor<Double>

/// Grades z = μ + exp(½ log σ²) ⊙ ε: values against a scalar loop here for two noises, then a gradient
/// check of a loss of z with respect to μ and log σ² with ε held fixed.
public func gradeReparameterisedSample(_ sampler: ReparameterisedSampler) throws -> ExerciseVerdict {
    var generator = SeededGenerator(seed: 62)
    let shape = [3, 4]
    let mean = Tensor<Double>.randomNormal(shape, generator: &generator)
    let logVariance = Tensor<Double>.randomNormal(shape, standardDeviation: 1.2, generator: &generator)
    for draw in 0..<2 {
        let noise = Tensor<Double>.randomNormal(shape, generator: &generator)
        let z = try sampler(mean, logVariance, noise)
        guard z.shape == shape else { return .failed("expected z of shape \(describe(shape)), got \(describe(z.shape))") }
        let expected = (0..<z.count).map { mean.scalars[$0] + exp(0.5 * logVariance.scalars[$0]) * noise.scalars[$0] }
        let error = zip(z.scalars, expected).map { abs($0 - $1) }.max()!
        guard error <= 1e-12 else {
            return .failed("noise \(draw + 1): z differs from μ + σ ⊙ ε by up to \(scientific(error)) "
                           + "(σ = exp(½ log σ²), the standard deviation, not the variance; use the ε given)")
        }
    }
    let noise = Tensor<Double>.randomNormal(shape, generator: &generator)
    let weights = Tensor<Double>.randomNormal(shape, generator: &generator)
    // A loss that depends on z non-linearly, so both μ and log σ² get a gradient that is not constant.
    let report = try checkGradient(of: [mean, logVariance], fallback: { _ in Tensor.zeros([]) }) { v in
        (try sampler(v[0], v[1], noise).squared() * weights).sum()
    }
    guard report.passes(tolerance: 1e-6) else {
        return .failed("the values are right but the gradient through z is not (build z from μ and log σ² with tensor "
                       + "operations, so the tape reaches them): \(report)")
    }
    return .passed("z within 1e-12 of μ + σ ⊙ ε for two noises; gradient check through z "
                   + "\(scientific(report.maxRelativeError)) ≤ 1e-6")
}

/// The importance-weighted bound as the student writes it: log-weights [n, K] → bound per row [n].
public typealias ImportanceWeightedBound = (_ logWeights: Tensor<Double>) throws -> Tensor<Double>

/// Grades log (1/K) Σₖ exp(wₖ) per row against a scalar loop here, on ordinary log-weights and on
/// log-weights near −1000 (where exp underflows), then gradient-checks it.
public func gradeImportanceWeightedBound(_ bound: ImportanceWeightedBound) throws -> ExerciseVerdict {
    var generator = SeededGenerator(seed: 63)
    let (rows, samples) = (3, 5)
    let ordinary = Tensor<Double>.randomNormal([rows, samples], mean: -20, standardDeviation: 3, generator: &generator)
    let far = ordinary - 1000
    for (name, logWeights) in [("log-weights around −20", ordinary), ("log-weights around −1020", far)] {
        let answer = try bound(logWeights)
        guard answer.shape == [rows] else {
            return .failed("expected one bound per row, shape [\(rows)], got \(describe(answer.shape)) (reduce over the K samples)")
        }
        let expected = referenceImportanceWeightedBound(logWeights.scalars, samples: samples)
        guard answer.scalars.allSatisfy(\.isFinite) else {
            return .failed("\(name): the bound is not finite (\(answer.scalars)); subtract the largest log-weight before exp")
        }
        let error = zip(answer.scalars, expected).map { abs($0 - $1) }.max()!
        guard error <= 1e-9 else {
            return .failed("\(name): the bound differs from log (1/K) Σₖ exp(wₖ) by up to \(scientific(error)) "
                           + "(the mean of the weights, not of the log-weights; mind the 1/K)")
        }
    }
    let single = try bound(ordinary.slice(alongAxis: 1, 0..<1))
    let singleError = largestDifference(single, ordinary.slice(alongAxis: 1, 0..<1).reshaped(to: [rows]))
    guard singleError <= 1e-12 else {
        return .failed("with K = 1 the bound must be the log-weight itself; it is off by \(scientific(singleError))")
    }
    let report = try checkGradient(of: [ordinary], fallback: { _ in Tensor.zeros([rows]) }) { v in try bound(v[0]) }
    guard report.passes(tolerance: 1e-6) else {
        return .failed("the values are right but the gradient is not (use tensor operations): \(report)")
    }
    return .passed("bounds within 1e-9 of log-mean-exp, also near −1020 and for K = 1; gradient check "
                   + "\(scientific(report.maxRelativeError)) ≤ 1e-6")
}

/// log (1/K) Σₖ exp(wₖ) for each row of `samples` log-weights, shifted by the row's largest, by scalar loops.
func referenceImportanceWeightedBound(_ logWeights: [Double], samples: Int) -> [Double] {
    (0..<(logWeights.count / samples)).map { row in
        let values = logWeights[(row * samples)..<((row + 1) * samples)]
        let top = values.max()!
        return top + log(values.reduce(0.0) { $0 + exp($1 - top) } / Double(samples))
    }
}
