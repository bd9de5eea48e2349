// Introduced in chapter 3 (the retrieval model's map); chapter 5 draws and measures its maps.
import Datasets
import Plotting
import Tensors

/// An attention map [rows, columns] of weights 0…1 as a heatmap: the figure of every attention map
/// in the book, queries (or output tokens) down, keys (or source tokens) across, viridis colours.
public func attentionHeatmap(title: String, weights map: Tensor<Float>, rowLabels: [String], columnLabels: [String],
                             xLabel: String = "source token", yLabel: String = "output token (greedy)",
                             annotate: Bool = false) -> Heatmap {
    require(map.rank == 2, "attentionHeatmap", "needs one map [rows, columns], got \(describe(map.shape))")
    return Heatmap(title: title, values: rows(of: map).map { $0.map(Double.init) }, rowLabels: rowLabels,
                   columnLabels: columnLabels, xLabel: xLabel, yLabel: yLabel, colorMap: .viridis,
                   annotate: annotate, range: 0...1)
}

/// The fraction of output steps whose largest attention weight falls on `aligned(t, sourceLength)`
/// (or within `slack` positions of it), from weights [batch, outputTime, sourceTime].
public func alignmentRate(_ weights: Tensor<Float>, slack: Int = 0, aligned: (Int, Int) -> Int) -> Double {
    require(weights.rank == 3, "alignmentRate", "weights must be [batch, outputTime, sourceTime], got \(describe(weights.shape))")
    let outputTime = weights.shape[1], sourceTime = weights.shape[2]
    let peaks = weights.argmax(alongAxis: 2)  // [batch · outputTime], flat
    let hits = peaks.indices.filter { abs(peaks[$0] - aligned($0 % outputTime, sourceTime)) <= slack }.count
    return Double(hits) / Double(peaks.count)
}

/// The largest |Σⱼ αₜⱼ − 1| over every row of weights [..., sourceTime]: zero when every row sums to one.
public func rowSumError(_ weights: Tensor<Float>) -> Double {
    Double((weights.sum(alongAxis: -1) - 1).absolute().max().scalar)
}

/// Row `row` of decoder weights [batch, steps, sourceTime] cut to the steps that row wrote (its
/// tokens, then the end token if it wrote one within the steps), with one label per step.
public func outputMap(weights: Tensor<Float>, row: Int, tokens: [Int], vocabulary: Vocabulary,
                      endSymbol: String = "</s>") -> (map: Tensor<Float>, labels: [String]) {
    require(weights.rank == 3 && (0..<weights.shape[0]).contains(row), "outputMap",
            "weights must be [batch, steps, sourceTime] with a row \(row), got \(describe(weights.shape))")
    let steps = min(weights.shape[1], tokens.count + 1)
    let labels = (tokens.map { vocabulary.symbol(for: $0) } + [endSymbol]).prefix(steps)
    return (weights.select(alongAxis: 0, index: row).slice(alongAxis: 0, 0..<steps), Array(labels))
}
