/// An n-dimensional array of `Float` or `Double` that records how it was computed,
/// so that gradients can flow back through it (see `backward()`).
///
/// Elements are stored contiguously in row-major order. Operations never modify their inputs;
/// each returns a new tensor that remembers its inputs and how to send a gradient back to them.
public final class Tensor<Scalar: TensorScalar>: @unchecked Sendable {
    /// The size along each axis; `[]` for a scalar.
    public let shape: [Int]
    /// The elements in row-major order.
    public internal(set) var scalars: [Scalar] {
        didSet { packedCopies?.scalarsChanged() }
    }
    /// Packed copies of this matrix for products that take it as their right-hand operand,
    /// made on first use and packed again after `scalars` change (see `PackedRightOperand`).
    var packedCopies: PackedCopies?
    /// Whether gradients are accumulated for this tensor (leaves) or flow through it (results).
    public let requiresGradient: Bool
    /// The accumulated gradient of a leaf after `backward()`, in the leaf's shape; nil before.
    public internal(set) var gradientScalars: [Scalar]?
    /// The tensors this one was computed from (empty for leaves).
    let inputs: [Tensor<Scalar>]
    /// Maps the gradient of this tensor to the gradients of its inputs (nil where not needed).
    let pullback: (([Scalar]) -> [[Scalar]?])?
    /// Alternatively, adds this tensor's contribution straight into its inputs' gradient buffers
    /// (nil before the first contribution): for slices, which touch a small part of a large input.
    let accumulatingPullback: (([Scalar], inout [[Scalar]?]) -> Void)?

    /// Creates a leaf tensor of the given shape from row-major scalars.
    public init(shape: [Int], scalars: [Scalar], requiresGradient: Bool = false) {
        _ = heapPadding
        guard shape.allSatisfy({ $0 >= 0 }) else {
            shapeFailure("Tensor(shape:scalars:)", "negative size in shape \(describe(shape))")
        }
        guard elementCount(shape) == scalars.count else {
            shapeFailure("Tensor(shape:scalars:)",
                         "shape \(describe(shape)) needs \(elementCount(shape)) scalars, got \(scalars.count)")
        }
        self.shape = shape
        self.scalars = scalars
        self.requiresGradient = requiresGradient
        self.inputs = []
        self.pullback = nil
        self.accumulatingPullback = nil
    }

    /// Creates the result of a differentiable operation.
    ///
    /// `pullback` receives the gradient of the result (same shape) and returns one gradient per
    /// input, in each input's shape, or nil for inputs that need none. Use this to add operations
    /// of your own; the gradient checker will tell you whether the pullback is right.
    public init(shape: [Int], scalars: [Scalar], inputs: [Tensor<Scalar>],
                pullback: @escaping ([Scalar]) -> [[Scalar]?]) {
        require(elementCount(shape) == scalars.count, "Tensor(shape:scalars:inputs:pullback:)",
                "shape \(describe(shape)) needs \(elementCount(shape)) scalars, got \(scalars.count)")
        self.shape = shape
        self.scalars = scalars
        let tracked = !GradientRecording.isDisabled && inputs.contains { $0.requiresGradient }
        self.requiresGradient = tracked
        self.inputs = tracked ? inputs : []
        self.pullback = tracked ? pullback : nil
        self.accumulatingPullback = nil
    }

    /// Creates the result of an operation whose pullback adds into its inputs' gradient buffers.
    ///
    /// `accumulate` receives the gradient of the result and one buffer per input: nil when that
    /// input has no gradient yet (the closure then creates it, in the input's shape), else the
    /// gradient so far, to be added to in place. Operations that touch a small part of a large
    /// input, or whose gradient is itself a sum (a weight shared by every time step), avoid
    /// building and adding whole new arrays this way.
    public init(shape: [Int], scalars: [Scalar], inputs: [Tensor<Scalar>],
         accumulatingPullback accumulate: @escaping ([Scalar], inout [[Scalar]?]) -> Void) {
        require(elementCount(shape) == scalars.count, "Tensor(shape:scalars:inputs:accumulatingPullback:)",
                "shape \(describe(shape)) needs \(elementCount(shape)) scalars, got \(scalars.count)")
        self.shape = shape
        self.scalars = scalars
        let tracked = !GradientRecording.isDisabled && inputs.contains { $0.requiresGradient }
        self.requiresGradient = tracked
        self.inputs = tracked ? inputs : []
        self.pullback = nil
        self.accumulatingPullback = tracked ? accumulate : nil
    }

    /// The number of axes.
    public var rank: Int { shape.count }
    /// The number of elements.
    public var count: Int { scalars.count }
    /// The only element of a one-element tensor.
    public var scalar: Scalar {
        guard scalars.count == 1 else {
            shapeFailure("scalar", "tensor of shape \(describe(shape)) has \(scalars.count) elements, not 1")
        }
        return scalars[0]
    }
    /// The accumulated gradient of a leaf as a tensor, or nil before any backward pass.
    public var gradient: Tensor<Scalar>? {
        gradientScalars.map { Tensor(shape: shape, scalars: $0) }
    }
    /// Whether this tensor is a leaf (created directly, not computed from others).
    public var isLeaf: Bool { pullback == nil && accumulatingPullback == nil }

    /// The element at a multi-index.
    public subscript(_ index: Int...) -> Scalar {
        guard index.count == rank else {
            shapeFailure("subscript", "\(index.count) indices for a tensor of shape \(describe(shape))")
        }
        var flat = 0
        for (axis, i) in index.enumerated() {
            guard i >= 0, i < shape[axis] else {
                shapeFailure("subscript",
                             "index \(i) out of range 0..<\(shape[axis]) on axis \(axis) of \(describe(shape))")
            }
            flat = flat * shape[axis] + i
        }
        return scalars[flat]
    }

    /// A copy of this tensor's values that is cut off from the graph.
    public func detached(requiresGradient: Bool = false) -> Tensor<Scalar> {
        Tensor(shape: shape, scalars: scalars, requiresGradient: requiresGradient)
    }

    /// The same values converted to another scalar type (a leaf, cut off from the graph).
    public func converted<Other: TensorScalar>(to _: Other.Type) -> Tensor<Other> {
        Tensor<Other>(shape: shape, scalars: scalars.map { Other($0) })
    }

    /// Replaces the values of a leaf in place (used by optimisers and when loading parameters).
    public func assign(_ newScalars: [Scalar]) {
        require(isLeaf, "assign", "only a leaf tensor can be changed in place")
        guard newScalars.count == scalars.count else {
            shapeFailure("assign", "\(newScalars.count) scalars for a tensor of shape \(describe(shape))")
        }
        scalars = newScalars
    }

    /// Changes the values of a leaf in place with direct access to its storage.
    ///
    /// A weight's packed copies are packed again at once, while its new values are still in the
    /// cache (an optimiser updates one weight after another): packing them at their next use read
    /// the values back from memory.
    package func updateScalars(_ body: (inout UnsafeMutableBufferPointer<Scalar>) -> Void) {
        require(isLeaf, "updateScalars", "only a leaf tensor can be changed in place")
        scalars.withUnsafeMutableBufferPointer(body)
        refreshPackedCopies()
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let shown = scalars.prefix(8).map { "\($0)" }.joined(separator: ", ")
        return "Tensor<\(Scalar.self)>\(describe(shape))(\(shown)\(scalars.count > 8 ? ", …" : ""))"
    }
}
