// Section 3 of chapter 2: the loss's gradient by hand, and the tape's against central differences.

import Models
import Notebook
import Tensors

/// Checks ∂L/∂x̂ = (2/n)(x̂ − x) and gradient-checks both autoencoders' losses in Float64.
func gradientSection(_ book: Notebook) {
    book.section("The loss and its gradient")
    book.prose("""
        Training needs the derivative of the loss with respect to every parameter. The chain rule \
        starts at the output: for L = (1/n) Σᵢ Σⱼ (x̂ᵢⱼ − xᵢⱼ)², each output element contributes
        """)
    book.formula("∂L/∂x̂ᵢⱼ = (2/n) (x̂ᵢⱼ − xᵢⱼ)")
    book.prose("""
        and the tape of the tensor library carries this back through the decoder and the encoder. \
        First we compare that formula with the tape on a small example, then we compare the tape's \
        gradient of the whole loss, with respect to every weight and bias of both autoencoders, with \
        central differences (L(w + h) − L(w − h)) / 2h, computed in Float64.
        """)
    var checkGenerator = SeededGenerator(seed: book.seed &+ 7)
    let smallInput = Tensor<Double>.randomUniform([5, 12], generator: &checkGenerator)
    let smallOutput = Tensor<Double>.randomUniform([5, 12], generator: &checkGenerator, requiresGradient: true)
    reconstructionError(smallOutput, smallInput).backward()
    let formulaGradient = (smallOutput.detached() - smallInput) * (2.0 / 5)
    let formulaGap = largestDifference(smallOutput.gradient!, formulaGradient)
    book.check("∂L/∂x̂ = (2/n)(x̂ − x) vs tape (max abs)", measured: formulaGap, tolerance: 1e-15)
    let smallLinear = LinearAutoencoder<Double>(inputSize: 12, codeSize: 3, generator: &checkGenerator)
    let linearReport = GradientChecker.check(parameters: smallLinear.parameters) {
        reconstructionError(smallLinear(smallInput), smallInput)
    }
    book.check("gradient, linear AE (\(linearReport.comparedCount) parameters)",
               measured: linearReport.maxRelativeError, tolerance: 1e-6)
    let smallMLP = MLPAutoencoder<Double>(inputSize: 12, hiddenSize: 6, codeSize: 3, generator: &checkGenerator)
    let mlpReport = GradientChecker.check(parameters: smallMLP.parameters) {
        reconstructionError(smallMLP(smallInput), smallInput)
    }
    book.check("gradient, MLP AE (\(mlpReport.comparedCount) parameters)",
               measured: mlpReport.maxRelativeError, tolerance: 1e-6)
}
