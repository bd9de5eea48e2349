// Section 6: every primitive operation's pullback against central differences, in Float64.

import Foundation
import Notebook
import Tensors

/// One operation to check: a name, its inputs and the function of them.
struct PrimitiveCase {
    var name: String
    var inputs: [Tensor<Double>]
    var function: ([Tensor<Double>]) -> Tensor<Double>
}

/// Random inputs for the gradient checks, each kind chosen so that the operation is smooth
/// around every element (no kinks or ties within the finite-difference step).
struct CheckInputs {
    var generator: SeededGenerator

    /// Standard normal values.
    mutating func normal(_ shape: [Int]) -> Tensor<Double> {
        Tensor.randomNormal(shape, generator: &generator)
    }

    /// Values in [0.5, 2): safe for log, square root and division.
    mutating func positive(_ shape: [Int]) -> Tensor<Double> {
        Tensor.randomUniform(shape, low: 0.5, high: 2, generator: &generator)
    }

    /// Normal values pushed at least 0.2 away from zero, so relu and |x| are smooth there.
    mutating func awayFromZero(_ shape: [Int]) -> Tensor<Double> {
        let n = normal(shape)
        return Tensor.where(n.isGreater(than: 0), n + 0.2, n - 0.2)
    }

    /// Distinct values at least 0.2 apart in random order, so a maximum has no near-ties.
    mutating func separated(_ shape: [Int]) -> Tensor<Double> {
        let count = shape.reduce(1, *)
        let order = generator.permutation(count)
        let noise = Tensor<Double>.randomUniform([count], low: 0, high: 0.1, generator: &generator)
        return (Tensor(order.map(Double.init)) * 0.3 + noise).reshaped(to: shape)
    }
}

/// Every primitive the later chapters use, each on small shapes, broadcast ones included.
func primitiveCases(_ make: inout CheckInputs) -> [PrimitiveCase] {
    let mask = Tensor<Double>(rows: [[1, 0, 0, 1], [0, 1, 0, 0], [0, 0, 1, 1]])
    let a = make.normal([3, 4])
    return [
        PrimitiveCase(name: "a + b", inputs: [a, make.normal([4])]) { $0[0] + $0[1] },
        PrimitiveCase(name: "a − b", inputs: [make.normal([3, 1]), make.normal([4])]) { $0[0] - $0[1] },
        PrimitiveCase(name: "a ⊙ b", inputs: [make.normal([2, 3, 4]), make.normal([3, 1])]) { $0[0] * $0[1] },
        PrimitiveCase(name: "a / b", inputs: [a, make.positive([3, 4])]) { $0[0] / $0[1] },
        PrimitiveCase(name: "−a", inputs: [a]) { -$0[0] },
        PrimitiveCase(name: "2.5·a − 1", inputs: [a]) { 2.5 * $0[0] - 1 },
        PrimitiveCase(name: "exp", inputs: [a]) { $0[0].exp() },
        PrimitiveCase(name: "log", inputs: [make.positive([3, 4])]) { $0[0].log() },
        PrimitiveCase(name: "tanh", inputs: [a]) { $0[0].tanh() },
        PrimitiveCase(name: "sigmoid", inputs: [a]) { $0[0].sigmoid() },
        PrimitiveCase(name: "relu", inputs: [make.awayFromZero([3, 4])]) { $0[0].relu() },
        PrimitiveCase(name: "squared", inputs: [a]) { $0[0].squared() },
        PrimitiveCase(name: "squareRoot", inputs: [make.positive([3, 4])]) { $0[0].squareRoot() },
        PrimitiveCase(name: "absolute", inputs: [make.awayFromZero([3, 4])]) { $0[0].absolute() },
        PrimitiveCase(name: "maximum(a, b)", inputs: [a, a + make.awayFromZero([3, 4])]) { $0[0].maximum($0[1]) },
        PrimitiveCase(name: "sum", inputs: [a]) { $0[0].sum() },
        PrimitiveCase(name: "mean", inputs: [a]) { $0[0].mean() },
        PrimitiveCase(name: "sum along axis 1", inputs: [make.normal([2, 3, 4])]) { $0[0].sum(alongAxis: 1) },
        PrimitiveCase(name: "mean along axes 0, 2", inputs: [make.normal([2, 3, 4])]) {
            $0[0].mean(alongAxes: [0, 2])
        },
        PrimitiveCase(name: "max along axis 1", inputs: [make.separated([3, 5])]) { $0[0].max(alongAxis: 1) },
        PrimitiveCase(name: "softmax (last axis)", inputs: [make.normal([3, 5])]) { $0[0].softmax() },
        PrimitiveCase(name: "softmax (axis 0)", inputs: [make.normal([3, 5])]) { $0[0].softmax(alongAxis: 0) },
        PrimitiveCase(name: "logSoftmax", inputs: [make.normal([3, 5])]) { $0[0].logSoftmax() },
        PrimitiveCase(name: "logSumExp", inputs: [make.normal([3, 5])]) { $0[0].logSumExp() },
        PrimitiveCase(name: "matmul", inputs: [a, make.normal([4, 2])]) { $0[0].matmul($0[1]) },
        PrimitiveCase(name: "matmul, batched", inputs: [make.normal([2, 3, 4]), make.normal([2, 4, 5])]) {
            $0[0].matmul($0[1])
        },
        PrimitiveCase(name: "matmul, transposeOther", inputs: [a, make.normal([5, 4])]) {
            $0[0].matmul($0[1], transposeOther: true)
        },
        PrimitiveCase(name: "reshaped", inputs: [a]) { $0[0].reshaped(to: [2, 6]) },
        PrimitiveCase(name: "permuted [2, 0, 1]", inputs: [make.normal([2, 3, 4])]) { $0[0].permuted([2, 0, 1]) },
        PrimitiveCase(name: "transposed", inputs: [a]) { $0[0].transposed() },
        PrimitiveCase(name: "broadcast(to:)", inputs: [make.normal([3, 1])]) { $0[0].broadcast(to: [2, 3, 4]) },
        PrimitiveCase(name: "expandingShape", inputs: [a]) { $0[0].expandingShape(at: 1) },
        PrimitiveCase(name: "squeezingShape", inputs: [make.normal([3, 1, 4])]) { $0[0].squeezingShape(at: 1) },
        PrimitiveCase(name: "slice", inputs: [a]) { $0[0].slice(alongAxis: 1, 1..<3) },
        PrimitiveCase(name: "select", inputs: [make.normal([2, 3, 4])]) { $0[0].select(alongAxis: 1, index: 2) },
        PrimitiveCase(name: "concatenate", inputs: [a, make.normal([3, 2])]) {
            Tensor.concatenate([$0[0], $0[1]], alongAxis: 1)
        },
        PrimitiveCase(name: "stack", inputs: [a, make.normal([3, 4])]) { Tensor.stack([$0[0], $0[1]], alongAxis: 0) },
        PrimitiveCase(name: "split", inputs: [a]) {
            let parts = $0[0].split(sizes: [1, 3], alongAxis: 1)
            return Tensor.concatenate([parts[1], parts[0] * 3], alongAxis: 1)
        },
        PrimitiveCase(name: "gatherRows (repeats)", inputs: [make.normal([4, 3])]) { $0[0].gatherRows([0, 2, 0, 3, 0]) },
        PrimitiveCase(name: "pick", inputs: [make.normal([3, 5])]) { $0[0].pick([4, 0, 2]) },
        PrimitiveCase(name: "where", inputs: [a, make.normal([4])]) { Tensor.where(mask, $0[0], $0[1]) },
        PrimitiveCase(name: "maskedFill", inputs: [a]) { $0[0].maskedFill(mask, with: -5) },
    ]
}

/// Runs the gradient check on every primitive, prints the table and returns the measured errors.
func primitivesSection(_ book: Notebook, generator: inout SeededGenerator) -> [Double] {
    book.section("Checking every pullback against calculus")
    book.prose("""
        A pullback is a formula someone wrote, and formulas can be wrong. The definition of the \
        derivative gives an independent check: for a small step h, the central difference \
        (f(x + h) − f(x − h)) / 2h approaches f′(x), with an error proportional to h² (the \
        first-order terms of the two Taylor expansions cancel). The gradient checker perturbs \
        every element of every input in turn, computes this estimate, and compares it with \
        the tape's gradient. An operation with a tensor result is first reduced to a number by \
        a weighted sum with fixed random weights, which tests the whole Jacobian along a random \
        direction.
        """)
    book.formula("""
        relative error = |tape − finite difference|
                         / max(|tape|, |finite difference|, 10⁻³)
        """)
    book.prose("""
        All checks run in Float64 with h = 10⁻⁵. Every primitive the book uses is below, on \
        small random inputs chosen away from kinks (relu, |x|) and ties (max); broadcast \
        shapes are included, so the summing rule of section 2 is tested too. Tolerance: 10⁻⁶.
        """)
    let tolerance = 1e-6
    var make = CheckInputs(generator: SeededGenerator(seed: generator.next()))
    let cases = primitiveCases(&make)
    var rows: [String] = []
    var worst = (error: 0.0, name: "")
    var errors: [Double] = []
    for item in cases {
        let report = GradientChecker.check(item.inputs, item.function)
        errors.append(report.maxRelativeError)
        if report.maxRelativeError >= worst.error || report.maxRelativeError.isNaN {
            worst = (report.maxRelativeError.isNaN ? .infinity : report.maxRelativeError, item.name)
        }
        let shapes = item.inputs.map { $0.shape.map(String.init).joined(separator: "×") }.joined(separator: ", ")
        let mark = report.passes(tolerance: tolerance) ? "✓" : "✗"
        rows.append((item.name + " ").rightPadded(23) + (shapes + " ").rightPadded(16) + ("\(report.comparedCount)" + " ").rightPadded(6)
                    + (scientific(report.maxRelativeError) + " ").rightPadded(9) + mark)
    }
    let header = ("operation" + " ").rightPadded(23) + ("inputs" + " ").rightPadded(16) + ("n" + " ").rightPadded(6) + ("error" + " ").rightPadded(9) + "≤ 1e-6"
    book.code(([header, String(repeating: "─", count: 60)] + rows).joined(separator: "\n"))
    book.check("\(cases.count) primitives, worst: \(worst.name)", measured: worst.error,
               tolerance: tolerance)

    book.prose("""
        A check that cannot fail proves nothing. Here is a sigmoid whose pullback forgets the \
        factor (1 − σ): the checker must reject it, and name the element and both derivatives.
        """)
    let wrongSigmoid: ([Tensor<Double>]) -> Tensor<Double> = { tensors in
        let s = tensors[0].sigmoid()
        let values = s.scalars
        return Tensor(shape: s.shape, scalars: values, inputs: [tensors[0]]) { upstream in
            [(upstream.indices).map { upstream[$0] * values[$0] }]
        }
    }
    let rejected = GradientChecker.check([make.normal([2, 3])], wrongSigmoid)
    book.code("""
        wrong sigmoid: element \(rejected.elementIndex) of \(rejected.comparedCount)
          tape \(signed(rejected.analytic, 6)), finite difference \(signed(rejected.numeric, 6))
          relative error \(scientific(rejected.maxRelativeError))
        """)
    book.check("checker rejects a wrong sigmoid", passed: !rejected.passes(tolerance: tolerance),
               detail: "\(scientific(rejected.maxRelativeError)) > 1e-6")
    book.prose("""
        The exercises of this chapter (Chapters/chapter1/Exercises.swift) ask you to write \
        three operations yourself, values and pullback, with \
        Tensor(shape:scalars:inputs:pullback:), and grade them with this same check: run \
        `swift run chapter1 --exercises`.
        """)
    return errors
}
