import Foundation
import Testing

/// `swift run handout`: a student copy without the reference solutions.
@Suite("The student handout", .serialized)
struct HandoutTests {
    /// The package root, two folders above this file's folder.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    func handout(from root: URL, to folder: URL) throws -> ChapterRun {
        try ChapterRun.run(executable: ChapterRun.binaryFolder.appendingPathComponent("handout").path, [folder.path],
                           in: root)
    }

    @Test func theCopyLeavesOutTheSolutionsAndKeepsEverythingElse() throws {
        let work = try ChapterRun.temporaryFolder("handout")
        defer { try? FileManager.default.removeItem(at: work) }
        let copy = work.appendingPathComponent("student")
        let run = try handout(from: Self.packageRoot, to: copy)
        #expect(run.status == 0, "\(run.errors)")
        let manager = FileManager.default
        for kept in ["Package.swift", "README.md", "Chapters/chapter3/Exercises.swift", "Sources/Grading/README.md",
                     "Tests/NotebookTests", "Figures/chapter2/loss.png"] {
            #expect(manager.fileExists(atPath: copy.appendingPathComponent(kept).path), "\(kept) is missing")
        }
        for leftOut in ["Tests/GradingTests", ".git", ".build", "Package.resolved"] {
            #expect(!manager.fileExists(atPath: copy.appendingPathComponent(leftOut).path), "\(leftOut) was copied")
        }
        // No reference solution anywhere in the copy (the name is built here so this file does not hold it).
        let solutionName = "func reference" + "MaskedSoftmax"
        let files = manager.enumerator(atPath: copy.path)?.compactMap { $0 as? String } ?? []
        for file in files where file.hasSuffix(".swift") {
            let text = try String(contentsOf: copy.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains(solutionName), "\(file) holds a reference solution")
        }
        // A solved stub in the package being copied is refused.
        let stub = copy.appendingPathComponent("Chapters/chapter3/Exercises.swift")
        let solved = try String(contentsOf: stub, encoding: .utf8)
            .replacingOccurrences(of: "    throw ExerciseNotAttempted()\n}", with: "    scores\n}")
        try solved.write(to: stub, atomically: true, encoding: .utf8)
        let refused = try handout(from: copy, to: work.appendingPathComponent("second"))
        #expect(refused.status != 0)
        #expect(refused.errors.contains("Chapters/chapter3/Exercises.swift"), "\(refused.errors)")
    }

    @Test func theCopyMustGoToANewFolderOutsideThePackage() throws {
        let work = try ChapterRun.temporaryFolder("handout-target")
        defer { try? FileManager.default.removeItem(at: work) }
        let inside = try handout(from: Self.packageRoot, to: Self.packageRoot.appendingPathComponent("Figures/copy"))
        #expect(inside.status == 64 && inside.errors.contains("inside the package"), "\(inside.errors)")
        try Data("x".utf8).write(to: work.appendingPathComponent("file"))
        let occupied = try handout(from: Self.packageRoot, to: work)
        #expect(occupied.status == 64 && occupied.errors.contains("not empty"), "\(occupied.errors)")
    }
}
