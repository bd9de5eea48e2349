import Testing
@testable import Tensors

/// One differentiable operation applied to inputs of given shapes.
struct OperationCase: Sendable, CustomTestStringConvertible {
    let name: String
    let shapes: [[Int]]
    var positive = false
    let function: @Sendable ([Tensor<Double>]) -> Tensor<Double>
    var testDescription: String { "\(name) \(shapes)" }

    func inputs(seed: UInt64) -> [Tensor<Double>] {
        var generator = SeededGenerator(seed: seed)
        return shapes.map { shape in
            let t = Tensor<Double>.randomNormal(shape, generator: &generator)
            return positive ? Tensor(shape: shape, scalars: t.scalars.map { abs($0) + 0.5 }) : t
        }
    }
}

let operationCases: [OperationCase] = [
    OperationCase(name: "add", shapes: [[3, 4], [3, 4]]) { $0[0] + $0[1] },
    OperationCase(name: "add broadcast row", shapes: [[3, 4], [4]]) { $0[0] + $0[1] },
    OperationCase(name: "add broadcast both", shapes: [[3, 1, 5], [4, 1]]) { $0[0] + $0[1] },
    OperationCase(name: "subtract broadcast", shapes: [[2, 3, 4], [3, 1]]) { $0[0] - $0[1] },
    OperationCase(name: "multiply broadcast", shapes: [[2, 3, 4], [1, 3, 4]]) { $0[0] * $0[1] },
    OperationCase(name: "multiply scalar tensor", shapes: [[3, 2], []]) { $0[0] * $0[1] },
    OperationCase(name: "divide broadcast", shapes: [[3, 4], [4]], positive: true) { $0[0] / $0[1] },
    OperationCase(name: "scalar affine", shapes: [[5]]) { 3 - 2 * $0[0] / 4 + 1 },
    OperationCase(name: "number over tensor", shapes: [[4]], positive: true) { 2 / $0[0] },
    OperationCase(name: "negate", shapes: [[2, 3]]) { -$0[0] },
    OperationCase(name: "exp", shapes: [[2, 3]]) { $0[0].exp() },
    OperationCase(name: "log", shapes: [[2, 3]], positive: true) { $0[0].log() },
    OperationCase(name: "tanh", shapes: [[2, 3]]) { $0[0].tanh() },
    OperationCase(name: "sigmoid", shapes: [[4, 3]]) { $0[0].sigmoid() },
    OperationCase(name: "relu", shapes: [[4, 3]]) { $0[0].relu() },
    OperationCase(name: "squared", shapes: [[4, 3]]) { $0[0].squared() },
    OperationCase(name: "squareRoot", shapes: [[4]], positive: true) { $0[0].squareRoot() },
    OperationCase(name: "absolute", shapes: [[6]]) { $0[0].absolute() },
    OperationCase(name: "maximum broadcast", shapes: [[3, 4], [4]]) { $0[0].maximum($0[1]) },
    OperationCase(name: "sum all", shapes: [[3, 4]]) { $0[0].sum() },
    OperationCase(name: "mean all", shapes: [[3, 4]]) { $0[0].mean() },
    OperationCase(name: "sum axis 0", shapes: [[3, 4, 2]]) { $0[0].sum(alongAxis: 0) },
    OperationCase(name: "sum axes 0,2 kept", shapes: [[3, 4, 2]]) { $0[0].sum(alongAxes: [0, 2], keepingDimensions: true) },
    OperationCase(name: "mean axis -1", shapes: [[3, 4, 2]]) { $0[0].mean(alongAxis: -1) },
    OperationCase(name: "max axis 1", shapes: [[3, 5, 2]]) { $0[0].max(alongAxis: 1) },
    OperationCase(name: "logSumExp axis -1", shapes: [[3, 5]]) { $0[0].logSumExp(alongAxis: -1) },
    OperationCase(name: "logSumExp axis 0", shapes: [[4, 3]]) { $0[0].logSumExp(alongAxis: 0) },
    OperationCase(name: "softmax last", shapes: [[3, 5]]) { $0[0].softmax() },
    OperationCase(name: "softmax middle", shapes: [[2, 4, 3]]) { $0[0].softmax(alongAxis: 1) },
    OperationCase(name: "logSoftmax last", shapes: [[3, 5]]) { $0[0].logSoftmax() },
    OperationCase(name: "logSoftmax axis 0", shapes: [[4, 2, 3]]) { $0[0].logSoftmax(alongAxis: 0) },
    OperationCase(name: "matmul 2d", shapes: [[3, 4], [4, 5]]) { $0[0].matmul($0[1]) },
    OperationCase(name: "matmul transposed other", shapes: [[3, 4], [5, 4]]) { $0[0].matmul($0[1], transposeOther: true) },
    OperationCase(name: "matmul batch × shared", shapes: [[2, 3, 4], [4, 5]]) { $0[0].matmul($0[1]) },
    OperationCase(name: "matmul batch × shared transposed", shapes: [[2, 3, 4], [5, 4]]) { $0[0].matmul($0[1], transposeOther: true) },
    OperationCase(name: "matmul batched", shapes: [[2, 3, 4], [2, 4, 5]]) { $0[0].matmul($0[1]) },
    OperationCase(name: "matmul batched transposed", shapes: [[2, 3, 4], [2, 5, 4]]) { $0[0].matmul($0[1], transposeOther: true) },
    OperationCase(name: "matmul adding a broadcast bias", shapes: [[2, 3, 4], [5, 4], [5]]) { $0[0].matmul($0[1], transposeOther: true, adding: $0[2]) },
    OperationCase(name: "matmul adding a full tensor", shapes: [[3, 4], [4, 5], [3, 5]]) { $0[0].matmul($0[1], adding: $0[2]) },
    OperationCase(name: "batched matmul adding", shapes: [[2, 3, 4], [2, 4, 5], [3, 1]]) { $0[0].matmul($0[1], adding: $0[2]) },
    OperationCase(name: "reshape", shapes: [[2, 6]]) { $0[0].reshaped(to: [3, -1]) * $0[0].reshaped(to: [3, 4]) },
    OperationCase(name: "transpose", shapes: [[2, 3, 4]]) { $0[0].transposed() },
    OperationCase(name: "permute", shapes: [[2, 3, 4]]) { $0[0].permuted([2, 0, 1]) },
    OperationCase(name: "broadcast to", shapes: [[3, 1]]) { $0[0].broadcast(to: [2, 3, 4]) },
    OperationCase(name: "slice", shapes: [[4, 5]]) { $0[0].slice(alongAxis: 1, 1..<4) },
    OperationCase(name: "select", shapes: [[3, 4, 2]]) { $0[0].select(alongAxis: 1, index: 2) },
    OperationCase(name: "concatenate", shapes: [[2, 3], [2, 2]]) { Tensor.concatenate([$0[0], $0[1], $0[0]], alongAxis: 1) },
    OperationCase(name: "stack", shapes: [[2, 3], [2, 3]]) { Tensor.stack([$0[0], $0[1]], alongAxis: 1) },
    OperationCase(name: "split", shapes: [[5, 2]]) { x in let p = x[0].split(sizes: [2, 3], alongAxis: 0); return p[0].sum() * p[1].sum() },
    OperationCase(name: "gatherRows (repeated)", shapes: [[5, 3]]) { $0[0].gatherRows([4, 0, 4, 2, 1, 4], indexShape: [2, 3]) },
    OperationCase(name: "pick", shapes: [[4, 3]]) { $0[0].pick([2, 0, 1, 2]) },
    OperationCase(name: "where", shapes: [[3, 4], [3, 4]]) { x in
        Tensor.where(x[0].isGreater(than: 0), x[0] * x[1], x[1].exp())
    },
    OperationCase(name: "maskedFill", shapes: [[3, 4]]) { x in
        x[0].maskedFill(Tensor<Double>(shape: [1, 4], scalars: [0, 1, 0, 1]), with: -2)
    },
    OperationCase(name: "used twice", shapes: [[3]]) { $0[0] * $0[0] + $0[0].exp() },
]

@Suite("Every operation passes the gradient check in Float64")
struct OperationGradientTests {
    @Test(arguments: operationCases)
    func gradientMatchesFiniteDifferences(_ operation: OperationCase) {
        let report = GradientChecker.check(operation.inputs(seed: 11), operation.function)
        #expect(report.passes(tolerance: 1e-6), "\(report)")
        #expect(report.comparedCount == operation.shapes.map { $0.reduce(1, *) }.reduce(0, +))
    }
}
