import Foundation
import Testing

/// What a chapter does with its output folders, its reports and a terminal that cannot be written.
@Suite("Chapter command lines", .serialized)
struct ChapterCommandLineTests {
    /// Runs `chapterN arguments` through /bin/sh with the shell redirections in `redirections`.
    func shell(chapter: Int, _ arguments: String, redirections: String, in folder: URL) throws -> ChapterRun {
        let executable = ChapterRun.binaryFolder.appendingPathComponent("chapter\(chapter)").path
        return try ChapterRun.run(executable: "/bin/sh", ["-c", "exec '\(executable)' \(arguments) \(redirections)"],
                                  in: folder)
    }

    @Test func aQuickRunLeavesTheCommittedFiguresAlone() throws {
        let work = try ChapterRun.temporaryFolder("quick-default")
        defer { try? FileManager.default.removeItem(at: work) }
        let run = try ChapterRun.run(chapter: 1, ["--quick"], in: work)
        #expect(run.status == 0, "\(run.errors)")
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("Figures").path))
        let transcript = work.appendingPathComponent(".build/quick-figures/chapter1/transcript.md").path
        #expect(FileManager.default.fileExists(atPath: transcript))
        #expect(run.output.contains(".build/quick-figures/chapter1"), "the run must say where the figures went")
    }

    @Test func gradingWritesJSONAndJUnitReportsAndCanRequireEveryExercise() throws {
        let work = try ChapterRun.temporaryFolder("reports")
        defer { try? FileManager.default.removeItem(at: work) }
        let json = work.appendingPathComponent("results.json"), xml = work.appendingPathComponent("results.xml")
        let run = try ChapterRun.run(chapter: 3, ["--exercises", "--report", json.path, "--junit", xml.path], in: work)
        #expect(run.status == 0, "\(run.errors)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        let tests = try #require(object["tests"] as? [[String: Any]])
        #expect(tests.count == 2)
        #expect(tests.allSatisfy { $0["verdict"] as? String == "not attempted" && $0["score"] as? Int == 0 })
        #expect(object["exit_status"] as? Int == 0)
        let junit = try String(contentsOf: xml, encoding: .utf8)
        #expect(junit.contains("<skipped message=\"not attempted"))

        let strict = try ChapterRun.run(chapter: 3, ["--exercises", "--require-all", "--report", json.path], in: work)
        #expect(strict.status == 1)
        #expect(strict.errors.contains("2 exercises not attempted (--require-all)"), "\(strict.errors)")
        let strictObject = try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any]
        #expect(strictObject?["exit_status"] as? Int == 1)
    }

    @Test func aReportThatCannotBeWrittenIsRefusedBeforeGrading() throws {
        let work = try ChapterRun.temporaryFolder("report-folder")
        defer { try? FileManager.default.removeItem(at: work) }
        let run = try ChapterRun.run(chapter: 2, ["--exercises", "--report", work.appendingPathComponent("no/such/r.json").path],
                                     in: work)
        #expect(run.status == 64)
        #expect(run.errors.contains("does not exist") && !run.output.contains("Grading"), "\(run.errors)")
    }

    @Test func helpNamesTheChaptersFolderAndTheExitStatuses() throws {
        let work = try ChapterRun.temporaryFolder("help")
        defer { try? FileManager.default.removeItem(at: work) }
        let run = try ChapterRun.run(chapter: 4, ["--help"], in: work)
        #expect(run.status == 0)
        #expect(run.output.contains("Figures/chapter4") && !run.output.contains("chapterN"))
        #expect(run.output.contains("EXIT STATUS"))
    }

    @Test func aClosedOrFullStandardErrorNeverCrashesAUsageError() throws {
        let work = try ChapterRun.temporaryFolder("closed-stderr")
        defer { try? FileManager.default.removeItem(at: work) }
        var redirections = ["2>&-"]
        if FileManager.default.fileExists(atPath: "/dev/full") { redirections.append("2>/dev/full") }
        for redirection in redirections {
            let run = try shell(chapter: 2, "--no-such-flag", redirections: redirection, in: work)
            #expect(run.status == 64, "\(redirection): exit status \(run.status)")
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func outputToAFullDiskIsAnError() throws {
        let work = try ChapterRun.temporaryFolder("full-disk")
        defer { try? FileManager.default.removeItem(at: work) }
        for arguments in ["--no-figures", "--help"] {
            let run = try shell(chapter: 1, arguments, redirections: ">/dev/full", in: work)
            #expect(run.status == 74, "\(arguments): exit status \(run.status)")
            #expect(run.errors.contains("could not write the output"), "\(run.errors)")
        }
    }

    @Test func aBuildForAVX2StopsWithOneLineOnACPUWithoutIt() throws {
        #if KERNELS_AVX2_FMA
        try expectStopsWithOneLine(pretendingMissing: "avx2", prefix: "error: this program was built for CPUs with",
                                   naming: "AVX2")
        #else
        try expectRunsAnyway(pretendingMissing: "avx2")
        #endif
    }

    @Test func aBuildForAVX512StopsWithOneLineOnACPUWithoutIt() throws {
        #if KERNELS_AVX512
        try expectStopsWithOneLine(pretendingMissing: "avx512f",
                                   prefix: "error: this program was built for CPUs with AVX-512", naming: "AVX-512")
        #else
        try expectRunsAnyway(pretendingMissing: "avx512f")
        #endif
    }

    /// Runs `chapter1 --help` with the CPU check told that `extensionName` is missing.
    private func runPretendingMissing(_ extensionName: String) throws -> ChapterRun {
        let work = try ChapterRun.temporaryFolder("cpu-check-\(extensionName)")
        defer { try? FileManager.default.removeItem(at: work) }
        let executable = ChapterRun.binaryFolder.appendingPathComponent("chapter1").path
        return try ChapterRun.run(executable: "/usr/bin/env",
                                  ["AUTOENCODERS_CPU_CHECK_PRETEND_MISSING=\(extensionName)", executable, "--help"], in: work)
    }

    /// A build that needs the extension: status 70, nothing on standard output, one line saying to rebuild.
    private func expectStopsWithOneLine(pretendingMissing extensionName: String, prefix: String, naming: String) throws {
        let run = try runPretendingMissing(extensionName)
        #expect(run.status == 70, "\(run.output) \(run.errors)")
        #expect(run.output.isEmpty, "nothing of the chapter may run: \(run.output)")
        let lines = run.errors.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix(prefix) && lines[0].contains(naming)
                && lines[0].contains("has no \(extensionName)") && lines[0].contains("rebuild"), "\(run.errors)")
    }

    /// A build that does not need the extension runs as usual.
    private func expectRunsAnyway(pretendingMissing extensionName: String) throws {
        let run = try runPretendingMissing(extensionName)
        #expect(run.status == 0, "a build without \(extensionName) runs on a CPU without it: \(run.errors)")
    }
}
