import Testing
@testable import Notebook

/// A grader as a chapter would write one: it takes the student's implementation.
func gradeSquaredError(_ implementation: ([Double], [Double]) throws -> Double) throws -> ExerciseVerdict {
    let x = [1.0, -2.0, 0.5], y = [0.0, 1.0, 0.5]
    let expected = (1.0 + 9.0 + 0.0) / 3  // the mean of the squared differences, by hand
    let got = try implementation(x, y)
    return .within("mean squared error of a hand-worked case", error: abs(got - expected), tolerance: 1e-12)
}

@Suite struct ExerciseGradingTests {
    @Test func graderAcceptsReferenceAndRejectsWrongAnswer() throws {
        let reference: ([Double], [Double]) throws -> Double = { x, y in
            zip(x, y).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / Double(x.count)
        }
        let forgotToAverage: ([Double], [Double]) throws -> Double = { x, y in
            zip(x, y).map { ($0 - $1) * ($0 - $1) }.reduce(0, +)
        }
        guard case .passed = try gradeSquaredError(reference) else {
            Issue.record("the reference must pass"); return
        }
        guard case .failed(let reason) = try gradeSquaredError(forgotToAverage) else {
            Issue.record("the wrong answer must fail"); return
        }
        #expect(reason.contains("6.7e+00 > tolerance 1e-12"))
    }

    @Test func outcomesOfTheThreeKindsOfStub() {
        struct Broken: Error {}
        let untouched = Exercise(name: "mse", hint: "average", stub: "Ex.swift") {
            try gradeSquaredError { _, _ in throw ExerciseNotAttempted() }
        }
        let crashing = Exercise(name: "mse", hint: "average", stub: "Ex.swift") {
            try gradeSquaredError { _, _ in throw Broken() }
        }
        let wrong = Exercise(name: "mse", hint: "average", stub: "Ex.swift") {
            try gradeSquaredError { _, _ in 0 }
        }
        #expect(GradedExercise(untouched).outcome == .notAttempted)
        #expect(GradedExercise(untouched).lines == ["· mse — not attempted (edit Ex.swift)"])
        guard case .failed(let reason) = GradedExercise(crashing).outcome else {
            Issue.record("an error thrown by the student's code is a failure"); return
        }
        #expect(reason.contains("Broken"))
        let failed = GradedExercise(wrong)
        #expect(failed.lines.count == 2)
        #expect(failed.lines[1] == "hint: average")
        #expect(GradedExercise.summary([GradedExercise(untouched), failed])
                == "0 passed, 1 failed, 1 not attempted (of 2)")
    }

    @Test func notebookGradingPrintsEachOutcome() throws {
        let console = Console.capture()
        let options = NotebookOptions.with(noFigures: true)
        let book = try Notebook(chapter: 1, title: "T", summary: "", options: options, console: console)
        let graded = book.gradeExercises([
            Exercise(name: "right", hint: "h1", stub: "s") { .passed("fine") },
            Exercise(name: "wrong", hint: "h2", stub: "s") { .failed("off") },
            Exercise(name: "untouched", hint: "h3", stub: "s") { throw ExerciseNotAttempted() },
        ])
        #expect(graded.map(\.name) == ["right", "wrong", "untouched"])
        #expect(console.captured.contains("✓ right — passed (fine)"))
        #expect(console.captured.contains("✗ wrong — failed: off\n    hint: h2"))
        #expect(console.captured.contains("· untouched — not attempted (edit s)"))
        #expect(console.captured.contains("1 passed, 1 failed, 1 not attempted (of 3)"))
        #expect(console.capturedErrors == "chapter1: 1 exercise failed: wrong\n")
    }

    @Test func anExerciseWithoutAStubPointsAtTheChaptersExercisesFile() throws {
        let console = Console.capture()
        let book = try Notebook(chapter: 4, title: "T", summary: "", options: .with(noFigures: true), console: console)
        book.gradeExercises([
            Exercise(name: "own file", hint: "h") { throw ExerciseNotAttempted() },
            Exercise(name: "elsewhere", hint: "h", stub: "Other.swift") { throw ExerciseNotAttempted() },
        ])
        #expect(console.captured.contains("· own file — not attempted (edit Chapters/chapter4/Exercises.swift)"))
        #expect(console.captured.contains("· elsewhere — not attempted (edit Other.swift)"))
    }
}
