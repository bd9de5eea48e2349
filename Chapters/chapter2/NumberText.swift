// Numbers written into the chapter's prose.

import Foundation
import Notebook

/// `value` with `digits` digits after the point.
func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }

/// A fraction as a percentage with one decimal.
func percent(_ fraction: Double) -> String { String(format: "%.1f%%", 100 * fraction) }

/// `value` in scientific notation, as the checks print it.
func scientific(_ value: Double) -> String { scientific(value) }
