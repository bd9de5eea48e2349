// Writes a student copy of the package: the exercise stubs in place, the reference solutions and
// their tests left out, everything else building and running. `swift run handout <folder>`.

import Foundation
import Notebook

/// What the student copy leaves out, relative to the package root: the reference solutions and
/// the tests that prove the graders reject wrong answers (they hold the solutions too).
let solutionPaths = ["Tests/GradingTests"]

/// Names never copied: version control, build folders, editor state, resolved versions and the
/// times of local runs.
func isLeftOut(_ name: String) -> Bool {
    name == ".git" || name.hasPrefix(".build") || name == ".swiftpm" || name == "Package.resolved"
        || name == ".DS_Store" || name == "timings.md"
}

/// The command line: `handout <folder> [--force]`.
struct Handout: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handout",
        abstract: "Writes a student copy of the package, without reference solutions, to a folder.",
        discussion: """
            The copy has every chapter, library, figure and test except \(solutionPaths.joined(separator: ", ")) \
            (the reference solutions and their grader tests), no git history and no build folder. \
            In it `swift build`, `swift test` and `swift run chapterN` work as here, and \
            `swift run chapterN --exercises` reports every exercise as not attempted. \
            Run it from the package root.
            """)

    @Argument(help: ArgumentHelp("Folder to write the copy to (must not exist, or be empty).", valueName: "folder"))
    var folder: String

    func validate() throws {
        guard FileManager.default.fileExists(atPath: "Package.swift"),
              FileManager.default.fileExists(atPath: "Chapters") else {
            throw ValidationError("run it from the package root (no Package.swift and Chapters/ here)")
        }
        if let contents = try? FileManager.default.contentsOfDirectory(atPath: folder), !contents.isEmpty {
            throw ValidationError("'\(folder)' is not empty; choose a new folder")
        }
        let root = FileManager.default.currentDirectoryPath
        let target = URL(fileURLWithPath: folder).standardizedFileURL.path
        if target == root || target.hasPrefix(root + "/") {
            throw ValidationError("'\(folder)' is inside the package; choose a folder outside it")
        }
    }

    func run() throws {
        let manager = FileManager.default
        let root = manager.currentDirectoryPath
        let stubs = try studentStubs(in: root)  // before writing anything
        try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var copied = 0
        try copyTree(from: root, to: folder, relative: "", copied: &copied)
        print("Wrote a student copy to \(folder): \(copied) files; left out \(solutionPaths.joined(separator: ", ")).")
        print("Exercise stubs: \(stubs.joined(separator: ", ")).")
        print("In the copy: swift build && swift test, then swift run chapter1 --exercises.")
    }

    /// Copies the files under `source` (below the package-relative `relative`) into `destination`.
    func copyTree(from source: String, to destination: String, relative: String, copied: inout Int) throws {
        let manager = FileManager.default
        for name in try manager.contentsOfDirectory(atPath: source).sorted() where !isLeftOut(name) {
            let path = relative.isEmpty ? name : relative + "/" + name
            if solutionPaths.contains(path) { continue }
            let from = (source as NSString).appendingPathComponent(name)
            let to = (destination as NSString).appendingPathComponent(name)
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: from, isDirectory: &isFolder) else { continue }
            if isFolder.boolValue {
                try manager.createDirectory(atPath: to, withIntermediateDirectories: true)
                try copyTree(from: from, to: to, relative: path, copied: &copied)
            } else {
                try manager.copyItem(atPath: from, toPath: to)
                copied += 1
            }
        }
    }

    /// The chapters' Exercises.swift files under `root`; fails when one holds a solved exercise
    /// (a function in it that no longer throws `ExerciseNotAttempted`).
    func studentStubs(in root: String) throws -> [String] {
        let chapters = (root as NSString).appendingPathComponent("Chapters")
        var stubs: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: chapters).sorted() {
            let path = "Chapters/\(name)/Exercises.swift"
            guard let text = try? String(contentsOfFile: (root as NSString).appendingPathComponent(path),
                                         encoding: .utf8) else { continue }
            let functions = text.components(separatedBy: "\nfunc ").count - 1
            let untouched = text.split(separator: "\n")
                .filter { $0.trimmingCharacters(in: .whitespaces) == "throw ExerciseNotAttempted()" }.count
            guard untouched >= functions else {
                throw ValidationError("""
                    \(path) has \(functions) exercise functions but only \(untouched) untouched stubs: \
                    restore the stubs (git checkout \(path)) before making a handout
                    """)
            }
            stubs.append(path)
        }
        return stubs
    }
}

runCommand(Handout.self)
