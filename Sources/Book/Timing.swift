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

    /// `body`'s median time in seconds, and another measurement's, taken in turn: `rounds` rounds,
    /// each `repetitions` runs of `body` (as `medianSeconds`) then one call of `other`, which gives
    /// its own time or nil. A slow spell of the machine then falls on both, and the median of the
    /// rounds leaves out a round it spoiled. The other's result is nil unless every round gave one.
    public static func alternatingMedians(rounds: Int, repetitions: Int, _ body: () -> Void,
                                          other: () -> Double?) -> (seconds: Double, other: Double?) {
        require(rounds > 0, "Timing.alternatingMedians", "rounds must be positive, not \(rounds)")
        var ours: [Double] = [], theirs: [Double] = []
        for _ in 0..<rounds {
            ours.append(medianSeconds(repetitions: repetitions, body))
            if let time = other() { theirs.append(time) }
        }
        return (median(ours), theirs.count == rounds ? median(theirs) : nil)
    }

    /// `body`'s median time in seconds over about `repetitions` runs, with another measurement's
    /// when there is one: alone, `medianSeconds(repetitions:)`; with `other`, `alternatingMedians` in
    /// `rounds` rounds of ⌈repetitions / rounds⌉ runs each, `other` being handed that count.
    public static func medianSeconds(repetitions: Int, rounds: Int, _ body: () -> Void,
                                     alternatingWith other: ((Int) -> Double?)?) -> (seconds: Double, other: Double?) {
        guard let other else { return (medianSeconds(repetitions: repetitions, body), nil) }
        require(rounds > 0, "Timing.medianSeconds", "rounds must be positive, not \(rounds)")
        let perRound = (repetitions + rounds - 1) / rounds
        return alternatingMedians(rounds: rounds, repetitions: perRound, body) { other(perRound) }
    }

    /// The middle value of `values` (the upper of the two middle ones when their count is even).
    public static func median(_ values: [Double]) -> Double {
        require(!values.isEmpty, "Timing.median", "no values")
        return values.sorted()[values.count / 2]
    }
}
