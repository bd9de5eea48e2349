import Dispatch
import Tensors
import Layers
import Models

/// Times one training step of a sequence autoencoder: forward with teacher forcing,
/// cross-entropy, backward and an optimiser update.
struct TrainingStepBenchmark {
    let name: String
    let configuration: Seq2SeqConfiguration
    let batchSize: Int
    let length: Int

    /// The median time of one step in milliseconds over `repetitions` steps after a warm-up.
    func run(repetitions: Int, update: (Seq2SeqAutoencoder<Float>) -> (() -> Void)) -> Double {
        let model = Seq2SeqAutoencoder<Float>(configuration, seed: 1)
        let step = update(model)
        var generator = SeededGenerator(seed: 2)
        let vocabulary = configuration.vocabularySize
        let source = (0..<(batchSize * length)).map { _ in 2 + generator.nextInt(below: vocabulary - 2) }
        func trainOnce() {
            model.zeroGradients()
            let loss = model.loss(source: source, target: source, batchSize: batchSize, startToken: 1)
            loss.backward()
            step()
        }
        trainOnce()
        var times: [Double] = []
        for _ in 0..<repetitions {
            let start = DispatchTime.now().uptimeNanoseconds
            trainOnce()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        return times.sorted()[times.count / 2]
    }
}
