import Testing
import Models
import Tensors

/// The saliency's gradient against central differences, and both maps normalised.
@Suite struct Seq2SeqSaliencyTests {
    static let configuration = Seq2SeqConfiguration(vocabularySize: 7, embeddingSize: 3, hiddenSize: 4, usesAttention: true)

    @Test func theLogProbabilitiesDifferentiateCorrectlyInTheSourceEmbeddings() {
        let model = Seq2SeqAutoencoder<Double>(Self.configuration, seed: 3)
        model.setTraining(false)
        var generator = SeededGenerator(seed: 9)
        let embeddings = Tensor<Double>.randomNormal([1, 5, 3], generator: &generator)
        let report = GradientChecker.check([embeddings]) { v in
            model.targetLogProbabilities(sourceEmbeddings: v[0], target: [4, 2, 6, 5], startToken: 1).logProbabilities
        }
        #expect(report.passes(tolerance: 1e-6), "\(report)")
    }

    @Test func bothMapsHaveRowsThatSumToOneAndParameterGradientsAreKept() {
        let model = Seq2SeqAutoencoder<Double>(Self.configuration, seed: 4)
        let before = model.parameters.map(\.gradientScalars)
        let maps = model.saliencyAndAttention(source: [3, 4, 5, 6, 3], target: [5, 4, 3], startToken: 1)
        #expect(maps.saliency.count == 3 && maps.attention.count == 3)
        for row in maps.saliency + maps.attention {
            #expect(row.count == 5)
            #expect(abs(row.reduce(0, +) - 1) < 1e-12)
            #expect(row.allSatisfy { $0 >= 0 })
        }
        #expect(model.parameters.map(\.gradientScalars) == before)
    }
}
