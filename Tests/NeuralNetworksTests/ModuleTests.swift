import Testing
import Tensors
@testable import NeuralNetworks

/// The article's encoder, decoder and attention at its sizes, built from the library's layers.
final class ArticleSizedEncoder: Module {
    typealias Scalar = Float
    let embedding: Embedding<Float>
    let rnn: LSTM<Float>
    init(generator: inout SeededGenerator) {
        embedding = Embedding(vocabularySize: 100, dimension: 200, generator: &generator)
        rnn = LSTM(inputSize: 200, hiddenSize: 256, layerCount: 2, dropout: 0.5, generator: &generator)
    }
    var submodules: [(name: String, module: any Module<Float>)] { [("embedding", embedding), ("rnn", rnn)] }
}

@Suite("Modules: parameter names, layouts and counts as in PyTorch")
struct ModuleTests {
    @Test func lstmNamesAndShapes() {
        var g = SeededGenerator(seed: 1)
        let lstm = LSTM<Float>(inputSize: 3, hiddenSize: 5, layerCount: 2, generator: &g)
        let table = lstm.parameterTable
        #expect(table.map(\.name) == ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
                                      "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1"])
        #expect(table.map(\.shape) == [[20, 3], [20, 5], [20], [20], [20, 5], [20, 5], [20], [20]])
    }

    @Test func articleSizedCountsMatchPyTorch() {
        // Counts PyTorch reports for the same layers (see the issue): encoder 1,015,328;
        // attention with W, U [256, 256] and v [1, 256], no biases: 131,328.
        var g = SeededGenerator(seed: 2)
        let encoder = ArticleSizedEncoder(generator: &g)
        #expect(encoder.parameterCount == 1_015_328)
        #expect(encoder.namedParameters.map(\.name).first == "embedding.weight")
        #expect(encoder.namedParameters.map(\.name).contains("rnn.weight_hh_l1"))
        let attention = AdditiveAttention<Float>(querySize: 256, keySize: 256, hiddenSize: 256, generator: &g)
        #expect(attention.parameterCount == 131_328)
        #expect(attention.namedParameters.map(\.name) == ["query.weight", "key.weight", "v.weight"])
        let fc = Linear<Float>(inputSize: 512, outputSize: 100, generator: &g)
        #expect(fc.parameterCount == 51_300)
        #expect(fc.weight.shape == [100, 512])
    }

    @Test func multiHeadAttentionNames() {
        var g = SeededGenerator(seed: 3)
        let mha = MultiHeadAttention<Float>(embedSize: 8, headCount: 2, generator: &g)
        #expect(mha.namedParameters.map(\.name) == ["in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"])
        #expect(mha.parameterCount == 3 * 8 * 8 + 3 * 8 + 8 * 8 + 8)
    }

    @Test func trainingModeReachesNestedDropout() {
        var g = SeededGenerator(seed: 4)
        let encoder = ArticleSizedEncoder(generator: &g)
        encoder.setTraining(false)
        #expect(!encoder.rnn.dropout.isTraining)
        encoder.setTraining(true)
        #expect(encoder.rnn.dropout.isTraining)
    }

    @Test func zeroGradientsClearsEveryParameter() {
        var g = SeededGenerator(seed: 5)
        let layer = Linear<Double>(inputSize: 2, outputSize: 2, generator: &g)
        layer(Tensor<Double>([1, 2])).sum().backward()
        #expect(layer.parameters.allSatisfy { $0.gradient != nil })
        layer.zeroGradients()
        #expect(layer.parameters.allSatisfy { $0.gradient == nil })
    }
}
