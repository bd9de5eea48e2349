import Foundation
import Testing
@testable import Notebook

/// The parent side of grading in child processes, driven by real child processes of /bin/sh
/// that behave as a student's code can: pass, trap, loop forever, or end the program early.
@Suite struct ChildGradingTests {
    func runShell(_ script: String, timeLimit: Double = 20) -> ExerciseOutcome {
        ChildGrading.run(executable: "/bin/sh", arguments: ["-c", script], timeLimit: timeLimit)
    }

    @Test func theOutcomeLineRoundTrips() {
        for outcome in [ExerciseOutcome.passed("error 1e-12 ≤ 1e-9"), .failed("off by \"one\"\nsecond line"),
                        .notAttempted] {
            let line = ChildGrading.outcomeLine(outcome)
            #expect(!line.contains("\n"))
            #expect(ChildGrading.outcome(inOutput: "student output\n" + line + "\n") == outcome)
        }
        #expect(ChildGrading.outcome(inOutput: "nothing here\n") == nil)
    }

    @Test func aChildThatReportsItsOutcomeIsBelieved() {
        let line = ChildGrading.outcomeLine(.passed("fine"))
        #expect(runShell("echo 'printed by the student'; printf '%s\\n' '\(line)'") == .passed("fine"))
    }

    @Test func aTrapBecomesAFailureWithItsMessage() {
        let outcome = runShell("echo 'Swift/Array.swift:12: Fatal error: Index out of range' >&2; kill -ILL $$")
        guard case .failed(let reason) = outcome else { Issue.record("a trap must fail: \(outcome)"); return }
        #expect(reason.hasPrefix("the code stopped with \"Index out of range\""), "\(reason)")
        #expect(reason.lowercased().contains("illegal instruction"), "\(reason)")
    }

    @Test func anEndlessLoopFailsAtTheTimeLimit() {
        let started = Date()
        let outcome = runShell("while true; do :; done", timeLimit: 0.5)
        let seconds = Date().timeIntervalSince(started)
        guard case .failed(let reason) = outcome else { Issue.record("a hang must fail: \(outcome)"); return }
        #expect(reason.contains("did not finish within 0.5 s"), "\(reason)")
        #expect(seconds < 5, "the child was not stopped: \(seconds) s")
    }

    @Test func aChildThatIgnoresTerminationIsKilled() {
        let started = Date()
        let outcome = runShell("trap '' TERM; while true; do :; done", timeLimit: 0.3)
        #expect(Date().timeIntervalSince(started) < 8)
        guard case .failed(let reason) = outcome else { Issue.record("a hang must fail: \(outcome)"); return }
        #expect(reason.contains("did not finish"))
    }

    @Test func endingTheProgramEarlyIsAFailureNamingTheStatus() {
        let outcome = runShell("echo 'last words' >&2; exit 3")
        guard case .failed(let reason) = outcome else { Issue.record("an early exit must fail: \(outcome)"); return }
        #expect(reason.contains("exit status 3") && reason.contains("last words"), "\(reason)")
    }

    @Test func trapMessagesOfEachKindAreFound() {
        #expect(ChildGrading.trapMessage(inErrors: "x.swift:3: Fatal error: Unexpectedly found nil while unwrapping an Optional value")
                == "Unexpectedly found nil while unwrapping an Optional value")
        #expect(ChildGrading.trapMessage(inErrors: "noise\nm.swift:9: Precondition failed: n must be positive\n")
                == "n must be positive")
        #expect(ChildGrading.trapMessage(inErrors: ":0: Fatal error: matmul: inner sizes differ, [2, 3] and [4, 5]")
                == "matmul: inner sizes differ, [2, 3] and [4, 5]")
        #expect(ChildGrading.trapMessage(inErrors: "Illegal instruction\n") == nil)
    }
}
