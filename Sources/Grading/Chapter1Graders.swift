// Graders for chapter 1: the student writes an operation's forward values and its pullback as a
// custom differentiable operation; the grader compares the values with the library's operation
// and runs the gradient checker on several shapes.

import Notebook
import Tensors

/// A student's differentiable operation on Float64 tensors.
public typealias Chapter1Operation = (Tensor<Double>) throws -> Tensor<Double>

/// Grades a student's `sigmoid` σ(x) = 1 / (1 + e⁻ˣ), element-wise.
public func gradeSigmoid(_ implementation: Chapter1Operation) throws -> ExerciseVerdict {
    try gradeCustomOperation(
        "sigmoid", implementation, reference: { $0.sigmoid() },
        inputs: chapter1Inputs(shapes: [[1], [7], [3, 4], [2, 3, 2]], scale: 3, seed: 11))
}

/// Grades a student's `tanh`, element-wise.
public func gradeTanh(_ implementation: Chapter1Operation) throws -> ExerciseVerdict {
    try gradeCustomOperation(
        "tanh", implementation, reference: { $0.tanh() },
        inputs: chapter1Inputs(shapes: [[1], [6], [4, 3], [2, 2, 3]], scale: 2, seed: 12))
}

/// Grades a student's `logSumExp` over the last axis of a [rows, columns] tensor, giving [rows].
///
/// Besides small random inputs, one input has entries near 800, where e^x overflows: a correct
/// forward pass subtracts each row's maximum first.
public func gradeLogSumExp(_ implementation: Chapter1Operation) throws -> ExerciseVerdict {
    var inputs = chapter1Inputs(shapes: [[1, 1], [1, 5], [3, 4], [4, 2]], scale: 2, seed: 13)
    let large = chapter1Inputs(shapes: [[2, 3]], scale: 1, seed: 14)[0] + 800
    inputs.append(large)
    return try gradeCustomOperation(
        "logSumExp", implementation, reference: { $0.logSumExp(alongAxis: -1) }, inputs: inputs)
}

/// Random Float64 inputs of the given shapes, normal with standard deviation `scale`.
func chapter1Inputs(shapes: [[Int]], scale: Double, seed: UInt64) -> [Tensor<Double>] {
    var generator = SeededGenerator(seed: seed)
    return shapes.map { Tensor<Double>.randomNormal($0, standardDeviation: scale, generator: &generator) }
}

/// The largest |a − b| / max(1, |b|) over two equally long arrays (infinite if any a is not finite):
/// an absolute difference for values up to 1, a relative one above, as `largestDifference` cannot give.
private func largestScaledDifference(_ a: [Double], _ b: [Double]) -> Double {
    var worst = 0.0
    for (x, y) in zip(a, b) {
        guard x.isFinite else { return .infinity }
        worst = max(worst, abs(x - y) / max(1, abs(y)))
    }
    return worst
}

/// Compares `implementation` with `reference` on every input: same shape, same values (to 1e-12,
/// relative for values above 1), and a pullback that passes the gradient checker (1e-6).
func gradeCustomOperation(_ name: String, _ implementation: Chapter1Operation,
                          reference: (Tensor<Double>) -> Tensor<Double>,
                          inputs: [Tensor<Double>]) throws -> ExerciseVerdict {
    let valueTolerance = 1e-12, gradientTolerance = 1e-6
    var worstValue = 0.0, worstGradient = 0.0
    for input in inputs {
        let expected = reference(input)
        let result = try implementation(input)
        guard result.shape == expected.shape else {
            return .failed("\(name) of an input of shape \(input.shape) has shape \(result.shape); "
                           + "expected \(expected.shape)")
        }
        let valueError = largestScaledDifference(result.scalars, expected.scalars)
        guard valueError <= valueTolerance else {
            return .failed("\(name) values differ from the library's on shape \(input.shape) "
                           + "(first elements \(input.scalars.prefix(3).map { $0 })): error "
                           + "\(scientific(valueError)) > \(scientific(valueTolerance))")
        }
        let probe = input.detached(requiresGradient: true)
        guard try implementation(probe).requiresGradient else {
            return .failed("\(name) returned a tensor that is not connected to its input: "
                           + "create it with Tensor(shape:scalars:inputs:pullback:)")
        }
        let report = try checkGradient(of: [input], fallback: { reference($0[0]) }) { try implementation($0[0]) }
        guard report.passes(tolerance: gradientTolerance) else {
            return .failed("the pullback of \(name) is wrong on shape \(input.shape): element "
                           + "\(report.elementIndex) has tape derivative \(report.analytic) but finite "
                           + "difference \(report.numeric) (relative error "
                           + "\(scientific(report.maxRelativeError)) > "
                           + "\(scientific(gradientTolerance)))")
        }
        worstValue = max(worstValue, valueError)
        worstGradient = max(worstGradient, report.maxRelativeError)
    }
    let shapes = inputs.map { "\($0.shape)" }.joined(separator: ", ")
    return .passed("values within \(scientific(worstValue)), gradient check "
                   + "\(scientific(worstGradient)) ≤ \(scientific(gradientTolerance)) "
                   + "on shapes \(shapes)")
}
