// Section 1 of chapter 7: self-attention, and heads as a reshape.

import NeuralNetworks
import Notebook
import Tensors

/// Checks the library's multi-head attention against the heads computed one at a time with plain
/// operations and joined, and its gradient against finite differences, in Float64.
func selfAttentionSection(_ book: Notebook) {
    book.section("Self-attention and heads")
    book.prose("""
    In chapter 5 the decoder asked the questions and the encoder's outputs answered them. In \
    self-attention one sequence plays every part: each position's vector xₜ is mapped three ways, to a \
    query qₜ = W_Q xₜ, a key kₜ = W_K xₜ and a value vₜ = W_V xₜ, and each position's output is the \
    softmax-weighted mixture of every position's value, weighted by how well its query matches their keys \
    (chapter 3's scaled dot product). Every position reads every other in one step, however far apart.
    """)
    book.formula("head(X) = softmax(Q Kᵀ / √d_k) V,   Q = X W_Qᵀ,  K = X W_Kᵀ,  V = X W_Vᵀ")
    book.prose("""
    One set of weights can only express one way of matching. Vaswani et al. (2017) split the d_model \
    dimensions into h heads of d_k = d_model / h each: head i uses rows i·d_k … (i+1)·d_k − 1 of W_Q, W_K \
    and W_V, attends in its own subspace, and the h outputs are joined side by side and mixed by one more \
    matrix W_O. No loop over heads is needed: project once to [batch, time, d_model], reshape to \
    [batch, time, h, d_k] and swap two axes to get [batch, h, time, d_k]; one batched matrix product then \
    serves every head, and the reverse swap and reshape join them. PyTorch's nn.MultiheadAttention stores \
    W_Q, W_K and W_V stacked in one in_proj_weight [3·d_model, d_model], and W_O as out_proj; the library's \
    MultiHeadAttention does the same.
    """)
    var generator = SeededGenerator(seed: book.seed)
    let (batch, time, width, heads) = (2, 5, 8, 2)
    let size = width / heads
    let attention = MultiHeadAttention<Double>(embedSize: width, headCount: heads, generator: &generator)
    attention.inProjectionBias.assign(Tensor<Double>.randomNormal([3 * width], generator: &generator).scalars)
    attention.outProjection.bias!.assign(Tensor<Double>.randomNormal([width], generator: &generator).scalars)
    let x = Tensor<Double>.randomNormal([batch, time, width], generator: &generator, requiresGradient: true)
    let (library, weights) = GradientRecording.withoutGradients { attention(query: x, key: x, value: x) }
    let (w, b) = (attention.inProjectionWeight, attention.inProjectionBias)
    let byHand: Tensor<Double> = GradientRecording.withoutGradients {
        let headOutputs = (0..<heads).map { head -> Tensor<Double> in
            func projected(_ part: Int) -> Tensor<Double> {   // rows of W_Q, W_K or W_V that belong to this head
                let rows = (part * width + head * size)..<(part * width + (head + 1) * size)
                return x.matmul(w.slice(alongAxis: 0, rows), transposeOther: true) + b.slice(alongAxis: 0, rows)
            }
            let (q, k, v) = (projected(0), projected(1), projected(2))           // [batch, time, d_k]
            let scores = q.matmul(k, transposeOther: true) / Double(size).squareRoot()
            let e = (scores - scores.max(alongAxis: -1, keepingDimensions: true)).exp()
            return (e / e.sum(alongAxis: -1, keepingDimensions: true)).matmul(v)  // [batch, time, d_k]
        }
        let joined = Tensor.concatenate(headOutputs, alongAxis: 2)               // [batch, time, d_model]
        return joined.matmul(attention.outProjection.weight, transposeOther: true) + attention.outProjection.bias!
    }
    book.prose("""
    The check: a layer with d_model = \(width) and \(heads) heads, on a batch of \(batch) sequences of \(time) \
    random vectors, in Float64. Each head is computed on its own with plain products, a softmax written \
    out as exponentials over their sum, and the outputs joined and projected; the layer's reshape must give \
    the same numbers. Then the gradient with respect to every weight and to the input is compared with \
    central differences.
    """)
    book.check("multi-head attention = \(heads) heads one by one, joined and projected",
               measured: largestDifference(library, byHand), tolerance: 1e-12)
    book.check("every head's weights sum to one over the keys",
               measured: (weights.sum(alongAxis: -1) - 1).absolute().max().scalar, tolerance: 1e-12)
    let report = GradientChecker.check(parameters: attention.parameters + [x]) {
        attention(query: x, key: x, value: x).output
    }
    book.check("gradient of multi-head self-attention (\(report.comparedCount) derivatives)",
               measured: report.maxRelativeError, tolerance: 1e-6)
}
