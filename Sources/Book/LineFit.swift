// Introduced in chapter 1 (the two slopes of the step-size V); chapter 3 fits Var(q·k) against d_k.
import Tensors

/// The least-squares line y ≈ slope·x + intercept through points (xᵢ, yᵢ), e.g. a slope on log–log axes.
public func leastSquaresLine(x: [Double], y: [Double]) -> (slope: Double, intercept: Double) {
    require(x.count == y.count && x.count >= 2, "leastSquaresLine",
            "needs two or more points with one y per x, got \(x.count) x and \(y.count) y")
    let n = Double(x.count)
    let meanX = x.reduce(0, +) / n, meanY = y.reduce(0, +) / n
    let covariance = zip(x, y).map { ($0 - meanX) * ($1 - meanY) }.reduce(0, +)
    let spread = x.map { ($0 - meanX) * ($0 - meanX) }.reduce(0, +)
    require(spread > 0, "leastSquaresLine", "every x is the same, so the slope is undefined")
    let slope = covariance / spread
    return (slope, meanY - slope * meanX)
}
