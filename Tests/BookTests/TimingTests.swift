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

@Suite struct AlternatingTimingTests {
    @Test func roundsTakeTurnsAndGiveTheMedianOfEachSide() {
        var events: [String] = []
        var others: [Double?] = [5, 1, 3]
        let (seconds, other) = Timing.alternatingMedians(rounds: 3, repetitions: 2, { events.append("body") }) {
            events.append("other")
            return others.removeFirst()
        }
        // Each round: one warm-up and two timed runs of the body, then the other measurement.
        #expect(events == Array(repeating: ["body", "body", "body", "other"], count: 3).flatMap { $0 })
        #expect(other == 3)
        #expect(seconds >= 0)
    }

    @Test func repetitionsAreSharedOutAmongTheRoundsAndHandedToTheOther() {
        var bodyRuns = 0, asked: [Int] = []
        let (_, other) = Timing.medianSeconds(repetitions: 7, rounds: 3, { bodyRuns += 1 }) { count in
            asked.append(count)
            return Double(asked.count)
        }
        // ⌈7 / 3⌉ = 3 timed runs and one warm-up per round; the other is asked for 3 each time.
        #expect(asked == [3, 3, 3])
        #expect(bodyRuns == 12)
        #expect(other == 2)
    }

    @Test func withoutAnOtherMeasurementAllRepetitionsAreOneRound() {
        var bodyRuns = 0
        let (_, other) = Timing.medianSeconds(repetitions: 7, rounds: 3, { bodyRuns += 1 }, alternatingWith: nil)
        #expect(bodyRuns == 8)
        #expect(other == nil)
    }

    @Test func aRoundWithoutTheOtherMeasurementLeavesItOut() {
        var others: [Double?] = [2, nil]
        let (_, other) = Timing.alternatingMedians(rounds: 2, repetitions: 1, {}) { others.removeFirst() }
        #expect(other == nil)
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
