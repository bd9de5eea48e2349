// Checks, figures, exercises and the end of a run.

import Foundation

extension Notebook {
    /// Checks that an error `measured` is at most `tolerance`, prints `✓`/`✗` and records it.
    @discardableResult
    public func check(_ name: String, measured: Double, tolerance: Double) -> Bool {
        report(.numeric(name, measured: measured, tolerance: tolerance))
    }

    /// Records a check that holds or not, with `detail` describing what was measured.
    @discardableResult
    public func check(_ name: String, passed: Bool, detail: String) -> Bool {
        report(.boolean(name, passed: passed, detail: detail))
    }

    @discardableResult
    private func report(_ check: CheckRecord) -> Bool {
        let line = check.line
        let mark = String(line.prefix(1))
        let lead = lastBlockWasCheck ? [] : [""]
        // Wrapped with a hanging indent; the mark replaces the first line's indent.
        var lines = TextWrapping.wrap(String(line.dropFirst(2)), width: console.width, indent: "  ")
        lines[0] = console.coloured(mark, check.passed ? .green : .red) + " " + lines[0].dropFirst(2)
        emit(lead + lines)
        record(check)
        recordCheckLine(line)
        lastBlockWasCheck = true
        return check.passed
    }

    /// Writes figure `name` into the figures folder by calling `write` with its full path, and
    /// names it in the text; skipped with `--no-figures`. An error thrown by `write` is reported
    /// and fails the run. Returns whether the figure was written.
    @discardableResult
    public func figure(_ name: String, caption: String, _ write: (String) throws -> Void) -> Bool {
        guard let figures else {
            emit([""] + TextWrapping.wrap("Figure \(name) not written (--no-figures): \(caption)", width: console.width))
            return false
        }
        guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else {
            report(.boolean("figure \(name)", passed: false, detail: "the name must be a plain file name"))
            return false
        }
        let path = figures.file(name)
        do {
            try write(path)
        } catch {
            report(.boolean("figure \(name)", passed: false, detail: "could not be written: \(error)"))
            return false
        }
        let shown = FigureFolder.displayed(path)
        emit([""] + TextWrapping.wrap("Figure: \(shown) — \(caption)", width: console.width))
        record("![\(caption)](\(name))\n\n*Figure \(name): \(caption)*")
        return true
    }

    /// Registers the chapter's exercises. With `--exercises`, grades them at once, prints the
    /// report and exits (status 1 if an attempted exercise failed, else 0); otherwise they are
    /// listed at the end of the chapter. Call it right after opening the chapter.
    public func exercises(_ list: [Exercise]) {
        let list = list.map(locatingStub)
        register(list)
        guard options.exercises else { return }
        let graded = gradeExercises(list)
        exit(RunVerdict.decide(checks: [], exercises: graded).exitStatus)
    }

    /// Grades `list`, printing each outcome and a summary; returns the graded exercises.
    @discardableResult
    public func gradeExercises(_ list: [Exercise]) -> [GradedExercise] {
        let list = list.map(locatingStub)
        emit(["", console.coloured("Grading the exercises", .bold)])
        var graded: [GradedExercise] = []
        for exercise in list {
            let result = GradedExercise(exercise)
            graded.append(result)
            var lines = result.lines
            switch result.outcome {
            case .passed: lines[0] = console.coloured("✓", .green) + lines[0].dropFirst()
            case .failed: lines[0] = console.coloured("✗", .red) + lines[0].dropFirst()
            case .notAttempted: break
            }
            emit(lines.enumerated().flatMap { index, line in
                TextWrapping.wrap(line, width: console.width, indent: index == 0 ? "" : "    ")
            })
        }
        let summary = GradedExercise.summary(graded)
        emit(["", "Exercises: \(summary)"])
        if let line = RunVerdict.decide(checks: [], exercises: graded).failureLine {
            console.error("chapter\(chapter): \(line)")
        }
        return graded
    }

    /// Prints the exercises and open questions, the table of checks, writes the transcript and
    /// returns the exit status (0 when every check held, 1 otherwise) without exiting.
    public func conclude() -> Int32 {
        if !registeredExercises.isEmpty {
            section("Exercises")
            list(registeredExercises.map { "\($0.name) — in \($0.stub). \($0.hint)" })
            prose("Grade your answers with `swift run chapter\(chapter) --exercises`.")
        }
        if !registeredQuestions.isEmpty {
            section("Questions to think about")
            list(registeredQuestions)
        }
        let verdict = RunVerdict.decide(checks: checks)
        emit(["", console.coloured("Checks", .bold)] + CheckTable.text(checks, width: console.width))
        record("## Checks\n\n" + CheckTable.markdown(checks).joined(separator: "\n"))
        let passed = checks.filter(\.passed).count
        if let failure = verdict.failureLine {
            emit(["", console.coloured("✗", .red) + " \(failure)"])
            record("**✗ \(failure)**")
            console.error("chapter\(chapter): \(failure)")
        } else {
            emit(["", console.coloured("✓", .green) + " all \(passed) checks passed"])
            record("**✓ all \(passed) checks passed**")
        }
        if let figures {
            let path = figures.file("transcript.md")
            do {
                try transcript.write(to: path)
                emit(["Transcript: \(FigureFolder.displayed(path))"])
            } catch {
                console.error("chapter\(chapter): cannot write the transcript \(path): \(error)")
                return RunVerdict.failureStatus
            }
        }
        return verdict.exitStatus
    }

    /// Concludes the chapter (see `conclude`) and exits with its status.
    public func finish() -> Never {
        exit(conclude())
    }

    /// `exercise` with its stub file filled in: the chapter's Exercises.swift unless it names another.
    func locatingStub(_ exercise: Exercise) -> Exercise {
        var located = exercise
        if located.stub.isEmpty { located.stub = "Chapters/chapter\(chapter)/Exercises.swift" }
        return located
    }
}
