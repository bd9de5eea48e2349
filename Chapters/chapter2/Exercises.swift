// Chapter 2 exercises: fill in the bodies, then run `swift run chapter2 --exercises`.

import Tensors
import LinearAlgebra
import Notebook

/// Exercise 1. The reconstruction loss L = (1/n) Σᵢ ‖xᵢ − x̂ᵢ‖² of predictions x̂ [n, d] against
/// targets x [n, d]: the squared differences summed over each row's d pixels, averaged over the
/// n rows. Return a one-element tensor, built from tensor operations so the gradient flows.
func squaredErrorLoss(_ prediction: Tensor<Double>, _ target: Tensor<Double>) throws -> Tensor<Double> {
    throw ExerciseNotAttempted()
}

/// Exercise 2. The gradient of that loss with respect to every element of the prediction,
/// worked out by hand: `prediction` and `target` hold n rows of d values each (row-major);
/// return one derivative per prediction element, in the same order.
func squaredErrorGradient(_ prediction: [Double], _ target: [Double], _ rows: Int) throws -> [Double] {
    throw ExerciseNotAttempted()
}

/// Exercise 3. The bottleneck experiment: the smallest mean reconstruction error
/// (1/n) Σᵢ ‖xᵢ − x̂ᵢ‖² that any linear autoencoder (with biases) whose code has `codeSize`
/// numbers can reach on `data` [n, d]. `PrincipalComponents` may help.
func bestLinearReconstructionError(_ data: Tensor<Double>, _ codeSize: Int) throws -> Double {
    throw ExerciseNotAttempted()
}
