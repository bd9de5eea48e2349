import Testing
import Models
import Tensors
@testable import Book

@Suite struct ReconstructionTrainingTests {
    @Test func lossHistoriesJoinWithoutRepeatingTheSharedPoint() {
        var first = LossHistory()
        first.steps = [1, 2]; first.train = [5, 4]; first.validationSteps = [0, 2]; first.validation = [6, 4.5]
        var second = LossHistory()
        second.steps = [1]; second.train = [3]; second.validationSteps = [0, 1]; second.validation = [4.5, 3.5]
        let joined = first.followed(by: second)
        #expect(joined.steps == [1, 2, 3] && joined.train == [5, 4, 3])
        #expect(joined.validationSteps == [0, 2, 3] && joined.validation == [6, 4.5, 3.5])
    }

    @Test func trainingLowersTheErrorAndRecordsEveryStep() {
        var generator = SeededGenerator(seed: 5)
        let data = Tensor<Float>.randomUniform([64, 8], generator: &generator)
        let model = MLPAutoencoder<Float>(inputSize: 8, hiddenSize: 16, codeSize: 3, generator: &generator)
        var seen: [Int] = []
        let plan = TrainingPlan(inputs: data, validation: data, steps: 120, batchSize: 16, learningRate: 1e-2,
                                validationEvery: 50)
        let history = trainReconstruction(model, model.callAsFunction, plan: plan, generator: &generator) { step, _ in
            seen.append(step)
        }
        #expect(seen == Array(1...120) && history.train.count == 120)
        #expect(history.validationSteps == [0, 50, 100, 120])
        #expect(history.validation.last! < 0.5 * history.validation.first!)
    }

    @Test func noiseOfZeroLeavesTheInputAndOtherwiseHasTheAskedSpread() {
        var generator = SeededGenerator(seed: 6)
        let x = Tensor<Double>.zeros([200, 50])
        #expect(noisy(x, 0, &generator).scalars == x.scalars)
        let corrupted = noisy(x, 0.3, &generator)
        let variance = (corrupted * corrupted).mean().scalar
        // 10,000 samples: the sample variance has a standard error of σ²·√(2/n) ≈ 0.0013.
        #expect(abs(variance - 0.09) < 0.006)
    }
}
