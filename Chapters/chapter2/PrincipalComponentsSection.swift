// Section 4 of chapter 2: principal components, the best a linear bottleneck can do.

import Models
import Notebook
import Tensors

/// States the Eckart–Young bound and checks that projecting onto k components loses Σ discarded λ.
func principalComponentsSection(_ book: Notebook, _ digits: DigitData) {
    let k = digits.checkedCodeSize
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
        \(digits.pca.variances.prefix(6).map { fixed($0, 3) }.joined(separator: ", ")), …; the first \
        \(k) directions hold \(percent(1 - digits.pca.reconstructionError(keeping: k) / digits.pca.totalVariance)) \
        of the total variance and the first 32 hold \
        \(percent(1 - digits.pca.reconstructionError(keeping: min(32, digits.d)) / digits.pca.totalVariance)).
        """)
    let projected = digits.pca.reconstruct(digits.xTrain.converted(to: Double.self), keeping: k)
    let projectionError = reconstructionError(projected, digits.xTrain.converted(to: Double.self)).scalar
    book.check("rank-\(k) projection error = Σ discarded λ",
               measured: abs(projectionError - digits.pca.reconstructionError(keeping: k))
                   / digits.pca.reconstructionError(keeping: k), tolerance: 1e-10)
}
