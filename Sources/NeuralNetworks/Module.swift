import Tensors

/// A building block of a model that owns named parameters and may contain other modules.
///
/// Names follow PyTorch's `state_dict` conventions (`rnn.weight_ih_l0`, `fc.bias`, …), so a
/// model's parameters can be exchanged with PyTorch through a safetensors file.
public protocol Module<Scalar>: AnyObject {
    /// The scalar type of the parameters.
    associatedtype Scalar: TensorScalar
    /// The parameters this module owns directly, by name.
    var ownParameters: [(name: String, tensor: Tensor<Scalar>)] { get }
    /// The modules this module contains, by name.
    var submodules: [(name: String, module: any Module<Scalar>)] { get }
    /// Switches behaviour that differs between training and evaluation (e.g. dropout) for this module only.
    func setTrainingFlag(_ training: Bool)
}

extension Module {
    /// This module's own parameters, with the names PyTorch gives them.
    public var ownParameters: [(name: String, tensor: Tensor<Scalar>)] { [] }
    /// The modules inside this one, with the names PyTorch gives them.
    public var submodules: [(name: String, module: any Module<Scalar>)] { [] }
    /// Switches between training and evaluation behaviour.
    public func setTrainingFlag(_ training: Bool) {}

    /// Every parameter of this module and its submodules, with dotted PyTorch-style names.
    public var namedParameters: [(name: String, tensor: Tensor<Scalar>)] {
        ownParameters + submodules.flatMap { child in
            child.module.namedParameters.map { (name: child.name + "." + $0.name, tensor: $0.tensor) }
        }
    }

    /// Every parameter tensor, in a fixed order (for optimisers).
    public var parameters: [Tensor<Scalar>] { namedParameters.map(\.tensor) }

    /// The number of scalars in all parameters.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// Puts this module and every submodule in training (true) or evaluation (false) mode.
    public func setTraining(_ training: Bool) {
        setTrainingFlag(training)
        for child in submodules { child.module.setTraining(training) }
    }

    /// Forgets the accumulated gradients of every parameter.
    public func zeroGradients() { parameters.forEach { $0.zeroGradient() } }

    /// Rows of (name, shape, count) for every parameter, for printing a parameter table.
    public var parameterTable: [(name: String, shape: [Int], count: Int)] {
        namedParameters.map { ($0.name, $0.tensor.shape, $0.tensor.count) }
    }

    /// The number of parameters in each direct submodule (and "(own)" for the module's own).
    public var parameterCountBySubmodule: [(name: String, count: Int)] {
        let own = ownParameters.reduce(0) { $0 + $1.tensor.count }
        return (own > 0 ? [("(own)", own)] : []) + submodules.map { ($0.name, $0.module.parameterCount) }
    }
}
