// Section 5 of chapter 2: a linear autoencoder, trained, lands on the principal subspace.

import LinearAlgebra
import Models
import Notebook
import Tensors

/// Trains the bottleneck sweep and compares each linear autoencoder with PCA: principal angles,
/// errors, outputs. Returns the sweep, whose MLPs the next sections show.
func linearAutoencoderSection(_ book: Notebook, _ digits: DigitData, settings: SweepSettings) -> [Int: SweepEntry] {
    let k = digits.checkedCodeSize
    book.section("A linear autoencoder finds the principal subspace")
    book.prose("""
        Now the learned version. A linear autoencoder has q(x) = W_q x and p(z) = W_p z, with W_q of \
        size k×d and W_p of size d×k, trained on the centred pixels x − μ by Adam on the loss above: \
        \(settings.linearMinibatchSteps) steps on minibatches of \(settings.batchSize) rows, then \
        \(settings.linearFullBatchSteps) steps on the whole training set with a smaller learning rate, \
        so that it settles on the minimum rather than wandering around it. Alongside it, on the other \
        core, we train the non-linear autoencoder of the next section with the same k, and we repeat \
        this for k = \(digits.codeSizes.map(String.init).joined(separator: ", ")).
        """)
    let sweep = trainSweep(book, digits, settings: settings)

    let linear = sweep[k]!.linear
    let decoderColumns = linear.decoder.weight.converted(to: Double.self)   // [d, k]: W_p
    let angles = principalAngles(decoderColumns, digits.pca.basis(k))
    let linearError = digits.linearTrainingError(linear)
    let pcaError = digits.pca.reconstructionError(keeping: k)
    book.prose("""
        The comparison uses k = \(k), chosen from 6 to 10 as the k whose eigenvalue stands \
        furthest above the next one: λ_\(k) exceeds λ_\(k + 1) by \
        \(percent(digits.relativeGap(k))). A subspace is only defined as sharply as that gap: when \
        λ_k and λ_{k+1} nearly tie, any mixture of their two directions explains almost the same variance, \
        the loss barely changes between them, and gradient descent drifts between them slowly.

        Nothing forces the decoder's columns to be the principal directions themselves: for any \
        invertible k×k matrix A, the pair W_p A and A⁻¹ W_q computes the same output. What the theory \
        predicts (Baldi and Hornik, 1989) is that at the minimum the columns of W_p span the same \
        subspace as v₁ … v_k, and that on the data the product W_p W_q acts as the orthogonal \
        projection V_k V_kᵀ onto it. (Only on the data: along directions in which the pixels never \
        vary, W_q is not constrained by the loss at all.) \
        To compare two subspaces we orthonormalise both bases into Q₁ and Q₂; the singular values of \
        Q₁ᵀQ₂ are the cosines of the principal angles between them: for equal subspaces every \
        cosine is 1 and every angle 0.
        """)
    book.prose("""
        For k = \(k) the principal angles between the decoder's columns and the top \
        \(k) principal directions are at most \(scientific(angles.max()!)) radians, and the \
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
    let autoencoderOutput = digits.centredTrainD.matmul(linear.encoder.weight.converted(to: Double.self), transposeOther: true)
        .matmul(decoderColumns, transposeOther: true)
    let pcaOutput = digits.centredTrainD.matmul(digits.pca.basis(k)).matmul(digits.pca.basis(k), transposeOther: true)
    let outputGap = reconstructionError(autoencoderOutput, pcaOutput).scalar / digits.pca.totalVariance
    book.check("linear AE output vs PCA projection", measured: outputGap, tolerance: 1e-4)
    let sweepGaps = digits.codeSizes.map { k in
        abs(digits.linearTrainingError(sweep[k]!.linear) - digits.pca.reconstructionError(keeping: k)) / digits.pca.reconstructionError(keeping: k)
    }
    book.check("linear AE vs PCA error, every k (rel.)",
               measured: sweepGaps.max()!, tolerance: 1e-3)
    return sweep
}
