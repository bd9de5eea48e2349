import Testing
import TestSupport
@testable import Tensors

/// Values worked out by hand or from closed forms, not from the library's own code paths.
@Suite("Forward values")
struct ForwardValueTests {
    @Test func softmaxOfAHandWorkedRow() {
        // softmax(0, ln 2, ln 3) = (1, 2, 3) / 6.
        let x = Tensor<Double>([0, libmLog(2), libmLog(3)])
        let s = x.softmax().scalars
        #expect(zip(s, [1.0 / 6, 2.0 / 6, 3.0 / 6]).allSatisfy { abs($0 - $1) < 1e-15 })
        let logS = x.logSoftmax().scalars
        #expect(zip(logS, [-libmLog(6), libmLog(2) - libmLog(6), libmLog(3) - libmLog(6)]).allSatisfy { abs($0 - $1) < 1e-15 })
    }

    @Test func softmaxIsStableForHugeInputs() {
        let s = Tensor<Float>([1000, 1000]).softmax().scalars
        #expect(s == [0.5, 0.5])
        let l = Tensor<Double>([1000, 1000 + libmLog(3)]).logSumExp().scalar
        #expect(abs(l - (1000 + libmLog(4))) < 1e-12)
    }

    @Test func softmaxAlongAFirstAxis() {
        // Columns normalised: [[0, 0], [ln 3, 0]] → [[1/4, 1/2], [3/4, 1/2]].
        let x = Tensor<Double>(rows: [[0, 0], [libmLog(3), 0]])
        let s = x.softmax(alongAxis: 0).scalars
        #expect(zip(s, [0.25, 0.5, 0.75, 0.5]).allSatisfy { abs($0 - $1) < 1e-15 })
    }

    @Test func matrixProductByHand() {
        let a = Tensor<Double>(rows: [[1, 2, 3], [4, 5, 6]])
        let b = Tensor<Double>(rows: [[7, 8], [9, 10], [11, 12]])
        #expect(a.matmul(b).scalars == [58, 64, 139, 154])
        #expect(a.matmul(b.transposed(), transposeOther: true).scalars == [58, 64, 139, 154])
        #expect(a.matmul(b, adding: Tensor([1, -1])).scalars == [59, 63, 140, 153])
        let batched = Tensor.stack([a, a * 2], alongAxis: 0).matmul(b)
        #expect(batched.shape == [2, 2, 2])
        #expect(batched.scalars == [58, 64, 139, 154, 116, 128, 278, 308])
    }

    @Test func broadcastingArithmetic() {
        let column = Tensor<Double>(shape: [2, 1], scalars: [10, 20])
        let row = Tensor<Double>([1, 2, 3])
        let sum = column + row
        #expect(sum.shape == [2, 3])
        #expect(sum.scalars == [11, 12, 13, 21, 22, 23])
        #expect((row - column).scalars == [-9, -8, -7, -19, -18, -17])
        #expect((column / row).scalars == [10, 5, 10.0 / 3, 20, 10, 20.0 / 3])
    }

    @Test func reductions() {
        let x = Tensor<Double>(shape: [2, 3], scalars: [1, 5, 3, 4, 2, 6])
        #expect(x.sum().scalar == 21)
        #expect(x.sum(alongAxis: 0).scalars == [5, 7, 9])
        #expect(x.sum(alongAxis: 1, keepingDimensions: true).shape == [2, 1])
        #expect(x.mean(alongAxis: 1).scalars == [3, 4])
        #expect(x.max(alongAxis: 1).scalars == [5, 6])
        #expect(x.argmax(alongAxis: 1) == [1, 2])
        #expect(x.argmax(alongAxis: 0) == [1, 0, 1])
    }

    @Test func layoutOperations() {
        let x = Tensor<Double>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        #expect(x.transposed().scalars == [1, 4, 2, 5, 3, 6])
        let y = Tensor<Double>(shape: [2, 3, 2], scalars: (0..<12).map(Double.init))
        // permute [2, 0, 1]: out[k][i][j] = y[i][j][k]
        #expect(y.permuted([2, 0, 1]).scalars == [0, 2, 4, 6, 8, 10, 1, 3, 5, 7, 9, 11])
        #expect(x.slice(alongAxis: 1, 1..<3).scalars == [2, 3, 5, 6])
        #expect(x.select(alongAxis: 0, index: 1).scalars == [4, 5, 6])
        #expect(Tensor.concatenate([x, x * 10], alongAxis: 1).scalars == [1, 2, 3, 10, 20, 30, 4, 5, 6, 40, 50, 60])
        #expect(Tensor.stack([x, x], alongAxis: 0).shape == [2, 2, 3])
        #expect(x.reshaped(to: [3, -1]).shape == [3, 2])
        #expect(Tensor<Double>([1, 2]).broadcast(to: [2, 2]).scalars == [1, 2, 1, 2])
    }

    @Test func gatherPickWhereAndComparisons() {
        let table = Tensor<Double>(rows: [[0, 1], [10, 11], [20, 21]])
        #expect(table.gatherRows([2, 0, 2]).scalars == [20, 21, 0, 1, 20, 21])
        #expect(table.pick([1, 0, 1]).scalars == [1, 10, 21])
        let x = Tensor<Double>([-1, 2, -3])
        #expect(x.isGreater(than: 0).scalars == [0, 1, 0])
        #expect(x.isEqual(to: Tensor([-1, 0, -3])).scalars == [1, 0, 1])
        #expect(x.maskedFill(x.isLess(than: 0), with: -.infinity).scalars == [-.infinity, 2, -.infinity])
        #expect(x.relu().scalars == [0, 2, 0])
        #expect(x.maximum(Tensor(scalar: 0)).scalars == [0, 2, 0])
    }

    @Test func elementaryFunctionsAgainstTheCLibrary() {
        let values: [Double] = [-30, -2.5, -0.1, 0, 0.7, 3, 40]
        let x = Tensor<Double>(values)
        #expect(zip(x.sigmoid().scalars, values.map { 1 / (1 + libmExp(-$0)) }).allSatisfy { abs($0 - $1) < 1e-15 })
        #expect(zip(x.tanh().scalars, values.map(libmTanh)).allSatisfy { $0 == $1 })
        #expect(zip(x.exp().scalars, values.map(libmExp)).allSatisfy { $0 == $1 })
    }

    @Test func creation() {
        #expect(Tensor<Float>.range(to: 5).scalars == [0, 1, 2, 3, 4])
        #expect(Tensor<Double>.range(from: 1, to: 2, by: 0.25).scalars == [1, 1.25, 1.5, 1.75])
        #expect(Tensor<Double>.linearlySpaced(from: 0, to: 1, count: 5).scalars == [0, 0.25, 0.5, 0.75, 1])
        #expect(Tensor<Float>.zeros([2, 3]).scalars == [Float](repeating: 0, count: 6))
        #expect(Tensor<Double>.ones([0, 3]).count == 0)
        #expect(Tensor<Double>(shape: [2, 2], scalars: [1, 2, 3, 4])[1, 0] == 3)
    }
}
