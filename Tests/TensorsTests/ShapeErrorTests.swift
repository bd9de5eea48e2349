import Testing
@testable import Tensors

@Suite("Shape errors name the operation and both shapes")
struct ShapeErrorTests {
    @Test func broadcastShapeRules() {
        #expect(broadcastShape([3, 1, 5], [4, 1]) == [3, 4, 5])
        #expect(broadcastShape([2, 3], [3]) == [2, 3])
        #expect(broadcastShape([2, 3], [2]) == nil)
    }

    // Exit tests arrived with Swift 6.2; older toolchains skip these two.
    #if compiler(>=6.2)
    @Test func matmulMismatchStopsWithBothShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let a = Tensor<Float>.zeros([2, 3]), b = Tensor<Float>.zeros([4, 5])
            _ = a.matmul(b)
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("matmul: shapes [2, 3] and [4, 5]"))
    }

    @Test func broadcastMismatchStopsWithBothShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor<Double>.zeros([2, 3]) + Tensor<Double>.zeros([2])
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("add (+): shapes [2, 3] and [2] cannot be broadcast together"))
    }
    #endif
}
