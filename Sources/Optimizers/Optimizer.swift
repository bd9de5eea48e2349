import Tensors

/// Something that updates parameter tensors from their accumulated gradients, one step at a time.
///
/// A training step is: `zeroGradients()`, forward pass, `loss.backward()`, optionally
/// `clipGradientNorm(_:maxNorm:)`, then `step()`.
public protocol Optimizer<Scalar>: AnyObject {
    /// The scalar type of the parameters.
    associatedtype Scalar: TensorScalar
    /// The tensors this optimiser updates, in the order they were given.
    var parameters: [Tensor<Scalar>] { get }
    /// The step size; change it between steps to follow a schedule.
    var learningRate: Double { get set }
    /// Updates every parameter that has a gradient; parameters without one are left alone.
    func step()
    /// Forgets the accumulated gradients of all parameters.
    func zeroGradients()
}

extension Optimizer {
    /// Forgets the accumulated gradients of all parameters.
    public func zeroGradients() {
        for parameter in parameters { parameter.zeroGradient() }
    }
}

/// Stops with a clear message when a parameter list holds the same tensor twice or a setting is bad.
func checkOptimizerSettings<S: TensorScalar>(_ name: String, _ parameters: [Tensor<S>],
                                             _ settings: KeyValuePairs<String, Double>) {
    var seen = Set<ObjectIdentifier>()
    for (index, parameter) in parameters.enumerated() {
        guard seen.insert(ObjectIdentifier(parameter)).inserted else {
            shapeFailure(name,
                         "parameter \(index) (shape \(describe(parameter.shape))) appears more than once in the list")
        }
        guard parameter.isLeaf else {
            shapeFailure(name,
                         "parameter \(index) (shape \(describe(parameter.shape))) is computed from other tensors, not a leaf")
        }
    }
    for (setting, value) in settings where !(value >= 0 && value.isFinite) {
        shapeFailure(name, "\(setting) must be a finite number ≥ 0, got \(value)")
    }
}
