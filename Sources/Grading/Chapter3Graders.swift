// Graders for chapter 3's exercises: the masked softmax and the additive (Bahdanau) score.

import NeuralNetworks
import Notebook
import Tensors

/// A masked softmax: softmax along the last axis of `scores`, with weight exactly 0 wherever
/// `mask` (broadcastable to the scores' shape) is non-zero.
public typealias MaskedSoftmax = (_ scores: Tensor<Double>, _ mask: Tensor<Double>) throws -> Tensor<Double>

/// The additive attention score eₜ = vᵀ tanh(W q + U kₜ): query [batch, q], keys [batch, time, k],
/// W [hidden, q], U [hidden, k], v [1, hidden] (PyTorch's Linear layouts) → scores [batch, time].
public typealias AdditiveScores = (_ query: Tensor<Double>, _ keys: Tensor<Double>, _ w: Tensor<Double>,
                                   _ u: Tensor<Double>, _ v: Tensor<Double>) throws -> Tensor<Double>

/// A 0/1 mask of `shape` with each entry masked with probability `fraction`, leaving at least one
/// entry of every row (last axis) unmasked.
func randomMask(_ shape: [Int], fraction: Double, generator: inout SeededGenerator) -> Tensor<Double> {
    let width = shape.last ?? 1
    let rows = shape.reduce(1, *) / Swift.max(width, 1)
    var scalars: [Double] = []
    for _ in 0..<rows {
        var row = (0..<width).map { _ in generator.nextUniform() < fraction ? 1.0 : 0.0 }
        row[generator.nextInt(below: width)] = 0
        scalars += row
    }
    return Tensor(shape: shape, scalars: scalars)
}

/// Grades a masked softmax against the library's `maskedFill` + `softmax` on random scores and
/// masks (rows with several masked entries, a row with one entry left, a broadcast padding mask,
/// large scores), requires masked weights to be exactly 0, and gradient-checks it.
public func gradeMaskedSoftmax(_ candidate: MaskedSoftmax, seed: UInt64 = 3) throws -> ExerciseVerdict {
    var generator = SeededGenerator(seed: seed)
    var cases: [(name: String, scores: Tensor<Double>, mask: Tensor<Double>)] = []
    cases.append(("scores [5, 7], about half masked",
                  Tensor.randomNormal([5, 7], generator: &generator),
                  randomMask([5, 7], fraction: 0.5, generator: &generator)))
    var single = [Double](repeating: 1, count: 6)
    single[4] = 0
    cases.append(("a row with a single unmasked entry", Tensor.randomNormal([1, 6], generator: &generator),
                  Tensor(shape: [1, 6], scalars: single)))
    cases.append(("scores [2, 3, 5] with a padding mask [2, 1, 5]",
                  Tensor.randomNormal([2, 3, 5], generator: &generator),
                  Tensor(shape: [2, 1, 5], scalars: [0, 0, 0, 1, 1, 0, 0, 1, 1, 1])))
    cases.append(("large scores (±60) with masked entries",
                  Tensor.randomNormal([4, 6], standardDeviation: 60, generator: &generator),
                  randomMask([4, 6], fraction: 0.4, generator: &generator)))

    for (name, scores, mask) in cases {
        let reference = scores.maskedFill(mask, with: -Double.greatestFiniteMagnitude).softmax(alongAxis: -1)
        let answer = try candidate(scores, mask)
        guard answer.shape == reference.shape else {
            return .failed("\(name): the result has shape \(answer.shape), expected \(reference.shape)")
        }
        if answer.scalars.contains(where: { !$0.isFinite }) {
            return .failed("\(name): the result holds NaN or infinity")
        }
        let broadcastMask = mask.broadcast(to: scores.shape)
        let leaked = zip(answer.scalars, broadcastMask.scalars).filter { $0.1 != 0 && $0.0 != 0 }.map(\.0)
        if let weight = leaked.max(by: { abs($0) < abs($1) }) {
            return .failed("\(name): a masked position got weight \(weight); it must be exactly 0")
        }
        let error = largestDifference(answer, reference)
        if !(error <= 1e-12) {
            return .failed("\(name): largest difference from softmax with masking is \(error) (tolerance 1e-12)")
        }
    }

    let scores = Tensor<Double>.randomNormal([3, 5], generator: &generator)
    let mask = randomMask([3, 5], fraction: 0.4, generator: &generator)
    let report = try checkGradient(of: [scores], fallback: { _ in Tensor.zeros([3, 5]) }) { inputs in
        try candidate(inputs[0], mask)
    }
    if !report.passes(tolerance: 1e-6) {
        return .failed("the gradient disagrees with finite differences (is every step a tensor operation?): \(report)")
    }
    return .passed("\(cases.count) cases equal softmax with masking to 1e-12, masked weights exactly 0, "
                   + "gradient within \(scientific(report.maxRelativeError))")
}

/// Grades the additive score against `AdditiveAttention` built with the same weights: the scores
/// against its layers, their softmax against its weights, and the gradient by finite differences.
public func gradeAdditiveScores(_ candidate: AdditiveScores, seed: UInt64 = 5) throws -> ExerciseVerdict {
    var generator = SeededGenerator(seed: seed)
    let batch = 3, time = 5, querySize = 4, keySize = 6, hidden = 7
    let attention = AdditiveAttention<Double>(querySize: querySize, keySize: keySize, hiddenSize: hidden,
                                              generator: &generator)
    let query = Tensor<Double>.randomNormal([batch, querySize], generator: &generator)
    let keys = Tensor<Double>.randomNormal([batch, time, keySize], generator: &generator)
    let (w, u, v) = (attention.query.weight, attention.key.weight, attention.v.weight)

    let expected = GradientRecording.withoutGradients {
        attention.v((attention.key(keys) + attention.query(query).expandingShape(at: 1)).tanh())
            .reshaped(to: [batch, time])
    }
    let answer = try candidate(query, keys, w.detached(), u.detached(), v.detached())
    guard answer.shape == [batch, time] else {
        return .failed("the scores have shape \(answer.shape), expected [batch, time] = \([batch, time])")
    }
    let scoreError = largestDifference(answer, expected)
    if !(scoreError <= 1e-12) {
        return .failed("largest difference from vᵀ tanh(W q + U kₜ) is \(scoreError) (tolerance 1e-12)")
    }
    let weights = GradientRecording.withoutGradients { attention(query: query, keys: keys).weights }
    let weightError = largestDifference(answer.softmax(alongAxis: -1), weights)
    if !(weightError <= 1e-12) {
        return .failed("softmax of the scores differs from AdditiveAttention's weights by \(weightError)")
    }
    let report = try checkGradient(of: [query, keys, w.detached(), u.detached(), v.detached()],
                                   fallback: { _ in Tensor.zeros([batch, time]) }) { inputs in
        try candidate(inputs[0], inputs[1], inputs[2], inputs[3], inputs[4])
    }
    if !report.passes(tolerance: 1e-6) {
        return .failed("the gradient disagrees with finite differences (is every step a tensor operation?): \(report)")
    }
    return .passed("scores equal AdditiveAttention's to \(scientific(scoreError)), "
                   + "gradient within \(scientific(report.maxRelativeError))")
}
