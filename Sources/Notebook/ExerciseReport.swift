// The graded exercises as files an autograder reads: JSON (Gradescope's layout) and JUnit XML.

import Foundation

/// Writes the result of `--exercises` as a machine-readable report.
public enum ExerciseReport {
    /// One exercise in the JSON report: Gradescope's test fields plus the verdict and the stub.
    struct JSONTest: Encodable {
        var name: String
        var score: Int
        var maxScore: Int
        var status: String
        var verdict: String
        var output: String
        var stub: String

        enum CodingKeys: String, CodingKey {
            case name, score, status, verdict, output, stub
            case maxScore = "max_score"
        }
    }

    /// The whole JSON report.
    struct JSONReport: Encodable {
        var chapter: Int
        var score: Int
        var maxScore: Int
        var output: String
        var exitStatus: Int32
        var tests: [JSONTest]

        enum CodingKeys: String, CodingKey {
            case chapter, score, output, tests
            case maxScore = "max_score"
            case exitStatus = "exit_status"
        }
    }

    /// "passed", "failed" or "not attempted".
    static func verdict(_ outcome: ExerciseOutcome) -> String {
        switch outcome {
        case .passed: return "passed"
        case .failed: return "failed"
        case .notAttempted: return "not attempted"
        }
    }

    /// What grading said: the check that passed, the reason and hint of a failure, or where to start.
    static func message(_ exercise: GradedExercise) -> String {
        switch exercise.outcome {
        case .passed(let detail): return detail
        case .failed(let reason): return "\(reason)\nhint: \(exercise.hint)"
        case .notAttempted: return "not attempted (edit \(exercise.stub))"
        }
    }

    /// The report as JSON in the layout of Gradescope's `results.json` (score, tests with name,
    /// score, max_score, status and output), with the chapter, each verdict and the exit status.
    public static func json(chapter: Int, graded: [GradedExercise], exitStatus: Int32) -> String {
        let tests = graded.map {
            JSONTest(name: $0.name, score: $0.earned, maxScore: $0.points,
                     status: $0.earned == $0.points && $0.points > 0 ? "passed" : "failed",
                     verdict: verdict($0.outcome), output: message($0), stub: $0.stub)
        }
        let report = JSONReport(chapter: chapter, score: graded.map(\.earned).reduce(0, +),
                                maxScore: graded.map(\.points).reduce(0, +),
                                output: "Chapter \(chapter) exercises: \(GradedExercise.summary(graded))",
                                exitStatus: exitStatus, tests: tests)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(report)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The report as JUnit XML: one test case per exercise, a failure element for a failed one and
    /// a skipped element for one not attempted; each case carries its points as a property.
    public static func junit(chapter: Int, graded: [GradedExercise]) -> String {
        let failures = graded.filter { if case .failed = $0.outcome { return true } else { return false } }.count
        let skipped = graded.filter { $0.outcome == .notAttempted }.count
        let suite = "chapter\(chapter) exercises"
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<testsuites name="\#(escaped(suite))" tests="\#(graded.count)" failures="\#(failures)" skipped="\#(skipped)">"#,
            #"  <testsuite name="\#(escaped(suite))" tests="\#(graded.count)" failures="\#(failures)" skipped="\#(skipped)">"#,
        ]
        for exercise in graded {
            lines.append(#"    <testcase classname="chapter\#(chapter)" name="\#(escaped(exercise.name))">"#)
            lines.append("      <properties>")
            lines.append(#"        <property name="points" value="\#(exercise.earned)"/>"#)
            lines.append(#"        <property name="max_points" value="\#(exercise.points)"/>"#)
            lines.append("      </properties>")
            switch exercise.outcome {
            case .passed(let detail):
                lines.append("      <system-out>\(escaped(detail))</system-out>")
            case .failed(let reason):
                lines.append(#"      <failure message="\#(escaped(reason))">\#(escaped(message(exercise)))</failure>"#)
            case .notAttempted:
                lines.append(#"      <skipped message="\#(escaped(message(exercise)))"/>"#)
            }
            lines.append("    </testcase>")
        }
        lines += ["  </testsuite>", "</testsuites>"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` safe inside XML text and attribute values: escaped as for HTML, line breaks and tabs
    /// as character references (so attributes keep them), control characters XML forbids dropped.
    static func escaped(_ text: String) -> String {
        var allowed = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !(scalar.value < 0x20 && scalar != "\n" && scalar != "\t")
            && scalar.value != 0xFFFE && scalar.value != 0xFFFF {
            allowed.append(scalar)
        }
        return HTMLText.escaped(String(allowed))
            .replacingOccurrences(of: "\n", with: "&#10;").replacingOccurrences(of: "\t", with: "&#9;")
    }

    /// Checks, before grading starts, that a report can be written at `path`.
    static func probeWritable(_ path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        let parent = folder.isEmpty ? "." : folder
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isFolder), isFolder.boolValue else {
            throw FigureFolderError(description: "cannot write the report '\(path)': the folder '\(parent)' does not exist")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw FigureFolderError(description: "cannot write the report '\(path)': it is a folder")
        }
        guard FileManager.default.isWritableFile(atPath: parent) else {
            throw FigureFolderError(description: "cannot write the report '\(path)': the folder '\(parent)' is not writable")
        }
    }
}
