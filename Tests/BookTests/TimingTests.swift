import Testing
@testable import Book
import Notebook

@Suite struct TimingTests {
    @Test func medianIsTheMiddleValue() {
        #expect(Timing.median([5, 1, 3]) == 3)
        #expect(Timing.median([4, 1, 3, 2]) == 3)  // the upper middle of an even count
        #expect(Timing.median([7]) == 7)
    }

    @Test func durationsConvertToSeconds() {
        #expect(Duration.milliseconds(1500).inSeconds == 1.5)
        // 2.5e11 attoseconds times 1e-18: one rounding, so within an ulp of 250e-9.
        #expect(abs(Duration.nanoseconds(250).inSeconds - 250e-9) <= (250e-9).ulp)
    }

    @Test func medianSecondsRunsTheBodyOnceMoreForWarmUp() {
        var runs = 0
        let seconds = Timing.medianSeconds(repetitions: 5) { runs += 1 }
        #expect(runs == 6)
        #expect(seconds >= 0)
    }
}

@Suite struct InterleavedTimingTests {
    @Test func roundsCallEveryMeasurementInTurnAndGiveEachOnesMedian() {
        var events: [String] = []
        var first: [Double?] = [5, 1, 3], second: [Double?] = [10, 30, 20]
        let medians = Timing.interleavedMedians(rounds: 3, [
            { events.append("first"); return first.removeFirst() },
            { events.append("second"); return second.removeFirst() },
        ])
        #expect(events == Array(repeating: ["first", "second"], count: 3).flatMap { $0 })
        #expect(medians == [3, 20])
    }

    @Test func aMeasurementThatFailsInOneRoundHasNoMedian() {
        var failing: [Double?] = [2, nil, 4]
        let medians = Timing.interleavedMedians(rounds: 3, [{ failing.removeFirst() }, { 1 }])
        #expect(medians[0] == nil)
        #expect(medians[1] == 1)
    }
}

@Suite struct FastestTimingTests {
    @Test func theFastestTimeComesFromBatchesOfRepeatedCalls() {
        var runs = 0
        let seconds = Timing.fastestSeconds(batches: 3, batchSeconds: 0.001) { runs += 1 }
        // One warm-up, one calibration run, then three batches of at least one call each.
        #expect(runs >= 5)
        #expect(seconds > 0 && seconds < 0.001)
    }
}
