import Tensors

/// Stochastic gradient descent with momentum and weight decay, as PyTorch's `torch.optim.SGD`.
///
/// For each parameter p with gradient g, with learning rate η, momentum μ and weight decay λ:
///
///     d = g + λ·p
///     v = d on the parameter's first step, else v = μ·v + d      (only when μ ≠ 0)
///     p = p − η·v                                                  (p − η·d when μ = 0)
public final class SGD<S: TensorScalar>: Optimizer {
    /// The scalar type of the parameters.
    public typealias Scalar = S
    /// The tensors this optimiser updates.
    public let parameters: [Tensor<S>]
    /// η, the step size.
    public var learningRate: Double
    /// μ, the weight of the previous velocity (0 for plain gradient descent).
    public let momentum: Double
    /// λ, the L2 penalty added to the gradient as λ·p.
    public let weightDecay: Double
    /// Each parameter's velocity v, nil until its first step.
    private var velocities: [[S]?]

    /// Creates an optimiser for `parameters` (leaf tensors, each listed once).
    public init(parameters: [Tensor<S>], learningRate: Double, momentum: Double = 0, weightDecay: Double = 0) {
        checkOptimizerSettings("SGD", parameters,
                               ["learningRate": learningRate, "momentum": momentum, "weightDecay": weightDecay])
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
        velocities = Array(repeating: nil, count: parameters.count)
    }

    /// Updates every parameter that has a gradient; parameters without one are left alone.
    public func step() {
        for (index, parameter) in parameters.enumerated() {
            guard let gradient = parameter.gradientScalars else { continue }
            let firstStep = velocities[index] == nil
            if momentum != 0 && firstStep { velocities[index] = [S](repeating: 0, count: parameter.count) }
            gradient.withUnsafeBufferPointer { g in
                parameter.updateScalars { p in
                    if momentum == 0 {
                        sgdUpdate(parameter: p, gradient: g, learningRate: S(learningRate), weightDecay: S(weightDecay))
                    } else {
                        velocities[index]!.withUnsafeMutableBufferPointer { v in
                            sgdMomentumUpdate(parameter: p, gradient: g, velocity: v, firstStep: firstStep,
                                              learningRate: S(learningRate), momentum: S(momentum),
                                              weightDecay: S(weightDecay))
                        }
                    }
                }
            }
        }
    }
}

/// p = p − η·(g + λp).
@_specialize(where S == Float)
@_specialize(where S == Double)
func sgdUpdate<S: TensorScalar>(parameter p: UnsafeMutableBufferPointer<S>, gradient g: UnsafeBufferPointer<S>,
                                learningRate: S, weightDecay: S) {
    if weightDecay == 0 {
        for i in 0..<p.count { p[i] -= learningRate * g[i] }
    } else {
        for i in 0..<p.count { p[i] -= learningRate * (g[i] + weightDecay * p[i]) }
    }
}

/// d = g + λp; v = d (first step) or μv + d; p = p − η·v.
@_specialize(where S == Float)
@_specialize(where S == Double)
func sgdMomentumUpdate<S: TensorScalar>(parameter p: UnsafeMutableBufferPointer<S>, gradient g: UnsafeBufferPointer<S>,
                                        velocity v: UnsafeMutableBufferPointer<S>, firstStep: Bool,
                                        learningRate: S, momentum: S, weightDecay: S) {
    let keep: S = firstStep ? 0 : momentum
    for i in 0..<p.count {
        let d = weightDecay == 0 ? g[i] : g[i] + weightDecay * p[i]
        v[i] = keep * v[i] + d
        p[i] -= learningRate * v[i]
    }
}
