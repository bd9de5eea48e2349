// Regenerates the book: every chapter in its full form, then the plotting gallery, into Figures/.
// `swift run regenerate` rewrites the committed figures and transcripts; `--check` writes them to a
// temporary folder instead and fails when any differs from what is committed.

import Foundation
import Notebook

/// The command line: `regenerate [--check] [--only NAME]…`.
struct Regenerate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regenerate",
        abstract: "Runs every chapter in its full form (seed 42) and the gallery, writing Figures/.",
        discussion: """
            With --check, writes into a temporary folder instead and compares every PNG and \
            transcript with the committed ones byte for byte (timings.md and figures of measured times, \
            which differ on every run, are not compared). Exit status: 0 when every chapter passed (and, with --check, \
            nothing differs); 1 otherwise; 64 for a usage error.
            """)

    @Flag(help: "Compare with the committed figures instead of overwriting them.")
    var check = false

    @Option(name: .customLong("only"), help: ArgumentHelp("Run only these (chapter1 … chapter7, gallery); repeatable.", valueName: "name"))
    var only: [String] = []

    @Option(name: .customLong("figures"), help: ArgumentHelp("The committed figures folder.", valueName: "dir"))
    var figuresRoot = "Figures"

    func validate() throws {
        let known = Set(FigureSource.all.map(\.name))
        if let unknown = only.first(where: { !known.contains($0) }) {
            throw ValidationError("unknown name '\(unknown)' for --only; choose from \(FigureSource.all.map(\.name).joined(separator: ", "))")
        }
        var isFolder: ObjCBool = false
        if check, !(FileManager.default.fileExists(atPath: figuresRoot, isDirectory: &isFolder) && isFolder.boolValue) {
            throw ValidationError("--check compares with '\(figuresRoot)', which is not a folder; run from the package root")
        }
    }

    func run() throws {
        let selected = only.isEmpty ? FigureSource.all : FigureSource.all.filter { only.contains($0.name) }
        let binaries = URL(fileURLWithPath: ChildGrading.currentExecutable()).deletingLastPathComponent()
        let outputRoot = check
            ? FileManager.default.temporaryDirectory.appendingPathComponent("regenerate-\(UUID().uuidString)").path
            : figuresRoot
        defer { if check { try? FileManager.default.removeItem(atPath: outputRoot) } }
        var results: [ChapterResult] = []
        for (index, source) in selected.enumerated() {
            print("[\(index + 1)/\(selected.count)] \(source.name) …")
            let folder = (outputRoot as NSString).appendingPathComponent(source.name)
            let result = ChapterResult.run(source, executable: binaries.appendingPathComponent(source.name).path,
                                           folder: folder)
            print("  " + result.line)
            if !result.passed { print(result.lastOutput.map { "    " + $0 }.joined(separator: "\n")) }
            results.append(result)
        }
        var differences = 0
        if check {
            print("\nComparing with \(figuresRoot)/ (timings.md and the figures a .measured list names are not compared)")
            let book = FolderComparison.compare(produced: outputRoot, committed: figuresRoot)
            for (name, detail) in book.changed { print("  differs: \(name): \(detail)") }
            for name in book.added { print("  not committed: \(name)") }
            differences += book.changed.count + book.added.count
            for source in selected {
                let comparison = FolderComparison.compare(
                    produced: (outputRoot as NSString).appendingPathComponent(source.name),
                    committed: (figuresRoot as NSString).appendingPathComponent(source.name),
                    ignoring: ["timings.md"])
                for (name, detail) in comparison.changed { print("  differs: \(source.name)/\(name): \(detail)") }
                for name in comparison.added { print("  not committed: \(source.name)/\(name)") }
                for name in comparison.missing { print("  committed but no longer written: \(source.name)/\(name)") }
                differences += comparison.changed.count + comparison.added.count + comparison.missing.count
                if comparison.isEmpty { print("  \(source.name): every file identical") }
            }
        }
        print("")
        print(ChapterResult.table(results).joined(separator: "\n"))
        let failed = results.filter { !$0.passed }.map(\.name)
        if !failed.isEmpty { print("\n✗ failed: \(failed.joined(separator: ", "))") }
        if differences > 0 {
            print("✗ \(differences) \(differences == 1 ? "file differs" : "files differ") from \(figuresRoot)/: run `swift run regenerate` and commit the result, "
                  + "or find what made the output change")
        }
        if failed.isEmpty && differences == 0 {
            print(check ? "\n✓ every figure and transcript matches \(figuresRoot)/" : "\n✓ the book is regenerated in \(figuresRoot)/")
        }
        if !failed.isEmpty || differences > 0 { throw ExitCode(1) }
    }
}

runCommand(Regenerate.self)
