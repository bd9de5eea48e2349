import Foundation
import Testing
import Notebook
import Plotting

/// A chapter and the figures the curriculum lists for it.
struct ChapterFigures: Sendable, CustomTestStringConvertible {
    let chapter: Int
    /// Figures that must be byte-identical between two runs with the same seed.
    let figures: [String]
    /// Figures drawn from measured times: written and listed in `.measured`, but not compared.
    var measured: [String] = []
    var testDescription: String { "chapter \(chapter)" }
}

let chapterFigures: [ChapterFigures] = [
    ChapterFigures(chapter: 1, figures: ["tape-graph.png", "gradient-check-error.png"]),
    ChapterFigures(chapter: 2, figures: ["loss.png", "reconstructions.png", "latent-2d.png", "error-vs-k.png", "denoising.png"]),
    ChapterFigures(chapter: 3, figures: ["variance-vs-dk.png", "softmax-saturation.png", "attention-map.png", "loss.png"]),
    ChapterFigures(chapter: 4, figures: ["lstm-cell.png", "loss.png", "accuracy-vs-length.png"]),
    ChapterFigures(chapter: 5, figures: ["accuracy-vs-length.png", "attention-copy.png", "attention-reverse.png",
                                         "attention-dates.png", "loss.png", "seq2seq-attention.png"]),
    ChapterFigures(chapter: 6, figures: ["vae-samples.png", "interpolation.png", "rate-distortion.png",
                                         "saliency-vs-attention.png"]),
    ChapterFigures(chapter: 7, figures: ["positional-encoding.png", "accuracy-vs-length.png", "work-vs-length.png",
                                         "attention-heads.png"], measured: ["time-vs-length.png"]),
]

@Suite("Every chapter runs with --quick", .serialized)
struct ChapterRunTests {
    @Test(arguments: chapterFigures)
    func quickRunPassesAndWritesEveryFigure(_ expected: ChapterFigures) throws {
        let work = try ChapterRun.temporaryFolder("\(expected.chapter)")
        defer { try? FileManager.default.removeItem(at: work) }
        var figureBytes: [[Data]] = []
        for attempt in 0..<2 {
            let figures = work.appendingPathComponent("run\(attempt)")
            let run = try ChapterRun.run(chapter: expected.chapter, ["--quick", "--seed", "5", "--figures", figures.path], in: work)
            #expect(run.status == 0, "chapter \(expected.chapter) exited with \(run.status): \(run.errors.suffix(2000))")
            #expect(!run.output.contains("✗"), "a check failed:\n\(run.output.suffix(3000))")
            #expect(run.output.contains("checks passed"), "no summary of passed checks:\n\(run.output.suffix(1000))")
            #expect(FileManager.default.fileExists(atPath: figures.appendingPathComponent("transcript.md").path))
            var bytes: [Data] = [try Data(contentsOf: figures.appendingPathComponent("transcript.md")),
                                 try Data(contentsOf: figures.appendingPathComponent("index.html"))]
            // The page's title is the one the book's contents give the chapter.
            let page = String(decoding: bytes[1], as: UTF8.self)
            let title = try #require(BookContents.chapter(expected.chapter)?.title)
            #expect(page.contains("<title>Chapter \(expected.chapter) — \(title) ·"), "the title differs from BookContents")
            for name in expected.figures { #expect(page.contains("<img src=\"\(name)\""), "\(name) is not on the page") }
            for name in expected.figures {
                let path = figures.appendingPathComponent(name).path
                let image = try PNGImage.read(path)
                #expect(image.width >= 200 && image.height >= 150, "\(name) is \(image.width)×\(image.height)")
                bytes.append(try Data(contentsOf: URL(fileURLWithPath: path)))
            }
            figureBytes.append(bytes)
            for name in expected.measured {
                let image = try PNGImage.read(figures.appendingPathComponent(name).path)
                #expect(image.width >= 200 && image.height >= 150, "\(name) is \(image.width)×\(image.height)")
                #expect(page.contains("<img src=\"\(name)\""), "\(name) is not on the page")
                #expect(FolderComparison.measuredFigures(in: figures.path) == Set(expected.measured),
                        "the folder's .measured list must name exactly the measured figures")
            }
        }
        // The same seed gives byte-identical figures, transcripts and pages (times go to timings.md).
        for (index, name) in (["transcript.md", "index.html"] + expected.figures).enumerated() {
            #expect(figureBytes[0][index] == figureBytes[1][index], "\(name) differs between two runs with the same seed")
        }
    }

    @Test(arguments: 1...7)
    func usageErrorsGetOneLineAndANonZeroStatus(_ chapter: Int) throws {
        let work = try ChapterRun.temporaryFolder("usage\(chapter)")
        defer { try? FileManager.default.removeItem(at: work) }
        for arguments in [["--no-such-flag"], ["--seed", "-3"], ["--seed", "many"]] {
            let run = try ChapterRun.run(chapter: chapter, arguments, in: work)
            #expect(run.status != 0)
            #expect(run.errors.split(separator: "\n").count == 1, "\(arguments): \(run.errors)")
            #expect(!run.errors.contains("Fatal error") && !run.errors.contains("Stack dump"))
        }
        // A figures folder under a regular file cannot be created.
        let blocker = work.appendingPathComponent("plain-file")
        try Data("x".utf8).write(to: blocker)
        let run = try ChapterRun.run(chapter: chapter, ["--quick", "--figures", blocker.appendingPathComponent("figs").path], in: work)
        #expect(run.status != 0)
        #expect(run.errors.split(separator: "\n").count == 1, "\(run.errors)")
    }

    @Test(arguments: 1...7)
    func untouchedExerciseStubsAreNotAttempted(_ chapter: Int) throws {
        let work = try ChapterRun.temporaryFolder("exercises\(chapter)")
        defer { try? FileManager.default.removeItem(at: work) }
        let run = try ChapterRun.run(chapter: chapter, ["--exercises"], in: work)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("not attempted"), "\(run.output)")
        #expect(!run.output.contains("✗"))
    }
}
