// Introduced in chapter 3 (the cost of two score functions); used by chapter 5 and the benchmark.
import ArgumentChecks
import Notebook

/// Wall-clock timing of short pieces of code.
public enum Timing {
    /// The median wall-clock time in seconds of `repetitions` runs of `body`, after one warm-up run.
    ///
    /// The median, not the mean: one run slowed by the operating system moves a mean but not a median.
    public static func medianSeconds(repetitions: Int, _ body: () -> Void) -> Double {
        require(repetitions > 0, "Timing.medianSeconds", "repetitions must be positive, not \(repetitions)")
        body()
        let clock = ContinuousClock()
        let times = (0..<repetitions).map { _ in clock.measure(body).inSeconds }
        return median(times)
    }

    /// The fastest time in seconds of one run of `body`: the best of `batches` batches, each of
    /// enough runs to last about `batchSeconds` (so a short body is timed over many calls), after
    /// one warm-up run. The best, not the median, estimates what the code can do when nothing interrupts it.
    public static func fastestSeconds(batches: Int, batchSeconds: Double, _ body: () -> Void) -> Double {
        require(batches > 0 && batchSeconds > 0, "Timing.fastestSeconds",
                "batches and batchSeconds must be positive, got \(batches) and \(batchSeconds)")
        body()
        let clock = ContinuousClock()
        let calls = Swift.max(1, Int(batchSeconds / Swift.max(clock.measure(body).inSeconds, 1e-7)))
        let batchTimes = (0..<batches).map { _ in
            clock.measure { for _ in 0..<calls { body() } }.inSeconds / Double(calls)
        }
        return batchTimes.min()!
    }

    /// Several measurements taken in turn: `rounds` rounds, each calling every measurement once in
    /// order, then the median over the rounds of each one's results. A slow spell of a shared machine
    /// then falls on all of them alike, and the median leaves out a round it spoiled. A measurement
    /// gives its time, or nil when it failed (a peer process); its median is nil unless every round
    /// gave one.
    public static func interleavedMedians(rounds: Int, _ measurements: [() -> Double?]) -> [Double?] {
        require(rounds > 0, "Timing.interleavedMedians", "rounds must be positive, not \(rounds)")
        var results = Array(repeating: [Double](), count: measurements.count)
        for _ in 0..<rounds {
            for (index, measure) in measurements.enumerated() {
                if let time = measure() { results[index].append(time) }
            }
        }
        return results.map { $0.count == rounds ? median($0) : nil }
    }

    /// The middle value of `values` (the upper of the two middle ones when their count is even).
    public static func median(_ values: [Double]) -> Double {
        require(!values.isEmpty, "Timing.median", "no values")
        return values.sorted()[values.count / 2]
    }
}
