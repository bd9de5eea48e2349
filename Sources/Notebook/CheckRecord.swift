// One numerical or boolean check of the chapter, and how it is printed.

import Foundation

/// The outcome of one check: its name, what was measured, the tolerance, and whether it held.
public struct CheckRecord: Equatable, Sendable {
    /// What was checked, e.g. "softmax rows sum to one".
    public var name: String
    /// The measured value or description, e.g. "3.2e-09".
    public var measured: String
    /// The tolerance, e.g. "1e-06"; empty for boolean checks.
    public var tolerance: String
    /// Whether the check held.
    public var passed: Bool

    /// A check that `measured ≤ tolerance` (an error below its bound); NaN never passes.
    public static func numeric(_ name: String, measured: Double, tolerance: Double) -> CheckRecord {
        CheckRecord(name: name, measured: scientific(measured), tolerance: scientific(tolerance),
                    passed: measured <= tolerance)
    }

    /// A check that holds or not, with a description of what was measured.
    public static func boolean(_ name: String, passed: Bool, detail: String) -> CheckRecord {
        CheckRecord(name: name, measured: detail, tolerance: "", passed: passed)
    }

    /// The check's line: `✓ name — measured 3.2e-09 ≤ tolerance 1e-06`, or `✗ …` with `>`.
    public var line: String {
        let mark = passed ? "✓" : "✗"
        if tolerance.isEmpty {
            return measured.isEmpty ? "\(mark) \(name)" : "\(mark) \(name) — \(measured)"
        }
        return "\(mark) \(name) — measured \(measured) \(passed ? "≤" : ">") tolerance \(tolerance)"
    }

}
