// What every section of chapter 2 works on: the sizes of the run, the digits, their principal components.

import Datasets
import LinearAlgebra
import Models
import Tensors

/// The sizes of a run of the chapter: small under --quick, the full ones otherwise.
struct ChapterSizes {
    /// Training images.
    let trainCount: Int
    /// Validation images, drawn with another seed.
    let validationCount: Int
    /// The code size of the MLP shown in the reconstructions and the loss curves.
    let pictureCodeSize: Int
    /// How long each model of the bottleneck sweep trains.
    let sweep: SweepSettings

    init(quick: Bool) {
        trainCount = quick ? 600 : 2000
        validationCount = quick ? 200 : 500
        pictureCodeSize = quick ? 8 : 16
        sweep = quick
            ? SweepSettings(linearMinibatchSteps: 400, linearFullBatchSteps: 300, mlpSteps: 600, batchSize: 100, hiddenSize: 64)
            : SweepSettings(linearMinibatchSteps: 1000, linearFullBatchSteps: 500, mlpSteps: 3000, batchSize: 100, hiddenSize: 64)
    }
}

/// The generated digits as matrices, and what is computed from them once.
struct DigitData {
    let trainSet: LabelledImages
    let validationSet: LabelledImages
    /// Pixels per side; d = side² numbers per image.
    let side: Int
    let d: Int
    /// Training images [n, d] and validation images [m, d], pixels in 0…1.
    let xTrain: Tensor<Float>
    let xValidation: Tensor<Float>
    /// The principal components of the training images, in Float64.
    let pca: PrincipalComponents
    /// The mean image μ [1, d].
    let meanRow: Tensor<Float>
    /// The training images minus μ, in Float64 [n, d].
    let centredTrainD: Tensor<Double>
    /// The k compared in detail with PCA: the one from 6 to 10 whose eigenvalue gap is widest.
    let checkedCodeSize: Int
    /// Every code size k the sweep trains.
    let codeSizes: [Int]

    init(sizes: ChapterSizes, quick: Bool, seed: UInt64) {
        trainSet = DigitImages.generate(count: sizes.trainCount, seed: seed)
        validationSet = DigitImages.generate(count: sizes.validationCount, seed: seed &+ 1)
        side = trainSet.size
        d = side * side
        xTrain = Tensor<Float>(shape: [sizes.trainCount, d], scalars: trainSet.images)
        xValidation = Tensor<Float>(shape: [sizes.validationCount, d], scalars: validationSet.images)
        let pca = PrincipalComponents(data: xTrain.converted(to: Double.self))
        self.pca = pca
        // The top-k subspace is pinned down only when λ_k stands clearly above λ_{k+1}: when the two nearly
        // tie, mixtures of their directions are almost as good and training drifts between them slowly.
        // The detailed comparison with PCA therefore uses the k from 6 to 10 with the widest relative gap.
        checkedCodeSize = (6...10).max { Self.relativeGap(pca, $0) < Self.relativeGap(pca, $1) }!
        codeSizes = Array(Set(quick ? [2, sizes.pictureCodeSize, checkedCodeSize] : [2, 4, 8, 16, 32, checkedCodeSize])).sorted()
        meanRow = Tensor<Float>(shape: [1, d], scalars: pca.mean.map(Float.init))
        centredTrainD = xTrain.converted(to: Double.self) - Tensor<Double>(shape: [1, d], scalars: pca.mean)
    }

    /// (λ_k − λ_{k+1}) / λ_k: how clearly the top-k principal subspace stands apart from the next direction.
    static func relativeGap(_ pca: PrincipalComponents, _ k: Int) -> Double {
        (pca.variances[k - 1] - pca.variances[k]) / pca.variances[k - 1]
    }

    /// `relativeGap` of these digits' components.
    func relativeGap(_ k: Int) -> Double { Self.relativeGap(pca, k) }

    /// A linear autoencoder's error on the (centred) training rows, evaluated in Float64.
    func linearTrainingError(_ model: LinearAutoencoder<Float>) -> Double {
        let wq = model.encoder.weight.converted(to: Double.self), wp = model.decoder.weight.converted(to: Double.self)
        return reconstructionError(centredTrainD.matmul(wq, transposeOther: true).matmul(wp, transposeOther: true),
                                   centredTrainD).scalar
    }
}
