import Foundation
import Testing
@testable import Notebook

@Suite struct FolderComparisonTests {
    func folder(_ files: [String: String]) throws -> String {
        let path = NSTemporaryDirectory() + "comparison-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: URL(fileURLWithPath: path + "/" + name)) }
        return path
    }

    @Test func identicalFoldersHaveNoDifferences() throws {
        let files = ["loss.png": "\u{89}PNG bytes", "transcript.md": "# Chapter\n\nText.\n"]
        let a = try folder(files), b = try folder(files)
        defer { try? FileManager.default.removeItem(atPath: a); try? FileManager.default.removeItem(atPath: b) }
        #expect(FolderComparison.compare(produced: a, committed: b).isEmpty)
    }

    @Test func everyKindOfDifferenceIsNamed() throws {
        let produced = try folder(["loss.png": "PNG-1", "transcript.md": "# C\nsame\nnew line\n", "extra.png": "x",
                                   "timings.md": "5 ms", ".hidden.123.tmp": ""])
        let committed = try folder(["loss.png": "PNG-2", "transcript.md": "# C\nsame\nold line\n", "gone.png": "y",
                                    "timings.md": "7 ms"])
        defer {
            try? FileManager.default.removeItem(atPath: produced)
            try? FileManager.default.removeItem(atPath: committed)
        }
        let comparison = FolderComparison.compare(produced: produced, committed: committed, ignoring: ["timings.md"])
        #expect(comparison.changed.map(\.name) == ["loss.png", "transcript.md"])
        #expect(comparison.changed[0].detail == "5 bytes now, 5 committed; first difference at byte 4")
        #expect(comparison.changed[1].detail == "line 3: committed \"old line\", now \"new line\"")
        #expect(comparison.added == ["extra.png"])
        #expect(comparison.missing == ["gone.png"])
        #expect(!comparison.isEmpty)
    }

    @Test func figuresOfMeasuredTimesAreLeftOutButOthersStillCompared() throws {
        let produced = try folder(["time.png": "PNG-1", "loss.png": "PNG-a", ".measured": "time.png\n"])
        let committed = try folder(["time.png": "PNG-2", "loss.png": "PNG-b", ".measured": "time.png\n"])
        defer {
            try? FileManager.default.removeItem(atPath: produced)
            try? FileManager.default.removeItem(atPath: committed)
        }
        #expect(FolderComparison.measuredFigures(in: produced) == ["time.png"])
        let comparison = FolderComparison.compare(produced: produced, committed: committed)
        #expect(comparison.changed.map(\.name) == ["loss.png"])
        #expect(comparison.added.isEmpty && comparison.missing.isEmpty)
    }
}
