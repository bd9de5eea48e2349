import Testing
import LinearAlgebra

// Exit tests arrived with Swift 6.2; older toolchains skip this.
#if compiler(>=6.2)
@Suite("Symmetric eigendecomposition names a matrix that is not symmetric")
struct SymmetricEigendecompositionErrorTests {
    @Test("the first asymmetric pair is named with both values, in an optimised build too")
    func notSymmetric() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = SymmetricEigendecomposition(matrix: [1, 2, 3, 4], size: 2)
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("SymmetricEigendecomposition: matrix is not symmetric at (0, 1): 2.0 vs 3.0"), "\(message)")
    }
}
#endif
