// Sections 1–3: tensors and their shapes, broadcasting, matrix products.

import Book
import Foundation
import Notebook
import Tensors

func tensorsAndShapesSection(_ book: Notebook) {
    book.section("Tensors and shapes")
    book.prose("""
        A tensor is a block of numbers with a shape: a list of sizes, one per axis. A vector of \
        five numbers has shape [5], a 2 × 3 matrix has shape [2, 3], a batch of 32 images of \
        16 × 16 pixels has shape [32, 16, 16]. In memory the numbers lie in one flat array in \
        row-major order: the last axis varies fastest. For a matrix of shape [m, n], element \
        (i, j) sits at offset i·n + j.
        """)
    let x = Tensor<Double>(rows: [[1, 2, 3], [4, 5, 6]])
    book.code("""
        let x = Tensor<Double>(rows: [[1, 2, 3], [4, 5, 6]])   // shape \(x.shape)
        \(rowsText(x))
        stored as \(x.scalars.map { Int($0) })
        """)
    book.check("x[1, 2] is scalar 1·3 + 2", passed: x[1, 2] == x.scalars[1 * 3 + 2],
               detail: "both \(x.scalars[5])")
    book.prose("""
        Reshaping keeps the flat array and changes only how it is read; transposing swaps two \
        axes and therefore moves the numbers. Reshaping x to [3, 2] reads 1 2 | 3 4 | 5 6, \
        while its transpose reads 1 4 | 2 5 | 3 6 (worked out by hand from the offsets).
        """)
    let reshaped = x.reshaped(to: [3, 2]), transposed = x.transposed()
    book.code("x.reshaped(to: [3, 2])\n\(rowsText(reshaped))\n\nx.transposed()\n\(rowsText(transposed))")
    book.check("reshape keeps the order", passed: reshaped.scalars == [1, 2, 3, 4, 5, 6],
               detail: "\(reshaped.scalars.map { Int($0) })")
    book.check("transpose moves (i, j) to (j, i)", passed: transposed.scalars == [1, 4, 2, 5, 3, 6],
               detail: "\(transposed.scalars.map { Int($0) })")
}

func broadcastingSection(_ book: Notebook) {
    book.section("Broadcasting")
    book.prose("""
        Adding a bias vector to every row of a matrix is so common that element-wise operations \
        accept operands of different shapes and repeat the smaller one. The rule: line the two \
        shapes up from the right; along each axis the sizes must be equal, or one of them must \
        be 1 (or missing), and a size-1 axis is repeated to match the other. Shapes [2, 3] and \
        [3] give [2, 3]: the vector is added to each row. Shapes [2, 1] and [3] give [2, 3]: \
        a column plus a row makes a whole table of sums. Shapes [2, 3] and [2] do not fit \
        (3 against 2 on the last axis) and the library stops with a message naming both shapes.
        """)
    let a = Tensor<Double>(rows: [[1, 2, 3], [4, 5, 6]])
    let bias = Tensor<Double>([10, 20, 30])
    let column = Tensor<Double>(rows: [[100], [200]])
    let row = Tensor<Double>([1, 2, 3])
    let rowSum = a + bias, table = column + row
    book.code("""
        a + [10, 20, 30]            [2, 1] + [3]: [[100], [200]] + [1, 2, 3]
        \(zip(rowsText(rowSum).split(separator: "\n"), rowsText(table).split(separator: "\n"))
            .map { $0 + String(repeating: " ", count: 28 - $0.count) + $1 }.joined(separator: "\n"))
        """)
    let rowSumByHand = Tensor<Double>(rows: [[11, 22, 33], [14, 25, 36]])
    let tableByHand = Tensor<Double>(rows: [[101, 102, 103], [201, 202, 203]])
    book.check("[2, 3] + [3] = hand-worked sums", measured: largestDifference(rowSum, rowSumByHand),
               tolerance: 0)
    book.check("[2, 1] + [3] = hand-worked table", measured: largestDifference(table, tableByHand),
               tolerance: 0)
    book.prose("""
        Broadcasting has a consequence for gradients. The bias was used once in every row, so \
        its gradient is the sum of the gradients that reach each copy: the gradient flowing into \
        a + b is summed over the rows. With L = Σᵢⱼ Wᵢⱼ (a + b)ᵢⱼ and W = [[1, 2, 3], [4, 5, 6]], \
        ∂L/∂bⱼ = Σᵢ Wᵢⱼ = [5, 7, 9].
        """)
    let b = Tensor<Double>([10, 20, 30], requiresGradient: true)
    let weights = Tensor<Double>(rows: [[1, 2, 3], [4, 5, 6]])
    ((a + b) * weights).sum().backward()
    let gradient = b.gradient ?? Tensor<Double>.zeros([3])
    book.check("broadcast bias gradient = [5, 7, 9]",
               measured: largestDifference(gradient, Tensor([5, 7, 9])), tolerance: 0)
}

func matrixProductsSection(_ book: Notebook, generator: inout SeededGenerator) {
    book.section("Matrix products")
    book.prose("""
        The matrix product C = AB of A with shape [m, k] and B with shape [k, n] has shape \
        [m, n] and entries Cᵢⱼ = Σₖ AᵢₖBₖⱼ: row i of A against column j of B. The inner sizes \
        must agree. A worked example:
        """)
    let a = Tensor<Double>(rows: [[1, 2, 3], [4, 5, 6]])
    let b = Tensor<Double>(rows: [[1, 0], [0, 1], [1, 1]])
    let product = a.matmul(b)
    book.code("""
        [1 2 3]   [1 0]   [1·1 + 2·0 + 3·1   1·0 + 2·1 + 3·1]   [ 4  5]
        [4 5 6] · [0 1] = [4·1 + 5·0 + 6·1   4·0 + 5·1 + 6·1] = [10 11]
                  [1 1]
        a.matmul(b):
        \(rowsText(product))
        """)
    book.check("a.matmul(b) = hand-worked product",
               measured: largestDifference(product, Tensor(rows: [[4, 5], [10, 11]])), tolerance: 0)

    book.prose("""
        Two identities are worth checking on random matrices, because later chapters lean on \
        them. The transpose of a product reverses the order, (AB)ᵀ = BᵀAᵀ. And a batched product \
        multiplies matching matrices of two stacks: shapes [batch, m, k] and [batch, k, n] give \
        [batch, m, n], one ordinary product per batch element (attention uses this on every \
        sequence of a batch at once).
        """)
    let p = Tensor<Double>.randomNormal([4, 5], generator: &generator)
    let q = Tensor<Double>.randomNormal([5, 3], generator: &generator)
    book.check("(AB)ᵀ = BᵀAᵀ, random 4×5 and 5×3",
               measured: largestDifference(p.matmul(q).transposed(), q.transposed().matmul(p.transposed())),
               tolerance: 1e-12)
    let stackA = Tensor<Double>.randomNormal([3, 2, 4], generator: &generator)
    let stackB = Tensor<Double>.randomNormal([3, 4, 5], generator: &generator)
    let batched = stackA.matmul(stackB)
    let second = stackA.select(alongAxis: 0, index: 2).matmul(stackB.select(alongAxis: 0, index: 2))
    book.check("batched product, element 2",
               measured: largestDifference(batched.select(alongAxis: 0, index: 2), second), tolerance: 1e-12)
    book.prose("""
        The gradient of a product follows from the sum Cᵢⱼ = Σₖ AᵢₖBₖⱼ: if G = ∂L/∂C, then \
        ∂L/∂A = G Bᵀ and ∂L/∂B = Aᵀ G. Each is again a matrix product, so the backward pass of a \
        product costs about twice its forward pass.
        """)
    let pLeaf = p.detached(requiresGradient: true), qLeaf = q.detached(requiresGradient: true)
    let upstream = Tensor<Double>.randomNormal([4, 3], generator: &generator)
    (pLeaf.matmul(qLeaf) * upstream).sum().backward()
    let gradientErrors = [largestDifference(pLeaf.gradient!, upstream.matmul(q.transposed())),
                          largestDifference(qLeaf.gradient!, p.transposed().matmul(upstream))]
    book.check("tape: ∂L/∂A = G Bᵀ, ∂L/∂B = Aᵀ G", measured: gradientErrors.max()!, tolerance: 1e-12)
}
