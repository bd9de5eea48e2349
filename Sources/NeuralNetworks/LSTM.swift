import Tensors

/// A stack of LSTM layers over batch-first sequences: PyTorch's `nn.LSTM(batch_first=True)`,
/// one-directional or bidirectional.
///
/// Layer l reads the outputs of layer l−1 (with dropout between layers while training) and
/// parameters are named `weight_ih_l0`, `weight_hh_l0`, `bias_ih_l0`, `bias_hh_l0`, … as in PyTorch.
/// A bidirectional stack adds, per layer, a cell that reads the sequence from its end, named
/// `weight_ih_l0_reverse`, … and listed after the layer's forward cell, as PyTorch's state dict
/// lists them. Its outputs are [forward ; backward] on the last axis, and layer l > 0 reads both.
///
/// With `lengths`, row b holds `lengths[b]` real steps followed by padding: the forward cell
/// keeps its state unchanged over the padding (so its final state is the one after the row's own
/// last token), the reverse cell starts at the row's last real token, and the outputs at padded
/// steps are zero, as PyTorch's packed sequences give them.
public final class LSTM<Scalar: TensorScalar>: Module {
    /// The layers, bottom first (the forward direction of a bidirectional stack).
    public let cells: [LSTMCell<Scalar>]
    /// The reverse-direction cell of each layer, bottom first; empty for a one-directional stack.
    public let reverseCells: [LSTMCell<Scalar>]
    /// Dropout applied to the outputs of every layer but the last.
    public let dropout: Dropout<Scalar>
    /// The size of h and c.
    public var hiddenSize: Int { cells[0].hiddenSize }
    /// Whether each layer also reads the sequence backwards.
    public var isBidirectional: Bool { !reverseCells.isEmpty }
    /// 2 for a bidirectional stack, 1 otherwise.
    public var directionCount: Int { isBidirectional ? 2 : 1 }
    /// The size of each output vector: hidden, or 2·hidden when bidirectional.
    public var outputSize: Int { directionCount * hiddenSize }

    /// Creates `layerCount` layers; `dropout` is the probability between layers.
    public init(inputSize: Int, hiddenSize: Int, layerCount: Int = 1, dropout: Double = 0, bidirectional: Bool = false,
                generator: inout SeededGenerator) {
        require(layerCount > 0, "LSTM", "layerCount must be positive, got \(layerCount)")
        var forward: [LSTMCell<Scalar>] = [], reverse: [LSTMCell<Scalar>] = []
        let directions = bidirectional ? 2 : 1
        for layer in 0..<layerCount {
            let layerInput = layer == 0 ? inputSize : directions * hiddenSize
            forward.append(LSTMCell(inputSize: layerInput, hiddenSize: hiddenSize, generator: &generator,
                                    nameSuffix: "_l\(layer)"))
            if bidirectional {
                reverse.append(LSTMCell(inputSize: layerInput, hiddenSize: hiddenSize, generator: &generator,
                                        nameSuffix: "_l\(layer)_reverse"))
            }
        }
        cells = forward
        reverseCells = reverse
        self.dropout = Dropout(probability: dropout, seed: generator.next())
    }

    /// This module's own parameters, with the names PyTorch gives them, in its state dict's order.
    public var ownParameters: [(name: String, tensor: Tensor<Scalar>)] {
        cells.indices.flatMap { l in cells[l].ownParameters + (isBidirectional ? reverseCells[l].ownParameters : []) }
    }
    /// The modules inside this one, with the names PyTorch gives them.
    public var submodules: [(name: String, module: any Module<Scalar>)] { [("dropout", dropout)] }
    // The dropout owns no parameters, so listing it changes no parameter name.

    /// The state of every layer and direction: h and c, each [layers·directions, batch, hidden]
    /// (layer 0 forward, layer 0 reverse, layer 1 forward, … as PyTorch orders h_n and c_n).
    public struct State {
        /// Hidden states per layer and direction, each [batch, hidden].
        public var h: [Tensor<Scalar>]
        /// Cell states per layer and direction, each [batch, hidden].
        public var c: [Tensor<Scalar>]
        /// Creates a state from per-layer tensors, each [batch, hidden].
        public init(h: [Tensor<Scalar>], c: [Tensor<Scalar>]) { self.h = h; self.c = c }
        /// h stacked as PyTorch returns it: [layers·directions, batch, hidden].
        public var stackedH: Tensor<Scalar> { Tensor.stack(h, alongAxis: 0) }
        /// c stacked as PyTorch returns it: [layers·directions, batch, hidden].
        public var stackedC: Tensor<Scalar> { Tensor.stack(c, alongAxis: 0) }
    }

    /// A zero state for a batch.
    public func zeroState(batchSize: Int) -> State {
        let zero = cells[0].zeroState(batchSize: batchSize)
        let entries = cells.count * directionCount
        return State(h: Array(repeating: zero.h, count: entries), c: Array(repeating: zero.c, count: entries))
    }

    /// Runs over x [batch, time, input]; returns every top-layer output [batch, time, outputSize]
    /// and the final state. `lengths` (one per row, 1…time) marks the rows' real steps.
    public func callAsFunction(_ x: Tensor<Scalar>, state initial: State? = nil,
                               lengths: [Int]? = nil) -> (outputs: Tensor<Scalar>, state: State) {
        guard x.rank == 3 else { shapeFailure("LSTM",
                                              "input must be [batch, time, features], got \(describe(x.shape))") }
        let batch = x.shape[0], time = x.shape[1]
        require(time > 0, "LSTM", "input has no time steps, shape \(describe(x.shape))")
        if let lengths {
            require(lengths.count == batch && lengths.allSatisfy({ (1...time).contains($0) }), "LSTM",
                    "need one length in 1...\(time) per row of \(batch), got \(lengths)")
        }
        var state = initial ?? zeroState(batchSize: batch)
        require(state.h.count == cells.count * directionCount, "LSTM",
                "the initial state has \(state.h.count) entries for \(cells.count * directionCount) layers and directions")
        let live = lengths.map { StepMasks<Scalar>(lengths: $0, time: time) }
        var layerInput = x
        for l in cells.indices {
            let slot = l * directionCount
            let forward = run(cells[l], over: layerInput, steps: Array(0..<time), from: (state.h[slot], state.c[slot]), live: live)
            (state.h[slot], state.c[slot]) = forward.final
            var outputs = forward.outputs                                    // [batch, time, hidden]
            if isBidirectional {
                let backward = run(reverseCells[l], over: layerInput, steps: Array((0..<time).reversed()),
                                   from: (state.h[slot + 1], state.c[slot + 1]), live: live)
                (state.h[slot + 1], state.c[slot + 1]) = backward.final
                outputs = Tensor.concatenate([outputs, backward.outputs], alongAxis: 2)  // [batch, time, 2·hidden]
            }
            layerInput = l < cells.count - 1 ? dropout(outputs) : outputs
        }
        return (layerInput, state)
    }

    /// One cell over the steps in the order given; outputs are returned in time order [batch, time, hidden].
    private func run(_ cell: LSTMCell<Scalar>, over input: Tensor<Scalar>, steps: [Int],
                     from start: (h: Tensor<Scalar>, c: Tensor<Scalar>), live: StepMasks<Scalar>?)
        -> (outputs: Tensor<Scalar>, final: (h: Tensor<Scalar>, c: Tensor<Scalar>)) {
        let projected = cell.inputProjection(input)  // [batch, time, 4·hidden], all steps at once
        var (h, c) = start
        var outputs = [Tensor<Scalar>?](repeating: nil, count: steps.count)
        for t in steps {
            let (nextH, nextC) = cell.step(.sequence(projected, time: t), state: (h, c))  // [batch, hidden] each
            if let mask = live?.masks[t] {
                // Padded rows keep their state and output zeros.
                h = Tensor.where(mask, nextH, h)
                c = Tensor.where(mask, nextC, c)
                outputs[t] = Tensor.where(mask, nextH, Tensor<Scalar>.zeros([1, 1]))
            } else {
                (h, c) = (nextH, nextC)
                outputs[t] = nextH
            }
        }
        return (Tensor.stack(outputs.map { $0! }, alongAxis: 1), (h, c))
    }

    /// One time step through every layer: x [batch, input] → top output [batch, hidden] and the new state.
    /// Only for a one-directional stack (a reverse cell needs the whole sequence).
    public func step(_ x: Tensor<Scalar>, state: State) -> (output: Tensor<Scalar>, state: State) {
        require(!isBidirectional, "LSTM.step", "a bidirectional LSTM cannot run one step at a time")
        var state = state
        var input = x
        for (l, cell) in cells.enumerated() {
            (state.h[l], state.c[l]) = cell(input, state: (state.h[l], state.c[l]))
            input = l < cells.count - 1 ? dropout(state.h[l]) : state.h[l]
        }
        return (input, state)
    }
}

/// For each step of a padded batch, a [batch, 1] mask of the rows still inside their sequence,
/// or nil at a step where every row is (so unpadded steps cost nothing extra).
struct StepMasks<Scalar: TensorScalar> {
    /// One entry per step.
    let masks: [Tensor<Scalar>?]

    init(lengths: [Int], time: Int) {
        masks = (0..<time).map { t in
            lengths.allSatisfy({ t < $0 }) ? nil
                : Tensor(shape: [lengths.count, 1], scalars: lengths.map { t < $0 ? 1 : 0 })
        }
    }
}
