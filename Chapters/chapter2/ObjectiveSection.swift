// Section 1 of chapter 2: what an autoencoder minimises.

import Notebook

/// The objective min over q, p of E‖x − p(q(x))‖², and why the bottleneck k < d matters.
func objectiveSection(_ book: Notebook) {
    book.section("The objective")
    book.prose("""
        An autoencoder is a pair of functions. The encoder q maps an input x, a vector of d numbers, \
        to a code z = q(x) of k numbers; the decoder p maps the code back to a vector x̂ = p(z) of d \
        numbers. Both are trained together so that the output is as close to the input as possible, \
        on average over the data:
        """)
    book.formula("minimise over q and p:   L(q, p) = E ‖x − p(q(x))‖²\nwhere  q: ℝᵈ → ℝᵏ  and  p: ℝᵏ → ℝᵈ")
    book.prose("""
        If k were at least d the task would be trivial: q and p could both be the identity. The point \
        is the bottleneck k < d. The code cannot hold everything, so the pair must find what matters \
        most for rebuilding the input; the code is a compressed description of x. In practice the \
        expectation is an average over n training rows, L = (1/n) Σᵢ ‖xᵢ − x̂ᵢ‖², and the squared \
        distance ‖x − x̂‖² is summed over the d pixels.
        """)
}
