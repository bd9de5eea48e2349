// Introduced in chapter 6: how far two maps of one output step agree on the order of the source positions.
import ArgumentChecks

/// The ranks of `values`, 1 for the smallest; tied values share the mean of the ranks they span.
public func averageRanks(_ values: [Double]) -> [Double] {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var ranks = [Double](repeating: 0, count: values.count)
    var start = 0
    while start < order.count {
        var end = start
        while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
        let shared = Double(start + end) / 2 + 1   // the mean of ranks start+1 … end+1
        for position in start...end { ranks[order[position]] = shared }
        start = end + 1
    }
    return ranks
}

/// Spearman's rank correlation ρ: the Pearson correlation of the two lists' average ranks, in −1…1.
///
/// ρ = 1 when both lists put the positions in the same order, −1 when in opposite orders. Ties get
/// average ranks; a list whose values are all equal has no order, and ρ is then NaN.
public func spearmanRankCorrelation(_ a: [Double], _ b: [Double]) -> Double {
    require(a.count == b.count && a.count >= 2, "spearmanRankCorrelation",
            "needs two lists of one length, at least 2, got \(a.count) and \(b.count)")
    let (ra, rb) = (averageRanks(a), averageRanks(b))
    let mean = Double(a.count + 1) / 2
    var (products, squaresA, squaresB) = (0.0, 0.0, 0.0)
    for (x, y) in zip(ra, rb) {
        products += (x - mean) * (y - mean)
        squaresA += (x - mean) * (x - mean)
        squaresB += (y - mean) * (y - mean)
    }
    return products / (squaresA * squaresB).squareRoot()
}
