import Tensors

/// The mean over rows of −log softmax(logits)[target]: logits [..., classes], one target per row.
///
/// Rows whose target equals `ignoreIndex` (e.g. padding) count neither in the sum nor in the
/// mean, as in PyTorch's `cross_entropy(ignore_index=)`. With every row ignored the loss is 0.
public func crossEntropy<Scalar: TensorScalar>(logits: Tensor<Scalar>, targets: [Int], ignoreIndex: Int? = nil) -> Tensor<Scalar> {
    guard let classes = logits.shape.last, logits.count / max(classes, 1) == targets.count else {
        shapeFailure("crossEntropy",
                     "logits \(describe(logits.shape)) need one target per row, got \(targets.count) targets")
    }
    let kept = targets.map { $0 != ignoreIndex }
    if let bad = zip(targets, kept).first(where: { $0.1 && ($0.0 < 0 || $0.0 >= classes) }) {
        shapeFailure("crossEntropy", "target \(bad.0) is outside 0..<\(classes)")
    }
    let keptCount = kept.filter { $0 }.count
    let logProbabilities = logits.reshaped(to: [-1, classes]).logSoftmax(alongAxis: -1)  // [rows, classes]
    let picked = logProbabilities.pick(zip(targets, kept).map { $0.1 ? $0.0 : 0 })       // [rows]
    let weights = Tensor<Scalar>(kept.map { $0 ? -1 / Scalar(max(keptCount, 1)) : 0 })
    return (picked * weights).sum()
}

/// The mean of (prediction − target)² over all elements.
public func meanSquaredError<Scalar: TensorScalar>(_ prediction: Tensor<Scalar>, _ target: Tensor<Scalar>) -> Tensor<Scalar> {
    guard prediction.shape == target.shape else {
        shapeFailure("meanSquaredError",
                     "prediction \(describe(prediction.shape)) and target \(describe(target.shape)) differ")
    }
    return (prediction - target).squared().mean()
}
