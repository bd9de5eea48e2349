/// buffer += gradient element by element, or buffer = gradient when there is none yet: how every
/// gradient buffer of a backward pass (and every custom accumulating pullback) sums its parts.
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
package func addGradient<Scalar: TensorScalar>(_ gradient: [Scalar], into buffer: inout [Scalar]?) {
    if buffer == nil { buffer = gradient } else { ElementwiseKernels.addInPlace(&buffer!, gradient) }
}

/// Switches the recording of operations for back-propagation off, e.g. during evaluation.
public enum GradientRecording {
    @TaskLocal static var disabledFlag = false

    /// Whether operations are currently not recorded.
    public static var isDisabled: Bool { disabledFlag }

    /// Runs `body` without recording operations: results need no memory for a backward pass.
    public static func withoutGradients<R>(_ body: () throws -> R) rethrows -> R {
        try $disabledFlag.withValue(true) { try body() }
    }
}

extension Tensor {
    /// Back-propagates from this tensor and accumulates gradients into every leaf that requires one.
    ///
    /// The seed gradient is `seed` (same shape as this tensor), or ones when nil; for a scalar loss
    /// that is dL/dL = 1. Gradients *accumulate*: calling `backward()` twice adds twice, so call
    /// `zeroGradient()` on parameters between training steps. A tensor used several times receives
    /// the sum of the gradients of its uses.
    // Specialised, so that the loop over the graph's nodes does not look up generic metadata for
    // every zip and map (the models call it from other modules, where it would run unspecialised).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(seed: [Scalar]? = nil) {
        if let seed, seed.count != count {
            shapeFailure("backward", "seed of \(seed.count) scalars for a tensor of shape \(describe(shape))")
        }
        guard requiresGradient else { return }
        let order = topologicalOrder()
        var position = [ObjectIdentifier: Int](minimumCapacity: order.count)
        for (i, node) in order.enumerated() { position[ObjectIdentifier(node)] = i }
        var gradients = [[Scalar]?](repeating: nil, count: order.count)
        gradients[order.count - 1] = seed ?? ElementwiseKernels.filled(Scalar(1), count: count)

        // Weights used many times note their gradient products here (see DeferredWeightGradients).
        let deferred = DeferredWeightGradients<Scalar>()
        BackwardPass.$deferred.withValue(deferred) {
            for i in stride(from: order.count - 1, through: 0, by: -1) {
                let node = order[i]
                // Every use of a weight comes after it: its noted products are all in by now.
                if node.isPackedParameter { deferred.flush(node, into: &gradients[i]) }
                guard let gradient = gradients[i] else { continue }
                gradients[i] = nil
                if let accumulate = node.accumulatingPullback {
                    // Hand the inputs' buffers over (moved out, so they are changed in place). An input
                    // listed twice (x·xᵀ) gets its buffer at its first place and a new one at the next,
                    // added afterwards in input order, as a plain pullback's gradients are.
                    let slots = node.inputs.map { $0.requiresGradient ? position[ObjectIdentifier($0)] : nil }
                    var buffers: [[Scalar]?] = slots.map { slot in
                        guard let slot else { return nil }
                        defer { gradients[slot] = nil }
                        return gradients[slot]
                    }
                    accumulate(gradient, &buffers)
                    for (input, buffer) in zip(node.inputs, buffers) where buffer != nil && buffer!.count != input.count {
                        shapeFailure("backward", "an accumulating pullback left \(buffer!.count) scalars for an input of shape "
                                     + describe(input.shape))
                    }
                    for (slot, buffer) in zip(slots, buffers) {
                        if let slot, let buffer { addGradient(buffer, into: &gradients[slot]) }
                    }
                    continue
                }
                guard let pullback = node.pullback else {
                    node.accumulateGradient(gradient)
                    continue
                }
                let inputGradients = pullback(gradient)
                if inputGradients.count != node.inputs.count {
                    shapeFailure("backward", "a pullback returned \(inputGradients.count) gradients for an operation of "
                                 + "\(node.inputs.count) inputs (one per input, nil where none is needed)")
                }
                for (input, inputGradient) in zip(node.inputs, inputGradients) {
                    guard input.requiresGradient, let inputGradient,
                          let j = position[ObjectIdentifier(input)] else { continue }
                    if inputGradient.count != input.count {
                        shapeFailure("backward",
                                     "a pullback returned \(inputGradient.count) scalars for an input of shape \(describe(input.shape))")
                    }
                    addGradient(inputGradient, into: &gradients[j])
                }
            }
        }
    }

    /// Forgets the accumulated gradient of this leaf.
    public func zeroGradient() { gradientScalars = nil }

    /// Replaces the accumulated gradient of this leaf (e.g. after clipping), or clears it with nil.
    public func setGradient(_ gradient: [Scalar]?) {
        require(isLeaf, "setGradient", "only a leaf tensor keeps a gradient")
        if let gradient, gradient.count != count {
            shapeFailure("setGradient", "\(gradient.count) scalars for a tensor of shape \(describe(shape))")
        }
        gradientScalars = gradient
    }

    /// Adds `gradient` to this leaf's accumulated gradient.
    func accumulateGradient(_ gradient: [Scalar]) {
        addGradient(gradient, into: &gradientScalars)
    }

    /// Every tensor this one depends on through tracked operations, inputs before results.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func topologicalOrder() -> [Tensor<Scalar>] {
        var order: [Tensor<Scalar>] = []
        var visited = Set<ObjectIdentifier>()
        // Iterative depth-first search: long unrolled sequences would overflow a recursive one.
        var stack: [(node: Tensor<Scalar>, nextInput: Int)] = [(self, 0)]
        visited.insert(ObjectIdentifier(self))
        while !stack.isEmpty {
            let (node, next) = stack[stack.count - 1]
            if next < node.inputs.count {
                stack[stack.count - 1].nextInput += 1
                let input = node.inputs[next]
                if input.requiresGradient, visited.insert(ObjectIdentifier(input)).inserted {
                    stack.append((input, 0))
                }
            } else {
                order.append(node)
                stack.removeLast()
            }
        }
        return order
    }
}
