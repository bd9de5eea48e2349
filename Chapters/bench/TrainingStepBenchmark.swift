import Book
import Tensors
import NeuralNetworks
import Optimizers
import Models
import Notebook

/// One model and batch shape to time.
struct TrainingStepCase {
    var label: String
    var configuration: Seq2SeqConfiguration
    var batchSize: Int
    var length: Int
    /// PyTorch 2.13 (CPU, one thread) on this machine for the same step, where measured.
    var pytorchMilliseconds: Double?
}

func runTrainingStepBenchmark(_ options: BenchmarkOptions) {
    let small = Seq2SeqConfiguration(vocabularySize: 21, embeddingSize: 32, hiddenSize: 64)
    var cases: [TrainingStepCase] = [
        .init(label: "article, attention, T=10", configuration: .article, batchSize: 32, length: 10, pytorchMilliseconds: 190),
        .init(label: "article, attention, T=20", configuration: .article, batchSize: 32, length: 20, pytorchMilliseconds: 370),
        .init(label: "article, attention, T=40", configuration: .article, batchSize: 32, length: 40),
        .init(label: "small, attention, T=10", configuration: small, batchSize: 64, length: 10, pytorchMilliseconds: 30),
        .init(label: "small, no attention, T=10", configuration: small.withAttention(false), batchSize: 64, length: 10,
              pytorchMilliseconds: 11.5),
    ]
    if options.quick { cases = [cases[0], cases[3], cases[4]] }
    let cores = MatrixMultiply.maximumThreads
    print("One training step: teacher-forced forward, cross-entropy, backward, Adam (median ms)")
    print("")
    let header = "model".rightPadded(27) + "1 thread".leftPadded(10) + "\(cores) threads".leftPadded(11)
        + "PyTorch 1t".leftPadded(12)
    print(header)
    print(String(repeating: "-", count: header.count))
    for step in cases {
        let repetitions = options.quick ? 3 : (step.configuration.hiddenSize > 100 ? 7 : 41)
        MatrixMultiply.maximumThreads = 1
        let one = 1000 * Timing.medianSeconds(repetitions: repetitions, step.freshTrainingStep())
        MatrixMultiply.maximumThreads = cores
        let all = 1000 * Timing.medianSeconds(repetitions: repetitions, step.freshTrainingStep())
        let reference = step.pytorchMilliseconds.map { fixed($0, 1) } ?? "—"
        print(step.label.rightPadded(27) + fixed(one, 1).leftPadded(10) + fixed(all, 1).leftPadded(11)
            + reference.leftPadded(12))
    }
    MatrixMultiply.maximumThreads = cores
    print("")
}

extension TrainingStepCase {
    /// One training step of a newly built model on a fixed batch of this case's shape, to be timed.
    func freshTrainingStep() -> () -> Void {
        let model = Seq2SeqAutoencoder<Float>(configuration, seed: 1)
        let optimizer = Adam(parameters: model.parameters, learningRate: 1e-3)
        var generator = SeededGenerator(seed: 2)
        let vocabulary = configuration.vocabularySize
        let source = (0..<(batchSize * length)).map { _ in 2 + generator.nextInt(below: vocabulary - 2) }
        return { [batchSize] in
            optimizer.zeroGradients()
            model.loss(source: source, target: source, batchSize: batchSize, startToken: 1).backward()
            optimizer.step()
        }
    }
}
