import Testing
import Tensors
import NeuralNetworks
@testable import Models

@Suite("The sequence autoencoder")
struct Seq2SeqAutoencoderTests {
    @Test func articleSizedParameterCountsMatchPyTorch() {
        // Counts of the equivalent PyTorch model (decoder LSTM input = embedding ⊕ context,
        // output layer on state ⊕ context, additive attention without biases).
        let model = Seq2SeqAutoencoder<Float>(.article, seed: 1)
        let counts = Dictionary(uniqueKeysWithValues: model.parameterCountBySubmodule.map { ($0.name, $0.count) })
        #expect(counts["encoder"] == 1_015_328)
        #expect(counts["decoder"] == 1_328_772)
        #expect(counts["attention"] == 131_328)
        #expect(model.parameterCount == 2_475_428)
        #expect(Seq2SeqAutoencoder<Float>(Seq2SeqConfiguration.article.withAttention(false), seed: 1).parameterCount == 2_056_356)
    }

    @Test(arguments: [true, false])
    func wholeModelGradientCheckAtATinySize(attention: Bool) {
        let configuration = Seq2SeqConfiguration(vocabularySize: 6, embeddingSize: 3, hiddenSize: 4, layerCount: 2,
                                                 dropout: 0, usesAttention: attention)
        let model = Seq2SeqAutoencoder<Double>(configuration, seed: 3)
        let source = [2, 3, 4, 5, 3, 2], target = [3, 4, 2, 2, 5, 3]
        let report = GradientChecker.check(parameters: model.parameters) {
            model.loss(source: source, target: target, batchSize: 2, startToken: 1)
        }
        #expect(report.passes(tolerance: 1e-6), "\(report)")
    }

    @Test func aTrainingStepHasTheSameGradientBitsOnOneTwoAndThreeThreads() {
        // Every weight used at each step gets its gradient as one product at the end of the pass,
        // split across threads along its outputs: the bits must not depend on the thread count.
        let configuration = Seq2SeqConfiguration(vocabularySize: 20, embeddingSize: 32, hiddenSize: 64, layerCount: 2,
                                                 dropout: 0, usesAttention: true)
        var generator = SeededGenerator(seed: 9)
        let (batch, time) = (32, 6)
        let source = (0..<(batch * time)).map { _ in Int.random(in: 2..<20, using: &generator) }
        let target = source.reversed().map { $0 }
        func gradients(threads: Int) -> [[Float]] {
            let saved = MatrixMultiply.maximumThreads
            MatrixMultiply.maximumThreads = threads
            defer { MatrixMultiply.maximumThreads = saved }
            let model = Seq2SeqAutoencoder<Float>(configuration, seed: 7)
            model.loss(source: source, target: target, batchSize: batch, startToken: 1).backward()
            return model.parameters.map { $0.gradient!.scalars }
        }
        let one = gradients(threads: 1)
        for threads in [2, 3] {
            let other = gradients(threads: threads)
            let differing = zip(one, other).map { a, b in zip(a, b).filter { $0.bitPattern != $1.bitPattern }.count }
            #expect(differing.allSatisfy { $0 == 0 }, "\(threads) threads: differing elements per parameter \(differing)")
        }
    }

    @Test func attentionRowsSumToOneAndRespectTheMask() {
        let configuration = Seq2SeqConfiguration(vocabularySize: 8, embeddingSize: 4, hiddenSize: 5)
        let model = Seq2SeqAutoencoder<Float>(configuration, seed: 4)
        let mask = Tensor<Float>(shape: [2, 4], scalars: [0, 0, 0, 0, 0, 0, 1, 1])
        let (_, weights) = model.greedyDecode(source: [2, 3, 4, 5, 6, 7, 0, 0], batchSize: 2, length: 3,
                                              startToken: 1, sourceMask: mask)
        let w = weights!  // [batch, length, sourceTime]
        #expect(w.shape == [2, 3, 4])
        for b in 0..<2 {
            for t in 0..<3 {
                #expect(abs((0..<4).map { w[b, t, $0] }.reduce(0, +) - 1) < 1e-6)
            }
        }
        for t in 0..<3 { #expect(w[1, t, 2] == 0 && w[1, t, 3] == 0) }
    }

    @Test func shiftRightPutsTheStartTokenFirst() {
        #expect(Seq2SeqAutoencoder<Float>.shiftRight([5, 6, 7, 8, 9, 10], batchSize: 2, startToken: 1) == [1, 5, 6, 1, 8, 9])
    }
}
