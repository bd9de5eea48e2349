import Testing
import Tensors
import NeuralNetworks

// Exit tests arrived with Swift 6.2; older toolchains skip these.
#if compiler(>=6.2)
/// A layer given the wrong input stops with a line naming the layer and the sizes, not an
/// operation deep inside it.
@Suite("Layers name themselves when their input is wrong")
struct LayerInputErrorTests {
    @Test("Linear with an input of the wrong width names the layer, the width and the shape")
    func linearWidth() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = SeededGenerator(seed: 1)
            let layer = Linear<Float>(inputSize: 4, outputSize: 8, generator: &generator)
            _ = layer(Tensor<Float>.zeros([2, 5]))
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("Linear(4 → 8): input has width 5, shape [2, 5]"), "\(message)")
        #expect(!message.contains("matmul"))
    }

    @Test("Linear with a vector of the wrong width names the layer too")
    func linearVectorWidth() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = SeededGenerator(seed: 1)
            _ = Linear<Double>(inputSize: 3, outputSize: 2, generator: &generator)(Tensor<Double>.zeros([7]))
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("Linear(3 → 2): input has width 7, shape [7]"), "\(message)")
    }

    @Test("Linear(inputSize: 0) says the sizes must be positive")
    func linearOfSizeZero() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = SeededGenerator(seed: 1)
            _ = Linear<Float>(inputSize: 0, outputSize: 3, generator: &generator)
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("Linear: sizes must be positive, got 0 → 3"), "\(message)")
    }

    @Test("an embedding index outside the vocabulary names the embedding and the range")
    func embeddingIndex() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = SeededGenerator(seed: 1)
            let embedding = Embedding<Float>(vocabularySize: 12, dimension: 3, generator: &generator)
            _ = embedding([3, 15], shape: [2])
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("Embedding(vocabulary 12): index 15 out of range 0..<12"), "\(message)")
        #expect(!message.contains("gatherRows"))
    }

    @Test("an LSTM given no time steps says so, with the shape")
    func lstmWithoutTimeSteps() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = SeededGenerator(seed: 1)
            let lstm = LSTM<Float>(inputSize: 3, hiddenSize: 4, generator: &generator)
            _ = lstm(Tensor<Float>.zeros([2, 0, 3]))
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("LSTM: input has no time steps, shape [2, 0, 3]"), "\(message)")
        #expect(!message.contains("stack"))
    }
}
#endif
