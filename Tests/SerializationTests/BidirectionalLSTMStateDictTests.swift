import Foundation
import Testing
import Tensors
import NeuralNetworks
import Serialization
import TestSupport

/// A bidirectional LSTM's state dict written to safetensors and read back into another one.
@Suite struct BidirectionalLSTMStateDictTests {
    @Test func aStateDictMovesToAnotherBidirectionalLSTM() throws {
        var first = SeededGenerator(seed: 1), second = SeededGenerator(seed: 2)
        let source = LSTM<Float>(inputSize: 3, hiddenSize: 4, layerCount: 2, bidirectional: true, generator: &first)
        let target = LSTM<Float>(inputSize: 3, hiddenSize: 4, layerCount: 2, bidirectional: true, generator: &second)
        let path = scratchFolder() + "/lstm.safetensors"
        try Safetensors.save(source.namedParameters, to: path)
        let stored = try Safetensors.load(from: path, as: Float.self)
        #expect(stored.keys.sorted() == source.namedParameters.map(\.name).sorted())
        #expect(stored["weight_ih_l1_reverse"]?.shape == [16, 8])
        try Safetensors.load(into: target.namedParameters, from: path)
        var generator = SeededGenerator(seed: 3)
        let x = Tensor<Float>.randomNormal([2, 5, 3], generator: &generator)
        #expect(source(x).outputs.scalars == target(x).outputs.scalars)
    }
}
