/// The outcome of a gradient check: the worst disagreement between the tape and finite differences.
public struct GradientCheckReport: Sendable, CustomStringConvertible {
    /// The largest relative error |analytic − numeric| / max(|analytic|, |numeric|, floor).
    public let maxRelativeError: Double
    /// Which input (position in the list checked) holds the worst element.
    public let inputIndex: Int
    /// The worst element's flat (row-major) index within that input.
    public let elementIndex: Int
    /// The tape's derivative at the worst element.
    public let analytic: Double
    /// The central-difference estimate at the worst element.
    public let numeric: Double
    /// How many partial derivatives were compared.
    public let comparedCount: Int

    /// Whether the largest relative error is within `tolerance`.
    public func passes(tolerance: Double) -> Bool { maxRelativeError <= tolerance }

    public var description: String {
        "max relative error \(maxRelativeError) at input \(inputIndex), element \(elementIndex) "
            + "(tape \(analytic), finite difference \(numeric)) over \(comparedCount) derivatives"
    }
}

/// Compares the gradients of the tape with central differences (f(x+h) − f(x−h)) / 2h, in Float64.
///
/// A function with a non-scalar result is reduced to the scalar Σ rᵢ·fᵢ with fixed random
/// weights r, which checks every entry of the Jacobian along a random direction at once.
/// Relative errors use a floor in the denominator (default 1e-3), so rounding noise in
/// derivatives that are nearly zero is not mistaken for a wrong formula.
public enum GradientChecker {
    /// Checks the gradient of `function` with respect to every element of every input.
    public static func check(_ inputs: [Tensor<Double>], step: Double = 1e-5, floor: Double = 1e-3,
                             seed: UInt64 = 7,
                             _ function: ([Tensor<Double>]) -> Tensor<Double>) -> GradientCheckReport {
        let leaves = inputs.map { $0.detached(requiresGradient: true) }
        return check(parameters: leaves, step: step, floor: floor, seed: seed) { function(leaves) }
    }

    /// Checks the gradient of `loss` with respect to leaf tensors it reads (e.g. a module's parameters).
    ///
    /// The leaves are perturbed in place one element at a time and restored afterwards; any
    /// gradient they had accumulated before is restored too. With `elementsPerParameter`, only
    /// that many elements of each leaf, chosen at random from `seed`, are compared (all of a
    /// smaller leaf): two loss evaluations per element is what a check of a whole model costs.
    public static func check(parameters: [Tensor<Double>], step: Double = 1e-5, floor: Double = 1e-3,
                             seed: UInt64 = 7, elementsPerParameter: Int? = nil,
                             _ loss: () -> Tensor<Double>) -> GradientCheckReport {
        require(elementsPerParameter.map { $0 > 0 } ?? true, "GradientChecker.check",
                "elementsPerParameter must be positive, got \(elementsPerParameter!)")
        var generator = SeededGenerator(seed: seed)
        let probe = GradientRecording.withoutGradients { loss() }
        let weights = probe.count == 1 ? nil
            : Tensor<Double>(shape: probe.shape, scalars: (0..<probe.count).map { _ in generator.nextNormal() })
        func scalarLoss() -> Tensor<Double> {
            let value = loss()
            return weights.map { (value * $0).sum() } ?? value.sum()
        }

        let saved = parameters.map(\.gradientScalars)
        parameters.forEach { $0.zeroGradient() }
        scalarLoss().backward()
        let analytic = parameters.map { $0.gradientScalars ?? [Double](repeating: 0, count: $0.count) }
        for (parameter, gradient) in zip(parameters, saved) { parameter.gradientScalars = gradient }

        var worst = (error: 0.0, input: 0, element: 0, analytic: 0.0, numeric: 0.0)
        var compared = 0
        GradientRecording.withoutGradients {
            for (p, parameter) in parameters.enumerated() {
                for j in checkedElements(count: parameter.count, sample: elementsPerParameter, generator: &generator) {
                    let original = parameter.scalars[j]
                    parameter.scalars[j] = original + step
                    let plus = scalarLoss().scalar
                    parameter.scalars[j] = original - step
                    let minus = scalarLoss().scalar
                    parameter.scalars[j] = original
                    let numeric = (plus - minus) / (2 * step)
                    let a = analytic[p][j]
                    let error = abs(a - numeric) / Swift.max(abs(a), abs(numeric), floor)
                    compared += 1
                    if error > worst.error || error.isNaN || (compared == 1) {
                        worst = (error.isNaN ? .infinity : error, p, j, a, numeric)
                    }
                }
            }
        }
        return GradientCheckReport(maxRelativeError: worst.error, inputIndex: worst.input,
                                   elementIndex: worst.element, analytic: worst.analytic,
                                   numeric: worst.numeric, comparedCount: compared)
    }

    /// The element indices of one leaf to compare, in increasing order: all of them, or `sample` distinct ones.
    static func checkedElements(count: Int, sample: Int?, generator: inout SeededGenerator) -> [Int] {
        guard let sample, sample < count else { return Array(0..<count) }
        return generator.permutation(count).prefix(sample).sorted()
    }
}
