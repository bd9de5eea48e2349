// Running one chapter as a child process and reading back how it went.

import Foundation
import Notebook

/// How one chapter's run went: its exit status, its checks and its time.
struct ChapterResult {
    var name: String
    var status: Int32
    var checksPassed: Int
    var checksTotal: Int
    var seconds: Double
    /// The last lines the chapter printed (shown when it failed).
    var lastOutput: [String]

    var passed: Bool { status == 0 }

    /// "✓ chapter2: 35 of 35 checks passed, 38.2 s".
    var line: String {
        let mark = passed ? "✓" : "✗"
        let checks = checksTotal == 0 ? "no checks" : "\(checksPassed) of \(checksTotal) checks passed"
        let exit = passed ? "" : ", exit status \(status)"
        return "\(mark) \(name): \(checks), \(duration(seconds: seconds))\(exit)"
    }

    /// Runs `source` from `executable` into `folder` and waits for it.
    static func run(_ source: FigureSource, executable: String, folder: String) -> ChapterResult {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            return ChapterResult(name: source.name, status: 127, checksPassed: 0, checksTotal: 0, seconds: 0,
                                 lastOutput: ["\(executable) is missing: build the package first (swift build)"])
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = source.arguments(folder)
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("\(source.name)-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let started = ContinuousClock.now
        do {
            let handle = try FileHandle(forWritingTo: log)
            defer { try? handle.close() }
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
            waitShowingTime(process, name: source.name, since: started)
        } catch {
            return ChapterResult(name: source.name, status: 127, checksPassed: 0, checksTotal: 0, seconds: 0,
                                 lastOutput: ["cannot start \(executable): \(error)"])
        }
        let seconds = (ContinuousClock.now - started).inSeconds
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        let transcript = (try? String(contentsOfFile: (folder as NSString).appendingPathComponent("transcript.md"),
                                      encoding: .utf8)) ?? ""
        let (passed, total) = checkCounts(transcript)
        return ChapterResult(name: source.name, status: process.terminationStatus, checksPassed: passed,
                             checksTotal: total, seconds: seconds,
                             lastOutput: output.split(separator: "\n").suffix(15).map(String.init))
    }

    /// Waits for `process`; on a terminal, shows the seconds it has been running, once a second.
    static func waitShowingTime(_ process: Process, name: String, since started: ContinuousClock.Instant) {
        let console = Console.standardOutput()
        guard console.isTerminal else { return process.waitUntilExit() }
        var shown = -1
        while process.isRunning {
            let seconds = Int((ContinuousClock.now - started).inSeconds)
            if seconds != shown {
                shown = seconds
                console.write("\r  running \(name) … \(seconds) s\u{1B}[K")
            }
            usleep(100_000)
        }
        process.waitUntilExit()
        console.write("\r\u{1B}[K")
    }

    /// The passed and total checks in a transcript's table of checks.
    static func checkCounts(_ transcript: String) -> (passed: Int, total: Int) {
        let rows = transcript.split(separator: "\n").filter { $0.hasPrefix("| ") }
        let passed = rows.filter { $0.hasSuffix("| ✓ pass |") }.count
        let failed = rows.filter { $0.hasSuffix("| ✗ FAIL |") }.count
        return (passed, passed + failed)
    }

    /// The closing table: name, checks passed, time, result.
    static func table(_ results: [ChapterResult]) -> [String] {
        let rows = [["", "checks passed", "time", "result"]] + results.map {
            [$0.name, $0.checksTotal == 0 ? "—" : "\($0.checksPassed)/\($0.checksTotal)",
             duration(seconds: $0.seconds), $0.passed ? "✓" : "✗ exit \($0.status)"]
        }
        let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
        let total = results.map(\.seconds).reduce(0, +)
        return rows.map { row in
            var line = row.enumerated().map { $1.rightPadded(widths[$0]) }.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line
        } + ["total: \(duration(seconds: total))"]
    }
}
