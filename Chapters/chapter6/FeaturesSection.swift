// Section 2 of chapter 6: what a code is worth as features for a linear classifier.

import Book
import Models
import Notebook
import Tensors

/// The held-out accuracy of softmax regression on each kind of features, with few and many labels.
func featuresSection(_ book: Notebook, _ sets: [DigitSet], _ autoencoders: [TrainedAutoencoders], sizes: ChapterSizes) {
    book.section("Features")
    let k = 8
    book.prose("""
        An autoencoder is trained without labels. If its code keeps what matters about an image, a \
        classifier given the code should need fewer labelled examples than one given the pixels. The \
        test: softmax regression (a linear classifier trained on the cross-entropy, full batch, Adam, \
        \(sizes.classifierSteps) steps, weight decay 10⁻³) on four kinds of features of the same images: the \
        raw pixels (d = 64), the PCA code of size k = \(k), the MLP autoencoder's code of size \(k), and a \
        random projection of the centred pixels to \(k) numbers (a fixed Gaussian matrix, the baseline any \
        learned code must beat). Every feature is standardised with the mean and spread of all training \
        images, which needs no labels. The classifier sees n labelled training images per digit; the \
        accuracy is measured on the held-out images, which neither the codes nor the classifier ever saw.
        """)
    // The two sets' classifiers train at once, one set per core; the results are printed afterwards.
    let (first, second) = SideBySide.run({ featureAccuracies(sets[0], autoencoders[0], k: k, sizes: sizes, seed: book.seed &+ 500) },
                                         { featureAccuracies(sets[1], autoencoders[1], k: k, sizes: sizes, seed: book.seed &+ 550) })
    for (set, result) in zip(sets, [first, second]) {
        book.subsection(set.name)
        book.prose("Held-out accuracy of the linear classifier (\(set.test.shape[0]) images, chance is 10%):")
        book.list(zip(result.names, result.table).map { name, row in
            "\(name): " + zip(result.counts, row).map { count, accuracy in
                "\(percent(accuracy)) with \(count == result.counts.last! ? "all (≈\(count))" : "\(count)") per digit"
            }.joined(separator: ", ")
        })
        let t = result.table
        let p = t[0][0]
        book.prose("""
            Each accuracy comes from one choice of labelled images, measured on \(set.test.shape[0]) held-out ones: near \
            \(percent(p)) that measurement alone has a standard error of \(fixed(100 * (p * (1 - p) / Double(set.test.shape[0])).squareRoot(), 1)) \
            points, so differences of a point or two say little.
            """)
        book.prose(verdict(pixels: t[0], pca: t[1], mlp: t[2], random: t[3], k: k))
    }
    let rawAll = first.table[0][2]
    book.check("the classifier on raw UCI pixels with every label works", passed: rawAll >= 0.8,
               detail: "held-out accuracy \(percent(rawAll)) ≥ 80% (chance 10%), so differences between features are "
                   + "not an untrained classifier's")
}

/// The held-out accuracy of softmax regression on pixels, PCA codes, MLP codes and a random projection
/// (rows, in that order), with 10, 50 and every label per digit (columns).
func featureAccuracies(_ set: DigitSet, _ models: TrainedAutoencoders, k: Int, sizes: ChapterSizes, seed: UInt64)
    -> (names: [String], counts: [Int], table: [[Double]]) {
    var generator = SeededGenerator(seed: seed)
    let projection = Tensor<Float>.randomNormal([set.d, k], generator: &generator)                    // [d, k]
    let features: [(name: String, train: Tensor<Float>, test: Tensor<Float>)] = [
        ("pixels", set.train, set.test),
        ("PCA, k = \(k)", models.codes(.pca, k, set.train), models.codes(.pca, k, set.test)),
        ("MLP AE, k = \(k)", models.codes(.mlp, k, set.train), models.codes(.mlp, k, set.test)),
        ("random projection, k = \(k)", GradientRecording.withoutGradients { (set.train - set.meanRow).matmul(projection) },
         GradientRecording.withoutGradients { (set.test - set.meanRow).matmul(projection) }),
    ]
    let counts = [10, 50, set.trainLabels.count / 10]
    let table = features.map { feature in
        let (train, test) = standardised(feature.train, feature.test)
        return counts.map { count in
            let chosen = firstRows(perClass: count, labels: set.trainLabels)
            var initial = SeededGenerator(seed: seed &+ UInt64(count))
            let classifier = SoftmaxRegression<Float>(featureSize: train.shape[1], classes: 10, generator: &initial)
            classifier.fit(train.gatherRows(chosen), labels: chosen.map { set.trainLabels[$0] },
                           steps: sizes.classifierSteps, weightDecay: 1e-3)
            return classifier.accuracy(test, labels: set.testLabels)
        }
    }
    return (features.map(\.name), counts, table)
}

/// What the accuracies say, in words chosen by the numbers: where the codes help and where they do not.
func verdict(pixels: [Double], pca: [Double], mlp: [Double], random: [Double], k: Int) -> String {
    func compare(_ a: Double, _ b: Double) -> String {
        abs(a - b) < 0.02 ? "about as accurate as" : a > b ? "more accurate than" : "less accurate than"
    }
    return """
        With 10 labels per digit, the MLP code is \(compare(mlp[0], pixels[0])) the pixels \
        (\(percent(mlp[0])) against \(percent(pixels[0]))) and \(compare(mlp[0], random[0])) a random projection to the \
        same size (\(percent(random[0]))); PCA's \(k) numbers reach \(percent(pca[0])). With every label, the pixels \
        reach \(percent(pixels[2])), the MLP code \(percent(mlp[2])) and PCA \(percent(pca[2])): \
        \(pixels[2] > max(mlp[2], pca[2]) + 0.01 ? "given enough labels, the 64 pixels beat any \(k)-number summary of them, since a linear classifier on the pixels can use everything the code threw away." : "with enough labels, the \(k)-number codes hold up against the 64 pixels.") \
        \(scarce(pixels: pixels, pca: pca, mlp: mlp, random: random))
        """
}

/// Whether any code beat the pixels with 10 labels per digit, and whether the learned codes beat the random one.
func scarce(pixels: [Double], pca: [Double], mlp: [Double], random: [Double]) -> String {
    let best = max(pca[0], mlp[0])
    let codes = best > pixels[0] + 0.02
        ? "So on these digits a code does help where labels are scarce: with 10 per digit the best code is "
            + "\(fixed(100 * (best - pixels[0]), 1)) points ahead of the pixels."
        : "So on these digits the codes do not help even where labels are scarce: with 10 per digit no code is more "
            + "than 2 points ahead of the pixels, and a linear classifier with weight decay copes with 64 features well."
    let learned = min(pca[0], mlp[0]) > random[0] + 0.02 && min(pca[2], mlp[2]) > random[2] + 0.02
        ? " Both learned codes beat the random projection of the same size at every label count: what they keep is "
            + "chosen, not just any \(8) numbers."
        : " A learned code does not beat the random projection everywhere here."
    return codes + learned
}

/// Features standardised by the training rows' mean and standard deviation: [n, f] and [m, f].
func standardised(_ train: Tensor<Float>, _ test: Tensor<Float>) -> (Tensor<Float>, Tensor<Float>) {
    GradientRecording.withoutGradients {
        let mean = train.mean(alongAxis: 0, keepingDimensions: true)                                   // [1, f]
        let spread = ((train - mean).squared().mean(alongAxis: 0, keepingDimensions: true) + 1e-6).squareRoot()
        return ((train - mean) / spread, (test - mean) / spread)
    }
}

/// The first `perClass` training rows of each digit (the split is already random), in row order.
func firstRows(perClass: Int, labels: [Int]) -> [Int] {
    var taken = [Int](repeating: 0, count: 10), rows: [Int] = []
    for (row, label) in labels.enumerated() where taken[label] < perClass {
        taken[label] += 1
        rows.append(row)
    }
    return rows
}
