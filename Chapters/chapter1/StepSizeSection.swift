// Section 7: how the error of a central difference depends on the step h, in Float32 and Float64.

import Book
import Foundation
import Notebook
import Plotting
import Tensors

/// f(x) = tanh(x)·eˣ on a tensor of points, in the tensor's own precision.
func smoothFunction<Scalar>(_ x: Tensor<Scalar>) -> Tensor<Scalar> { x.tanh() * x.exp() }

/// The derivatives of f(x) = tanh(x)·eˣ in closed form (Leibniz's rule with t = tanh x,
/// t′ = 1 − t², t″ = −2t(1 − t²), t‴ = (1 − t²)(6t² − 2)).
struct SmoothFunctionDerivatives {
    let value, first, third: Double
    init(at x: Double) {
        let t = Foundation.tanh(x), e = Foundation.exp(x), s = 1 - t * t
        value = t * e
        first = e * (t + s)
        third = e * (t + 3 * s - 6 * t * s + s * (6 * t * t - 2))
    }
}

/// Central-difference estimates (f(x+h) − f(x−h)) / 2h for every step in `steps`, all in `Scalar`.
func centralDifferences<Scalar>(at x: Scalar, steps: Tensor<Scalar>) -> Tensor<Scalar> {
    (smoothFunction(steps + x) - smoothFunction(x - steps)) / (2 * steps)
}

func stepSizeSection(_ book: Notebook, primitiveErrors: [Double]) {
    book.section("Why the checks run in Float64")
    book.prose("""
        How small should h be? Two errors pull in opposite directions. The truncation error of \
        the central difference is about h²·|f‴(x)|/6, so it shrinks as h does. But f is \
        evaluated in floating point: each value carries a relative rounding error of about the \
        machine epsilon ε, and dividing the difference of two such values by 2h turns an \
        absolute error of about ε·|f| into ε·|f|/h, which grows as h shrinks. The total,
        """)
    book.formula("""
        E(h) ≈ h²·M/6 + ε·|f(x)|/h,   M = |f‴(x)|,
        is smallest at  h* = (3·ε·|f(x)|/M)^(1/3),  where E(h*) = M·h*²/2.
        """)
    let x0 = 1.0
    let exact = SmoothFunctionDerivatives(at: x0)
    book.prose("""
        To see this, take f(x) = tanh(x)·eˣ at x = \(significant(x0, 6)), whose derivatives \
        are known in closed form: f′(x) = eˣ(tanh x + 1 − tanh² x) = \
        \(fixed(exact.first, 6)) and |f‴(x)| = \(fixed(abs(exact.third), 6)) \
        (by Leibniz's rule; the code spells it out). The estimate is computed for 40 step sizes from 10⁻¹³ to 1, \
        once with Float32 tensors (every operation rounded to Float) and once with Float64 tensors.
        """)
    let exponents = Tensor<Double>.linearlySpaced(from: -13, to: 0, count: 40)
    let steps64 = (exponents * Foundation.log(10.0)).exp()
    let steps32 = steps64.converted(to: Float.self)
    let estimates64 = centralDifferences(at: x0, steps: steps64)
    let estimates32 = centralDifferences(at: Float(x0), steps: steps32).converted(to: Double.self)
    let errors64 = ((estimates64 - exact.first) / abs(exact.first)).absolute()
    let errors32 = ((estimates32 - exact.first) / abs(exact.first)).absolute()
    let h = steps64.scalars
    // A difference that happens to be exact cannot be drawn on a log axis; show it at 1e-17.
    let shown64 = errors64.scalars.map { max($0, 1e-17) }, shown32 = errors32.scalars.map { max($0, 1e-17) }

    func optimum(_ epsilon: Double) -> (step: Double, error: Double) {
        let step = Foundation.pow(3 * epsilon * abs(exact.value) / abs(exact.third), 1.0 / 3)
        return (step, abs(exact.third) * step * step / 2 / abs(exact.first))
    }
    /// The model h²·M/6 + ε·|f|/h, relative to |f′|, at every step.
    func model(_ epsilon: Double) -> Tensor<Double> {
        (steps64.squared() * (abs(exact.third) / 6) + epsilon * abs(exact.value) / steps64) / abs(exact.first)
    }
    let theory64 = optimum(Double.ulpOfOne), theory32 = optimum(Double(Float.ulpOfOne))
    let best64 = errors64.scalars.indices.min { errors64.scalars[$0] < errors64.scalars[$1] }!
    let best32 = errors32.scalars.indices.min { errors32.scalars[$0] < errors32.scalars[$1] }!

    book.figure("gradient-check-error.png",
                caption: "relative error of the central difference against the step h, f(x) = tanh(x)·eˣ "
                    + "at x = 1, Float32 and Float64 (log–log)") { path in
        var chart = LineChart(title: "Central-difference error of f(x) = tanh(x)·exp(x) at x = 1",
                              xLabel: "step size h", yLabel: "relative error of f'(x) estimate",
                              xScale: .log, yScale: .log)
        // The models first, in light colours, so the measured points are drawn on top of them.
        // Model values above 100% are left out: they would only stretch the axis.
        for (name, epsilon, colour) in [("model, Float32 ε", Double(Float.ulpOfOne), RGB(160, 200, 232)),
                                        ("model, Float64 ε", Double.ulpOfOne, RGB(252, 200, 150))] {
            let values = model(epsilon).scalars
            let kept = values.indices.filter { values[$0] <= 1 }
            chart.add(series: name, x: kept.map { h[$0] }, y: kept.map { values[$0] }, color: colour)
        }
        chart.add(series: "Float32, measured", x: h, y: shown32, marker: .circle, color: RGB.series(0))
        chart.add(series: "Float64, measured", x: h, y: shown64, marker: .square, color: RGB.series(1))
        try chart.write(to: path)
    }
    book.prose("""
        Both curves form a V, and the light lines show the model E(h) for each precision. On \
        the right, truncation dominates and the error falls as h²; on the left, rounding \
        dominates and the error rises as 1/h, ragged because rounding errors are not smooth. \
        Float32 sits at 100% for the smallest steps: below a quarter of its ε \
        (\(scientific(Double(Float.ulpOfOne) / 4))), both x + h and x − h round back to \
        x = 1 itself, the two values of f are identical and the estimate is 0. For Float32 (ε = \(scientific(Double(Float.ulpOfOne)))) the \
        best step predicted is h* = \(scientific(theory32.step)), with an error of \
        about \(scientific(theory32.error)); measured: the smallest error \
        \(scientific(errors32.scalars[best32])) at h = \(scientific(h[best32])). \
        For Float64 (ε = \(scientific(Double.ulpOfOne))) the prediction is h* = \
        \(scientific(theory64.step)) with error \(scientific(theory64.error)); \
        measured: \(scientific(errors64.scalars[best64])) at h = \
        \(scientific(h[best64])).
        """)

    // The model's error one grid step (a third of a decade) either side of h*, relative to E(h*).
    let neighbours = [-1.0, 1.0].map { k -> Double in
        let step = theory64.step * Foundation.pow(10, k / 3)
        let e = (step * step * abs(exact.third) / 6 + Double.ulpOfOne * abs(exact.value) / step) / abs(exact.first)
        return e / theory64.error
    }
    let left = h.indices.filter { h[$0] <= theory64.step / 100 }
    let right = h.indices.filter { h[$0] >= theory64.step * 100 && h[$0] <= 0.1 }
    let model64 = model(Double.ulpOfOne).scalars
    let scatter = left.map { shown64[$0] / model64[$0] }
    book.prose("""
        The checks below test the model on the Float64 curve. Its minimum is flat: one grid \
        step (a third of a decade) either side of h*, the model's error is only \
        \(fixed(neighbours[0], 1)) and \(fixed(neighbours[1], 1)) times \
        its minimum, while on the left branch, where rounding dominates, the measured errors \
        lie between \(fixed(scatter.min() ?? 0, 2)) and \
        \(fixed(scatter.max() ?? 0, 2)) times the model: the model adds up worst \
        cases, while real rounding errors partly cancel, some steps more than others. The measured minimum can therefore move by a step or \
        two, and the claim is that it lies within one decade of h*; its \
        height should match E(h*) to within a factor of ten, the accuracy of a model that \
        counts rounding errors only roughly. The slopes are fitted by least squares to \
        log₁₀ error against log₁₀ h, on the points at least two decades from h* on either \
        side and below h = 0.1 (where the next Taylor term, of order h⁴, is still negligible).
        """)
    let distance = abs(Foundation.log10(h[best64] / theory64.step))
    book.check("Float64 best h vs h*: |log₁₀(h/h*)|", measured: distance, tolerance: 1)
    book.check("Float64 best error / E(h*), |log₁₀|",
               measured: abs(Foundation.log10(errors64.scalars[best64] / theory64.error)), tolerance: 1)
    let leftSlope = leastSquaresLine(x: left.map { Foundation.log10(h[$0]) },
                                y: left.map { Foundation.log10(shown64[$0]) }).slope
    let rightSlope = leastSquaresLine(x: right.map { Foundation.log10(h[$0]) },
                                 y: right.map { Foundation.log10(shown64[$0]) }).slope
    book.prose("""
        Fitted on \(left.count) points to the left: slope \(fixed(leftSlope, 3)); \
        on \(right.count) points to the right: slope \(fixed(rightSlope, 3)). \
        The right branch is smooth and should match 2 closely (±0.05); the left branch is \
        rounding noise and gets ±0.25 around −1.
        """)
    book.check("left slope ≈ −1: |slope + 1|", measured: abs(leftSlope + 1), tolerance: 0.25)
    book.check("right slope ≈ +2: |slope − 2|", measured: abs(rightSlope - 2), tolerance: 0.05)
    book.prose("""
        This is why the gradient checker works in Float64. Its step h = 10⁻⁵ sits near the \
        Float64 optimum, and the \(primitiveErrors.count) checks of section 6 measured relative errors between \
        \(scientific(primitiveErrors.min() ?? 0)) and \
        \(scientific(primitiveErrors.max() ?? 0)): far under the tolerance 10⁻⁶, so a \
        failed check means a wrong pullback and not an unlucky step. In Float32, even this \
        smooth function at its own best step leaves an error of \
        \(scientific(errors32.scalars[best32])), and the best step depends on f‴, \
        which differs from element to element; a tolerance loose enough for every correct \
        pullback would also pass one that is wrong by a part in a hundred thousand. The models in later chapters train in Float32 for speed; their \
        gradients are checked in Float64 on the same code, since the library is generic over \
        the scalar type.
        """)
}
