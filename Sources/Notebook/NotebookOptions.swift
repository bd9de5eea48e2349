// The command-line options every chapter understands, and how chapters add their own.

// Re-exported so a chapter can declare its own flags with `@Flag` and `@Option` by importing Notebook alone.
@_exported import ArgumentParser
import Foundation

/// The options of every chapter: `--quick`, `--seed`, `--figures`, `--no-figures`, `--exercises`
/// and the grading options that go with `--exercises`.
///
/// A chapter with flags of its own declares a `ChapterOptions` type that includes these with
/// `@OptionGroup var notebook: NotebookOptions` and passes it to `Notebook.open(…options:)`.
public struct NotebookOptions: ParsableArguments, Sendable {
    /// Small sizes and few steps: the chapter runs in seconds (the tests use it).
    @Flag(help: "Small sizes and few training steps: runs in seconds.")
    public var quick = false

    /// The seed of every random number; the same seed gives the same numbers and figures.
    @Option(parsing: .unconditional, help: "Seed of every random number (0 or more).")
    public var seed: Int = 42

    /// Where figures and the transcript go; nil means `Figures/chapterN` under the current directory,
    /// or `.build/quick-figures/chapterN` with `--quick` (so quick runs never touch the committed figures).
    @Option(name: .customLong("figures"), help: ArgumentHelp(
        "Folder for the figures and the transcript (default Figures/chapterN; with --quick, "
            + "\(NotebookOptions.quickFiguresRoot)/chapterN, leaving the committed figures alone).",
        valueName: "dir"))
    public var figuresFolder: String?

    /// Write no figures and no transcript.
    @Flag(name: .customLong("no-figures"), help: "Write no figures and no transcript.")
    public var noFigures = false

    /// Grade the student's exercise code instead of running the chapter.
    @Flag(help: "Grade the exercises in the chapter's Exercises file instead of running the chapter.")
    public var exercises = false

    /// With `--exercises`: write the results as JSON (Gradescope's results.json layout) to this file.
    @Option(name: .customLong("report"), help: ArgumentHelp(
        "With --exercises: also write the results as JSON, in the layout of Gradescope's results.json.",
        valueName: "file"))
    public var jsonReport: String?

    /// With `--exercises`: write the results as JUnit XML to this file.
    @Option(name: .customLong("junit"), help: ArgumentHelp(
        "With --exercises: also write the results as JUnit XML.", valueName: "file"))
    public var junitReport: String?

    /// With `--exercises`: an exercise that was not attempted fails the run too.
    @Flag(name: .customLong("require-all"), help: "With --exercises: an exercise not attempted fails the run.")
    public var requireAll = false

    /// With `--exercises`: the seconds each exercise may take before it counts as failed.
    @Option(name: .customLong("time-limit"), help: ArgumentHelp(
        "With --exercises: seconds each exercise may run before it fails.", valueName: "seconds"))
    public var timeLimit: Double = 60

    /// Set by the grading run on its child processes: grade only the exercise at this index.
    @Option(name: .customLong("grade-one"), help: .hidden)
    public var gradeOne: Int?

    /// The folder quick runs write to by default, relative to the current directory.
    public static let quickFiguresRoot = ".build/quick-figures"

    /// Used by the parser only: its properties are unset until parsing fills them.
    /// To build options in code, use `NotebookOptions.with(…)`.
    public init() {}

    /// Options built in code (tests, or a chapter run from another program), every one set.
    public static func with(quick: Bool = false, seed: Int = 42, figuresFolder: String? = nil,
                            noFigures: Bool = false, exercises: Bool = false) -> NotebookOptions {
        var options = NotebookOptions()
        options.quick = quick
        options.seed = seed
        options.figuresFolder = figuresFolder
        options.noFigures = noFigures
        options.exercises = exercises
        options.jsonReport = nil
        options.junitReport = nil
        options.requireAll = false
        options.timeLimit = 60
        options.gradeOne = nil
        return options
    }

    /// The folder this run writes figures to (nil with `--no-figures` or `--exercises`).
    public func figuresFolder(chapter: Int) -> String? {
        if noFigures || exercises { return nil }
        if let figuresFolder { return figuresFolder }
        return quick ? "\(NotebookOptions.quickFiguresRoot)/chapter\(chapter)" : "Figures/chapter\(chapter)"
    }

    /// Rejects a negative seed, a time limit that is not positive, and grading options without `--exercises`.
    public mutating func validate() throws {
        guard seed >= 0 else { throw ValidationError("--seed must be 0 or more, got \(seed)") }
        guard timeLimit > 0, timeLimit.isFinite else {
            throw ValidationError("--time-limit must be a positive number of seconds, got \(timeLimit)")
        }
        if !exercises {
            let given = [jsonReport.map { _ in "--report" }, junitReport.map { _ in "--junit" },
                         requireAll ? "--require-all" : nil].compactMap { $0 }
            if let first = given.first { throw ValidationError("\(first) needs --exercises") }
        }
    }
}

/// A chapter's own option set: any `ParsableArguments` that embeds the common `NotebookOptions`.
public protocol ChapterOptions: ParsableArguments {
    /// The common options, usually declared `@OptionGroup var notebook: NotebookOptions`.
    var notebook: NotebookOptions { get }
}

extension NotebookOptions: ChapterOptions {
    /// The options themselves.
    public var notebook: NotebookOptions { self }
}

/// What parsing a command line produced: options to run with, a help text, or a usage error.
public enum CommandLineOutcome<Options: ChapterOptions> {
    /// Valid options.
    case run(Options)
    /// `--help` was asked for: print this text and exit with status 0.
    case help(String)
    /// The command line is wrong: print this one line on standard error and exit with `UsageError.exitStatus`.
    case usageError(String)
}

/// The exit status and wording of command-line mistakes.
public enum UsageError {
    /// The exit status of a usage error (EX_USAGE from sysexits.h).
    public static let exitStatus: Int32 = 64

    /// The end of every chapter's `--help`: what each exit status means.
    public static let exitStatusHelp = """
        EXIT STATUS:
          0   every check held; with --exercises, no attempted exercise failed
          1   a check failed or a figure or the transcript could not be written; with
              --exercises, an attempted exercise failed (or, with --require-all, one was
              not attempted)
          64  the command line is wrong (one line on standard error says why)
          74  the output could not be written (a full disk, a closed pipe)
        """

    /// Parses `arguments` (without the program name) into `Options`, never exiting or printing.
    ///
    /// The help text starts with the chapter's name and summary; errors are collapsed to one line
    /// naming the program and ending with a pointer to `--help`.
    public static func parse<Options: ChapterOptions>(
        _ type: Options.Type, arguments: [String], program: String, description: String
    ) -> CommandLineOutcome<Options> {
        do {
            return .run(try Options.parse(arguments))
        } catch {
            if Options.exitCode(for: error) == .success {
                // The usage line names the options type; name the chapter's program instead.
                let usage = Options.helpMessage(columns: 80)
                    .split(separator: "\n", omittingEmptySubsequences: false).map { line in
                        guard line.hasPrefix("USAGE: ") else { return String(line) }
                        let words = line.split(separator: " ", maxSplits: 2)
                        return "USAGE: \(program)" + (words.count > 2 ? " " + words[2] : "")
                    }.joined(separator: "\n")
                let text = (description + "\n\n" + usage + "\n" + exitStatusHelp)
                    .replacingOccurrences(of: "chapterN", with: program)
                return .help(text)
            }
            let message = Options.message(for: error)
                .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }.joined(separator: " ")
            return .usageError("\(program): \(message) (see \(program) --help)")
        }
    }
}
