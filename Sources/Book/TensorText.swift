// Introduced in chapter 1: small tensors written out in the text, for the worked examples.
import Notebook
import Tensors

/// A small tensor written as rows of numbers with `decimals` decimals, the last axis across:
/// `[ 1  2  3 ]` over `[ 4  5  6 ]` for a [2, 3] tensor. For worked examples, not for data.
public func rowsText(_ t: Tensor<Double>, decimals: Int = 0) -> String {
    let columns = t.shape.last ?? 1
    let numbers = t.scalars.map { fixed($0, decimals) }
    let width = numbers.map(\.count).max() ?? 1
    let padded = numbers.map { $0.leftPadded(width) }
    return stride(from: 0, to: padded.count, by: columns)
        .map { "[ " + padded[$0..<($0 + columns)].joined(separator: "  ") + " ]" }
        .joined(separator: "\n")
}
