// The variational autoencoder (Kingma and Welling, 2014): an encoder to a Gaussian q(z|x), a sample
// drawn from it by reparameterisation, and a decoder to Bernoulli pixel probabilities p(x|z).
import CMath
import NeuralNetworks
import Tensors

/// d → h → (μ, log σ²) of size k, and k → h → d logits, with tanh in the hidden layers.
///
/// The prior is p(z) = N(0, I); the encoder gives q(z|x) = N(μ(x), diag σ²(x)); the decoder's
/// logits a give Bernoulli pixel probabilities sigmoid(a), so pixels in 0…1 are scored by the
/// cross-entropy log p(x|z) = Σⱼ xⱼ aⱼ − softplus(aⱼ). The samples z = μ + σ ⊙ ε take their
/// noise ε ~ N(0, I) as an argument, so that a gradient check can hold ε fixed.
public final class VariationalAutoencoder<S: TensorScalar>: Module {
    public typealias Scalar = S
    /// d → h.
    public let encoderHidden: Linear<S>
    /// h → k: the mean μ of q(z|x).
    public let encoderMean: Linear<S>
    /// h → k: log σ² of q(z|x).
    public let encoderLogVariance: Linear<S>
    /// k → h.
    public let decoderHidden: Linear<S>
    /// h → d: the logits of the pixels.
    public let decoderOutput: Linear<S>

    /// A model from `inputSize` pixels through `hiddenSize` to a code of `codeSize` and back.
    public init(inputSize: Int, hiddenSize: Int, codeSize: Int, generator: inout SeededGenerator) {
        require(inputSize > 0 && hiddenSize > 0 && codeSize > 0, "VariationalAutoencoder",
                "sizes must be positive, got input \(inputSize), hidden \(hiddenSize) and code \(codeSize)")
        encoderHidden = Linear(inputSize: inputSize, outputSize: hiddenSize, generator: &generator)
        encoderMean = Linear(inputSize: hiddenSize, outputSize: codeSize, generator: &generator)
        encoderLogVariance = Linear(inputSize: hiddenSize, outputSize: codeSize, generator: &generator)
        decoderHidden = Linear(inputSize: codeSize, outputSize: hiddenSize, generator: &generator)
        decoderOutput = Linear(inputSize: hiddenSize, outputSize: inputSize, generator: &generator)
    }

    public var submodules: [(name: String, module: any Module<S>)] {
        [("encoder.hidden", encoderHidden), ("encoder.mean", encoderMean),
         ("encoder.log_variance", encoderLogVariance), ("decoder.hidden", decoderHidden),
         ("decoder.output", decoderOutput)]
    }

    /// The size k of the code.
    public var codeSize: Int { encoderMean.weight.shape[0] }

    /// x [n, d] → μ [n, k] and log σ² [n, k] of q(z|x).
    public func encode(_ x: Tensor<S>) -> (mean: Tensor<S>, logVariance: Tensor<S>) {
        let hidden = encoderHidden(x).tanh()  // [n, h]
        return (encoderMean(hidden), encoderLogVariance(hidden))
    }

    /// z = μ + σ ⊙ ε with σ = exp(½ log σ²): a sample of q(z|x) through which gradients reach μ and σ.
    public static func reparameterised(mean: Tensor<S>, logVariance: Tensor<S>, noise: Tensor<S>) -> Tensor<S> {
        require(mean.shape == logVariance.shape && mean.shape == noise.shape, "VariationalAutoencoder.reparameterised",
                "mean \(describe(mean.shape)), log variance \(describe(logVariance.shape)) and noise "
                    + "\(describe(noise.shape)) must have one shape")
        return mean + (logVariance * S(0.5)).exp() * noise
    }

    /// z [n, k] → pixel logits [n, d].
    public func decodeLogits(_ z: Tensor<S>) -> Tensor<S> { decoderOutput(decoderHidden(z).tanh()) }

    /// z [n, k] → pixel probabilities [n, d] in (0, 1).
    public func decode(_ z: Tensor<S>) -> Tensor<S> { decodeLogits(z).sigmoid() }

    /// KL(N(μ, σ²) ‖ N(0, I)) = ½ Σⱼ (μⱼ² + σⱼ² − 1 − log σⱼ²) per row: [n, k] → [n].
    public static func gaussianKL(mean: Tensor<S>, logVariance: Tensor<S>) -> Tensor<S> {
        ((mean.squared() + logVariance.exp() - logVariance - 1) * S(0.5)).sum(alongAxis: -1)
    }

    /// log p(x|z) = Σⱼ xⱼ aⱼ − softplus(aⱼ) per row, with softplus(a) = max(a, 0) + log(1 + e^−|a|)
    /// so that large logits stay finite: logits and x [n, d] → [n].
    public static func bernoulliLogLikelihood(logits: Tensor<S>, targets: Tensor<S>) -> Tensor<S> {
        require(logits.shape == targets.shape, "VariationalAutoencoder.bernoulliLogLikelihood",
                "logits \(describe(logits.shape)) and targets \(describe(targets.shape)) must have one shape")
        let softplus = logits.relu() + ((-logits.absolute()).exp() + 1).log()
        return (targets * logits - softplus).sum(alongAxis: -1)
    }

    /// log N(z; μ, σ²) summed over the code, per row: [n, k] → [n].
    public static func gaussianLogDensity(_ z: Tensor<S>, mean: Tensor<S>, logVariance: Tensor<S>) -> Tensor<S> {
        let logTwoPi = S(1.8378770664093453)  // log 2π
        return ((z - mean).squared() * (-logVariance).exp() + logVariance + logTwoPi).sum(alongAxis: -1) * S(-0.5)
    }

    /// The ELBO per row with one sample per row: log p(x|z) − β·KL(q(z|x) ‖ p(z)), with the KL in
    /// closed form and z = μ + σ ⊙ `noise`; x [n, d], noise [n, k] → [n]. β = 1 is the true bound.
    public func evidenceLowerBound(_ x: Tensor<S>, noise: Tensor<S>, beta: S = 1)
        -> (bound: Tensor<S>, logLikelihood: Tensor<S>, kl: Tensor<S>) {
        let (mean, logVariance) = encode(x)
        let z = Self.reparameterised(mean: mean, logVariance: logVariance, noise: noise)  // [n, k]
        let logLikelihood = Self.bernoulliLogLikelihood(logits: decodeLogits(z), targets: x)
        let kl = Self.gaussianKL(mean: mean, logVariance: logVariance)
        return (logLikelihood - kl * beta, logLikelihood, kl)
    }

    /// The loss to minimise: the mean over rows of −(log p(x|z) − β·KL).
    public func loss(_ x: Tensor<S>, noise: Tensor<S>, beta: S = 1) -> Tensor<S> {
        -evidenceLowerBound(x, noise: noise, beta: beta).bound.mean()
    }

    /// The importance-weighted bound of Burda et al. (2015) per row, with `samples` draws of z for
    /// each row: log (1/K) Σₖ p(x|zₖ) p(zₖ) / q(zₖ|x). K = 1 gives a one-sample estimate of the ELBO;
    /// the bound never decreases with K and tends to log p(x). x [n, d] → [n].
    public func importanceWeightedBound(_ x: Tensor<S>, samples: Int, generator: inout SeededGenerator) -> Tensor<S> {
        require(samples > 0, "VariationalAutoencoder.importanceWeightedBound", "samples must be positive, got \(samples)")
        let stacked = importanceLogWeights(x, samples: samples, generator: &generator)  // [n, K]
        return stacked.logSumExp(alongAxis: 1) - S(log(Double(samples)))
    }

    /// The log-weights log p(x|zₖ) + log p(zₖ) − log q(zₖ|x) of `samples` draws zₖ ~ q(z|x) per row:
    /// x [n, d] → [n, K]. Their mean estimates the ELBO; their log-mean-exp is the importance-weighted bound.
    public func importanceLogWeights(_ x: Tensor<S>, samples: Int, generator: inout SeededGenerator) -> Tensor<S> {
        require(samples > 0, "VariationalAutoencoder.importanceLogWeights", "samples must be positive, got \(samples)")
        let n = x.shape[0], k = codeSize
        let (mean, logVariance) = encode(x)
        var logWeights: [Tensor<S>] = []
        for _ in 0..<samples {
            let noise = Tensor<S>.randomNormal([n, k], generator: &generator)
            let z = Self.reparameterised(mean: mean, logVariance: logVariance, noise: noise)  // [n, k]
            let zeros = Tensor<S>.zeros([n, k])
            logWeights.append(Self.bernoulliLogLikelihood(logits: decodeLogits(z), targets: x)
                + Self.gaussianLogDensity(z, mean: zeros, logVariance: zeros)
                - Self.gaussianLogDensity(z, mean: mean, logVariance: logVariance))  // [n]
        }
        return Tensor.stack(logWeights, alongAxis: 1)  // [n, K]
    }
}
