import Foundation
import Testing
@testable import Notebook

@Suite struct NotebookRunTests {
    func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "notebook-tests-\(UUID().uuidString)/figures"
        return path
    }

    func openBook(figures: String?, console: Console = .capture(), clock: @escaping () -> Double = { 0 }) throws -> Notebook {
        let options = NotebookOptions.with(figuresFolder: figures, noFigures: figures == nil)
        return try Notebook(chapter: 2, title: "The plain autoencoder", summary: "A summary.",
                            options: options, console: console, clock: clock)
    }

    @Test func sectionsAreNumberedAndFormulasKeptVerbatim() throws {
        let console = Console.capture(width: 30)
        let book = try openBook(figures: nil, console: console)
        book.section("The objective")
        book.subsection("Encoder")
        book.subsection("Decoder")
        book.section("Training")
        book.formula("min over q, p of E‖x − p(q(x))‖² + a long tail past thirty columns")
        let text = console.captured
        #expect(text.contains("\n1. The objective\n"))
        #expect(text.contains("\n1.1 Encoder\n"))
        #expect(text.contains("\n1.2 Decoder\n"))
        #expect(text.contains("\n2. Training\n"))
        #expect(text.contains("\n    min over q, p of E‖x − p(q(x))‖² + a long tail past thirty columns\n"))
    }

    @Test func transcriptRecordsTheRunAndIsWrittenBesideTheFigures() throws {
        let folder = temporaryFolder()
        let book = try openBook(figures: folder)
        book.section("The objective")
        book.prose("First paragraph.\n\nSecond paragraph.")
        book.formula("ŷ = σ(Wx)")
        book.check("identity", measured: 1e-9, tolerance: 1e-6)
        book.check("rows sum to one", passed: true, detail: "max error 0")
        let wrote = book.figure("loss.png", caption: "Training loss") { path in
            try Data("png".utf8).write(to: URL(fileURLWithPath: path))
        }
        #expect(wrote)
        #expect(FileManager.default.contents(atPath: folder + "/loss.png") == Data("png".utf8))
        #expect(book.conclude() == 0)
        let transcript = try String(contentsOfFile: folder + "/transcript.md", encoding: .utf8)
        let expectedPieces = [
            "# Chapter 2 — The plain autoencoder\n\nA summary.",
            "## 1. The objective\n\nFirst paragraph.\n\nSecond paragraph.",
            "```text\nŷ = σ(Wx)\n```",
            "- ✓ identity — measured 1e-09 ≤ tolerance 1e-06\n- ✓ rows sum to one — max error 0",
            "![Training loss](loss.png)",
            "| identity | 1e-09 | 1e-06 | ✓ pass |",
            "**✓ all 2 checks passed**",
        ]
        for piece in expectedPieces { #expect(transcript.contains(piece), "missing: \(piece)") }
        // No temporary file is left behind.
        let left = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(left == ["index.html", "loss.png", "transcript.md"])
    }

    @Test func failedChecksAndFigureErrorsFailTheRun() throws {
        struct DiskFull: Error, CustomStringConvertible { var description: String { "disk full" } }
        let console = Console.capture()
        let folder = temporaryFolder()
        let book = try openBook(figures: folder, console: console)
        book.check("fine", measured: 0, tolerance: 1)
        book.check("gradient of the loss", measured: 0.5, tolerance: 1e-6)
        let wrote = book.figure("broken.png", caption: "never") { _ in throw DiskFull() }
        #expect(!wrote)
        #expect(console.captured.contains("✗ figure broken.png — could not be written: disk full"))
        #expect(book.conclude() == 1)
        #expect(console.capturedErrors.contains("chapter2: 2 checks failed: gradient of the loss, figure broken.png"))
    }

    @Test func noFiguresSkipsTheFigureAndTheTranscript() throws {
        let console = Console.capture()
        let book = try openBook(figures: nil, console: console)
        var called = false
        book.figure("loss.png", caption: "loss") { _ in called = true }
        #expect(!called)
        #expect(book.figures == nil)
        #expect(book.conclude() == 0)
        #expect(!console.captured.contains("Transcript:"))
    }

    @Test func figurePathIsShownRelativeToTheCurrentDirectory() {
        let current = FileManager.default.currentDirectoryPath
        #expect(FigureFolder.displayed(current + "/Figures/chapter2/loss.png") == "Figures/chapter2/loss.png")
        #expect(FigureFolder.displayed("Figures/x.png") == "Figures/x.png")
        #expect(FigureFolder.displayed("/elsewhere-\(UUID().uuidString)/x.png").hasPrefix("/elsewhere"))
    }

    @Test func plainProgressPrintsEveryTenthAndASummary() throws {
        let console = Console.capture()
        var now = 0.0
        let book = try openBook(figures: nil, console: console, clock: { now })
        let before = console.captured.count
        let progress = book.progress("training", total: 100)
        for step in 1...100 {
            now += 0.01
            progress.update(step: step, loss: 1 / Double(step))
        }
        progress.finish(accuracy: 0.9)
        let lines = console.captured.dropFirst(before).split(separator: "\n")
        #expect(lines.count == 11, "\(lines)")
        #expect(lines[0] == "training: 10/100, loss 0.1, 100 steps/s, ETA 0.9 s")
        #expect(lines[10] == "training: 100 steps in 1.0 s, 100 steps/s, final loss 0.01, accuracy 90.0%")
        // The transcript keeps the results, not the times, which differ from run to run.
        #expect(book.transcript.blocks.last == "training: 100 steps, final loss 0.01, accuracy 90.0%")
    }

    @Test func plainProgressSpeaksAfterFiveSilentSeconds() throws {
        let console = Console.capture()
        var now = 0.0
        let book = try openBook(figures: nil, console: console, clock: { now })
        let progress = book.progress("slow", total: 1000)
        let before = console.captured.count
        now = 6
        progress.update(step: 1)
        #expect(console.captured.dropFirst(before) == "slow: 1/1000, 0.167 steps/s, ETA 99 min 54 s\n")
    }

    @Test func terminalProgressRedrawsOneLineAndClearsItForText() throws {
        let console = Console.capture(width: 80, isTerminal: true)
        var now = 0.0
        let book = try openBook(figures: nil, console: console, clock: { now })
        let progress = book.progress("fit", total: 4)
        let before = console.captured.count
        now = 1; progress.update(step: 1, loss: 2)
        now = 1.05; progress.update(step: 2, loss: 1)  // within 0.1 s: not redrawn
        book.prose("Meanwhile.")
        let text = String(console.captured.dropFirst(before))
        #expect(text.hasPrefix("\rfit  [███████░"))
        #expect(text.contains("1/4  loss 2  1 steps/s  ETA 3.0 s\u{1B}[K"))
        #expect(!text.contains("2/4"))
        #expect(text.contains("\r\u{1B}[K\nMeanwhile."))
        #expect(!text.contains("\n\r"))
    }
}

/// Compiles only if the runtime can be used the way a chapter's main.swift uses it under Swift 6.
@MainActor func chapterLikeUsage() throws -> Int32 {
    let book = try Notebook(chapter: 4, title: "Usage", summary: "", options: .with(noFigures: true),
                            console: .capture())
    book.section("A section")
    let progress = book.progress("training", total: 2)
    progress.update(step: 1, loss: 0.5)
    progress.finish()
    book.exercises([])
    return book.conclude()
}
