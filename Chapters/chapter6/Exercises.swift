// Chapter 6 exercises: fill in the bodies, then run `swift run chapter6 --exercises`.
import Tensors
import Notebook

/// Exercise 1a. KL(N(μ, diag σ²) ‖ N(0, I)) for each row of mean [n, k] and logVariance [n, k]
/// (log σ², so σ² = exp(logVariance)): return the n values, shape [n], from tensor operations so
/// that the gradient flows.
func gaussianKL(mean: Tensor<Double>, logVariance: Tensor<Double>) throws -> Tensor<Double> {
    throw ExerciseNotAttempted()
}

/// Exercise 1b. The same KL's gradient worked out by hand, for one row: given μ and log σ² (k values
/// each), return ∂KL/∂μⱼ and ∂KL/∂(log σ²)ⱼ for every j.
func gaussianKLGradient(mean: [Double], logVariance: [Double]) throws -> (mean: [Double], logVariance: [Double]) {
    throw ExerciseNotAttempted()
}

/// Exercise 2. The reparameterised sample z = μ + σ ⊙ ε of N(μ, diag σ²), with the noise ε given
/// (mean, logVariance and noise are all [n, k]). Built from tensor operations, the gradient reaches
/// μ and log σ² through z.
func reparameterisedSample(mean: Tensor<Double>, logVariance: Tensor<Double>, noise: Tensor<Double>) throws
    -> Tensor<Double> {
    throw ExerciseNotAttempted()
}

/// Exercise 3. The importance-weighted bound of Burda et al. (2015) from log-weights [n, K],
/// wₖ = log p(x, zₖ) − log q(zₖ|x): return log (1/K) Σₖ exp(wₖ) for each row, shape [n]. The
/// log-weights may be around −1000, where exp(wₖ) is 0 in Float64.
func importanceWeightedBound(logWeights: Tensor<Double>) throws -> Tensor<Double> {
    throw ExerciseNotAttempted()
}
