// Section 2 of chapter 7: sinusoidal positions, and a shift as a fixed rotation.

import Book
import Foundation
import NeuralNetworks
import Notebook
import Plotting
import Tensors

/// Checks that PE(t + k) = M_k·PE(t) with M_k independent of t, that PE(t)·PE(t + k) depends on k
/// alone, and draws positional-encoding.png.
func positionsSection(_ book: Notebook) {
    book.section("Positions")
    book.prose("""
    Self-attention does not know where anything is: permute the positions of its input and its outputs are \
    permuted the same way, nothing else changes. An LSTM knows order because it reads one token after \
    another; a Transformer must be told. Vaswani et al. (2017) add to each token's vector a fixed vector \
    for its position, made of sines and cosines at d_model / 2 frequencies, from one radian per position \
    down to 1/10000:
    """)
    book.formula("PE(t, 2i) = sin(t ωᵢ),   PE(t, 2i+1) = cos(t ωᵢ),   ωᵢ = 10000^(−2i/d_model)")
    book.prose("""
    Each pair of columns is a point going round a circle at its own speed. Moving k positions on turns \
    every circle by the angle k ωᵢ, whatever t is, so PE(t + k) = M_k PE(t), where M_k is block-diagonal \
    with one 2 × 2 rotation [[cos kωᵢ, sin kωᵢ], [−sin kωᵢ, cos kωᵢ]] per pair. A fixed linear map thus \
    turns "position t" into "position t + k" for every t at once, which a query and a key matrix can learn \
    to use; and since rotations keep lengths and angles, PE(t)·PE(t + k) = Σᵢ cos(k ωᵢ) depends on the \
    offset k and not on t.
    """)
    let (dimension, positions) = (64, 128)
    let offsets = [1, 3, 10, 50]
    let longest = positions + offsets.max()!
    let pe: Tensor<Double> = sinusoidalPositions(length: longest, dimension: dimension)
    let rotationError = offsets.map { k in
        let shifted = pe.slice(alongAxis: 0, 0..<positions).matmul(sinusoidalShift(by: k, dimension: dimension),
                                                                  transposeOther: true)  // [positions, d]: M_k·PE(t)
        return largestDifference(shifted, pe.slice(alongAxis: 0, k..<(k + positions)))
    }.max()!
    book.check("PE(t + k) = M_k·PE(t) for t < \(positions), k in \(offsets) (d_model \(dimension), Float64)",
               measured: rotationError, tolerance: 1e-12)
    let frequencies = sinusoidalFrequencies(dimension: dimension)
    let dotError = (0..<20).map { k -> Double in
        let products = (pe.slice(alongAxis: 0, 0..<positions) * pe.slice(alongAxis: 0, k..<(k + positions)))
            .sum(alongAxis: 1)                                                          // [positions]: PE(t)·PE(t+k)
        let closedForm = frequencies.map { cos(Double(k) * $0) }.reduce(0, +)
        return (products - closedForm).absolute().max().scalar
    }.max()!
    book.check("PE(t)·PE(t + k) = Σᵢ cos(k ωᵢ) for every t < \(positions), k < 20 (depends on k only)",
               measured: dotError, tolerance: 1e-12)
    book.prose("""
    positional-encoding.png shows the first \(positions / 2) positions: the first columns change fast and \
    repeat every 2π ≈ 6.3 positions, the last ones hardly move, so together they give every position a \
    vector of its own while nearby positions get similar ones. The model adds these vectors to the \
    token embeddings; it learns nothing about them.
    """)
    book.figure("positional-encoding.png", caption: "sinusoidal position encodings, d_model \(dimension), "
                + "positions 0–\(positions / 2 - 1)") { path in
        let shown = pe.slice(alongAxis: 0, 0..<(positions / 2))
        let labels = { (count: Int, every: Int) in (0..<count).map { $0 % every == 0 ? String($0) : "" } }
        try Heatmap(title: "Sinusoidal position encodings", values: rows(of: shown),
                    rowLabels: labels(positions / 2, 8), columnLabels: labels(dimension, 8),
                    xLabel: "dimension (even: sine, odd: cosine)", yLabel: "position t", colorMap: .viridis,
                    range: -1...1).write(to: path)
    }
}
