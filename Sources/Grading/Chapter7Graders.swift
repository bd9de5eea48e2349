// Graders for chapter 7: the sinusoidal encoding, the causal mask, and splitting and merging heads.
import Foundation
import Tensors
import NeuralNetworks
import Notebook

/// The sinusoidal encoding as the student writes it: (length, dimension) → [length, dimension].
public typealias SinusoidalEncoding = (_ length: Int, _ dimension: Int) throws -> Tensor<Double>

/// Grades PE(t, 2i) = sin(t·10000^(−2i/d)), PE(t, 2i+1) = cos(…) against a scalar loop here, naming
/// the usual mistakes (sines and cosines swapped, halves instead of interleaved columns, the exponent i/d).
public func gradeSinusoidalEncoding(_ student: SinusoidalEncoding) throws -> ExerciseVerdict {
    for (length, dimension) in [(1, 2), (10, 8), (50, 16)] {
        let answer = try student(length, dimension)
        guard answer.shape == [length, dimension] else {
            return .failed("for length \(length) and dimension \(dimension), expected shape [\(length), \(dimension)], got \(answer.shape)")
        }
        let halves = referenceSinusoids(length: length, dimension: dimension, interleaved: false)
        if dimension > 2, zip(answer.scalars, halves).allSatisfy({ abs($0 - $1) <= 1e-12 }) {
            return .failed("the sines fill the first half and the cosines the second; interleave them: column 2i "
                           + "holds sin(t·ωᵢ), column 2i + 1 holds cos(t·ωᵢ)")
        }
        let first = Array(answer.scalars.prefix(dimension))
        guard zip(first, (0..<dimension).map { Double($0 % 2) }).allSatisfy({ abs($0 - $1) <= 1e-12 }) else {
            return .failed("position 0 must be [0, 1, 0, 1, …] (sin 0 in the even columns, cos 0 in the odd), got "
                           + "\(first.prefix(4).map { fixed($0, 3) })")
        }
        let expected = referenceSinusoids(length: length, dimension: dimension)
        let error = zip(answer.scalars, expected).map { abs($0 - $1) }.max() ?? 0
        if error > 1e-12 {
            return .failed("length \(length), dimension \(dimension): differs from sin/cos(t·10000^(−2i/d)) by up to "
                           + "\(scientific(error)) (ωᵢ = 10000^(−2i/d) with 2i the even column, so pairs share a frequency)")
        }
    }
    return .passed("equal to sin and cos of t·10000^(−2i/d) within 1e-12 for three sizes")
}

/// Sinusoids with scalar loops: the grader's reference; `interleaved: false` is the halves layout.
func referenceSinusoids(length: Int, dimension: Int, interleaved: Bool = true) -> [Double] {
    var values = [Double](repeating: 0, count: length * dimension)
    for t in 0..<length {
        for i in 0..<(dimension / 2) {
            let angle = Double(t) * pow(10_000, -2 * Double(i) / Double(dimension))
            let (sine, cosine) = interleaved ? (2 * i, 2 * i + 1) : (i, dimension / 2 + i)
            values[t * dimension + sine] = sin(angle)
            values[t * dimension + cosine] = cos(angle)
        }
    }
    return values
}

/// The causal mask as the student writes it: length → [length, length], 1 where attention is forbidden.
public typealias CausalMaskBuilder = (_ length: Int) throws -> Tensor<Double>

/// Grades the causal mask: 1 strictly above the diagonal (a query may not see later keys), 0 on and
/// below it (it sees itself and earlier keys); then uses it in attention and checks that changing
/// later inputs leaves earlier outputs exactly as they were.
public func gradeCausalMask(_ student: CausalMaskBuilder) throws -> ExerciseVerdict {
    for length in 1...7 {
        let mask = try student(length)
        guard mask.shape == [length, length] else {
            return .failed("for length \(length), expected shape [\(length), \(length)], got \(mask.shape)")
        }
        for query in 0..<length {
            for key in 0..<length {
                let value = mask.scalars[query * length + key], forbidden = key > query
                guard value == (forbidden ? 1 : 0) else {
                    let why = key == query ? "a position must be allowed to see itself (0 on the diagonal)"
                        : forbidden ? "query \(query) must not see the later key \(key) (1 above the diagonal)"
                        : "query \(query) must see the earlier key \(key) (0 below the diagonal)"
                    return .failed("length \(length), [\(query), \(key)] is \(value): \(why)")
                }
            }
        }
    }
    var generator = SeededGenerator(seed: 71)
    let x = Tensor<Double>.randomNormal([2, 6, 4], generator: &generator)
    let later = Tensor.concatenate([x.slice(alongAxis: 1, 0..<3), Tensor<Double>.randomNormal([2, 3, 4], generator: &generator)],
                                   alongAxis: 1)
    let mask = try student(6)
    let before = scaledDotProductAttention(query: x, key: x, value: x, mask: mask).output.slice(alongAxis: 1, 0..<3)
    let after = scaledDotProductAttention(query: later, key: later, value: later, mask: mask).output.slice(alongAxis: 1, 0..<3)
    guard before.scalars == after.scalars else {
        return .failed("with this mask, changing positions 3–5 changed the outputs at positions 0–2")
    }
    return .passed("1 above the diagonal and 0 elsewhere for lengths 1–7; in attention, later inputs leave earlier outputs bit-for-bit unchanged")
}

/// Splitting into heads as the student writes it: [batch, time, heads·d] → [batch, heads, time, d].
public typealias HeadSplitter = (_ x: Tensor<Double>, _ headCount: Int) throws -> Tensor<Double>
/// Merging heads as the student writes it: [batch, heads, time, d] → [batch, time, heads·d].
public typealias HeadMerger = (_ x: Tensor<Double>) throws -> Tensor<Double>

/// Grades splitting and merging against index arithmetic here (head h takes features h·d … h·d + d − 1),
/// checks that merging undoes splitting, then gradient-checks multi-head attention built from them.
public func gradeHeadSplitting(split: HeadSplitter, merge: HeadMerger) throws -> ExerciseVerdict {
    let (batch, time, heads, size) = (2, 3, 2, 4)
    let width = heads * size
    var generator = SeededGenerator(seed: 72)
    let x = Tensor<Double>.randomNormal([batch, time, width], generator: &generator)
    let parts = try split(x, heads)
    guard parts.shape == [batch, heads, time, size] else {
        return .failed("split of [\(batch), \(time), \(width)] into \(heads) heads must be [\(batch), \(heads), \(time), \(size)], "
                       + "got \(parts.shape)")
    }
    var expected = [Double](repeating: 0, count: x.count)
    for b in 0..<batch {
        for t in 0..<time {
            for h in 0..<heads {
                for i in 0..<size { expected[((b * heads + h) * time + t) * size + i] = x.scalars[(b * time + t) * width + h * size + i] }
            }
        }
    }
    guard parts.scalars == expected else {
        return .failed("split[b, h, t, i] must be x[b, t, h·d + i]: head h takes a contiguous block of d features at "
                       + "every position (reshape to [batch, time, heads, d], then swap the time and head axes)")
    }
    let joined = try merge(parts)
    guard joined.shape == x.shape, joined.scalars == x.scalars else {
        return .failed("merge(split(x)) must give x back, shape \(x.shape); got shape \(joined.shape)"
                       + (joined.shape == x.shape ? " with other values (swap the axes back before reshaping)" : ""))
    }
    let weights = Tensor<Double>.randomNormal([3 * width, width], generator: &generator)
    let report = try checkGradient(of: [x, weights], fallback: { _ in Tensor.zeros([batch, time, width]) }) { v in
        func project(_ part: Int) throws -> Tensor<Double> {
            try split(v[0].matmul(v[1].slice(alongAxis: 0, (part * width)..<((part + 1) * width)), transposeOther: true), heads)
        }
        let attended = scaledDotProductAttention(query: try project(0), key: try project(1), value: try project(2))
        return try merge(attended.output)
    }
    guard report.passes(tolerance: 1e-6) else {
        return .failed("values are right but gradients do not flow through split and merge (use reshaped and permuted, "
                       + "not new tensors built from scalars): \(report)")
    }
    return .passed("split and merge match the index arithmetic exactly, merge undoes split, and multi-head "
                   + "attention built from them passes the gradient check (\(scientific(report.maxRelativeError)) ≤ 1e-6)")
}
