import Tensors

/// A stack of LSTM layers over batch-first sequences: PyTorch's `nn.LSTM(batch_first=True)`.
///
/// Layer l reads the outputs of layer l−1 (with dropout between layers while training) and
/// parameters are named `weight_ih_l0`, `weight_hh_l0`, `bias_ih_l0`, `bias_hh_l0`, … as in PyTorch.
public final class LSTM<Scalar: TensorScalar>: Module {
    /// The layers, bottom first.
    public let cells: [LSTMCell<Scalar>]
    /// Dropout applied to the outputs of every layer but the last.
    public let dropout: Dropout<Scalar>
    /// The size of h and c.
    public var hiddenSize: Int { cells[0].hiddenSize }

    /// Creates `layerCount` layers; `dropout` is the probability between layers.
    public init(inputSize: Int, hiddenSize: Int, layerCount: Int = 1, dropout: Double = 0,
                generator: inout SeededGenerator) {
        require(layerCount > 0, "LSTM", "layerCount must be positive, got \(layerCount)")
        cells = (0..<layerCount).map { layer in
            LSTMCell(inputSize: layer == 0 ? inputSize : hiddenSize, hiddenSize: hiddenSize,
                     generator: &generator, nameSuffix: "_l\(layer)")
        }
        self.dropout = Dropout(probability: dropout, seed: generator.next())
    }

    /// This module's own parameters, with the names PyTorch gives them.
    public var ownParameters: [(name: String, tensor: Tensor<Scalar>)] { cells.flatMap(\.ownParameters) }
    /// The modules inside this one, with the names PyTorch gives them.
    public var submodules: [(name: String, module: any Module<Scalar>)] { [("dropout", dropout)] }
    // The dropout owns no parameters, so listing it changes no parameter name.

    /// The state of every layer: h and c, each [layers, batch, hidden].
    public struct State {
        /// Hidden states per layer, [layers, batch, hidden].
        public var h: [Tensor<Scalar>]
        /// Cell states per layer, [layers, batch, hidden].
        public var c: [Tensor<Scalar>]
        /// Creates a state from per-layer tensors, each [batch, hidden].
        public init(h: [Tensor<Scalar>], c: [Tensor<Scalar>]) { self.h = h; self.c = c }
        /// h stacked as PyTorch returns it: [layers, batch, hidden].
        public var stackedH: Tensor<Scalar> { Tensor.stack(h, alongAxis: 0) }
        /// c stacked as PyTorch returns it: [layers, batch, hidden].
        public var stackedC: Tensor<Scalar> { Tensor.stack(c, alongAxis: 0) }
    }

    /// A zero state for a batch.
    public func zeroState(batchSize: Int) -> State {
        State(h: cells.map { $0.zeroState(batchSize: batchSize).h }, c: cells.map { $0.zeroState(batchSize: batchSize).c })
    }

    /// Runs over x [batch, time, input]; returns every top-layer output [batch, time, hidden] and the final state.
    public func callAsFunction(_ x: Tensor<Scalar>, state initial: State? = nil) -> (outputs: Tensor<Scalar>, state: State) {
        guard x.rank == 3 else { shapeFailure("LSTM",
                                              "input must be [batch, time, features], got \(describe(x.shape))") }
        let batch = x.shape[0], time = x.shape[1]
        require(time > 0, "LSTM", "input has no time steps, shape \(describe(x.shape))")
        var state = initial ?? zeroState(batchSize: batch)
        var layerInput = x
        var outputs: [Tensor<Scalar>] = []
        for (l, cell) in cells.enumerated() {
            let projected = cell.inputProjection(layerInput)  // [batch, time, 4·hidden], all steps at once
            var h = state.h[l], c = state.c[l]
            outputs = []
            for t in 0..<time {
                (h, c) = cell.step(.sequence(projected, time: t), state: (h, c))  // [batch, hidden] each
                outputs.append(h)
            }
            state.h[l] = h
            state.c[l] = c
            layerInput = Tensor.stack(outputs, alongAxis: 1)  // [batch, time, hidden]
            if l < cells.count - 1 { layerInput = dropout(layerInput) }
        }
        return (layerInput, state)
    }

    /// One time step through every layer: x [batch, input] → top output [batch, hidden] and the new state.
    public func step(_ x: Tensor<Scalar>, state: State) -> (output: Tensor<Scalar>, state: State) {
        var state = state
        var input = x
        for (l, cell) in cells.enumerated() {
            (state.h[l], state.c[l]) = cell(input, state: (state.h[l], state.c[l]))
            input = l < cells.count - 1 ? dropout(state.h[l]) : state.h[l]
        }
        return (input, state)
    }
}
