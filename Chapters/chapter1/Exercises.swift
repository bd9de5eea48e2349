// Chapter 1 exercises: write three operations of your own, forward values and backward pass.
//
// Each function receives a Float64 tensor x and must return a tensor made with
//
//     Tensor(shape: resultShape, scalars: values, inputs: [x]) { upstream in [inputGradient] }
//
// The closure (the pullback) receives the gradient of the loss with respect to the result, as
// row-major scalars in the result's shape, and returns the gradient with respect to x, as
// row-major scalars in x's shape. Run `swift run chapter1 --exercises` to grade: the grader
// compares your values with the library's operation and runs the gradient checker on several
// shapes. The inputs are tiny, so a plain `map` over `x.scalars` (or a short `for` loop) is fine
// here, even though the chapter itself never loops over elements. Do not call the library's own
// operation (x.sigmoid(), x.tanh(), x.logSumExp()): the grader would pass it, and you would learn
// nothing.
//
// Replace each `throw ExerciseNotAttempted()` with your code.

import Foundation
import Notebook
import Tensors

/// Exercise 1: σ(x) = 1 / (1 + e⁻ˣ) element-wise, with its pullback.
/// Hint: σ′(x) can be written with σ(x) alone, so keep the forward values for the pullback.
func studentSigmoid(_ x: Tensor<Double>) throws -> Tensor<Double> {
    throw ExerciseNotAttempted()
}

/// Exercise 2: tanh(x) element-wise, with its pullback.
/// Hint: Foundation's `tanh` gives the values; the derivative is again a function of the output.
func studentTanh(_ x: Tensor<Double>) throws -> Tensor<Double> {
    throw ExerciseNotAttempted()
}

/// Exercise 3: log Σⱼ exp(xᵢⱼ) for each row of a [rows, columns] tensor; the result has shape [rows].
/// It must stay finite when the entries are large (try a row of values near 800), and its
/// pullback sends each row's upstream gradient to the row's elements with weights that sum to one.
func studentLogSumExp(_ x: Tensor<Double>) throws -> Tensor<Double> {
    throw ExerciseNotAttempted()
}
