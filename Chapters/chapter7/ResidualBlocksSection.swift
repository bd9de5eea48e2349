// Section 3 of chapter 7: layer normalisation and residual blocks, and where the norm goes.

import NeuralNetworks
import Notebook
import Tensors

/// Gradient-checks layer norm and whole encoder and decoder layers in Float64, and measures how the
/// gradient at initialisation spreads over the layers of a deep stack with each placement of the norm.
func residualBlocksSection(_ book: Notebook) {
    book.section("Layer normalisation and residual blocks")
    book.prose("""
    Each sub-layer of a Transformer (an attention, or the position-wise feed-forward network \
    linear2(relu(linear1(x))), applied at every position alone) sits in a residual block: its output is \
    added to its input, so a layer only has to learn a correction, and gradients reach early layers \
    through the sums unchanged. Layer normalisation (Ba, Kiros and Hinton 2016) rescales each position's \
    vector to mean 0 and variance 1 over its d_model entries, then multiplies by a learned γ and adds a \
    learned β; unlike batch normalisation it needs no other example, so training and decoding compute the \
    same thing.
    """)
    book.formula("LayerNorm(x) = γ ⊙ (x − μ) / √(σ² + ε) + β,   μ, σ² the mean and variance of x's entries")
    book.prose("""
    The norm can go in two places. Vaswani et al. (2017) put it after the residual sum, x ← LayerNorm(x + \
    f(x)) (post-norm, PyTorch's default norm_first=False). Xiong et al. (2020) showed that then the \
    gradients of the last layers are large at initialisation, which is why post-norm Transformers need a \
    learning rate that warms up from near zero; with the norm before the sub-layer, x ← x + f(LayerNorm(x)) \
    (pre-norm, norm_first=True), the sum carries the input to the output untouched and training is stable \
    without warm-up. This chapter uses pre-norm, with a last layer norm after each stack (PyTorch's \
    encoder.norm and decoder.norm), and trains at a constant learning rate from the first step.
    """)
    var generator = SeededGenerator(seed: book.seed &+ 3)
    let norm = LayerNorm<Double>(size: 6)
    norm.weight.assign(Tensor<Double>.randomNormal([6], generator: &generator).scalars)
    norm.bias.assign(Tensor<Double>.randomNormal([6], generator: &generator).scalars)
    let x = Tensor<Double>.randomNormal([2, 3, 6], mean: 1, standardDeviation: 2, generator: &generator, requiresGradient: true)
    let plain = LayerNorm<Double>(size: 6)
    let normalised = GradientRecording.withoutGradients { plain(x) }
    let meanError = normalised.mean(alongAxis: -1).absolute().max().scalar
    let variance = x.detached().squared().mean(alongAxis: -1) - x.detached().mean(alongAxis: -1).squared()
    let varianceError = (normalised.squared().mean(alongAxis: -1) - variance / (variance + 1e-5)).absolute().max().scalar
    book.check("with γ = 1, β = 0 every position has mean 0 and variance σ²/(σ² + ε)",
               measured: max(meanError, varianceError), tolerance: 1e-12)
    let normReport = GradientChecker.check(parameters: norm.parameters + [x]) { norm(x) }
    book.check("gradient of layer norm (γ, β and the input)", measured: normReport.maxRelativeError, tolerance: 1e-6)
    for placement in NormPlacement.allCases {
        let layer = TransformerEncoderLayer<Double>(modelSize: 6, headCount: 2, feedForwardSize: 10, placement: placement,
                                                    generator: &generator)
        let input = Tensor<Double>.randomNormal([2, 4, 6], generator: &generator, requiresGradient: true)
        let report = GradientChecker.check(parameters: layer.parameters + [input]) { layer(input).output }
        book.check("gradient of one whole encoder layer, norm \(placement.rawValue) (\(report.comparedCount) derivatives)",
                   measured: report.maxRelativeError, tolerance: 1e-6)
    }
    let decoderLayer = TransformerDecoderLayer<Double>(modelSize: 6, headCount: 2, feedForwardSize: 10, generator: &generator)
    let target = Tensor<Double>.randomNormal([2, 3, 6], generator: &generator, requiresGradient: true)
    let memory = Tensor<Double>.randomNormal([2, 4, 6], generator: &generator, requiresGradient: true)
    let decoderReport = GradientChecker.check(parameters: decoderLayer.parameters + [target, memory]) {
        decoderLayer(target, memory: memory, selfMask: causalMask(3), memoryMask: nil).output
    }
    book.check("gradient of one whole decoder layer with a causal mask (\(decoderReport.comparedCount) derivatives)",
               measured: decoderReport.maxRelativeError, tolerance: 1e-6)

    // Xiong et al.'s observation, measured: the gradient of each layer's last matrix at initialisation.
    let depth = 6
    let spread = NormPlacement.allCases.map { placement -> [Double] in
        var layerGenerator = SeededGenerator(seed: book.seed &+ 4)
        let layers = (0..<depth).map { _ in
            TransformerEncoderLayer<Float>(modelSize: 64, headCount: 4, feedForwardSize: 128, placement: placement,
                                           generator: &layerGenerator)
        }
        let input = Tensor<Float>.randomNormal([8, 16, 64], generator: &layerGenerator)
        let goal = Tensor<Float>.randomNormal([8, 16, 64], generator: &layerGenerator)
        let finalNorm = LayerNorm<Float>(size: 64)
        let output = finalNorm(layers.reduce(input) { $1($0).output })
        (output - goal).squared().mean().backward()
        return layers.map { Double($0.linear2.weight.gradient!.squared().sum().scalar.squareRoot()) }
    }
    book.code((["layer        " + (1...depth).map { String($0).leftPadded(10) }.joined()] + zip(["post-norm", "pre-norm"],
        [spread[1], spread[0]]).map { name, norms in name.rightPadded(13) + norms.map { scientific($0).leftPadded(10) }.joined() })
        .joined(separator: "\n"))
    let (pre, post) = (spread[0], spread[1])
    let (preRatio, postRatio) = (pre[depth - 1] / pre[0], post[depth - 1] / post[0])
    book.prose("""
    The table: the norm of the gradient of each layer's linear2 weight, at initialisation, in a stack of \
    \(depth) encoder layers (d_model 64, a final layer norm, a squared-error loss against random targets, \
    one batch). With post-norm the last layer's gradient is \(fixed(postRatio, 1))× the \
    first's; with pre-norm \(fixed(preRatio, 1))×. \(preRatio < 1 && postRatio >= 1
        ? "In the pre-norm stack the gradient shrinks towards the output and in the post-norm stack it does not, the pattern Xiong et al. derive: with post-norm the gradient near the output does not shrink as the stack deepens, which is why they find it needs a warm-up."
        : preRatio < postRatio ? "The pre-norm ratio is the lower, the direction of Xiong et al.'s analysis, though six layers at initialisation show it only weakly."
        : "Unlike Xiong et al.'s analysis of deep stacks, the pre-norm ratio is not the lower here; six layers at initialisation are a small sample.")
    """)
}
