// What the first three sections of chapter 6 work on: real handwriting and generated digits, split
// into training and held-out images, with the sizes of the run.

import Datasets
import LinearAlgebra
import Models
import Tensors

/// The sizes of a run: small under --quick, the full ones otherwise.
struct ChapterSizes {
    let quick: Bool
    /// Code sizes whose autoencoders are trained and quantised.
    var codeSizes: [Int] { quick ? [4, 8] : [2, 4, 8, 16] }
    /// Bits per code dimension tried in section 1.
    var bitDepths: [Int] { quick ? [2, 4, 6] : [1, 2, 3, 4, 6, 8] }
    /// Minibatch Adam steps of each MLP autoencoder (and of each linear one, before its full-batch steps).
    var autoencoderSteps: Int { quick ? 400 : 1500 }
    /// Full-batch steps that settle each linear autoencoder on its optimum.
    var linearSettlingSteps: Int { quick ? 100 : 300 }
    /// The VAE's code size and its training steps.
    let vaeCodeSize = 8
    var vaeSteps: Int { quick ? 700 : 4000 }
    /// Steps of each model of the β sweep.
    var betaSteps: Int { quick ? 400 : 2000 }
    /// The β of the sweep (an even number of them: they train two at a time).
    var betas: [Double] { quick ? [0.125, 0.5, 1, 8] : [0.03125, 0.0625, 0.125, 0.25, 0.5, 1, 2, 8] }
    let hiddenSize = 64
    let batchSize = 100
    /// Steps of every softmax regression (full batch).
    var classifierSteps: Int { quick ? 80 : 400 }
}

/// One set of labelled digits, split into training and held-out images.
struct DigitSet {
    /// How the text names it.
    let name: String
    /// Pixels per side; d = side² numbers per image.
    let side: Int
    var d: Int { side * side }
    /// Training images [n, d] and held-out images [m, d], pixels in 0…1.
    let train: Tensor<Float>
    let test: Tensor<Float>
    let trainLabels: [Int]
    let testLabels: [Int]
    /// The principal components of the training images.
    let pca: PrincipalComponents

    /// Splits `images` at random (from `seed`) into `testCount` held-out images and the rest.
    init(name: String, images: LabelledImages, testCount: Int, seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let order = generator.permutation(images.count)
        let all = Tensor<Float>(shape: [images.count, images.size * images.size], scalars: images.images)
        let (testRows, trainRows) = (Array(order.prefix(testCount)), Array(order.dropFirst(testCount)))
        self.name = name
        side = images.size
        train = all.gatherRows(trainRows)
        test = all.gatherRows(testRows)
        trainLabels = trainRows.map { images.labels[$0] }
        testLabels = testRows.map { images.labels[$0] }
        pca = PrincipalComponents(data: train.converted(to: Double.self))
    }

    /// The mean training image [1, d].
    var meanRow: Tensor<Float> { Tensor<Float>(shape: [1, d], scalars: pca.mean.map(Float.init)) }
}

/// The real digits (UCI, 8 × 8) and generated ones of the same size, each split the same way.
func loadDigitSets(seed: UInt64) throws -> [DigitSet] {
    let real = try UCIDigits.load()
    let generated = DigitImages.generate(count: 1_800, seed: seed &+ 1, size: 8)
    return [DigitSet(name: "UCI handwriting", images: real, testCount: 400, seed: seed &+ 2),
            DigitSet(name: "generated digits", images: generated, testCount: 400, seed: seed &+ 3)]
}
