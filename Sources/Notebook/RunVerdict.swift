// Deciding a run's exit status, and the summary table of its checks.

/// The exit status of a chapter and the line that explains a failure, decided from its records.
public struct RunVerdict: Equatable, Sendable {
    /// 0 when every check held (and no attempted exercise failed), 1 otherwise.
    public var exitStatus: Int32
    /// The names of the failed checks, in order.
    public var failedChecks: [String]
    /// The names of the attempted exercises that failed.
    public var failedExercises: [String]
    /// The names of the exercises not attempted, when every exercise is required (else empty).
    public var missingExercises: [String] = []

    /// Exit status when something failed.
    public static let failureStatus: Int32 = 1

    /// Decides the verdict from the checks and the graded exercises; an exercise not attempted
    /// fails the run only when `requireAll` is set.
    public static func decide(checks: [CheckRecord], exercises: [GradedExercise] = [],
                              requireAll: Bool = false) -> RunVerdict {
        let failedChecks = checks.filter { !$0.passed }.map(\.name)
        let failedExercises = exercises.filter {
            if case .failed = $0.outcome { return true } else { return false }
        }.map(\.name)
        let missing = !requireAll ? [] : exercises.filter { $0.outcome == .notAttempted }.map(\.name)
        let failed = !failedChecks.isEmpty || !failedExercises.isEmpty || !missing.isEmpty
        return RunVerdict(exitStatus: failed ? failureStatus : 0, failedChecks: failedChecks,
                          failedExercises: failedExercises, missingExercises: missing)
    }

    /// One line naming what failed, or nil when nothing did.
    public var failureLine: String? {
        var parts: [String] = []
        if !failedChecks.isEmpty {
            let noun = failedChecks.count == 1 ? "check" : "checks"
            parts.append("\(failedChecks.count) \(noun) failed: \(failedChecks.joined(separator: ", "))")
        }
        if !failedExercises.isEmpty {
            let noun = failedExercises.count == 1 ? "exercise" : "exercises"
            parts.append("\(failedExercises.count) \(noun) failed: \(failedExercises.joined(separator: ", "))")
        }
        if !missingExercises.isEmpty {
            let noun = missingExercises.count == 1 ? "exercise" : "exercises"
            parts.append("\(missingExercises.count) \(noun) not attempted (--require-all): "
                + missingExercises.joined(separator: ", "))
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }
}

/// The table of all checks printed at the end of a chapter, as text and as Markdown.
public enum CheckTable {
    static let headers = ["check", "measured", "tolerance", "result"]

    static func rows(_ checks: [CheckRecord]) -> [[String]] {
        checks.map { [$0.name, $0.measured, $0.tolerance.isEmpty ? "—" : $0.tolerance, $0.passed ? "✓ pass" : "✗ FAIL"] }
    }

    /// The table in aligned plain-text columns, at most `width` columns wide: names too long to
    /// fit are shortened with "…" (each check's full line is printed where it is made).
    public static func text(_ checks: [CheckRecord], width: Int = 80) -> [String] {
        var all = [headers] + rows(checks)
        var widths = (0..<4).map { column in all.map { DisplayWidth.of($0[column]) }.max() ?? 0 }
        // Name and measured value share what the tolerance and result columns leave.
        let budget = width - widths[2] - widths[3] - 3 * 2
        if widths[0] + widths[1] > budget {
            let name = min(widths[0], max(budget / 2, budget - widths[1]))
            widths = [name, budget - name, widths[2], widths[3]]
            all = all.map { row in [shortened(row[0], to: widths[0]), shortened(row[1], to: widths[1])] + row[2...] }
        }
        func render(_ row: [String]) -> String {
            row.enumerated().map { $1.rightPadded(widths[$0]) }
                .joined(separator: "  ").replacingTrailingSpaces()
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        return [render(all[0]), rule] + all.dropFirst().map(render)
    }

    /// `text` cut to `width` display columns, ending in "…" when cut.
    static func shortened(_ text: String, to width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        var kept = ""
        for character in text {
            if DisplayWidth.of(kept + String(character)) > width - 1 { break }
            kept.append(character)
        }
        return kept + "…"
    }

    /// The table in Markdown, with `|` in cells escaped.
    public static func markdown(_ checks: [CheckRecord]) -> [String] {
        func render(_ row: [String]) -> String {
            "| " + row.map { $0.replacingOccurrencesOfPipe() }.joined(separator: " | ") + " |"
        }
        return [render(headers), "|---|---|---|---|"] + rows(checks).map(render)
    }
}

extension String {
    func replacingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }

    func replacingOccurrencesOfPipe() -> String {
        var out = ""
        for c in self { out += c == "|" ? "\\|" : String(c) }
        return out
    }
}
