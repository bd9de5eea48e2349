import CMath
import Tensors

/// Adam, as PyTorch's `torch.optim.Adam` (without amsgrad), with optional L2 weight decay.
///
/// For each parameter p with gradient g, on its t-th step (counted per parameter, only on steps
/// where it has a gradient), with learning rate η, decay rates β₁, β₂, ε and weight decay λ:
///
///     g = g + λ·p
///     m = m + (1 − β₁)·(g − m)               first moment (m and v start at 0)
///     v = β₂·v + (1 − β₂)·g²                 second moment
///     p = p − (η / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
///
/// which is p − η·m̂/(√v̂ + ε) with the bias-corrected m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ).
/// The scalar factors are computed in Double, as PyTorch computes them in Python floats.
public final class Adam<S: TensorScalar>: Optimizer {
    /// The scalar type of the parameters.
    public typealias Scalar = S
    /// The tensors this optimiser updates.
    public let parameters: [Tensor<S>]
    /// η, the step size.
    public var learningRate: Double
    /// β₁, the decay rate of the first moment.
    public let beta1: Double
    /// β₂, the decay rate of the second moment.
    public let beta2: Double
    /// ε, added to the denominator for numerical safety.
    public let epsilon: Double
    /// λ, the L2 penalty added to the gradient as λ·p.
    public let weightDecay: Double
    /// How many updates each parameter has received.
    public private(set) var stepCounts: [Int]
    private var firstMoments: [[S]]
    private var secondMoments: [[S]]

    /// Creates an optimiser for `parameters` (leaf tensors, each listed once), with PyTorch's defaults.
    public init(parameters: [Tensor<S>], learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999,
                epsilon: Double = 1e-8, weightDecay: Double = 0) {
        checkOptimizerSettings("Adam", parameters, ["learningRate": learningRate, "epsilon": epsilon,
                                                    "weightDecay": weightDecay])
        guard (0..<1).contains(beta1), (0..<1).contains(beta2) else {
            shapeFailure("Adam", "beta1 and beta2 must lie in [0, 1), got \(beta1) and \(beta2)")
        }
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        stepCounts = Array(repeating: 0, count: parameters.count)
        firstMoments = Array(repeating: [], count: parameters.count)
        secondMoments = Array(repeating: [], count: parameters.count)
    }

    /// Updates every parameter that has a gradient; parameters without one are left alone.
    public func step() {
        for (index, parameter) in parameters.enumerated() {
            guard let gradient = parameter.gradientScalars else { continue }
            if stepCounts[index] == 0 {
                firstMoments[index] = zeroMoments(count: parameter.count)
                secondMoments[index] = zeroMoments(count: parameter.count)
            }
            stepCounts[index] += 1
            let t = Double(stepCounts[index])
            let stepSize = learningRate / (1 - pow(beta1, t))
            let secondMomentCorrectionRoot = (1 - pow(beta2, t)).squareRoot()
            gradient.withUnsafeBufferPointer { g in
                parameter.updateScalars { p in
                    firstMoments[index].withUnsafeMutableBufferPointer { m in
                        secondMoments[index].withUnsafeMutableBufferPointer { v in
                            adamUpdateOnThreads(parameter: p, gradient: g, firstMoment: m, secondMoment: v,
                                       firstMomentWeight: S(1 - beta1), beta2: S(beta2),
                                       secondMomentWeight: S(1 - beta2), stepSize: S(stepSize),
                                       secondMomentCorrectionRoot: S(secondMomentCorrectionRoot),
                                       epsilon: S(epsilon), weightDecay: S(weightDecay))
                        }
                    }
                }
            }
        }
    }
}

/// A moment's first value, zeros: specialised, since `step` runs unspecialised from other modules and
/// would otherwise copy the zeros one generic element at a time.
@_specialize(where S == Float)
@_specialize(where S == Double)
func zeroMoments<S: TensorScalar>(count: Int) -> [S] {
    [S](repeating: 0, count: count)
}

/// Parameters with fewer elements than twice this are updated on one thread.
let adamElementsPerPiece = 32_768

/// `adamUpdate` in pieces on up to `MatrixMultiply.maximumThreads` threads: each element's update
/// reads only that element, so the pieces give the same bits on any number of threads.
@_specialize(where S == Float)
@_specialize(where S == Double)
func adamUpdateOnThreads<S: TensorScalar>(parameter p: UnsafeMutableBufferPointer<S>, gradient g: UnsafeBufferPointer<S>,
                                          firstMoment m: UnsafeMutableBufferPointer<S>,
                                          secondMoment v: UnsafeMutableBufferPointer<S>,
                                          firstMomentWeight: S, beta2: S, secondMomentWeight: S, stepSize: S,
                                          secondMomentCorrectionRoot: S, epsilon: S, weightDecay: S) {
    let threads = MatrixMultiply.maximumThreads
    let pieces = Swift.min(2 * threads, Swift.max(p.count / adamElementsPerPiece, 1))
    ParallelLoop.run(count: pieces, threads: threads) { piece in
        let range = p.count * piece / pieces..<p.count * (piece + 1) / pieces
        adamUpdate(parameter: UnsafeMutableBufferPointer(rebasing: p[range]),
                   gradient: UnsafeBufferPointer(rebasing: g[range]),
                   firstMoment: UnsafeMutableBufferPointer(rebasing: m[range]),
                   secondMoment: UnsafeMutableBufferPointer(rebasing: v[range]),
                   firstMomentWeight: firstMomentWeight, beta2: beta2, secondMomentWeight: secondMomentWeight,
                   stepSize: stepSize, secondMomentCorrectionRoot: secondMomentCorrectionRoot,
                   epsilon: epsilon, weightDecay: weightDecay)
    }
}

/// One Adam update of one parameter, in the order of PyTorch's single-tensor implementation.
@_specialize(where S == Float)
@_specialize(where S == Double)
func adamUpdate<S: TensorScalar>(parameter p: UnsafeMutableBufferPointer<S>, gradient: UnsafeBufferPointer<S>,
                                 firstMoment m: UnsafeMutableBufferPointer<S>,
                                 secondMoment v: UnsafeMutableBufferPointer<S>,
                                 firstMomentWeight: S, beta2: S, secondMomentWeight: S, stepSize: S,
                                 secondMomentCorrectionRoot: S, epsilon: S, weightDecay: S) {
    var start = 0
    if S.self == Float.self {
        // A vector register's elements at a time (16 with AVX-512, 8 otherwise): the same
        // operations lane by lane, so the same bits at every width.
        typealias V = FloatKernelVector
        let lanes = V.scalarCount
        func vector(_ x: S) -> V { V(repeating: x as! Float) }
        let (decay, w1, b2, w2) = (vector(weightDecay), vector(firstMomentWeight), vector(beta2), vector(secondMomentWeight))
        let (size, root, eps) = (vector(stepSize), vector(secondMomentCorrectionRoot), vector(epsilon))
        let decays = weightDecay != 0
        let pp = UnsafeMutableRawPointer(p.baseAddress!), mp = UnsafeMutableRawPointer(m.baseAddress!)
        let vp = UnsafeMutableRawPointer(v.baseAddress!), gp = UnsafeRawPointer(gradient.baseAddress!)
        while start + lanes <= p.count {
            let offset = start * 4
            let parameter = pp.loadUnaligned(fromByteOffset: offset, as: V.self)
            var g = gp.loadUnaligned(fromByteOffset: offset, as: V.self)
            if decays { g = g + decay * parameter }
            var first = mp.loadUnaligned(fromByteOffset: offset, as: V.self)
            first += w1 * (g - first)
            let second = vp.loadUnaligned(fromByteOffset: offset, as: V.self) * b2 + w2 * (g * g)
            let denominator = laneSquareRoots(second) / root + eps
            mp.storeBytes(of: first, toByteOffset: offset, as: V.self)
            vp.storeBytes(of: second, toByteOffset: offset, as: V.self)
            pp.storeBytes(of: parameter - size * (first / denominator), toByteOffset: offset, as: V.self)
            start += lanes
        }
    }
    for i in start..<p.count {
        let g = weightDecay == 0 ? gradient[i] : gradient[i] + weightDecay * p[i]
        m[i] += firstMomentWeight * (g - m[i])
        v[i] = v[i] * beta2 + secondMomentWeight * (g * g)
        let denominator = v[i].squareRoot() / secondMomentCorrectionRoot + epsilon
        p[i] -= stepSize * (m[i] / denominator)
    }
}

/// √x of every lane in one vector instruction (`vector_square_root8` in CMath): SIMD's
/// `squareRoot()` took each lane through a scalar square root and a check for errno, and was most
/// of Adam's time (2.6 ns a parameter with the data in L1, 0.64 with this).
@inline(__always)
private func laneSquareRoots(_ x: SIMD8<Float>) -> SIMD8<Float> { vector_square_root8(x) }

/// √x of every lane of a 16-lane vector (the AVX-512 build's), a half at a time.
@inline(__always)
private func laneSquareRoots(_ x: SIMD16<Float>) -> SIMD16<Float> {
    SIMD16(lowHalf: vector_square_root8(x.lowHalf), highHalf: vector_square_root8(x.highHalf))
}
