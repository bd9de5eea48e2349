import Tensors
import CMath

/// The sinusoidal position encodings of Vaswani et al. (2017), [length, dimension]:
///
///     PE(t, 2i) = sin(t·ωᵢ),   PE(t, 2i + 1) = cos(t·ωᵢ),   ωᵢ = base^(−2i/dimension)
///
/// Sines in the even columns and cosines in the odd ones, as PyTorch's tutorials lay them out, so
/// each pair (2i, 2i + 1) is a point on a circle turning at its own frequency ωᵢ, from 1 radian per
/// position (i = 0) down to almost 1/base. Computed in Float64, then converted.
public func sinusoidalPositions<Scalar: TensorScalar>(length: Int, dimension: Int, base: Double = 10_000,
                                                      as _: Scalar.Type = Scalar.self) -> Tensor<Scalar> {
    require(length >= 0 && dimension > 0 && dimension % 2 == 0 && base > 1, "sinusoidalPositions",
            "need length ≥ 0, an even dimension > 0 and base > 1, got \(length), \(dimension) and \(base)")
    let values = PositionKernels.encodings(length: length, dimension: dimension, base: base)
    return Tensor<Double>(shape: [length, dimension], scalars: values).converted(to: Scalar.self)
}

/// The frequencies ωᵢ = base^(−2i/dimension) of the sinusoidal encodings, one per pair of columns.
public func sinusoidalFrequencies(dimension: Int, base: Double = 10_000) -> [Double] {
    require(dimension > 0 && dimension % 2 == 0, "sinusoidalFrequencies", "need an even dimension > 0, got \(dimension)")
    return (0..<(dimension / 2)).map { pow(base, -2 * Double($0) / Double(dimension)) }
}

/// The block-diagonal matrix M_k [dimension, dimension] with PE(t + k) = M_k · PE(t) for every t:
/// one 2×2 rotation by k·ωᵢ per pair of columns, [[cos kωᵢ, sin kωᵢ], [−sin kωᵢ, cos kωᵢ]].
public func sinusoidalShift(by offset: Int, dimension: Int, base: Double = 10_000) -> Tensor<Double> {
    let frequencies = sinusoidalFrequencies(dimension: dimension, base: base)
    var m = [Double](repeating: 0, count: dimension * dimension)
    for (i, omega) in frequencies.enumerated() {
        let (c, s) = (cos(Double(offset) * omega), sin(Double(offset) * omega))
        let (r, n) = (2 * i, dimension)
        m[r * n + r] = c; m[r * n + r + 1] = s
        m[(r + 1) * n + r] = -s; m[(r + 1) * n + r + 1] = c
    }
    return Tensor(shape: [dimension, dimension], scalars: m)
}

/// The loop behind `sinusoidalPositions`, in Float64.
enum PositionKernels {
    static func encodings(length: Int, dimension: Int, base: Double) -> [Double] {
        let frequencies = sinusoidalFrequencies(dimension: dimension, base: base)
        var values = [Double](repeating: 0, count: length * dimension)
        for t in 0..<length {
            for (i, omega) in frequencies.enumerated() {
                values[t * dimension + 2 * i] = sin(Double(t) * omega)
                values[t * dimension + 2 * i + 1] = cos(Double(t) * omega)
            }
        }
        return values
    }
}
