// Grading each exercise in a child process of the chapter, so that a trap or an endless loop in a
// student's code fails that one exercise and the others are still graded.

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs one exercise's grader in a child process and reads its outcome back.
///
/// The chapter starts itself again with `--exercises --grade-one N`; the child grades exercise N
/// in-process and prints one line, `exercise-outcome: {json}`. The parent turns everything else
/// that can happen into a failure of that exercise: a trap (an index out of range, a force-unwrap
/// of nil, a library shape error), an exit without the line, or a run longer than the time limit.
public enum ChildGrading {
    /// The start of the one line a child prints with its outcome.
    static let marker = "exercise-outcome: "

    /// The line a child prints for `outcome`.
    public static func outcomeLine(_ outcome: ExerciseOutcome) -> String {
        let json = (try? JSONEncoder().encode(outcome)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return marker + json
    }

    /// The outcome in a child's standard output, or nil when it printed none.
    static func outcome(inOutput output: String) -> ExerciseOutcome? {
        for line in output.split(separator: "\n").reversed() where line.hasPrefix(marker) {
            return try? JSONDecoder().decode(ExerciseOutcome.self, from: Data(line.dropFirst(marker.count).utf8))
        }
        return nil
    }

    /// The message of a Swift trap in a child's standard error ("Index out of range"), or nil.
    static func trapMessage(inErrors errors: String) -> String? {
        let prefixes = ["Fatal error: ", "Precondition failed: ", "Assertion failed: "]
        for line in errors.split(separator: "\n") {
            for prefix in prefixes {
                guard let range = line.range(of: prefix) else { continue }
                let message = line[range.upperBound...].trimmingCharacters(in: .whitespaces)
                return message.isEmpty ? prefix.dropLast(2).lowercased() : message
            }
        }
        return nil
    }

    /// Runs `executable` with `arguments`, waits at most `timeLimit` seconds, and decides the outcome.
    public static func run(executable: String, arguments: [String], timeLimit: Double) -> ExerciseOutcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"  // one message line, not a backtrace
        process.environment = environment
        // Output goes to files, so a child that prints a lot never blocks on a full pipe.
        let folder = FileManager.default.temporaryDirectory
        let outPath = folder.appendingPathComponent("grading-\(UUID().uuidString).out").path
        let errPath = folder.appendingPathComponent("grading-\(UUID().uuidString).err").path
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        guard FileManager.default.createFile(atPath: outPath, contents: nil),
              FileManager.default.createFile(atPath: errPath, contents: nil),
              let out = FileHandle(forWritingAtPath: outPath), let err = FileHandle(forWritingAtPath: errPath) else {
            return .failed("the grader could not create its temporary files in \(folder.path)")
        }
        defer { try? out.close(); try? err.close() }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            return .failed("the grader could not start \(executable): \(error)")
        }
        var timedOut = false
        if finished.wait(timeout: .now() + timeLimit) == .timedOut {
            timedOut = true
            process.terminate()
            if finished.wait(timeout: .now() + 2) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                finished.wait()
            }
        }
        let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let errors = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        if timedOut {
            return .failed("the code did not finish within \(significant(timeLimit, 3)) s "
                + "(an endless loop? --time-limit sets the limit)")
        }
        if let outcome = outcome(inOutput: output) { return outcome }
        let status = process.terminationStatus
        let how: String
        if process.terminationReason == .uncaughtSignal {
            how = String(cString: strsignal(status))
        } else {
            how = "exit status \(status)"
        }
        if let message = trapMessage(inErrors: errors) {
            return .failed("the code stopped with \"\(message)\" (\(how))")
        }
        let lastLine = errors.split(separator: "\n").last.map { ": \($0)" } ?? ""
        return .failed("the code stopped the program before the grader finished (\(how))\(lastLine)")
    }

    /// The path of the running executable, to start it again as a child.
    public static func currentExecutable() -> String {
        #if os(Linux)
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        #endif
        return Bundle.main.executablePath ?? CommandLine.arguments[0]
    }
}
