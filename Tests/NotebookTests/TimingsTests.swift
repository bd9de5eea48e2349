import Foundation
import Testing
@testable import Notebook

/// Times measured in a run stay out of the transcript, so the same seed gives the same transcript.
@Suite struct TimingsTests {
    func openBook(folder: String, clock: @escaping () -> Double) throws -> (Notebook, Console) {
        let console = Console.capture()
        let options = NotebookOptions.with(figuresFolder: folder)
        let book = try Notebook(chapter: 2, title: "T", summary: "", options: options, console: console, clock: clock)
        return (book, console)
    }

    @Test func timingLinesArePrintedAndFiledApartFromTheTranscript() throws {
        let folder = NSTemporaryDirectory() + "timings-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var now = 0.0
        let (book, console) = try openBook(folder: folder) { now }
        book.timing("one step took 12.34 ms")
        let progress = book.progress("training", total: 4)
        now = 2
        progress.update(step: 4, loss: 0.5)
        progress.finish(note: "validation 0.75", timing: "7.5 ms per step")
        _ = book.conclude()
        let transcript = try String(contentsOfFile: folder + "/transcript.md", encoding: .utf8)
        let timings = try String(contentsOfFile: folder + "/timings.md", encoding: .utf8)
        #expect(console.captured.contains("one step took 12.34 ms"))
        let printed = console.captured.replacingOccurrences(of: "\n  ", with: " ")
        #expect(printed.contains("training: 4 steps in 2.0 s, 2 steps/s, 7.5 ms per step, final loss 0.5, validation 0.75"))
        #expect(!transcript.contains("12.34") && !transcript.contains("steps/s") && !transcript.contains("7.5 ms"))
        #expect(transcript.contains("training: 4 steps, final loss 0.5, validation 0.75"))
        #expect(timings.contains("- one step took 12.34 ms"))
        #expect(timings.contains("- training: 4 steps in 2.0 s, 2 steps/s, 7.5 ms per step\n"))
    }

    @Test func aRunWithoutTimingsRemovesAStaleTimingsFile() throws {
        let folder = NSTemporaryDirectory() + "timings-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("old".utf8).write(to: URL(fileURLWithPath: folder + "/timings.md"))
        let (book, _) = try openBook(folder: folder) { 0 }
        _ = book.conclude()
        #expect(!FileManager.default.fileExists(atPath: folder + "/timings.md"))
    }

    @Test func quickRunsWriteAwayFromTheCommittedFigures() {
        #expect(NotebookOptions.with().figuresFolder(chapter: 3) == "Figures/chapter3")
        #expect(NotebookOptions.with(quick: true).figuresFolder(chapter: 3) == ".build/quick-figures/chapter3")
        #expect(NotebookOptions.with(quick: true, figuresFolder: "Figures/chapter3").figuresFolder(chapter: 3)
                == "Figures/chapter3")
        #expect(NotebookOptions.with(quick: true, noFigures: true).figuresFolder(chapter: 3) == nil)
        #expect(NotebookOptions.with(exercises: true).figuresFolder(chapter: 3) == nil)
    }
}
