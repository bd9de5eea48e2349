// Introduced in chapter 4 (two bottleneck sizes trained on the same batches); chapter 5 adds the
// cool-down and the pair with and without attention.
import Datasets
import Models
import Notebook
import Tensors

/// A cut of the learning rate for the last part of a run, which settles the weights.
public struct CoolDown: Sendable {
    /// The fraction of the steps, at the end, trained at the lower rate.
    public var fraction: Double
    /// The lower rate as a fraction of the starting one.
    public var factor: Double

    /// The last `fraction` of the steps at `factor` times the starting learning rate.
    public init(lastFraction fraction: Double, factor: Double) {
        require(fraction >= 0 && fraction <= 1 && factor > 0, "CoolDown",
                "need 0 ≤ fraction ≤ 1 and factor > 0, got \(fraction) and \(factor)")
        self.fraction = fraction
        self.factor = factor
    }
}

/// Trains two sequence models (any two trainers: LSTMs, Transformers) at once, one per core, on the same batches, a chunk of steps at a time.
///
/// `nextBatch` is called once per step, in order, so the batches do not depend on the chunk size;
/// a chunk never crosses the step where the learning rate is cut, so chunking changes no result.
/// The progress line shows the loss of `trainers[shownLoss]`. Returns the wall-clock seconds.
/// A loss that is NaN or infinite stops the program, naming the trainer (see `Seq2SeqTrainer.step`).
@discardableResult
public func trainSideBySide(_ trainers: [any SequenceModelTrainer], steps: Int, chunk: Int = 10, coolDown: CoolDown? = nil,
                            progress: TrainingProgress, shownLoss: Int = 0,
                            nextBatch: () -> SequenceBatch) -> Double {
    require(trainers.count == 2, "trainSideBySide", "needs two trainers, got \(trainers.count)")
    require(steps > 0 && chunk > 0, "trainSideBySide", "steps and chunk must be positive, got \(steps) and \(chunk)")
    let learningRates = trainers.map(\.optimizer.learningRate)
    let coolDownStart = coolDown.map { Int((1 - $0.fraction) * Double(steps)) } ?? steps
    let elapsed = TrainingProgress.stopwatch()
    var done = 0
    while done < steps {
        if let coolDown, done >= coolDownStart {
            for (trainer, rate) in zip(trainers, learningRates) { trainer.optimizer.learningRate = coolDown.factor * rate }
        }
        let end = min(done + chunk, steps, done < coolDownStart ? coolDownStart : steps)
        let batches = (done..<end).map { _ in nextBatch() }
        _ = SideBySide.run({ for batch in batches { trainers[0].step(sources: batch.sources, targets: batch.targets) } },
                           { for batch in batches { trainers[1].step(sources: batch.sources, targets: batch.targets) } })
        done = end
        progress.update(step: done, loss: trainers[shownLoss].losses.last)
    }
    return elapsed()
}

/// A pair of sequence models, one with attention and one without, trained on the same batches.
public struct ModelPair {
    /// The model with attention.
    public let withAttention: Seq2SeqTrainer
    /// The same model without attention.
    public let withoutAttention: Seq2SeqTrainer
    /// Wall-clock seconds the pair trained for.
    public let seconds: Double
    /// Both, with attention first.
    public var both: [Seq2SeqTrainer] { [withAttention, withoutAttention] }

    /// Builds both models from `configuration` (same seed, attention on and off) and trains them for
    /// `steps` steps on batches from `makeBatch`, the last `coolDown` fraction at 30% of the learning rate.
    /// With `usesEndToken`, targets end with the end token and batches may mix lengths (see `Seq2SeqTrainer`).
    /// A loss that is NaN or infinite stops the program with a line naming `label` and the model.
    public static func train(book: Notebook, label: String, configuration: Seq2SeqConfiguration, steps: Int,
                             seed: UInt64, learningRate: Double, coolDown: Double = 0.3, usesEndToken: Bool = false,
                             makeBatch: (inout SeededGenerator) -> SequenceBatch) -> ModelPair {
        let trainers = [true, false].map { attention in
            Seq2SeqTrainer(model: Seq2SeqAutoencoder<Float>(configuration.withAttention(attention), seed: seed),
                           learningRate: learningRate, startToken: Vocabulary.start, usesEndToken: usesEndToken)
        }
        let seconds = trainPair(book: book, label: label, trainers: trainers, names: ("with attention", "without"),
                                steps: steps, seed: seed, coolDown: coolDown, makeBatch: makeBatch)
        return ModelPair(withAttention: trainers[0], withoutAttention: trainers[1], seconds: seconds)
    }
}

/// Trains two prepared trainers side by side for `steps` steps on batches from `makeBatch` (drawn
/// from a generator seeded `seed + 1`, as `ModelPair.train` draws them, so pairs trained with the
/// same seed see the same batches), the last `coolDown` fraction at 30% of the learning rate.
/// The progress line ends with the mean loss of the last steps of each, under `names`; returns the seconds.
@discardableResult
public func trainPair(book: Notebook, label: String, trainers: [any SequenceModelTrainer], names: (String, String), steps: Int,
                      seed: UInt64, coolDown: Double = 0.3, makeBatch: (inout SeededGenerator) -> SequenceBatch) -> Double {
    for trainer in trainers { trainer.name += " ('\(label)')" }
    var generator = SeededGenerator(seed: seed &+ 1)
    let window = max(10, steps / 20)
    let progress = book.progress(label, total: steps)
    let seconds = trainSideBySide(trainers, steps: steps, coolDown: CoolDown(lastFraction: coolDown, factor: 0.3),
                                  progress: progress) { makeBatch(&generator) }
    let final = trainers.map { fixed(windowMeans($0.losses, window: window).last ?? 0, 3) }
    progress.finish(note: "mean loss of the last \(window) steps \(final[0]) \(names.0), \(final[1]) \(names.1)",
                    timing: "\(fixed(1000 * seconds / Double(steps), 0)) ms per step for both models")
    return seconds
}
