// Graders for chapter 4: a GRU cell and greedy decoding.
import Tensors
import NeuralNetworks
import Models
import Notebook

/// A GRU step as the student writes it: (x, h, W_ih, W_hh, b_ih, b_hh) → h′.
public typealias GRUCellStep = (_ x: Tensor<Double>, _ h: Tensor<Double>, _ weightIH: Tensor<Double>,
                                _ weightHH: Tensor<Double>, _ biasIH: Tensor<Double>, _ biasHH: Tensor<Double>)
    throws -> Tensor<Double>

/// Grades a GRU cell: its values against PyTorch's `GRUCell` formula worked out element by element
/// here, then its gradients with respect to all six inputs with the gradient checker (Float64).
public func gradeGRUCell(_ student: GRUCellStep) throws -> ExerciseVerdict {
    var generator = SeededGenerator(seed: 41)
    let batch = 3, input = 4, hidden = 5
    func random(_ shape: [Int]) -> Tensor<Double> {
        Tensor.randomUniform(shape, low: -0.8, high: 0.8, generator: &generator)
    }
    let inputs = [random([batch, input]), random([batch, hidden]), random([3 * hidden, input]),
                  random([3 * hidden, hidden]), random([3 * hidden]), random([3 * hidden])]
    let answer = try student(inputs[0], inputs[1], inputs[2], inputs[3], inputs[4], inputs[5])
    guard answer.shape == [batch, hidden] else {
        return .failed("h′ should have shape [\(batch), \(hidden)] ([batch, hidden]), got \(answer.shape)")
    }
    let expected = referenceGRUStep(inputs.map(\.scalars), batch: batch, input: input, hidden: hidden)
    let valueError = largestDifference(answer, Tensor(shape: answer.shape, scalars: expected))
    guard valueError <= 1e-12 else {
        return .failed("h′ differs from the GRU formula by up to \(scientific(valueError)) "
                       + "(check the gate order r, z, n, where r multiplies, and which of n and h gets z)")
    }
    let report = try checkGradient(of: inputs, fallback: { _ in Tensor.zeros([batch, hidden]) }) { leaves in
        try student(leaves[0], leaves[1], leaves[2], leaves[3], leaves[4], leaves[5])
    }
    guard report.passes(tolerance: 1e-6) else {
        let names = ["x", "h", "weightIH", "weightHH", "biasIH", "biasHH"]
        return .failed("values are right but gradients are not: \(report) (input \(names[report.inputIndex]))")
    }
    return .passed("h′ matches the GRU formula within \(scientific(valueError)); gradient check of all "
                   + "six inputs: max relative error \(scientific(report.maxRelativeError)) ≤ 1e-6")
}

/// PyTorch's GRU step written out with scalar loops: the independent reference for the grader.
func referenceGRUStep(_ p: [[Double]], batch: Int, input: Int, hidden: Int) -> [Double] {
    let (x, h, wih, whh, bih, bhh) = (p[0], p[1], p[2], p[3], p[4], p[5])
    func sigmoid(_ v: Double) -> Double { 1 / (1 + Double.exp(-v)) }
    var result = [Double](repeating: 0, count: batch * hidden)
    for b in 0..<batch {
        for j in 0..<hidden {
            // Row r of the weights for gate k (0 = r, 1 = z, 2 = n) and unit j.
            func fromInput(_ k: Int) -> Double {
                let row = k * hidden + j
                return (0..<input).reduce(bih[row]) { $0 + wih[row * input + $1] * x[b * input + $1] }
            }
            func fromHidden(_ k: Int) -> Double {
                let row = k * hidden + j
                return (0..<hidden).reduce(bhh[row]) { $0 + whh[row * hidden + $1] * h[b * hidden + $1] }
            }
            let r = sigmoid(fromInput(0) + fromHidden(0))
            let z = sigmoid(fromInput(1) + fromHidden(1))
            let n = Double.tanh(fromInput(2) + r * fromHidden(2))
            result[b * hidden + j] = (1 - z) * n + z * h[b * hidden + j]
        }
    }
    return result
}

/// Greedy decoding as the student writes it: (model, sources, length, start token) → tokens.
public typealias GreedyDecoder = (_ model: Seq2SeqAutoencoder<Float>, _ sources: [[Int]], _ length: Int,
                                  _ startToken: Int) throws -> [[Int]]

/// Grades greedy decoding on small random models with and without attention, against Models'
/// `greedyDecodeByRereading`, which decodes the slow way: it re-runs the whole decoder on the
/// prefix chosen so far at every step and takes the argmax of the last position.
public func gradeGreedyDecoding(_ student: GreedyDecoder) throws -> ExerciseVerdict {
    var compared = 0
    for attention in [false, true] {
        let configuration = Seq2SeqConfiguration(vocabularySize: 9, embeddingSize: 6, hiddenSize: 8, layerCount: 2,
                                                 usesAttention: attention)
        let model = Seq2SeqAutoencoder<Float>(configuration, seed: attention ? 43 : 42)
        // Larger weights than at initialisation, so that each step's choice depends on the token fed back.
        for parameter in model.parameters { parameter.assign(parameter.scalars.map { 4 * $0 }) }
        var generator = SeededGenerator(seed: 44)
        let sources = (0..<4).map { _ in (0..<6).map { _ in 2 + generator.nextInt(below: 7) } }
        let length = 7
        let expected = greedyDecodeByRereading(model: model, sources: sources, length: length, startToken: 1)
        let answer = try student(model, sources, length, 1)
        guard answer.count == sources.count, answer.allSatisfy({ $0.count == length }) else {
            return .failed("expected \(sources.count) rows of \(length) tokens, got rows of lengths \(answer.map(\.count))")
        }
        if let row = answer.indices.first(where: { answer[$0] != expected[$0] }) {
            return .failed("\(attention ? "with" : "without") attention, row \(row): decoded \(answer[row]), "
                           + "greedy decoding gives \(expected[row]) (feed back each step's argmax, keep the state)")
        }
        compared += answer.count * length
    }
    return .passed("all \(compared) tokens agree with greedy decoding, with and without attention")
}
