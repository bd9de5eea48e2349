import Foundation
import Testing
import Tensors

// Exit tests arrived with Swift 6.2; older toolchains skip these.
#if compiler(>=6.2)
@Suite("A diverged training run stops with one line")
struct DivergedTrainingTests {
    @Test("the line names what was trained, the step, the loss and the learning rate; the status is 1")
    func oneLineAndStatusOne() async {
        let result = await #expect(processExitsWith: .exitCode(1), observing: [\.standardErrorContent]) {
            stopDivergedTraining("the toy model", step: 7, loss: -.nan, learningRate: 1e20)
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message == "error: training the toy model diverged at step 7: loss nan with learning rate 1e+20 "
                + "(try a smaller learning rate)\n")
    }

    @Test("an infinite loss is named as such")
    func infiniteLoss() async {
        let result = await #expect(processExitsWith: .exitCode(1), observing: [\.standardErrorContent]) {
            stopDivergedTraining("the toy model", step: 2, loss: .infinity, learningRate: 0.5)
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("at step 2: loss inf with learning rate 0.5"))
    }

    @Test("with standard error closed the program still exits with status 1, not a crash")
    func standardErrorClosed() async {
        await #expect(processExitsWith: .exitCode(1)) {
            close(2)
            stopDivergedTraining("the toy model", step: 1, loss: .nan, learningRate: 1)
        }
    }
}
#endif
