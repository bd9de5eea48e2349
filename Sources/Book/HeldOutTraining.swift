// Introduced in chapter 7 (steps and seconds until a model reaches 99% held-out accuracy).
import Datasets
import Models
import Notebook
import Tensors

/// What `trainPairWithHeldOut` measured: each model's held-out token accuracy after every interval,
/// and the seconds each had spent training by then (on its own core).
public struct HeldOutCurves: Sendable {
    /// The steps after which both models were measured.
    public let steps: [Int]
    /// Greedy token accuracy on the held-out pairs, [model][measurement].
    public let accuracy: [[Double]]
    /// Training seconds of each model (measurement excluded) up to each measurement, [model][measurement].
    public let trainingSeconds: [[Double]]
    /// Wall-clock seconds of the whole run, measurements included.
    public let seconds: Double

    /// The first measured step at which model `index` reached `target` accuracy, or nil if it never did.
    public func firstStep(reaching target: Double, model index: Int) -> Int? {
        accuracy[index].firstIndex { $0 >= target }.map { steps[$0] }
    }

    /// The training seconds model `index` had spent when it first reached `target`, or nil.
    public func firstSeconds(reaching target: Double, model index: Int) -> Double? {
        accuracy[index].firstIndex { $0 >= target }.map { trainingSeconds[index][$0] }
    }
}

/// Trains two prepared trainers side by side on the same batches, one per core, as `trainPair` does
/// (batches from a generator seeded `seed + 1`, the last `coolDown` fraction of the steps at 30% of
/// the learning rate), and every `interval` steps measures each one's greedy token accuracy on
/// `heldOut`. The progress line ends with the last accuracies under `names`.
public func trainPairWithHeldOut(book: Notebook, label: String, trainers: [any SequenceModelTrainer],
                                 names: (String, String), steps: Int, interval: Int, seed: UInt64, coolDown: Double = 0.3,
                                 heldOut: [SequencePair], makeBatch: (inout SeededGenerator) -> SequenceBatch) -> HeldOutCurves {
    require(trainers.count == 2 && steps > 0 && interval > 0 && !heldOut.isEmpty, "trainPairWithHeldOut",
            "needs two trainers, positive steps and interval, and held-out pairs; got \(trainers.count), \(steps), "
                + "\(interval) and \(heldOut.count)")
    for trainer in trainers { trainer.name += " ('\(label)')" }
    var generator = SeededGenerator(seed: seed &+ 1)
    let rates = trainers.map(\.optimizer.learningRate)
    let coolDownStart = Int((1 - coolDown) * Double(steps))
    let progress = book.progress(label, total: steps)
    let elapsed = TrainingProgress.stopwatch()
    var measuredSteps: [Int] = [], accuracy: [[Double]] = [[], []], seconds: [[Double]] = [[], []]
    var spent = [0.0, 0.0], done = 0
    let (sources, targets) = (heldOut.map(\.source), heldOut.map(\.target))
    while done < steps {
        if done >= coolDownStart {
            for (trainer, rate) in zip(trainers, rates) { trainer.optimizer.learningRate = 0.3 * rate }
        }
        let end = min((done / interval + 1) * interval, steps, done < coolDownStart ? coolDownStart : steps)
        let batches = (done..<end).map { _ in makeBatch(&generator) }
        func train(_ trainer: any SequenceModelTrainer) -> Double {
            let clock = TrainingProgress.stopwatch()
            for batch in batches { trainer.step(sources: batch.sources, targets: batch.targets) }
            return clock()
        }
        let times = SideBySide.run({ train(trainers[0]) }, { train(trainers[1]) })
        spent[0] += times.0
        spent[1] += times.1
        done = end
        progress.update(step: done, loss: trainers[0].losses.last)
        guard done % interval == 0 || done == steps else { continue }
        let scores = SideBySide.run({ trainers[0].accuracy(sources: sources, targets: targets).tokenAccuracy },
                                    { trainers[1].accuracy(sources: sources, targets: targets).tokenAccuracy })
        measuredSteps.append(done)
        for (index, score) in [scores.0, scores.1].enumerated() {
            accuracy[index].append(score)
            seconds[index].append(spent[index])
        }
    }
    let total = elapsed()
    progress.finish(note: "held-out token accuracy \(fixed(accuracy[0].last!, 3)) \(names.0), "
                        + "\(fixed(accuracy[1].last!, 3)) \(names.1)",
                    timing: "training alone \(fixed(1000 * spent[0] / Double(steps), 0)) ms per step \(names.0), "
                        + "\(fixed(1000 * spent[1] / Double(steps), 0)) ms \(names.1)")
    return HeldOutCurves(steps: measuredSteps, accuracy: accuracy, trainingSeconds: seconds, seconds: total)
}
