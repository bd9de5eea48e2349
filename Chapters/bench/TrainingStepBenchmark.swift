import Book
import Foundation
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

    /// The request `peers.py` answers with PyTorch's median time for the same step.
    func peerRequest(repetitions: Int) -> String {
        let c = configuration
        return "step \(c.vocabularySize) \(c.embeddingSize) \(c.hiddenSize) \(c.layerCount) \(c.dropout) "
            + "\(c.usesAttention ? 1 : 0) \(batchSize) \(length) \(repetitions)"
    }
}

/// Every training step the benchmark can time, in the order it times them.
let trainingStepCases: [TrainingStepCase] = {
    let small = Seq2SeqConfiguration(vocabularySize: 21, embeddingSize: 32, hiddenSize: 64)
    return [
        .init(label: "article, attention, T=10", configuration: .article, batchSize: 32, length: 10),
        .init(label: "article, attention, T=20", configuration: .article, batchSize: 32, length: 20),
        .init(label: "article, attention, T=40", configuration: .article, batchSize: 32, length: 40),
        .init(label: "small, attention, T=10", configuration: small, batchSize: 64, length: 10),
        .init(label: "small, no attention, T=10", configuration: small.withAttention(false), batchSize: 64, length: 10),
    ]
}()

func runTrainingStepBenchmark(_ options: BenchmarkOptions) {
    // --model picks the steps; otherwise --quick leaves out the two longer sequences.
    let cases = options.stepCases
        ?? (options.quick ? [trainingStepCases[0], trainingStepCases[3], trainingStepCases[4]] : trainingStepCases)
    let threadCounts = options.threadCounts, cores = options.maximumThreads
    let peers = !options.peers.isEmpty
    print("One training step: teacher-forced forward, cross-entropy, backward, Adam (median ms)")
    let others = (threadCounts.count > 1 ? ["the other thread count"] : []) + (peers ? ["PyTorch"] : [])
    if !others.isEmpty {
        print("Timed in \(timingRounds) rounds, each a few steps (after one untimed step) in turn with "
            + others.joined(separator: " and ") + ",")
        print("so that all see the machine in the same state; each column is the median of the rounds' medians"
            + (peers ? ";\nratio = this package's time / PyTorch's (below 1: faster)." : "."))
    }
    print("")
    var header = "model".rightPadded(27)
    for threads in threadCounts {
        let name = threads == 1 ? "1 thread" : "\(threads) threads"
        header += name.leftPadded(11) + (peers ? "PyTorch".leftPadded(10) + "ratio".leftPadded(8) : "")
    }
    print(header)
    print(String(repeating: "-", count: header.count))
    var speedups: [(label: String, ours: Double, peer: Double?)] = []
    var oneThread: [(step: TrainingStepCase, ours: Double, peer: Double?)] = []
    let memoryBefore = (ours: ResidentMemory.peakMegabytes, peer: options.peers[1]?.measure("memory"))
    var memoryAfterFirst: (ours: Double, peer: Double?) = (0, nil)
    for (index, step) in cases.enumerated() {
        let repetitions = options.quick ? 3 : (step.configuration.hiddenSize > 100 ? 7 : 41)
        var row = step.label.rightPadded(27)
        // Rounds of about repetitions / rounds steps on each thread count, each followed by as many
        // in PyTorch with the same threads when there is a peer: one model, timed in turn.
        let perRound = (repetitions + timingRounds - 1) / timingRounds
        let run = step.freshTrainingStep()
        var measurements: [() -> Double?] = []
        for threads in threadCounts {
            measurements.append {
                MatrixMultiply.maximumThreads = threads
                return Timing.medianSeconds(repetitions: perRound, run)
            }
            if let peer = options.peers[threads] {
                measurements.append { peer.measure(step.peerRequest(repetitions: perRound)) }
            }
        }
        var medians = Timing.interleavedMedians(rounds: timingRounds, measurements)[...]
        var times: [Int: (ours: Double, peer: Double?)] = [:]
        for threads in threadCounts {
            let ours = 1000 * medians.removeFirst()!
            let peerTime = options.peers[threads] == nil ? nil : medians.removeFirst()
            times[threads] = (ours, peerTime)
            row += fixed(ours, 1).leftPadded(11)
            if peers {
                row += (peerTime.map { fixed($0, 1) } ?? "failed").leftPadded(10)
                    + (peerTime.map { fixed(ours / $0, 2) } ?? "—").leftPadded(8)
            }
        }
        print(row)
        if let one = times[1] { oneThread.append((step, one.ours, one.peer)) }
        if index == 0 {
            memoryAfterFirst = (ResidentMemory.peakMegabytes, options.peers[1]?.measure("memory"))
        }
        if cores > 1, let one = times[1], let all = times[cores] {
            speedups.append((step.label, one.ours / all.ours, one.peer.flatMap { p in all.peer.map { p / $0 } }))
        }
    }
    print("")
    print("Peak resident memory after the first model's steps: this process \(fixed(memoryAfterFirst.ours, 0)) MB "
        + "(\(fixed(memoryAfterFirst.ours - memoryBefore.ours, 0)) MB above its peak before them)"
        + (memoryAfterFirst.peer.flatMap { after in memoryBefore.peer.map { before in
            "; the PyTorch process \(fixed(after, 0)) MB, torch itself included "
                + "(\(fixed(after - before, 0)) MB above its peak before them)" } } ?? ""))
    if !speedups.isEmpty {
        print("")
        print("Speed-up from 1 to \(cores) threads: " + speedups.map { s in
            "\(s.label) \(fixed(s.ours, 2))×" + (s.peer.map { " (PyTorch \(fixed($0, 2))×)" } ?? "")
        }.joined(separator: "; "))
    }
    print("")
    printProductFloor(oneThread)
}

/// How long each step's matrix products alone would take on one core running at its measured
/// multiply–add ceiling: the least time the step can take on one thread, whatever else is made faster.
func printProductFloor(_ steps: [(step: TrainingStepCase, ours: Double, peer: Double?)]) {
    guard !steps.isEmpty else { return }
    var sink: Float = 0
    let iterations = 200_000
    let seconds = Timing.fastestSeconds(batches: 5, batchSeconds: 0.02) {
        sink += MultiplyAddCeiling.run(iterations: iterations, start: 0.25, factor: 0.999, addend: 1e-3)
    }
    precondition(sink.isFinite, "the multiply-add ceiling loop gave \(sink)")
    let ceiling = 2 * Double(iterations * MultiplyAddCeiling.multiplyAddsPerIteration) / seconds  // FLOP/s
    let peers = steps.contains { $0.peer != nil }
    print("The least time the matrix products need on one thread: each step's multiply-adds (the forward pass's three")
    print("times over, as the backward pass takes two products for each forward one) at this core's ceiling, measured now")
    print("with twelve independent \(MultiplyAddCeiling.lanes)-lane multiply-adds in registers: \(fixed(ceiling / 1e9, 1)) GFLOP/s."
        + (peers ? " The last column is the\nratio to PyTorch that this floor leaves at best." : ""))
    print("")
    var header = "model".rightPadded(27) + "multiply-adds".leftPadded(15) + "at ceiling".leftPadded(12) + "of the step".leftPadded(13)
    if peers { header += "of PyTorch's".leftPadded(14) }
    print(header)
    print(String(repeating: "-", count: header.count))
    for (step, ours, peer) in steps {
        let multiplyAdds = 3 * step.batchSize
            * step.configuration.forwardCost(sourceLength: step.length, targetLength: step.length).multiplyAdds
        let floor = 1000 * 2 * Double(multiplyAdds) / ceiling  // ms
        var row = step.label.rightPadded(27) + (fixed(Double(multiplyAdds) / 1e9, 2) + " G").leftPadded(15)
            + (fixed(floor, 1) + " ms").leftPadded(12) + (fixed(100 * floor / ours, 0) + "%").leftPadded(13)
        if peers { row += (peer.map { fixed(floor / $0, 2) } ?? "—").leftPadded(14) }
        print(row)
    }
    print("")
}

/// Rounds in which the thread counts and the peer take turns on one case (`Timing.interleavedMedians`):
/// a shared, virtual machine changes speed from second to second.
let timingRounds = 3

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
