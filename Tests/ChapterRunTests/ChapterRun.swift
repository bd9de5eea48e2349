import Foundation

/// Runs a chapter's executable and captures what it printed.
struct ChapterRun {
    let status: Int32
    let output: String
    let errors: String

    /// The folder holding the built executables (`.build/debug` or the like).
    static let binaryFolder: URL = {
        // The test binary lives in the same build folder as the chapters (on macOS, inside a bundle there).
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            if FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("chapter1").path) { return folder }
            folder.deleteLastPathComponent()
        }
        // Fall back to the package's default debug folder.
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug")
    }()

    /// Runs `chapterN` with `arguments` in a temporary working folder and waits for it.
    static func run(chapter: Int, _ arguments: [String], in folder: URL) throws -> ChapterRun {
        try run(executable: binaryFolder.appendingPathComponent("chapter\(chapter)").path, arguments, in: folder)
    }

    /// Runs any executable with `arguments` in `folder` and waits for it.
    static func run(executable: String, _ arguments: [String], in folder: URL) throws -> ChapterRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        // Output goes to files, so a chapter that prints a lot never blocks on a full pipe.
        let outURL = folder.appendingPathComponent("stdout-\(UUID().uuidString).txt")
        let errURL = folder.appendingPathComponent("stderr-\(UUID().uuidString).txt")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer { try? out.close(); try? err.close() }
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        let outData = try Data(contentsOf: outURL), errData = try Data(contentsOf: errURL)
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
        return ChapterRun(status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self),
                          errors: String(decoding: errData, as: UTF8.self))
    }

    /// A new empty temporary folder.
    static func temporaryFolder(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("chapter-run-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
