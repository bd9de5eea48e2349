// Section 2 of chapter 3: the softmax's Jacobian diag(s) − ssᵀ, three ways.

import Notebook
import Tensors

/// Builds the Jacobian from the closed form, the tape and central differences, and checks its norm formula.
func softmaxJacobianSection(_ book: Notebook, generator: inout SeededGenerator) {
    book.section("The softmax and its Jacobian")
    book.prose("""
    Training sends gradients back through the softmax, so we need its derivative. Write s = softmax(x). \
    Differentiating sᵢ = exp(xᵢ)/Z with Z = Σₘ exp(xₘ) gives ∂sᵢ/∂xⱼ = sᵢ δᵢⱼ − sᵢ sⱼ, where δᵢⱼ is 1 \
    when i = j and 0 otherwise (the first term comes from the numerator, the second from ∂Z/∂xⱼ = \
    exp(xⱼ)). As a matrix:
    """)
    book.formula("J = ∂s/∂x = diag(s) − s sᵀ")
    book.prose("""
    Both the rows and the columns of J sum to zero, for two different reasons. A row sums to zero \
    because adding the same constant to every input changes nothing: softmax(x + a·1) = softmax(x), so the \
    derivative along the direction 1 = (1, …, 1) vanishes, J·1 = 0, and row i of that product is \
    Σⱼ ∂sᵢ/∂xⱼ. A column sums to zero because the weights sum to one whatever x is: Σᵢ sᵢ = 1, so \
    Σᵢ ∂sᵢ/∂xⱼ = ∂1/∂xⱼ = 0, that is 1ᵀJ = 0. Here J = diag(s) − s sᵀ is symmetric, so the two statements \
    coincide; for a map whose outputs were constrained but whose inputs were not shift-invariant, only the \
    columns would sum to zero. We build J three ways for a random x of length 6: from the closed form above; from the library's tape, one \
    backward pass per output sᵢ (seeding the backward pass with the i-th unit vector gives row i); \
    and by central differences (s(x + h eⱼ) − s(x − h eⱼ)) / 2h with h = 1e-5, all six perturbed \
    inputs stacked as the rows of one matrix so that one softmax call does them all.
    """)
    let width = 6
    let softmaxInput = Tensor<Double>.randomNormal([width], standardDeviation: 2, generator: &generator,
                                                   requiresGradient: true)
    let positions = Tensor<Double>.range(to: Double(width))
    let identity = positions.reshaped(to: [width, 1]).isEqual(to: positions.reshaped(to: [1, width]))  // [6, 6]
    let closedForm: Tensor<Double> = GradientRecording.withoutGradients {
        let s = softmaxInput.softmax(alongAxis: 0)
        return identity * s.reshaped(to: [width, 1]) - s.reshaped(to: [width, 1]).matmul(s.reshaped(to: [1, width]))
    }
    var tapeRows: [Tensor<Double>] = []
    for i in 0..<width {
        softmaxInput.zeroGradient()
        softmaxInput.softmax(alongAxis: 0).backward(seed: (0..<width).map { $0 == i ? 1 : 0 })
        tapeRows.append(softmaxInput.gradient!)
    }
    let tapeJacobian = Tensor.stack(tapeRows, alongAxis: 0)
    let step = 1e-5
    let finiteDifferenceJacobian: Tensor<Double> = GradientRecording.withoutGradients {
        let base = softmaxInput.detached().reshaped(to: [1, width])
        let plus = (base + step * identity).softmax(alongAxis: 1), minus = (base - step * identity).softmax(alongAxis: 1)
        return ((plus - minus) / (2 * step)).transposed()            // row j of the difference is ∂s/∂xⱼ
    }
    book.check("tape Jacobian = diag(s) − s sᵀ", measured: largestDifference(tapeJacobian, closedForm), tolerance: 1e-12)
    book.check("finite-difference Jacobian = diag(s) − s sᵀ",
               measured: largestDifference(finiteDifferenceJacobian, closedForm), tolerance: 1e-8)
    book.prose("""
    The sums are checked on the tape's Jacobian, which knows nothing of the closed form. Its entries are \
    at most 1/4 in size, so a sum of six of them carries a few rounding errors of ε = 2.2e-16 each; the \
    tolerance is 1e-15.
    """)
    book.check("every row of J sums to 0 (shift invariance, J·1)",
               measured: tapeJacobian.sum(alongAxis: 1).absolute().max().scalar, tolerance: 1e-15)
    book.check("every column of J sums to 0 (Σ s = 1, 1ᵀJ)",
               measured: tapeJacobian.sum(alongAxis: 0).absolute().max().scalar, tolerance: 1e-15)
    book.prose("""
    Section 4 needs the size of J, measured by its Frobenius norm ‖J‖ = (Σᵢⱼ Jᵢⱼ²)^½. Its diagonal \
    entries are sᵢ(1 − sᵢ) and its off-diagonal ones −sᵢsⱼ, so ‖J‖² = Σᵢ sᵢ²(1 − sᵢ)² + Σᵢ sᵢ² Σ_{j≠i} sⱼ², \
    a formula in the weights alone. When one weight is near 1 and the rest near 0, every term is \
    near 0: a saturated softmax passes almost no gradient back. (To compute it when a weight is within \
    rounding of 1, write 1 − sᵢ as Σ_{j≠i} sⱼ; then no term cancels another.)
    """)
    let explicitNorm = (closedForm * closedForm).sum().squareRoot().scalar
    let formulaNorm = GradientRecording.withoutGradients {
        softmaxJacobianNorms(softmaxInput.softmax(alongAxis: 0).reshaped(to: [1, width])).scalar
    }
    book.check("‖J‖ from the weights = ‖J‖ summed entry by entry", measured: abs(formulaNorm - explicitNorm),
               tolerance: 1e-14)
}
