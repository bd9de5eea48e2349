// Reference solutions to chapter 2's exercises, and proof that each grader rejects plausible mistakes.

import Testing
import LinearAlgebra
import Notebook
import Tensors
@testable import Grading

@Suite("Chapter 2 graders")
struct Chapter2GradersTests {
    // MARK: The squared-error loss

    /// Reference: sum the squared differences of each row, then average over the rows.
    static func referenceLoss(_ prediction: Tensor<Double>, _ target: Tensor<Double>) -> Tensor<Double> {
        (prediction - target).squared().sum(alongAxis: 1).mean()
    }

    @Test("the loss grader accepts the reference solution")
    func lossAcceptsReference() throws {
        #expect(passed(try gradeSquaredErrorLoss(Self.referenceLoss)))
    }

    @Test("the loss grader rejects averaging over every pixel instead of over rows")
    func lossRejectsMeanOverPixels() throws {
        // Right for a single column only: the grader's 3×4 and 5×16 cases catch it.
        #expect(!passed(try gradeSquaredErrorLoss { p, t in (p - t).squared().mean() }))
    }

    @Test("the loss grader rejects the absolute error")
    func lossRejectsAbsoluteError() throws {
        #expect(!passed(try gradeSquaredErrorLoss { p, t in (p - t).absolute().sum(alongAxis: 1).mean() }))
    }

    @Test("the loss grader rejects a loss whose gradient cannot flow (built from detached values)")
    func lossRejectsDetachedResult() throws {
        #expect(!passed(try gradeSquaredErrorLoss { p, t in
            Tensor(shape: [], scalars: [Self.referenceLoss(p, t).scalar])
        }))
    }

    // MARK: Its gradient

    /// Reference: ∂/∂x̂ (1/n) Σ‖x − x̂‖² = (2/n)(x̂ − x).
    static func referenceGradient(_ prediction: [Double], _ target: [Double], _ rows: Int) -> [Double] {
        zip(prediction, target).map { 2 * ($0 - $1) / Double(rows) }
    }

    @Test("the gradient grader accepts the reference solution")
    func gradientAcceptsReference() throws {
        #expect(passed(try gradeSquaredErrorGradient(Self.referenceGradient)))
    }

    @Test("the gradient grader rejects a missing factor 2, a wrong sign, and a missing 1/n")
    func gradientRejectsMistakes() throws {
        #expect(!passed(try gradeSquaredErrorGradient { p, t, n in zip(p, t).map { ($0 - $1) / Double(n) } }))
        #expect(!passed(try gradeSquaredErrorGradient { p, t, n in zip(p, t).map { 2 * ($1 - $0) / Double(n) } }))
        #expect(!passed(try gradeSquaredErrorGradient { p, t, _ in zip(p, t).map { 2 * ($0 - $1) } }))
    }

    // MARK: The bottleneck experiment

    /// Reference: project the centred rows onto the top k principal directions and measure.
    static func referenceBestError(_ data: Tensor<Double>, _ k: Int) -> Double {
        let pca = PrincipalComponents(data: data)
        return (data - pca.reconstruct(data, keeping: k)).squared().sum(alongAxis: 1).mean().scalar
    }

    @Test("the bottleneck grader accepts the reference solution")
    func bottleneckAcceptsReference() throws {
        #expect(passed(try gradeBestLinearReconstructionError(Self.referenceBestError)))
    }

    @Test("the bottleneck grader rejects forgetting the mean, n − 1, and keeping the smallest components")
    func bottleneckRejectsMistakes() throws {
        // Uncentred: project the raw rows onto the top k directions (the mean is lost).
        #expect(!passed(try gradeBestLinearReconstructionError { data, k in
            let v = PrincipalComponents(data: data).basis(k)
            return (data - data.matmul(v).matmul(v, transposeOther: true)).squared().sum(alongAxis: 1).mean().scalar
        }))
        // Sample variances: divide by n − 1.
        #expect(!passed(try gradeBestLinearReconstructionError { data, k in
            let n = Double(data.shape[0])
            return PrincipalComponents(data: data).reconstructionError(keeping: k) * n / (n - 1)
        }))
        // Keeping the k directions of least variance.
        #expect(!passed(try gradeBestLinearReconstructionError { data, k in
            let pca = PrincipalComponents(data: data)
            return pca.variances.prefix(pca.dimension - k).reduce(0, +)
        }))
    }
}
