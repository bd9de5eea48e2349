// The literate runtime: a chapter's command line, numbered sections, prose and formulas.

import Foundation

/// The runtime of one chapter: it parses the command line, prints the chapter as it runs,
/// records checks, progress and figures, writes the transcript and decides the exit status.
///
/// ```swift
/// let book = Notebook(chapter: 2, title: "The plain autoencoder", summary: "…")
/// book.section("The objective")
/// book.prose("An autoencoder …")
/// book.formula("min over q, p of E‖x − p(q(x))‖²")
/// book.check("gradient of the loss", measured: error, tolerance: 1e-6)
/// book.finish()
/// ```
/// Exit status: 0 when every check held; 1 when a check or a figure failed (or, with
/// `--exercises`, when an attempted exercise failed; unattempted ones fail only with
/// `--require-all`); 64 for a usage error, printed as one line on standard error; 74 when
/// standard output could not be written (`UsageError.exitStatusHelp` lists them for `--help`).
public final class Notebook {
    /// The chapter's number.
    public let chapter: Int
    /// The chapter's title.
    public let title: String
    /// The parsed common options.
    public let options: NotebookOptions
    /// Where the text goes.
    public let console: Console
    /// The figures folder, or nil with `--no-figures` or `--exercises`.
    public let figures: FigureFolder?
    /// The Markdown record of the run so far.
    public private(set) var transcript = Transcript()
    /// The run so far as a web page, written beside the transcript.
    public private(set) var page: ChapterPage
    /// Every check so far, in order.
    public private(set) var checks: [CheckRecord] = []
    /// The exercises registered with `exercises(_:)`.
    public private(set) var registeredExercises: [Exercise] = []
    /// The lines reporting times measured in this run, kept out of the transcript (see `timing`).
    public private(set) var timings: [String] = []
    private var openQuestions: [String] = []
    private var sectionNumber = 0
    private var subsectionNumber = 0
    private var activeProgress: TrainingProgress?
    /// The figures of this run drawn from measured times (see `measuredFigure`).
    var measuredFigureNames: [String] = []
    /// Whether the last thing printed was a check, so consecutive checks form one block.
    var lastBlockWasCheck = false
    let clock: () -> Double

    /// True with `--quick`: use small sizes and few steps.
    public var quick: Bool { options.quick }
    /// The seed of every random number in the run.
    public var seed: UInt64 { UInt64(options.seed) }

    /// Parses the process's command line and opens the chapter; on a usage error prints one line
    /// on standard error and exits with status 64; on `--help` prints the help and exits with 0.
    public convenience init(chapter: Int, title: String, summary: String,
                            arguments: [String] = Array(CommandLine.arguments.dropFirst())) {
        let (book, _) = Notebook.open(chapter: chapter, title: title, summary: summary,
                                      options: NotebookOptions.self, arguments: arguments)
        self.init(copying: book)
    }

    /// Opens a chapter with its own options type (which embeds `NotebookOptions`), e.g. for
    /// chapter 5's `--full`; returns the notebook and the parsed chapter options.
    public static func open<Options: ChapterOptions>(
        chapter: Int, title: String, summary: String, options: Options.Type,
        arguments: [String] = Array(CommandLine.arguments.dropFirst())
    ) -> (Notebook, Options) {
        let console = Console.standardOutput()
        let program = "chapter\(chapter)"
        let description = "Chapter \(chapter) — \(title)\n\n"
            + TextWrapping.wrap(summary, width: 80).joined(separator: "\n")
        switch UsageError.parse(Options.self, arguments: arguments, program: program, description: description) {
        case .help(let text):
            console.line(text)
            console.exit(0, program: program)
        case .usageError(let line):
            console.error(line)
            console.exit(UsageError.exitStatus, program: program)
        case .run(let parsed):
            do {
                let book = try Notebook(chapter: chapter, title: title, summary: summary,
                                        options: parsed.notebook, console: console)
                return (book, parsed)
            } catch {
                console.error("\(program): \(error)")
                console.exit(UsageError.exitStatus, program: program)
            }
        }
    }

    /// Opens a chapter with options already parsed, writing to `console`; prepares the figures
    /// folder (throwing `FigureFolderError` when it is not writable) and prints the title.
    public init(chapter: Int, title: String, summary: String, options: NotebookOptions,
                console: Console, clock: @escaping () -> Double = TrainingProgress.stopwatch()) throws {
        self.chapter = chapter
        self.title = title
        self.options = options
        self.console = console
        self.clock = clock
        page = ChapterPage(chapter: chapter, title: title)
        figures = try options.figuresFolder(chapter: chapter).map(FigureFolder.prepare)
        // A child process grading one exercise prints nothing but its outcome.
        guard options.gradeOne == nil else { return }
        let heading = "Chapter \(chapter) — \(title)"
        console.line(console.coloured(heading, .bold))
        console.line(String(repeating: "═", count: min(console.width, DisplayWidth.of(heading))))
        if options.quick, options.figuresFolder == nil, let figures {
            console.line(TextWrapping.wrap(
                "--quick: the figures and the transcript go to \(figures.path), not to the committed "
                    + "Figures/chapter\(chapter) (choose another folder with --figures).",
                width: console.width).joined(separator: "\n"))
        }
        transcript.append("# \(heading)")
        page.append(.heading(level: 1, text: heading, anchor: nil))
        if !summary.isEmpty { prose(summary) }
    }

    private init(copying other: Notebook) {
        chapter = other.chapter
        timings = other.timings
        page = other.page
        title = other.title
        options = other.options
        console = other.console
        figures = other.figures
        transcript = other.transcript
        clock = other.clock
    }

    /// Starts numbered section `n. title` (and resets subsection numbers).
    public func section(_ title: String) {
        sectionNumber += 1
        subsectionNumber = 0
        let heading = "\(sectionNumber). \(title)"
        emit(["", console.coloured(heading, .bold),
              String(repeating: "─", count: min(console.width, DisplayWidth.of(heading)))])
        transcript.append("## \(heading)")
        page.append(.heading(level: 2, text: heading, anchor: "section-\(sectionNumber)"))
    }

    /// Starts numbered subsection `n.m title` within the current section.
    public func subsection(_ title: String) {
        subsectionNumber += 1
        let heading = "\(sectionNumber).\(subsectionNumber) \(title)"
        emit(["", console.coloured(heading, .bold)])
        transcript.append("### \(heading)")
        page.append(.heading(level: 3, text: heading, anchor: "section-\(sectionNumber)-\(subsectionNumber)"))
    }

    /// Prints prose wrapped to the terminal; blank lines separate paragraphs.
    public func prose(_ text: String) {
        for paragraph in TextWrapping.paragraphs(text) {
            emit([""] + TextWrapping.wrap(paragraph, width: console.width))
            transcript.append(paragraph)
            page.append(.paragraph(paragraph))
        }
    }

    /// Prints a formula or other preformatted text indented and unwrapped, line for line.
    public func formula(_ text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
        emit([""] + lines)
        transcript.appendVerbatim(text)
        page.append(.preformatted(text))
    }

    /// Prints code, like a formula: indented and unwrapped.
    public func code(_ text: String) {
        formula(text)
    }

    /// Prints a line reporting a time measured in this run (a duration, a rate, a ratio of two
    /// times). It goes to the terminal and to `timings.md` beside the transcript, never into the
    /// transcript itself, so the same seed gives the same transcript on every run and machine.
    public func timing(_ text: String) {
        let lines = TextWrapping.wrap("⏱ " + text, width: console.width, indent: "  ")
        emit([""] + lines.enumerated().map { $0.offset == 0 ? String($0.element.dropFirst(2)) : $0.element })
        timings.append(text)
        transcript.append(Notebook.timingPlaceholder)
        page.append(.timing)
    }

    /// What the transcript holds where a time was printed.
    static let timingPlaceholder = "*⏱ A measured time: printed by the run and kept in timings.md, "
        + "since it differs from run to run.*"

    /// Records a time measured in this run without printing it (e.g. a progress bar's summary).
    func recordTiming(_ text: String) {
        timings.append(text)
    }

    /// Prints a bulleted list, each item wrapped with a hanging indent.
    public func list(_ items: [String]) {
        var lines = [""]
        for item in items {
            let wrapped = TextWrapping.wrap(item, width: console.width, indent: "  ")
            lines += wrapped.enumerated().map { $0 == 0 ? "•" + $1.dropFirst() : $1 }
        }
        emit(lines)
        transcript.append(items.map { "- \($0)" }.joined(separator: "\n"))
        page.append(.list(items))
    }

    /// Prints lines, first clearing a live progress bar so the text starts on a clean line.
    func emit(_ lines: [String]) {
        activeProgress?.clearLine()
        lastBlockWasCheck = false
        for line in lines { console.line(line) }
    }

    /// Starts reporting a training loop of `total` steps; call `update` every step and `finish` at the end.
    public func progress(_ label: String, total: Int) -> TrainingProgress {
        activeProgress?.clearLine()
        console.line()
        let progress = TrainingProgress(label: label, total: total, console: console, clock: clock) {
            [weak self] summary, timing in
            self?.transcript.append(summary)
            self?.page.append(.runSummary(summary))
            self?.recordTiming(timing)
            self?.activeProgress = nil
        }
        activeProgress = progress
        return progress
    }

    /// Registers the questions left open for the reader; they are printed at the end.
    public func questions(_ items: [String]) {
        openQuestions += items
    }

    /// The open questions registered so far.
    var registeredQuestions: [String] { openQuestions }

    /// Appends to the transcript (used by the results half of the runtime).
    func record(_ block: String) {
        transcript.append(block)
    }

    /// Appends a check's line to the transcript's list of checks.
    func recordCheckLine(_ line: String) {
        transcript.appendCheck(line)
    }

    /// Appends a check to the record.
    func record(_ check: CheckRecord) {
        checks.append(check)
        page.append(.check(check))
    }

    /// Appends a block to the page (used by the results half of the runtime).
    func record(page block: PageBlock) {
        page.append(block)
    }

    /// Registers the chapter's exercises (without grading them).
    func register(_ exercises: [Exercise]) {
        registeredExercises += exercises
    }
}
