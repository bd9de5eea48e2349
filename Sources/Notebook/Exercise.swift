// Coding exercises: stubs the student fills in, graders that judge them, and their report.

/// Thrown by an exercise stub the student has not filled in yet: graded as "not attempted".
public struct ExerciseNotAttempted: Error, Sendable {
    /// Creates the error; stubs write `throw ExerciseNotAttempted()`.
    public init() {}
}

/// What a grader concludes about an implementation that ran.
public enum ExerciseVerdict: Equatable, Sendable {
    /// The implementation is right; the text says what was verified.
    case passed(String)
    /// The implementation is wrong; the text says what is wrong, with the numbers.
    case failed(String)

    /// Passes when `error ≤ tolerance`, describing `what` was compared either way.
    public static func within(_ what: String, error: Double, tolerance: Double) -> ExerciseVerdict {
        let measured = scientific(error), bound = scientific(tolerance)
        return error <= tolerance
            ? .passed("\(what): error \(measured) ≤ \(bound)")
            : .failed("\(what): error \(measured) > tolerance \(bound)")
    }
}

/// What grading one exercise found: passed, failed (with the reason), or not attempted.
public enum ExerciseOutcome: Equatable, Sendable, Codable {
    /// The student's code passed; the text says what was verified.
    case passed(String)
    /// The student's code is wrong or threw an error; the text says what is wrong.
    case failed(String)
    /// The stub still throws `ExerciseNotAttempted`.
    case notAttempted

    /// Grades by running `grader`: its verdict, `notAttempted` for `ExerciseNotAttempted`,
    /// and a failure naming any other error the student's code threw.
    public static func grading(_ grader: () throws -> ExerciseVerdict) -> ExerciseOutcome {
        do {
            switch try grader() {
            case .passed(let detail): return .passed(detail)
            case .failed(let reason): return .failed(reason)
            }
        } catch is ExerciseNotAttempted {
            return .notAttempted
        } catch {
            return .failed("the code threw an error: \(error)")
        }
    }
}

/// A coding exercise: its name, a hint, where its stub is, and the grader run on the student's code.
///
/// The grader is usually a function taking an implementation, called with the student's stub:
/// `Exercise(name: "masked softmax", hint: "…", stub: "Chapters/chapter3/Exercises.swift") {
/// try gradeMaskedSoftmax(maskedSoftmax) }`. Tests call the same `gradeMaskedSoftmax` with the
/// reference solution (it must pass) and with a wrong one (it must fail).
public struct Exercise {
    /// Short name, e.g. "masked softmax".
    public var name: String
    /// What to try when it fails.
    public var hint: String
    /// The file the student edits, relative to the package root; empty means the chapter's
    /// `Chapters/chapterN/Exercises.swift`, filled in when the chapter registers the exercise.
    public var stub: String
    /// The points a pass earns in the graded reports.
    public var points: Int
    /// Runs the grader on the student's implementation.
    public var grade: () throws -> ExerciseVerdict

    /// Creates an exercise; leave out `stub` when the student edits the chapter's own Exercises.swift.
    public init(name: String, hint: String, stub: String = "", points: Int = 1,
                grade: @escaping () throws -> ExerciseVerdict) {
        self.name = name
        self.hint = hint
        self.stub = stub
        self.points = points
        self.grade = grade
    }
}

/// An exercise with the outcome of grading it.
public struct GradedExercise: Equatable, Sendable {
    /// The exercise's name.
    public var name: String
    /// Its hint, shown when it failed.
    public var hint: String
    /// Its stub file.
    public var stub: String
    /// The points a pass earns.
    public var points: Int
    /// What grading found.
    public var outcome: ExerciseOutcome

    /// Grades `exercise` in this process.
    public init(_ exercise: Exercise) {
        self.init(exercise, outcome: ExerciseOutcome.grading(exercise.grade))
    }

    /// `exercise` with an outcome found elsewhere (in a child process).
    public init(_ exercise: Exercise, outcome: ExerciseOutcome) {
        name = exercise.name
        hint = exercise.hint
        stub = exercise.stub
        points = exercise.points
        self.outcome = outcome
    }

    /// The points earned: all of them for a pass, none otherwise.
    public var earned: Int {
        if case .passed = outcome { return points } else { return 0 }
    }

    /// The report lines: a mark and the outcome, then the reason and hint for a failure.
    public var lines: [String] {
        switch outcome {
        case .passed(let detail): return ["✓ \(name) — passed (\(detail))"]
        case .failed(let reason): return ["✗ \(name) — failed: \(reason)", "hint: \(hint)"]
        case .notAttempted: return ["· \(name) — not attempted (edit \(stub))"]
        }
    }

    /// "2 passed, 1 failed, 1 not attempted" for a list of graded exercises.
    public static func summary(_ graded: [GradedExercise]) -> String {
        var passed = 0, failed = 0, untouched = 0
        for exercise in graded {
            switch exercise.outcome {
            case .passed: passed += 1
            case .failed: failed += 1
            case .notAttempted: untouched += 1
            }
        }
        return "\(passed) passed, \(failed) failed, \(untouched) not attempted (of \(graded.count))"
    }
}
