// Section 4: why the scores are divided by √d_k.

import Book
import Foundation
import Notebook
import Plotting
import Tensors

/// Measures the variance of q·k against d_k, fits its log–log slope, and shows the softmax
/// saturating without the scale; writes `variance-vs-dk.png` and `softmax-saturation.png`.
func scalingSection(_ book: Notebook, generator: inout SeededGenerator) {
    book.section("Why divide by √d_k")
    book.prose("""
    Suppose the entries of q and k are independent with mean 0 and variance 1, as they roughly are \
    after a sensible initialisation. Then q·k = Σᵢ qᵢkᵢ is a sum of d_k independent terms, each with \
    mean 0 and variance E[qᵢ²]E[kᵢ²] = 1, so Var(q·k) = d_k: the typical score grows like √d_k. \
    Dividing by √d_k brings the variance back to 1 whatever the width. We measure it: for each d_k \
    from 1 to 1024 we draw many pairs of Gaussian vectors, compute the sample variance of q·k and \
    fit a straight line to log Var against log d_k. Its slope should be 1.
    """)
    let dimensions = (0...10).map { 1 << $0 }
    let samples = book.quick ? 500 : 4000
    let variances = dimensions.map { dotProductMoments(dimension: $0, samples: samples, generator: &generator).variance }
    let logDimensions = dimensions.map { log(Double($0)) }
    let fit = leastSquaresLine(x: logDimensions, y: variances.map(log))
    // The sample variance of N draws of q·k has relative standard error ≈ √((2 + 6/d)/N), since
    // E[(q·k)⁴] = 3d² + 6d for Gaussian entries; the fitted slope and intercept are linear in the
    // log variances, so their standard errors follow from those.
    let logErrors = dimensions.map { (2 + 6 / Double($0)) / Double(samples) }.map { $0.squareRoot() }
    let meanLog = logDimensions.reduce(0, +) / Double(dimensions.count)
    let spread = logDimensions.map { ($0 - meanLog) * ($0 - meanLog) }.reduce(0, +)
    let slopeCoefficients = logDimensions.map { ($0 - meanLog) / spread }
    let interceptCoefficients = slopeCoefficients.map { 1 / Double(dimensions.count) - meanLog * $0 }
    let slopeError = zip(slopeCoefficients, logErrors).map { $0 * $0 * $1 * $1 }.reduce(0, +).squareRoot()
    let interceptError = zip(interceptCoefficients, logErrors).map { $0 * $0 * $1 * $1 }.reduce(0, +).squareRoot()
    book.code(zip(dimensions, variances).map { d, v in
        "d_k = \(String(d).rightPadded(5)) Var(q·k) = \(fixed(v, 2).rightPadded(8))"
            + "   Var(q·k/√d_k) = \(fixed(v / Double(d), 3))"
    }.joined(separator: "\n"))
    book.prose("""
    With \(samples) samples per width, the fitted slope is \(fixed(fit.slope, 4)) and the intercept \
    (log Var at d_k = 1) is \(fixed(fit.intercept, 4)). Sampling alone makes them wobble: for Gaussian \
    entries E[(q·k)⁴] = 3d_k² + 6d_k, so each log variance has a standard error of about \
    √((2 + 6/d_k)/N), and propagating these through the fit gives standard errors of \
    \(fixed(slopeError, 4)) for the slope and \(fixed(interceptError, 4)) for the intercept. The checks \
    allow five standard errors.
    """)
    book.check("slope of log Var(q·k) against log d_k is 1", measured: abs(fit.slope - 1), tolerance: 5 * slopeError)
    book.check("intercept is 0 (Var = d_k, not c·d_k)", measured: abs(fit.intercept), tolerance: 5 * interceptError)
    book.figure("variance-vs-dk.png", caption: "the variance of q·k grows like d_k; divided by √d_k it stays at 1") { path in
        var chart = LineChart(title: "Variance of the dot product of random vectors", xLabel: "key width d_k",
                              yLabel: "variance", xScale: .log, yScale: .log)
        let x = dimensions.map(Double.init)
        chart.add(series: "Var(q·k), measured", x: x, y: variances, marker: .circle)
        chart.add(series: "d_k (theory)", x: x, y: x)
        chart.add(series: "Var(q·k/√d_k), measured", x: x, y: zip(variances, x).map { $0 / $1 }, marker: .square)
        try chart.write(to: path)
    }

    book.prose("""
    Why does the variance matter? The softmax only cares about differences between scores. If the \
    scores are spread over ±√d_k·3, the largest one beats the next by many units, its weight is \
    almost 1 and the rest almost 0. By section 2 the Jacobian diag(s) − s sᵀ is then almost zero: \
    the gradient that should tell the query and the keys how to change vanishes, and learning \
    stalls. We measure it: queries attending over 16 random keys, for each d_k the mean largest \
    weight and the typical Frobenius norm of the softmax Jacobian, with and without the scale. The \
    norms span many orders of magnitude, so "typical" is their geometric mean (the exponential of \
    the mean logarithm); an arithmetic mean would be decided by the few queries whose two best keys \
    happen to tie.
    """)
    let keyCount = 16, queries = book.quick ? 64 : 256
    let points = dimensions.map { saturation(dimension: $0, keys: keyCount, queries: queries, generator: &generator) }
    let widest = points.last!
    book.code("with / without 1/√d_k:\n" + points.map { p in
        "d_k = \(String(p.dimension).rightPadded(5)) largest weight "
            + "\(fixed(p.largestWeightScaled, 3)) / \(fixed(p.largestWeightUnscaled, 3))   typical ‖J‖ "
            + "\(fixed(p.jacobianNormScaled, 3)) / \(scientific(p.jacobianNormUnscaled))"
    }.joined(separator: "\n"))
    let scaledLargest = points.map(\.largestWeightScaled)
    let scaledSpread = scaledLargest.max()! - scaledLargest.min()!
    book.prose("""
    Without the scale, at d_k = \(widest.dimension) the largest of \(keyCount) weights is on average \
    \(fixed(widest.largestWeightUnscaled, 3)) and the Jacobian's typical norm is \(scientific(widest.jacobianNormUnscaled)), \
    against \(fixed(widest.largestWeightScaled, 3)) and \(fixed(widest.jacobianNormScaled, 3)) with it. With \
    the scale, the largest weight moves by only \(fixed(scaledSpread, 3)) across all widths: the softmax \
    sees the same spread of scores at every d_k.
    """)
    book.check("no scale, d_k = \(widest.dimension): mean largest weight ≥ 0.9",
               passed: widest.largestWeightUnscaled >= 0.9, detail: "measured \(fixed(widest.largestWeightUnscaled, 3))")
    book.check("no scale: typical ‖J‖ ≥ 100× smaller than with it",
               passed: widest.jacobianNormUnscaled * 100 <= widest.jacobianNormScaled,
               detail: "\(scientific(widest.jacobianNormUnscaled)) against \(scientific(widest.jacobianNormScaled))")
    book.check("with 1/√d_k: largest weight moves ≤ 0.1 over all d_k",
               measured: scaledSpread, tolerance: 0.1)
    book.figure("softmax-saturation.png", caption: "without 1/√d_k the softmax saturates and its Jacobian vanishes") { path in
        var chart = LineChart(title: "Softmax over 16 keys: saturation as d_k grows", xLabel: "key width d_k",
                              yLabel: "average over queries", xScale: .log, yScale: .log)
        let x = points.map { Double($0.dimension) }
        chart.add(series: "largest weight, scaled", x: x, y: points.map(\.largestWeightScaled), marker: .circle)
        chart.add(series: "largest weight, unscaled", x: x, y: points.map(\.largestWeightUnscaled), marker: .square)
        chart.add(series: "Jacobian norm (geometric mean), scaled", x: x, y: points.map(\.jacobianNormScaled), marker: .circle)
        chart.add(series: "Jacobian norm (geometric mean), unscaled", x: x, y: points.map(\.jacobianNormUnscaled), marker: .square)
        try chart.write(to: path)
    }
}
