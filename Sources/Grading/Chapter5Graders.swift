// Graders for chapter 5: dot-product attention and beam search.
import Tensors
import NeuralNetworks
import Models
import Notebook

/// Dot-product attention as the student writes it: (query [batch, d], keys [batch, time, d],
/// mask [batch, time] or nil) → (context [batch, d], weights [batch, time]).
public typealias DotProductAttention = (_ query: Tensor<Double>, _ keys: Tensor<Double>, _ mask: Tensor<Double>?)
    throws -> (context: Tensor<Double>, weights: Tensor<Double>)

/// Grades dot-product attention eⱼ = q·kⱼ, α = softmax(e) over unmasked positions, c = Σⱼ αⱼ kⱼ: values
/// against a scalar-loop reference here, masked weights exactly 0, then a gradient check.
public func gradeDotProductAttention(_ student: DotProductAttention) throws -> ExerciseVerdict {
    var generator = SeededGenerator(seed: 51)
    let batch = 3, time = 5, size = 4
    let query = Tensor<Double>.randomNormal([batch, size], generator: &generator)
    let keys = Tensor<Double>.randomNormal([batch, time, size], generator: &generator)
    let mask = Tensor<Double>(shape: [batch, time], scalars: (0..<(batch * time)).map { ($0 % time) >= time - $0 / time ? 1 : 0 })
    for useMask in [false, true] {
        let m = useMask ? mask : nil
        let (context, weights) = try student(query, keys, m)
        guard context.shape == [batch, size], weights.shape == [batch, time] else {
            return .failed("expected context [\(batch), \(size)] and weights [\(batch), \(time)], got \(context.shape) and \(weights.shape)")
        }
        let expected = referenceDotProductAttention(query.scalars, keys.scalars, m?.scalars, batch: batch, time: time, size: size)
        let weightError = largestDifference(weights, Tensor(shape: weights.shape, scalars: expected.weights))
        let contextError = largestDifference(context, Tensor(shape: context.shape, scalars: expected.context))
        guard weightError <= 1e-12 else {
            return .failed("\(useMask ? "with" : "without") a mask, the weights differ from softmax(q·k) by up to "
                           + "\(scientific(weightError)) (no scaling; softmax over the keys; masked scores to −∞)")
        }
        guard contextError <= 1e-12 else {
            return .failed("the weights are right but the context differs from Σⱼ αⱼkⱼ by up to \(scientific(contextError))")
        }
        if let m, let leak = zip(m.scalars, weights.scalars).first(where: { $0.0 != 0 && $0.1 != 0 }) {
            return .failed("a masked position received weight \(leak.1); it must be exactly 0")
        }
    }
    let report = try checkGradient(of: [query, keys], fallback: { _ in Tensor.zeros([batch, size + time]) }) { v in
        let (context, weights) = try student(v[0], v[1], mask)
        return Tensor.concatenate([context, weights], alongAxis: 1)
    }
    guard report.passes(tolerance: 1e-6) else {
        return .failed("values are right but gradients are not: \(report)")
    }
    return .passed("weights and context match within 1e-12, with and without a mask; gradient check "
                   + "\(scientific(report.maxRelativeError)) ≤ 1e-6")
}

/// Dot-product attention with scalar loops: the grader's independent reference.
func referenceDotProductAttention(_ q: [Double], _ k: [Double], _ mask: [Double]?, batch: Int, time: Int, size: Int)
    -> (context: [Double], weights: [Double]) {
    var weights = [Double](repeating: 0, count: batch * time), context = [Double](repeating: 0, count: batch * size)
    for b in 0..<batch {
        let allowed = (0..<time).filter { (mask?[b * time + $0] ?? 0) == 0 }
        let scores = allowed.map { j in (0..<size).reduce(0.0) { $0 + q[b * size + $1] * k[(b * time + j) * size + $1] } }
        let top = scores.max() ?? 0
        let exps = scores.map { Double.exp($0 - top) }
        let total = exps.reduce(0, +)
        for (j, e) in zip(allowed, exps) {
            weights[b * time + j] = e / total
            for d in 0..<size { context[b * size + d] += e / total * k[(b * time + j) * size + d] }
        }
    }
    return (context, weights)
}

/// Beam search as the student writes it: (beamWidth, length, vocabularySize, log-probabilities of the
/// next token given a prefix) → the best tokens found.
public typealias BeamSearchDecoder = (_ beamWidth: Int, _ length: Int, _ vocabularySize: Int,
                                      _ logProbabilities: ([Int]) -> [Double]) throws -> [Int]

/// Grades beam search on random next-token distributions over a tiny vocabulary: width 1 must give
/// greedy decoding, a width that keeps every prefix must give the exhaustive optimum, and widths in
/// between must give what `BeamSearch.decode` gives.
public func gradeBeamSearch(_ student: BeamSearchDecoder) throws -> ExerciseVerdict {
    let vocabulary = 3, length = 5
    let full = power(vocabulary, length - 1)  // a width that keeps every prefix: exhaustive search
    var cases = 0
    for tree in 0..<6 {
        let model = RandomNextTokenModel(seed: 60 + UInt64(tree), vocabularySize: vocabulary)
        let best = BeamSearch.exhaustive(length: length, vocabularySize: vocabulary, logProbabilities: model.logProbabilities)
        for width in [1, 2, 4, full] {
            let expected = width == full ? best
                : BeamSearch.decode(beamWidth: width, length: length, vocabularySize: vocabulary,
                                    logProbabilities: model.logProbabilities)
            let answer = try student(width, length, vocabulary, model.logProbabilities)
            guard answer == expected.tokens else {
                let what = width == 1 ? "greedy decoding" : width == full ? "exhaustive search (the most likely sequence)"
                    : "beam search of width \(width)"
                return .failed("random model \(tree), width \(width): got \(answer) (log p = \(fixed(model.score(answer), 3))), "
                               + "\(what) gives \(expected.tokens) (log p = \(fixed(expected.logProbability, 3)))")
            }
            cases += 1
        }
    }
    return .passed("\(cases) searches agree: width 1 with greedy decoding, width \(full) with exhaustive "
                   + "search over \(power(vocabulary, length)) sequences, widths 2 and 4 with the reference beam search")
}

/// baseᵉˣᵖᵒⁿᵉⁿᵗ for a count of sequences (exponent ≥ 0).
private func power(_ base: Int, _ exponent: Int) -> Int {
    (0..<exponent).reduce(1) { accumulated, _ in accumulated * base }
}

/// A made-up next-token distribution: log-softmax of random logits drawn from a generator seeded by
/// the whole prefix, so every prefix has its own distribution and greedy choices can mislead.
struct RandomNextTokenModel {
    let seed: UInt64
    let vocabularySize: Int

    func logProbabilities(_ prefix: [Int]) -> [Double] {
        var hash = seed &* 0x9E37_79B9_7F4A_7C15
        for token in prefix { hash = (hash ^ UInt64(token + 1)) &* 0xBF58_476D_1CE4_E5B9 }
        var generator = SeededGenerator(seed: hash)
        let logits = (0..<vocabularySize).map { _ in 1.5 * generator.nextNormal() }
        let top = logits.max()!
        let total = logits.map { Double.exp($0 - top) }.reduce(0, +)
        return logits.map { $0 - top - Double.log(total) }
    }

    func score(_ tokens: [Int]) -> Double {
        guard tokens.allSatisfy({ (0..<vocabularySize).contains($0) }) else { return -.infinity }
        return tokens.indices.reduce(0.0) { $0 + logProbabilities(Array(tokens[..<$1]))[tokens[$1]] }
    }
}
