// How the chapter writes numbers into its text.

import Foundation
import Notebook

/// A number in short scientific notation, as the checks print it (3.2e-09).
func scientific(_ value: Double) -> String { scientific(value) }

/// A number with a fixed count of decimals.
func fixed(_ value: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", value) }
