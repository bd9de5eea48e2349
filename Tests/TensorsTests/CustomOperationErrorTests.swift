import Testing
import Tensors

// Exit tests arrived with Swift 6.2; older toolchains skip these.
#if compiler(>=6.2)
/// A custom operation (`Tensor(shape:scalars:inputs:pullback:)`, the construct of chapter 1's
/// exercises) whose pullback gives the wrong gradients stops backward() with a line that says so.
@Suite("Custom operations with a wrong pullback stop with a message")
struct CustomOperationErrorTests {
    @Test("a pullback returning 3 scalars for an input of 2 is named")
    func wrongScalarCount() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor<Double>(shape: [2], scalars: [1, 2], requiresGradient: true)
            let y = Tensor(shape: [2], scalars: [1, 2], inputs: [x]) { _ in [[1, 2, 3]] }
            y.sum().backward()
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("backward: a pullback returned 3 scalars for an input of shape [2]"), "\(message)")
    }

    @Test("a pullback returning no gradient array for its one input is named, not silently ignored")
    func wrongGradientCount() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor<Double>(shape: [2], scalars: [1, 2], requiresGradient: true)
            let y = Tensor(shape: [2], scalars: [1, 2], inputs: [x]) { _ in [] }
            y.sum().backward()
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("backward: a pullback returned 0 gradients for an operation of 1 inputs"), "\(message)")
    }

    @Test("an accumulating pullback whose result has the wrong number of scalars is named")
    func accumulatingResultOfWrongSize() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor<Double>(shape: [2], scalars: [1, 2], requiresGradient: true)
            _ = Tensor(shape: [3], scalars: [1, 2], inputs: [x], accumulatingPullback: { _, _ in })
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("Tensor(shape:scalars:inputs:accumulatingPullback:): shape [3] needs 3 scalars, got 2"),
                "\(message)")
    }

    @Test("an accumulating pullback that leaves a gradient of the wrong size is named")
    func accumulatingGradientOfWrongSize() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor<Double>(shape: [2], scalars: [1, 2], requiresGradient: true)
            let y = Tensor(shape: [2], scalars: [1, 2], inputs: [x], accumulatingPullback: { _, buffers in
                buffers[0] = [1, 2, 3, 4]
            })
            y.sum().backward()
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("backward: an accumulating pullback left 4 scalars for an input of shape [2]"), "\(message)")
    }
}
#endif
