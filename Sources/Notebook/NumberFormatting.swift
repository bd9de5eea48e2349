// How the book writes numbers and columns into its text: one function per way, one meaning per name.
import Foundation

/// `value` with exactly `digits` digits after the point: `fixed(3.14159, 2)` is "3.14".
public func fixed(_ value: Double, _ digits: Int) -> String {
    String(format: "%.\(Swift.max(0, digits))f", value)
}

/// `value` with its sign always written and `digits` decimals: `signed(0.5, 3)` is "+0.500".
public func signed(_ value: Double, _ digits: Int) -> String {
    String(format: "%+.\(Swift.max(0, digits))f", value)
}

/// `value` in short scientific notation, as the checks print it: 3.2e-09, 1e-06, nan, inf.
public func scientific(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    return String(format: "%.1e", value).replacingOccurrences(of: ".0e", with: "e")
}

/// A fraction as a percentage with `digits` decimals: `percent(0.9876)` is "98.8%".
public func percent(_ fraction: Double, digits: Int = 1) -> String {
    String(format: "%.\(Swift.max(0, digits))f%%", 100 * fraction)
}

/// `value` with `digits` significant digits, trailing zeros dropped: `significant(0.0012345, 3)` is "0.00123".
public func significant(_ value: Double, _ digits: Int) -> String {
    String(format: "%.\(Swift.max(1, digits))g", value)
}

/// A duration for people: "4.2 s" under a minute, "3 min 07 s" above.
public func duration(seconds: Double) -> String {
    seconds < 60 ? String(format: "%.1f s", seconds)
        : String(format: "%d min %02d s", Int(seconds) / 60, Int(seconds) % 60)
}

extension String {
    /// The text right-aligned in a column of `width` terminal columns (unchanged when already wider).
    public func leftPadded(_ width: Int) -> String {
        String(repeating: " ", count: Swift.max(0, width - DisplayWidth.of(self))) + self
    }

    /// The text left-aligned in a column of `width` terminal columns (unchanged when already wider).
    public func rightPadded(_ width: Int) -> String {
        self + String(repeating: " ", count: Swift.max(0, width - DisplayWidth.of(self)))
    }
}
