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
        let size = ChapterPage.pngSize(atPath: path)
        record(page: .figure(name: name, caption: caption, width: size?.width, height: size?.height))
        return true
    }

    /// Writes a figure drawn from times measured in this run, which differ from run to run and machine
    /// to machine: like `figure`, and its name goes into the folder's `.measured` list, which
    /// `FolderComparison` reads to leave it out of byte comparisons, as it leaves out timings.md.
    @discardableResult
    public func measuredFigure(_ name: String, caption: String, _ write: (String) throws -> Void) -> Bool {
        guard figure(name, caption: caption + " (measured in this run; it differs from run to run and machine to machine)",
                     write), let figures else { return false }
        measuredFigureNames.append(name)
        let list = measuredFigureNames.joined(separator: "\n") + "\n"
        do {
            try AtomicFile.write(Data(list.utf8), to: figures.file(FolderComparison.measuredListName))
        } catch {
            report(.boolean("figure \(name)", passed: false, detail: "its name could not be listed in \(FolderComparison.measuredListName): \(error)"))
            return false
        }
        return true
    }

    /// Registers the chapter's exercises. With `--exercises`, grades them at once, each in a child
    /// process of the chapter with a time limit, prints the report, writes the JSON and JUnit
    /// reports asked for and exits (status 1 if an attempted exercise failed, or with
    /// `--require-all` one was not attempted; else 0); otherwise they are listed at the end of the
    /// chapter. Call it right after opening the chapter.
    public func exercises(_ list: [Exercise]) {
        let list = list.map(locatingStub)
        register(list)
        guard options.exercises else { return }
        let program = "chapter\(chapter)"
        if let index = options.gradeOne {
            // A child process: grade one exercise here and print its outcome line.
            guard list.indices.contains(index) else {
                console.error("\(program): --grade-one \(index): there are \(list.count) exercises")
                console.exit(UsageError.exitStatus, program: program)
            }
            console.line(ChildGrading.outcomeLine(ExerciseOutcome.grading(list[index].grade)))
            console.exit(0, program: program)
        }
        do {
            for path in [options.jsonReport, options.junitReport].compactMap({ $0 }) {
                try ExerciseReport.probeWritable(path)
            }
        } catch {
            console.error("\(program): \(error)")
            console.exit(UsageError.exitStatus, program: program)
        }
        let executable = ChildGrading.currentExecutable()
        let graded = gradeExercises(list) { index, _ in
            ChildGrading.run(executable: executable, arguments: ["--exercises", "--grade-one", "\(index)"],
                             timeLimit: options.timeLimit)
        }
        let status = RunVerdict.decide(checks: [], exercises: graded, requireAll: options.requireAll).exitStatus
        var reportsWritten = true
        let reports = [(options.jsonReport, ExerciseReport.json(chapter: chapter, graded: graded, exitStatus: status)),
                       (options.junitReport, ExerciseReport.junit(chapter: chapter, graded: graded))]
        for case let (path?, text) in reports {
            do {
                try AtomicFile.write(Data(text.utf8), to: path)
                emit(["Report: \(FigureFolder.displayed(path))"])
            } catch {
                console.error("\(program): cannot write the report \(path): \(error)")
                reportsWritten = false
            }
        }
        console.exit(reportsWritten ? status : RunVerdict.failureStatus, program: program)
    }

    /// Grades `list` in this process, printing each outcome and a summary; returns the graded exercises.
    @discardableResult
    public func gradeExercises(_ list: [Exercise]) -> [GradedExercise] {
        gradeExercises(list) { _, exercise in ExerciseOutcome.grading(exercise.grade) }
    }

    /// Grades `list` with `grade` (given each exercise and its index), printing each outcome as
    /// it comes and a summary; returns the graded exercises.
    func gradeExercises(_ list: [Exercise], grade: (Int, Exercise) -> ExerciseOutcome) -> [GradedExercise] {
        let list = list.map(locatingStub)
        emit(["", console.coloured("Grading the exercises", .bold)])
        var graded: [GradedExercise] = []
        for (index, exercise) in list.enumerated() {
            let result = GradedExercise(exercise, outcome: grade(index, exercise))
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
        if let line = RunVerdict.decide(checks: [], exercises: graded, requireAll: options.requireAll).failureLine {
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
        record(page: .heading(level: 2, text: "Checks", anchor: "checks"))
        record(page: .checkTable(checks))
        let passed = checks.filter(\.passed).count
        if let failure = verdict.failureLine {
            emit(["", console.coloured("✗", .red) + " \(failure)"])
            record("**✗ \(failure)**")
            record(page: .verdict(passed: false, text: failure))
            console.error("chapter\(chapter): \(failure)")
        } else {
            emit(["", console.coloured("✓", .green) + " all \(passed) checks passed"])
            record("**✓ all \(passed) checks passed**")
            record(page: .verdict(passed: true, text: "all \(passed) checks passed"))
        }
        if let figures {
            let path = figures.file("transcript.md")
            let timingsPath = figures.file("timings.md")
            do {
                try transcript.write(to: path)
                emit(["Transcript: \(FigureFolder.displayed(path))"])
                let pagePath = figures.file("index.html")
                try AtomicFile.write(Data(page.html.utf8), to: pagePath)
                emit(["Web page: \(FigureFolder.displayed(pagePath))"])
                if let book = BookIndexPage.bookFolder(forChapterFolder: figures.path, chapter: chapter) {
                    try AtomicFile.write(Data(BookIndexPage.html.utf8), to: (book as NSString).appendingPathComponent("index.html"))
                }
                if timings.isEmpty {
                    try? FileManager.default.removeItem(atPath: timingsPath)
                } else {
                    try AtomicFile.write(Data(timingsMarkdown.utf8), to: timingsPath)
                    emit(["Timings: \(FigureFolder.displayed(timingsPath))"])
                }
            } catch {
                console.error("chapter\(chapter): cannot write the transcript \(path): \(error)")
                return RunVerdict.failureStatus
            }
        }
        return verdict.exitStatus
    }

    /// The times measured in this run, as the Markdown of `timings.md`.
    var timingsMarkdown: String {
        "# Chapter \(chapter) — times measured in one run\n\n"
            + "These differ from run to run and machine to machine, so they are kept out of the transcript.\n\n"
            + timings.map { "- \($0)" }.joined(separator: "\n") + "\n"
    }

    /// Concludes the chapter (see `conclude`) and exits with its status (74 when the output
    /// could not be written).
    public func finish() -> Never {
        console.exit(conclude(), program: "chapter\(chapter)")
    }

    /// `exercise` with its stub file filled in: the chapter's Exercises.swift unless it names another.
    func locatingStub(_ exercise: Exercise) -> Exercise {
        var located = exercise
        if located.stub.isEmpty { located.stub = "Chapters/chapter\(chapter)/Exercises.swift" }
        return located
    }
}
