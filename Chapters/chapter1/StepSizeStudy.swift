// Section 7: how the error of a central difference depends on the step h, in Float32 and Float64.

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

/// The least-squares slope of y against x, computed with tensor operations.
func fittedSlope(x: [Double], y: [Double]) -> Double {
    let xs = Tensor<Double>(x), ys = Tensor<Double>(y)
    let dx = xs - xs.mean(), dy = ys - ys.mean()
    return (dx * dy).sum().scalar / (dx * dx).sum().scalar
}

func studyStepSize(_ book: Notebook) {
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
        To see this, take f(x) = tanh(x)·eˣ at x = \(x0), whose derivatives are known in closed \
        form: f′(x) = eˣ(tanh x + 1 − tanh² x) = \(fixed(exact.first)) and |f‴(x)| = \
        \(fixed(abs(exact.third))). The estimate is computed for 40 step sizes from 10⁻¹³ to 1, \
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
    let theory64 = optimum(Double.ulpOfOne), theory32 = optimum(Double(Float.ulpOfOne))
    let best64 = errors64.scalars.indices.min { errors64.scalars[$0] < errors64.scalars[$1] }!
    let best32 = errors32.scalars.indices.min { errors32.scalars[$0] < errors32.scalars[$1] }!

    book.figure("gradient-check-error.png",
                caption: "relative error of the central difference against the step h, f(x) = tanh(x)·eˣ "
                    + "at x = 1, Float32 and Float64 (log–log)") { path in
        var chart = LineChart(title: "Central-difference error of f(x) = tanh(x)·exp(x) at x = 1",
                              xLabel: "step size h", yLabel: "relative error of f'(x) estimate",
                              xScale: .log, yScale: .log)
        chart.add(series: "Float32", x: h, y: shown32, marker: .circle)
        chart.add(series: "Float64", x: h, y: shown64, marker: .square)
        try chart.write(to: path)
    }
    book.prose("""
        Both curves form a V. On the right, truncation dominates and the error falls as h²; on \
        the left, rounding dominates and the error rises as 1/h, ragged because rounding errors \
        are not smooth. For Float32 (ε = \(CheckRecord.scientific(Double(Float.ulpOfOne)))) the \
        best step predicted is h* = \(CheckRecord.scientific(theory32.step)), with an error of \
        about \(CheckRecord.scientific(theory32.error)); measured: the smallest error \
        \(CheckRecord.scientific(errors32.scalars[best32])) at h = \(CheckRecord.scientific(h[best32])). \
        For Float64 (ε = \(CheckRecord.scientific(Double.ulpOfOne))) the prediction is h* = \
        \(CheckRecord.scientific(theory64.step)) with error \(CheckRecord.scientific(theory64.error)); \
        measured: \(CheckRecord.scientific(errors64.scalars[best64])) at h = \
        \(CheckRecord.scientific(h[best64])).
        """)

    book.prose("""
        The checks below test the model on the Float64 curve. The minimum is flat (at ten times \
        or a tenth of h* the model's error is only a few times larger) and the rounding noise is \
        of the same size, so the claim is that the measured best step lies within one decade of \
        h*. The slopes are fitted by least squares to log₁₀ error against log₁₀ h, on the points \
        at least two decades from h* on either side and below h = 0.1 (where the next Taylor \
        term, of order h⁴, is still negligible).
        """)
    let distance = abs(Foundation.log10(h[best64] / theory64.step))
    book.check("Float64 best step within one decade of h* (|log₁₀(h/h*)|)", measured: distance, tolerance: 1)
    let left = h.indices.filter { h[$0] <= theory64.step / 100 }
    let right = h.indices.filter { h[$0] >= theory64.step * 100 && h[$0] <= 0.1 }
    let leftSlope = fittedSlope(x: left.map { Foundation.log10(h[$0]) },
                                y: left.map { Foundation.log10(shown64[$0]) })
    let rightSlope = fittedSlope(x: right.map { Foundation.log10(h[$0]) },
                                 y: right.map { Foundation.log10(shown64[$0]) })
    book.prose("""
        Fitted on \(left.count) points to the left: slope \(String(format: "%.3f", leftSlope)); \
        on \(right.count) points to the right: slope \(String(format: "%.3f", rightSlope)). \
        The right branch is smooth and should match 2 closely (±0.05); the left branch is \
        rounding noise and gets ±0.25 around −1.
        """)
    book.check("left branch slope ≈ −1 (|slope + 1|)", measured: abs(leftSlope + 1), tolerance: 0.25)
    book.check("right branch slope ≈ +2 (|slope − 2|)", measured: abs(rightSlope - 2), tolerance: 0.05)
    book.prose("""
        This is why the gradient checker works in Float64. With h = 10⁻⁵, close to the Float64 \
        optimum, the estimate carries a relative error of around 10⁻¹⁰, four orders of \
        magnitude under the tolerance 10⁻⁶, so a failed check means a wrong pullback and not \
        an unlucky step. In Float32 the best achievable error is about \
        \(CheckRecord.scientific(errors32.scalars[best32])): a tolerance loose enough to let \
        correct pullbacks pass would also let through a pullback that is off by a small factor \
        in some elements. The models in later chapters train in Float32 for speed; their \
        gradients are checked in Float64 on the same code, since the library is generic over \
        the scalar type.
        """)
}
