import Testing
@testable import Notebook

struct ChapterFiveOptions: ChapterOptions {
    @OptionGroup var notebook: NotebookOptions
    @Flag(help: "Train at the article's sizes.") var full = false
}

@Suite struct CommandLineTests {
    func parse(_ arguments: [String]) -> CommandLineOutcome<NotebookOptions> {
        UsageError.parse(NotebookOptions.self, arguments: arguments, program: "chapter3",
                         description: "Chapter 3 — Attention")
    }

    func usageLine(_ arguments: [String]) -> String? {
        if case .usageError(let line) = parse(arguments) { return line }
        return nil
    }

    @Test func defaultsAndValues() {
        guard case .run(let defaults) = parse([]) else { Issue.record("no arguments must parse"); return }
        #expect(defaults.seed == 42 && !defaults.quick && !defaults.noFigures && !defaults.exercises)
        #expect(defaults.figuresFolder == nil)
        guard case .run(let set) = parse(["--quick", "--seed", "7", "--figures", "out", "--exercises"]) else {
            Issue.record("valid arguments must parse"); return
        }
        #expect(set.quick && set.seed == 7 && set.figuresFolder == "out" && set.exercises)
    }

    @Test func badValuesGiveOneLine() {
        let cases: [([String], String)] = [
            (["--bogus"], "'--bogus'"),
            (["--seed", "-5"], "--seed must be 0 or more, got -5"),
            (["--seed", "seven"], "'seven'"),
            (["--seed"], "--seed"),
            (["stray"], "'stray'"),
        ]
        for (arguments, mention) in cases {
            guard let line = usageLine(arguments) else { Issue.record("\(arguments) must be rejected"); continue }
            #expect(!line.contains("\n"), "\(arguments): \(line)")
            #expect(line.hasPrefix("chapter3: "))
            #expect(line.contains(mention), "\(arguments): \(line)")
        }
    }

    @Test func helpStartsWithTheChapterAndNamesTheProgram() {
        guard case .help(let text) = parse(["--help"]) else { Issue.record("--help must give help"); return }
        #expect(text.hasPrefix("Chapter 3 — Attention"))
        #expect(text.contains("USAGE: chapter3 [--quick]"))
        #expect(text.contains("--no-figures"))
    }

    @Test func helpNamesTheChaptersOwnFolderAndTheExitStatuses() {
        guard case .help(let text) = parse(["--help"]) else { Issue.record("--help must give help"); return }
        #expect(text.contains("Figures/chapter3") && text.contains(".build/quick-figures/chapter3"))
        #expect(!text.contains("chapterN"))
        #expect(text.contains("EXIT STATUS"))
        for status in ["0 ", "1 ", "64", "74"] { #expect(text.contains("\n  \(status)"), "status \(status)") }
    }

    @Test func gradingOptionsNeedExercisesAndAPositiveTimeLimit() {
        #expect(usageLine(["--report", "r.json"])?.contains("--report needs --exercises") == true)
        #expect(usageLine(["--require-all"])?.contains("--require-all needs --exercises") == true)
        #expect(usageLine(["--exercises", "--time-limit", "0"])?.contains("--time-limit must be a positive") == true)
        guard case .run(let options) = parse(["--exercises", "--report", "r.json", "--junit", "r.xml",
                                              "--require-all", "--time-limit", "5"]) else {
            Issue.record("the grading options must parse with --exercises"); return
        }
        #expect(options.jsonReport == "r.json" && options.junitReport == "r.xml" && options.requireAll
                && options.timeLimit == 5)
    }

    @Test func chaptersComposeTheirOwnFlags() {
        let outcome = UsageError.parse(ChapterFiveOptions.self, arguments: ["--full", "--seed", "3"],
                                       program: "chapter5", description: "")
        guard case .run(let options) = outcome else { Issue.record("--full must parse"); return }
        #expect(options.full && options.notebook.seed == 3)
        guard case .help(let help) = UsageError.parse(ChapterFiveOptions.self, arguments: ["-h"],
                                                      program: "chapter5", description: "") else {
            Issue.record("-h must give help"); return
        }
        #expect(help.contains("--full") && help.contains("--quick"))
    }

    @Test func unwritableFiguresFolderIsRejectedUpFront() {
        #expect(throws: FigureFolderError.self) { try FigureFolder.prepare("/proc/no-such-folder") }
        #expect(throws: FigureFolderError.self) { try FigureFolder.prepare("/dev/null") }
    }
}
