// Chapter 2 — The plain autoencoder: the objective, its gradient, principal components as the
// optimum of a linear autoencoder, a non-linear autoencoder and a denoising one.

import Datasets
import Grading
import Foundation
import NeuralNetworks
import Optimizers
import LinearAlgebra
import Notebook
import Plotting
import Tensors

let book = Notebook(chapter: 2, title: "The plain autoencoder", summary: """
    An autoencoder learns to copy its input through a narrow bottleneck. This chapter states \
    the objective, checks its gradient, shows that a linear autoencoder recovers the principal \
    components of the data, and then trains a non-linear and a denoising autoencoder on small \
    images of digits.
    """)
let stub = "Chapters/chapter2/Exercises.swift"
book.exercises([
    Exercise(name: "the squared-error loss", hint: "Sum the squared differences over the pixels of a row, "
             + "then average over the rows; use tensor operations so the gradient flows.", stub: stub) {
        try gradeSquaredErrorLoss(squaredErrorLoss)
    },
    Exercise(name: "its gradient by hand", hint: "Differentiate (1/n) Σᵢ Σⱼ (x̂ᵢⱼ − xᵢⱼ)² with respect to one x̂ᵢⱼ.",
             stub: stub) {
        try gradeSquaredErrorGradient(squaredErrorGradient)
    },
    Exercise(name: "the bottleneck experiment", hint: "Centre the rows, keep the k principal directions of "
             + "largest variance, and measure (1/n) Σᵢ ‖xᵢ − x̂ᵢ‖² (or sum the discarded variances).", stub: stub) {
        try gradeBestLinearReconstructionError(bestLinearReconstructionError)
    },
])

let quick = book.quick
let trainCount = quick ? 600 : 2000
let validationCount = quick ? 200 : 500
let pictureCodeSize = quick ? 8 : 16      // the MLP shown in the reconstructions and loss curves
let settings = quick
    ? SweepSettings(linearMinibatchSteps: 400, linearFullBatchSteps: 300, mlpSteps: 600, batchSize: 100, hiddenSize: 64)
    : SweepSettings(linearMinibatchSteps: 1000, linearFullBatchSteps: 500, mlpSteps: 3000, batchSize: 100, hiddenSize: 64)

// MARK: - 1. The objective

book.section("The objective")
book.prose("""
    An autoencoder is a pair of functions. The encoder q maps an input x, a vector of d numbers, \
    to a code z = q(x) of k numbers; the decoder p maps the code back to a vector x̂ = p(z) of d \
    numbers. Both are trained together so that the output is as close to the input as possible, \
    on average over the data:
    """)
book.formula("minimise over q and p:   L(q, p) = E ‖x − p(q(x))‖²\nwhere  q: ℝᵈ → ℝᵏ  and  p: ℝᵏ → ℝᵈ")
book.prose("""
    If k were at least d the task would be trivial: q and p could both be the identity. The point \
    is the bottleneck k < d. The code cannot hold everything, so the pair must find what matters \
    most for rebuilding the input; the code is a compressed description of x. In practice the \
    expectation is an average over n training rows, L = (1/n) Σᵢ ‖xᵢ − x̂ᵢ‖², and the squared \
    distance ‖x − x̂‖² is summed over the d pixels.
    """)

// MARK: - 2. The data

book.section("The data: digits in 16×16 pixels")
let trainSet = DigitImages.generate(count: trainCount, seed: book.seed)
let validationSet = DigitImages.generate(count: validationCount, seed: book.seed &+ 1)
let side = trainSet.size, d = side * side
let xTrain = Tensor<Float>(shape: [trainCount, d], scalars: trainSet.images)
let xValidation = Tensor<Float>(shape: [validationCount, d], scalars: validationSet.images)
book.prose("""
    The images are the project's own: digits 0 to 9 drawn from pen strokes with random warps, \
    thickness, rotation, scale, shift and pixel noise, each \(side)×\(side) pixels with values in \
    0…1, so d = \(d). We use \(trainCount) images for training and \(validationCount) others, drawn \
    with a different seed, for validation.
    """)
let pca = PrincipalComponents(data: xTrain.converted(to: Double.self))

/// (λ_k − λ_{k+1}) / λ_k: how clearly the top-k principal subspace stands apart from the next direction.
func relativeGap(_ k: Int) -> Double { (pca.variances[k - 1] - pca.variances[k]) / pca.variances[k - 1] }
// The top-k subspace is pinned down only when λ_k stands clearly above λ_{k+1}: when the two nearly
// tie, mixtures of their directions are almost as good and training drifts between them slowly.
// The detailed comparison with PCA therefore uses the k from 6 to 10 with the widest relative gap.
let checkedCodeSize = (6...10).max { relativeGap($0) < relativeGap($1) }!
let codeSizes = Array(Set(quick ? [2, pictureCodeSize, checkedCodeSize] : [2, 4, 8, 16, 32, checkedCodeSize])).sorted()
let meanRow = Tensor<Float>(shape: [1, d], scalars: pca.mean.map(Float.init))
let centredTrainD = xTrain.converted(to: Double.self) - Tensor<Double>(shape: [1, d], scalars: pca.mean)
let spreadAroundMean = reconstructionError(centredTrainD, Tensor<Double>.zeros(centredTrainD.shape)).scalar
book.prose("""
    The simplest "autoencoder" has k = 0: it ignores its input and always outputs the mean image μ. \
    Its error is the average squared distance from the mean, which is also the total variance, \
    the trace of the covariance matrix C = (1/n) Σᵢ (xᵢ − μ)(xᵢ − μ)ᵀ. Here it is \
    \(fixed(spreadAroundMean, 3)); every autoencoder below should do much better.
    """)
book.check("E‖x − μ‖² = trace C (relative)",
           measured: abs(spreadAroundMean - pca.totalVariance) / pca.totalVariance,
           tolerance: 1e-10)  // rounding of sums over n·d ≈ 5e5 terms in Float64: about n·d·ε ≈ 6e-11

// MARK: - 3. The loss and its gradient

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
let formulaGap = (smallOutput.gradient! - formulaGradient).absolute().max(alongAxis: 0).max(alongAxis: 0).scalar
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

// MARK: - 4. Principal components

book.section("Principal components: the best linear bottleneck")
book.prose("""
    Before training anything, what is the best a linear bottleneck can do? Write the covariance \
    as C = V Λ Vᵀ with orthonormal eigenvectors v₁, v₂, … (the principal directions) and \
    eigenvalues λ₁ ≥ λ₂ ≥ … (the variance of the data along each direction). Projecting the \
    centred data onto the first k directions, x̂ = μ + V_k V_kᵀ (x − μ), loses exactly the \
    variance along the others, and no rank-k linear map loses less (the Eckart–Young theorem):
    """)
book.formula("min over linear q, p with code size k of  E‖x − p(q(x))‖²\n    =  λₖ₊₁ + λₖ₊₂ + … + λ_d")
book.prose("""
    The library computes C with one matrix product and its eigenvectors by Jacobi rotations, in \
    Float64, with no gradient descent involved. The first variances are \
    \(pca.variances.prefix(6).map { fixed($0, 3) }.joined(separator: ", ")), …; the first \
    \(checkedCodeSize) directions hold \(percent(1 - pca.reconstructionError(keeping: checkedCodeSize) / pca.totalVariance)) \
    of the total variance and the first 32 hold \
    \(percent(1 - pca.reconstructionError(keeping: min(32, d)) / pca.totalVariance)).
    """)
let projected = pca.reconstruct(xTrain.converted(to: Double.self), keeping: checkedCodeSize)
let projectionError = reconstructionError(projected, xTrain.converted(to: Double.self)).scalar
book.check("rank-\(checkedCodeSize) projection error = Σ discarded λ",
           measured: abs(projectionError - pca.reconstructionError(keeping: checkedCodeSize))
               / pca.reconstructionError(keeping: checkedCodeSize), tolerance: 1e-10)

// MARK: - 5. Training: linear and non-linear autoencoders for several k

book.section("A linear autoencoder finds the principal subspace")
book.prose("""
    Now the learned version. A linear autoencoder has q(x) = W_q x and p(z) = W_p z, with W_q of \
    size k×d and W_p of size d×k, trained on the centred pixels x − μ by Adam on the loss above: \
    \(settings.linearMinibatchSteps) steps on minibatches of \(settings.batchSize) rows, then \
    \(settings.linearFullBatchSteps) steps on the whole training set with a smaller learning rate, \
    so that it settles on the minimum rather than wandering around it. Alongside it, on the other \
    core, we train the non-linear autoencoder of the next section with the same k, and we repeat \
    this for k = \(codeSizes.map(String.init).joined(separator: ", ")).
    """)
let sweepData = SweepData(train: xTrain, validation: xValidation,
                          centredTrain: xTrain - meanRow, centredValidation: xValidation - meanRow)
var sweep: [Int: SweepEntry] = [:]
for k in codeSizes {
    let progress = book.progress("k = \(k)", total: settings.stepsPerCodeSize)
    let entry = trainSideBySide(codeSize: k, data: sweepData, settings: settings, seed: book.seed &+ 100,
                                progress: progress)
    progress.finish(note: "validation: MLP \(fixed(entry.mlpHistory.validation.last!, 2)), "
                    + "linear \(fixed(entry.linearHistory.validation.last!, 2))")
    sweep[k] = entry
}

/// The linear autoencoder's error on the (centred) training rows, evaluated in Float64.
func linearTrainingError(_ model: LinearAutoencoder<Float>) -> Double {
    let wq = model.encoder.weight.converted(to: Double.self), wp = model.decoder.weight.converted(to: Double.self)
    return reconstructionError(centredTrainD.matmul(wq, transposeOther: true).matmul(wp, transposeOther: true),
                               centredTrainD).scalar
}

let linear = sweep[checkedCodeSize]!.linear!
let decoderColumns = linear.decoder.weight.converted(to: Double.self)   // [d, k]: W_p
let angles = principalAngles(decoderColumns, pca.basis(checkedCodeSize))
let linearError = linearTrainingError(linear)
let pcaError = pca.reconstructionError(keeping: checkedCodeSize)
book.prose("""
    The comparison uses k = \(checkedCodeSize), chosen from 6 to 10 as the k whose eigenvalue stands \
    furthest above the next one: λ_\(checkedCodeSize) exceeds λ_\(checkedCodeSize + 1) by \
    \(percent(relativeGap(checkedCodeSize))). A subspace is only defined as sharply as that gap: when \
    λ_k and λ_{k+1} nearly tie, any mixture of their two directions explains almost the same variance, \
    the loss barely changes between them, and gradient descent drifts between them slowly.

    Nothing forces the decoder's columns to be the principal directions themselves: for any \
    invertible k×k matrix A, the pair W_p A and A⁻¹ W_q computes the same output. What the theory \
    predicts (Baldi and Hornik, 1989) is that at the minimum the columns of W_p span the same \
    subspace as v₁ … v_k, and that on the data the product W_p W_q acts as the orthogonal \
    projection V_k V_kᵀ onto it. (Only on the data: along directions in which the pixels never \
    vary, W_q is not constrained by the loss at all.) \
    To compare two subspaces we orthonormalise both bases into Q₁ and Q₂; the singular values of \
    Q₁ᵀQ₂ are the cosines of the principal angles between them, all zero for equal subspaces.
    """)
book.prose("""
    For k = \(checkedCodeSize) the principal angles between the decoder's columns and the top \
    \(checkedCodeSize) principal directions are at most \(scientific(angles.max()!)) radians, and the \
    autoencoder's error on the training rows is \(fixed(linearError, 5)) against the bound \
    \(fixed(pcaError, 5)) from the eigenvalues. The last checks compare the outputs themselves, \
    E‖p(q(x)) − V_k V_kᵀ(x − μ)‖² relative to E‖x − μ‖², and the errors for every k of the sweep.
    """)
book.check("max principal angle, W_p vs PCA (rad)",
           measured: angles.max()!, tolerance: 1e-3)
book.check("linear AE error vs PCA bound (relative)",
           measured: abs(linearError - pcaError) / pcaError, tolerance: 1e-5)
book.check("linear AE not below the PCA bound", passed: linearError >= pcaError * (1 - 1e-9),
           detail: "\(fixed(linearError, 6)) ≥ \(fixed(pcaError, 6))")
let autoencoderOutput = centredTrainD.matmul(linear.encoder.weight.converted(to: Double.self), transposeOther: true)
    .matmul(decoderColumns, transposeOther: true)
let pcaOutput = centredTrainD.matmul(pca.basis(checkedCodeSize)).matmul(pca.basis(checkedCodeSize), transposeOther: true)
let outputGap = reconstructionError(autoencoderOutput, pcaOutput).scalar / pca.totalVariance
book.check("linear AE output vs PCA projection", measured: outputGap, tolerance: 1e-4)
let sweepGaps = codeSizes.map { k in
    abs(linearTrainingError(sweep[k]!.linear!) - pca.reconstructionError(keeping: k)) / pca.reconstructionError(keeping: k)
}
book.check("linear AE vs PCA error, every k (rel.)",
           measured: sweepGaps.max()!, tolerance: 1e-3)

includeNonlinearSections()

book.questions([
    "A linear autoencoder finds the principal subspace but not the principal directions themselves. "
        + "What could you add to the loss (or to the architecture) so that its decoder's columns come out "
        + "orthonormal and ordered by variance, like v₁, v₂, …?",
    "The MLP's advantage over PCA shrinks as k grows (error-vs-k.png). Is that a limit of the data, of "
        + "the architecture, or of the training budget? How would you find out?",
    "The denoising autoencoder was trained with one noise level. What do you expect on inputs with "
        + "twice as much noise, or with a different kind of corruption (missing pixels)? Try it.",
])
book.finish()
