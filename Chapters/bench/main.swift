// The speed benchmarks: `swift run bench` runs every section, `--only NAME` picks some.
import ArgumentParser
import Book
import Notebook
import Tensors

/// One part of the benchmark, run when it is selected on the command line.
struct BenchmarkSection: Sendable {
    /// The name `--only` selects it by.
    var name: String
    /// A one-line description for `--help`.
    var summary: String
    /// Prints the section's table.
    var run: @Sendable (BenchmarkOptions) -> Void
}

/// What the command line asked for, as the sections see it.
struct BenchmarkOptions: Sendable {
    /// Fewer sizes and repetitions, for a smoke test that takes seconds.
    var quick = false
    /// The most threads any measurement uses: the cores, or `--threads`.
    var maximumThreads = MatrixMultiply.maximumThreads
    /// The training steps to time: every case, or those `--model` picked.
    var stepCases: [TrainingStepCase]? = nil
    /// The peer processes by thread count, when --peers found them.
    var peers: [Int: PeerProcess] = [:]

    /// The thread counts each product and step is timed with: 1 and `maximumThreads`.
    var threadCounts: [Int] { Array(Set([1, maximumThreads])).sorted() }
}

/// Every section, in the order they run. Add a new benchmark by appending it here.
let benchmarkSections: [BenchmarkSection] = [
    BenchmarkSection(name: "matmul", summary: "matrix-product GFLOP/s, square and model-shaped",
                     run: runMatrixMultiplyBenchmark),
    BenchmarkSection(name: "step", summary: "one training step of the sequence autoencoder, in ms",
                     run: runTrainingStepBenchmark),
]

/// The command line: `bench [--only SECTION]... [--model TEXT]... [--threads N] [--quick] [--peers]`.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Times the book's matrix products and training steps and prints one table per section.",
        discussion: "Sections:\n" + benchmarkSections.map { "  " + $0.name.rightPadded(8) + $0.summary }
            .joined(separator: "\n"))

    /// Sections to run, by name; empty means all.
    @Option(help: ArgumentHelp("Run only this section (repeatable); default: all.", valueName: "section"))
    var only: [String] = []

    /// Fewer sizes and repetitions.
    @Flag(help: "Fewer sizes and repetitions: runs in seconds.")
    var quick = false

    /// Also measure numpy and PyTorch, alternating with this package's measurements.
    @Flag(help: "Also time numpy's matrix product and the same models in PyTorch (Chapters/bench/peers.py), alternating with this package, and print each ratio.")
    var peers = false

    /// The thread count compared with one thread.
    @Option(help: ArgumentHelp("Compare one thread with this many (1 to the cores); default: every core.", valueName: "count"))
    var threads: Int?

    /// Training steps to time, by part of their label.
    @Option(help: ArgumentHelp("Time only the training steps whose label contains this text (repeatable), e.g. 'T=20' or 'small'.",
                               valueName: "text"))
    var model: [String] = []

    /// The Python that runs the peers.
    @Option(help: ArgumentHelp("The Python interpreter for --peers.", valueName: "command"))
    var python = "python3"

    /// Rejects a section name that does not exist.
    func validate() throws {
        let names = benchmarkSections.map(\.name)
        if let unknown = only.first(where: { !names.contains($0) }) {
            throw ValidationError("unknown section '\(unknown)'; sections: " + names.joined(separator: ", "))
        }
        let cores = MatrixMultiply.maximumThreads
        if let threads, !(1...cores).contains(threads) {
            throw ValidationError("--threads must be between 1 and \(cores) (this machine's cores), got \(threads)")
        }
        if let unmatched = model.first(where: { text in !trainingStepCases.contains { $0.label.contains(text) } }) {
            throw ValidationError("no training step's label contains '\(unmatched)'; the steps: "
                                  + trainingStepCases.map { "'\($0.label)'" }.joined(separator: ", "))
        }
    }

    /// Runs the selected sections in order, after naming the machine (and the peers).
    func run() {
        var options = BenchmarkOptions(quick: quick)
        if let threads { options.maximumThreads = threads }
        if !model.isEmpty {
            options.stepCases = trainingStepCases.filter { step in model.contains { step.label.contains($0) } }
        }
        print("Machine: \(MachineDescription.current)")
        if peers {
            do {
                for threads in options.threadCounts {
                    options.peers[threads] = try PeerProcess(python: python, script: PeerProcess.defaultScript, threads: threads)
                }
                print("Peers: \(options.peers[1]!.versions), run by \(python) with the same thread counts"
                      + "; " + PeerProcess.openBLASCore.description)
            } catch let unavailable as PeerUnavailable {
                options.peers.values.forEach { $0.stop() }
                options.peers = [:]
                print(unavailable.advice)
            } catch {
                print("Peers not measured: \(error)")
            }
        }
        print("")
        let defaultThreads = MatrixMultiply.maximumThreads
        for section in benchmarkSections where only.isEmpty || only.contains(section.name) {
            section.run(options)
            MatrixMultiply.maximumThreads = defaultThreads  // sections time with several thread counts
        }
        options.peers.values.forEach { $0.stop() }
    }
}

runCommand(Bench.self)
