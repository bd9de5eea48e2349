// Introduced in chapter 2: turning tensors and loss histories into what the charts draw.
import Tensors

/// The rows of a matrix [n, d] as n arrays of d values (images for an image grid, rows of a heatmap).
public func rows<S: TensorScalar>(of matrix: Tensor<S>) -> [[S]] {
    require(matrix.rank == 2, "rows(of:)", "needs a matrix [n, d], got \(describe(matrix.shape))")
    let width = matrix.shape[1]
    return (0..<matrix.shape[0]).map { Array(matrix.scalars[($0 * width)..<(($0 + 1) * width)]) }
}

/// The mean of every run of `window` consecutive values (the last run may be shorter): a loss curve smoothed for plotting.
public func windowMeans(_ values: [Double], window: Int) -> [Double] {
    require(window > 0, "windowMeans", "window must be positive, got \(window)")
    return stride(from: 0, to: values.count, by: window).map { start in
        let part = values[start..<Swift.min(start + window, values.count)]
        return part.reduce(0, +) / Double(part.count)
    }
}
