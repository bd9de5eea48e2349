// Section 3 of chapter 6: the variational autoencoder, its three checks and its samples.

import Foundation
import Models
import Notebook
import Tensors

/// Trains a VAE on each digit set, checks its KL, its reparameterised gradient and the order of its
/// bounds on held-out images, and returns the trained models (UCI first).
func variationalSection(_ book: Notebook, _ sets: [DigitSet], sizes: ChapterSizes) -> [TrainedVAE] {
    book.section("The variational autoencoder")
    let k = sizes.vaeCodeSize
    book.prose("""
        A plain autoencoder gives each image one code, and nothing says what lies between the codes. \
        The variational autoencoder (Kingma and Welling, 2014) makes the code a distribution: the \
        encoder gives a mean μ(x) and a log-variance log σ²(x) for each of the k = \(k) code numbers, \
        q(z|x) = N(μ, diag σ²), and a sample of it is decoded into pixel probabilities p(x|z). Training \
        maximises the evidence lower bound
        """)
    book.formula("ELBO(x) = E_q[log p(x|z)] − KL(q(z|x) ‖ N(0, I))  ≤  log p(x)")
    book.prose("""
        The first term rewards reconstruction; the second keeps every q(z|x) close to the prior N(0, I), \
        so that the codes of all images fill one region without holes and a z drawn from the prior decodes \
        to something like an image. Two pieces make it trainable. The KL of two Gaussians has a closed \
        form, ½ Σⱼ (μⱼ² + σⱼ² − 1 − log σⱼ²). And the sample is written z = μ + σ ⊙ ε with ε ~ N(0, I) drawn \
        outside the model (the reparameterisation), so z is a differentiable function of μ and σ and the \
        gradient of the reconstruction term flows back into the encoder. The pixels (0…1) are scored as \
        Bernoulli probabilities, log p(x|z) = Σⱼ xⱼ log pⱼ + (1 − xⱼ) log(1 − pⱼ); for grey pixels this \
        cross-entropy is not a normalised density, so the bounds below compare the models of this chapter with \
        each other, not with log-likelihoods published for binarised digits. Our encoder is d → \
        \(sizes.hiddenSize) → (μ, log σ²), the decoder k → \(sizes.hiddenSize) → d, tanh in between, Adam at \
        2·10⁻³, minibatches of \(sizes.batchSize), \(sizes.vaeSteps) steps.
        """)
    let (real, generated) = TrainedVAE.trainPair(book, (
        TrainedVAE.Plan(set: sets[0], steps: sizes.vaeSteps, beta: 1, seed: book.seed &+ 700),
        TrainedVAE.Plan(set: sets[1], steps: sizes.vaeSteps, beta: 1, seed: book.seed &+ 701)),
        sizes: sizes, label: "VAE, k = \(k), on both sets at once (loss of the UCI one)")
    let trained = [real, generated]
    for (index, (set, vae)) in zip(sets, trained).enumerated() {
        book.subsection(set.name)
        checkVAE(book, vae, set, quick: sizes.quick, seed: book.seed &+ 800 &+ UInt64(10 * index))
    }
    return trained
}

/// The three checks of section 3 on one trained VAE, in Float64.
func checkVAE(_ book: Notebook, _ vae: TrainedVAE, _ set: DigitSet, quick: Bool, seed: UInt64) {
    typealias VAE = VariationalAutoencoder<Double>
    let model = vae.inDouble()
    var generator = SeededGenerator(seed: seed)
    let test = set.test.converted(to: Double.self)                                                    // [m, d]

    // 1. The closed-form KL against sampling.
    let (images, draws) = quick ? (20, 1_000) : (40, 2_000)
    let probe = test.gatherRows(Array(0..<images))
    let (mean, logVariance) = GradientRecording.withoutGradients { model.encode(probe) }              // [images, k]
    let closed = VAE.gaussianKL(mean: mean, logVariance: logVariance).mean().scalar
    let sampled = VAE.monteCarloKL(mean: mean, logVariance: logVariance, samples: draws, generator: &generator)
    book.check("closed-form KL = Monte-Carlo KL (\(set.name), \(images) images × \(draws) draws, within 4 standard errors)",
               measured: abs(closed - sampled.value), tolerance: 4 * sampled.standardError)
    book.prose("""
        Mean KL of \(images) held-out images: \(fixed(closed, 4)) nats in closed form, \(fixed(sampled.value, 4)) ± \
        \(fixed(sampled.standardError, 4)) by averaging log q(z|x) − log p(z) over \(draws) draws of z per image.
        """)

    // 2. The gradient through z = μ + σ ⊙ ε, with ε held fixed, against central differences.
    let few = test.gatherRows(Array(0..<4))
    let (fewMean, fewLogVariance) = GradientRecording.withoutGradients { model.encode(few) }           // [4, k]
    let noise = Tensor<Double>.randomNormal(fewMean.shape, generator: &generator)
    let report = GradientChecker.check([fewMean, fewLogVariance]) { v in
        let z = VAE.reparameterised(mean: v[0], logVariance: v[1], noise: noise)
        return VAE.bernoulliLogLikelihood(logits: model.decodeLogits(z), targets: few) - VAE.gaussianKL(mean: v[0], logVariance: v[1])
    }
    book.check("∂ELBO/∂(μ, log σ²) through the reparameterised sample = central differences (\(set.name), Float64, "
               + "\(report.comparedCount) numbers)", measured: report.maxRelativeError, tolerance: 1e-6)

    // 3. ELBO ≤ IWAE₅ ≤ IWAE₅₀ on every held-out image, from the same 50 draws per image.
    let m = test.shape[0]
    let (logWeights, closedForm): (Tensor<Double>, [Double]) = GradientRecording.withoutGradients {
        let weights = model.importanceLogWeights(test, samples: 50, generator: &generator)              // [m, 50]
        let (mu, lv) = model.encode(test)
        let draws = (0..<10).map { _ -> Tensor<Double> in
            let z = VAE.reparameterised(mean: mu, logVariance: lv, noise: Tensor<Double>.randomNormal(mu.shape, generator: &generator))
            return VAE.bernoulliLogLikelihood(logits: model.decodeLogits(z), targets: test)                  // [m]
        }
        return (weights, (Tensor.stack(draws, alongAxis: 1).mean(alongAxis: 1) - VAE.gaussianKL(mean: mu, logVariance: lv)).scalars)
    }
    let elboRows = logWeights.mean(alongAxis: 1).scalars                                                  // [m]
    let iwae5Rows = (logWeights.reshaped(to: [m, 10, 5]).logSumExp(alongAxis: 2) - Foundation.log(5.0)).mean(alongAxis: 1).scalars
    let iwae50Rows = (logWeights.logSumExp(alongAxis: 1) - Foundation.log(50.0)).scalars
    let (elbo, five, fifty) = (MonteCarloEstimate(mean: elboRows), MonteCarloEstimate(mean: iwae5Rows), MonteCarloEstimate(mean: iwae50Rows))
    let firstGap = MonteCarloEstimate(mean: zip(iwae5Rows, elboRows).map { $0 - $1 })
    let secondGap = MonteCarloEstimate(mean: zip(iwae50Rows, iwae5Rows).map { $0 - $1 })
    let agreement = MonteCarloEstimate(mean: zip(elboRows, closedForm).map { $0 - $1 })
    book.check("mean log-weight = ELBO with the closed-form KL (\(set.name), within 4 standard errors)",
               measured: abs(agreement.value), tolerance: 4 * agreement.standardError)
    let ordered = zip(elboRows, zip(iwae5Rows, iwae50Rows)).filter { $0 <= $1.0 + 1e-9 && $1.0 <= $1.1 + 1e-9 }.count
    book.check("ELBO ≤ IWAE₅ ≤ IWAE₅₀ on every held-out image (\(set.name))", passed: ordered == m,
               detail: "\(ordered) of \(m) images; gaps IWAE₅ − ELBO = \(fixed(firstGap.value, 3)) ± \(fixed(firstGap.standardError, 3)), "
                   + "IWAE₅₀ − IWAE₅ = \(fixed(secondGap.value, 3)) ± \(fixed(secondGap.standardError, 3)) nats")
    book.prose("""
        Each held-out image gets 50 draws z ~ q(z|x) and their log-weights log p(x|z) + log p(z) − log q(z|x). \
        Their mean estimates the ELBO (it agrees with the ELBO computed with the closed-form KL and 10 \
        draws of the reconstruction term: difference \(fixed(agreement.value, 3)) ± \(fixed(agreement.standardError, 3))); \
        the mean of log-mean-exp over ten groups of 5 estimates IWAE₅, and the log-mean-exp of all 50 IWAE₅₀ \
        (Burda et al., 2015). In nats per image, mean ± standard error over the \(m) images: ELBO \
        \(fixed(elbo.value, 2)) ± \(fixed(elbo.standardError, 2)), IWAE₅ \(fixed(five.value, 2)) ± \(fixed(five.standardError, 2)), \
        IWAE₅₀ \(fixed(fifty.value, 2)) ± \(fixed(fifty.standardError, 2)). With the same draws, the order holds image by \
        image (the log of a mean is at least the mean of the logs), so what the measurement adds is the size \
        of the gaps, which differ between images far less than the bounds do: IWAE₅ − ELBO = \
        \(fixed(firstGap.value, 3)) ± \(fixed(firstGap.standardError, 3)) and IWAE₅₀ − IWAE₅ = \(fixed(secondGap.value, 3)) ± \
        \(fixed(secondGap.standardError, 3)). Small gaps mean q(z|x) is close to the model's true posterior; \
        the bounds tighten with more samples but cannot pass log p(x).
        """)
}
