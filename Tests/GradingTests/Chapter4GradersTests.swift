import Testing
import Tensors
import NeuralNetworks
import Models
import Notebook
@testable import Grading

/// Reference solutions of chapter 4's exercises, and wrong answers each grader must reject.
@Suite("Chapter 4 graders")
struct Chapter4GradersTests {
    /// PyTorch's GRUCell: gates r, z, n; r multiplies the hidden part of n including its bias.
    static func gru(_ x: Tensor<Double>, _ h: Tensor<Double>, _ wih: Tensor<Double>, _ whh: Tensor<Double>,
                    _ bih: Tensor<Double>, _ bhh: Tensor<Double>, resetOutsideBias: Bool = false,
                    swapUpdate: Bool = false) -> Tensor<Double> {
        let hidden = h.shape[1]
        let fromInput = x.matmul(wih, transposeOther: true) + bih  // [batch, 3·hidden]
        let hiddenProduct = h.matmul(whh, transposeOther: true)   // [batch, 3·hidden]
        let fromHidden = hiddenProduct + bhh
        func part(_ t: Tensor<Double>, _ k: Int) -> Tensor<Double> { t.slice(alongAxis: 1, (k * hidden)..<((k + 1) * hidden)) }
        let r = (part(fromInput, 0) + part(fromHidden, 0)).sigmoid()
        let z = (part(fromInput, 1) + part(fromHidden, 1)).sigmoid()
        let hiddenN = resetOutsideBias ? r * part(hiddenProduct, 2) + part(bhh.reshaped(to: [1, 3 * hidden]), 2)
                                       : r * part(fromHidden, 2)
        let n = (part(fromInput, 2) + hiddenN).tanh()
        return swapUpdate ? z * n + (1 - z) * h : (1 - z) * n + z * h
    }

    @Test func gruGraderAcceptsTheReference() throws {
        let verdict = try gradeGRUCell { try Self.checked(Self.gru($0, $1, $2, $3, $4, $5)) }
        guard case .passed = verdict else { Issue.record("\(verdict)"); return }
    }

    @Test func gruGraderRejectsTheResetGateOutsideTheBias() throws {
        let verdict = try gradeGRUCell { Self.gru($0, $1, $2, $3, $4, $5, resetOutsideBias: true) }
        guard case .failed = verdict else { Issue.record("accepted: \(verdict)"); return }
    }

    @Test func gruGraderRejectsSwappedUpdateGate() throws {
        let verdict = try gradeGRUCell { Self.gru($0, $1, $2, $3, $4, $5, swapUpdate: true) }
        guard case .failed = verdict else { Issue.record("accepted: \(verdict)"); return }
    }

    @Test func gruGraderRejectsRightValuesWithoutGradients() throws {
        // The right numbers, but cut off from the tape: the gradient check must catch it.
        let verdict = try gradeGRUCell { Self.gru($0, $1, $2, $3, $4, $5).detached() }
        guard case .failed = verdict else { Issue.record("accepted: \(verdict)"); return }
    }

    @Test func referenceGRUMatchesAHandWorkedStep() {
        // One unit, one input, all weights 0.5, biases 0, x = 1, h = 0:
        // r = z = σ(0.5), n = tanh(0.5 + r·0) = tanh(0.5), h′ = (1 − σ(0.5))·tanh(0.5).
        let p: [[Double]] = [[1], [0], [0.5, 0.5, 0.5], [0.5, 0.5, 0.5], [0, 0, 0], [0, 0, 0]]
        let sigmoid = 1 / (1 + Double.exp(-0.5))
        let expected = (1 - sigmoid) * Double.tanh(0.5)
        #expect(abs(referenceGRUStep(p, batch: 1, input: 1, hidden: 1)[0] - expected) < 1e-15)
    }

    static func checked(_ t: Tensor<Double>) throws -> Tensor<Double> { t }

    /// Greedy decoding written with the model's pieces, as the stub asks.
    static func greedy(_ model: Seq2SeqAutoencoder<Float>, _ sources: [[Int]], _ length: Int, _ start: Int,
                       feedBack: Bool = true) -> [[Int]] {
        GradientRecording.withoutGradients {
            var (memory, state) = model.encode(sources.flatMap { $0 }, batchSize: sources.count)
            var previous = [Int](repeating: start, count: sources.count)
            var rows = [[Int]](repeating: [], count: sources.count)
            for _ in 0..<length {
                let embedded = model.decoder.embedding(feedBack ? previous : [Int](repeating: start, count: sources.count),
                                                       shape: [sources.count])
                let out = model.decoder.step(embedded: embedded, state: state, memory: memory, attention: model.attention)
                state = out.state
                previous = model.decoder.fc(out.features).argmax(alongAxis: 1)
                for b in rows.indices { rows[b].append(previous[b]) }
            }
            memory = nil
            return rows
        }
    }

    @Test func greedyGraderAcceptsTheReference() throws {
        let verdict = try gradeGreedyDecoding { Self.greedy($0, $1, $2, $3) }
        guard case .passed = verdict else { Issue.record("\(verdict)"); return }
    }

    @Test func greedyGraderRejectsAlwaysFeedingTheStartToken() throws {
        let verdict = try gradeGreedyDecoding { Self.greedy($0, $1, $2, $3, feedBack: false) }
        guard case .failed = verdict else { Issue.record("accepted: \(verdict)"); return }
    }

    @Test func greedyGraderRejectsTheWrongLength() throws {
        let verdict = try gradeGreedyDecoding { Self.greedy($0, $1, $2 - 1, $3) }
        guard case .failed = verdict else { Issue.record("accepted: \(verdict)"); return }
    }
}
