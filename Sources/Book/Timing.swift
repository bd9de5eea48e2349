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

    /// The middle value of `values` (the upper of the two middle ones when their count is even).
    public static func median(_ values: [Double]) -> Double {
        require(!values.isEmpty, "Timing.median", "no values")
        return values.sorted()[values.count / 2]
    }
}
