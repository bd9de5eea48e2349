// One example of every chart kind of the Plotting module, with made-up data from a fixed seed.
import Foundation
import Plotting
import Tensors

/// Draws the gallery's six figures, handing each to `save` with its file name.
///
/// The data come from one generator seeded with 42, drawn in the same order every run, so the PNGs
/// are the same bytes every time.
func drawGallery(_ save: (any Figure, String) throws -> Void) rethrows {
    var random = SeededGenerator(seed: 42)

    // 1. Loss curves on a log axis: noisy training loss every 10 steps, validation every 100.
    let steps = stride(from: 0.0, through: 3000, by: 10).map { $0 }
    let train = steps.map { s in (2.2 * exp(-s / 400) + 0.035 + 0.02 * exp(-s / 3000)) * exp(0.08 * random.nextNormal()) }
    let validationSteps = stride(from: 0.0, through: 3000, by: 100).map { $0 }
    let validation = validationSteps.map { s in 2.2 * exp(-s / 450) + 0.07 + 0.00001 * s }
    var loss = LineChart(title: "Plotting demo: made-up loss curves", xLabel: "step", yLabel: "cross-entropy loss", yScale: .log)
    loss.add(series: "train", x: steps, y: train)
    loss.add(series: "validation", x: validationSteps, y: validation, marker: .circle)
    try save(loss, "loss.png")

    // 2. Error of a central difference against the step size h, on log–log axes.
    let stepSizes = (0...40).map { pow(10, -8 + Double($0) * 0.2) }
    var derivative = LineChart(title: "Error of numerical derivatives of sin at x = 1", xLabel: "step size h",
                               yLabel: "absolute error", xScale: .log, yScale: .log)
    derivative.add(series: "forward difference", x: stepSizes,
                   y: stepSizes.map { h in abs((sin(1 + h) - sin(1)) / h - cos(1)) })
    derivative.add(series: "central difference", x: stepSizes,
                   y: stepSizes.map { h in abs((sin(1 + h) - sin(1 - h)) / (2 * h) - cos(1)) }, marker: .square)
    try save(derivative, "derivative-error.png")

    // 3. An attention map: reversing "<s> 2 - 7 + 5 </s>", each output token attends to its mirror input.
    let inputs = ["<s>", "2", "-", "7", "+", "5", "</s>"]
    let outputs = ["<s>", "5", "+", "7", "-", "2", "</s>"]
    let n = inputs.count
    let attention: [[Double]] = (0..<n).map { i in
        let target = i == 0 ? 0 : (i == n - 1 ? n - 1 : n - 1 - i)
        let scores = (0..<n).map { j in -1.2 * Double(abs(j - target)) + 0.4 * random.nextNormal() }
        let top = scores.max()!
        let e = scores.map { exp($0 - top) }
        let total = e.reduce(0, +)
        return e.map { $0 / total }
    }
    let heatmap = Heatmap(title: "Plotting demo: made-up attention weights", values: attention, rowLabels: outputs,
                          columnLabels: inputs, xLabel: "key (input token)", yLabel: "query (output token)",
                          colorMap: .viridis, annotate: true)
    try save(heatmap, "attention.png")

    // 4. A larger grey heatmap without annotations: cosine similarity of 16 positional encodings.
    let positions = 16
    let encodings: [[Double]] = (0..<positions).map { p in
        (0..<16).map { k in
            let rate = pow(100.0, -Double(k / 2 * 2) / 16)
            return k % 2 == 0 ? sin(Double(p) * rate) : cos(Double(p) * rate)
        }
    }
    func cosine(_ a: [Double], _ b: [Double]) -> Double {
        let dot: Double = zip(a, b).map { $0 * $1 }.reduce(0, +)
        let na: Double = a.map { $0 * $0 }.reduce(0, +).squareRoot()
        let nb: Double = b.map { $0 * $0 }.reduce(0, +).squareRoot()
        return dot / (na * nb)
    }
    let similarity = encodings.map { a in encodings.map { b in cosine(a, b) } }
    let labels = (0..<positions).map(String.init)
    try save(Heatmap(title: "Similarity of positional encodings", values: similarity, rowLabels: labels, columnLabels: labels,
                 xLabel: "position", yLabel: "position", colorMap: .grey), "similarity.png")

    // 5. Synthetic 16×16 images above their blurred, noisy "reconstructions".
    func shape(_ kind: Int) -> [Double] {
        (0..<256).map { i in
            let x = Double(i % 16) - 7.5, y = Double(i / 16) - 7.5
            switch kind {
            case 0: return abs((x * x + y * y).squareRoot() - 5) < 1.3 ? 1 : 0          // ring
            case 1: return abs(x) < 5 && abs(y) < 5 ? 1 : 0                            // square
            case 2: return abs(x) < 1.6 || abs(y) < 1.6 ? 1 : 0                        // plus
            case 3: return abs(x - y) < 1.5 || abs(x + y) < 1.5 ? 1 : 0                // cross
            case 4: return y > -5 && y < 5 && abs(x) < (y + 5) * 0.55 ? 1 : 0           // triangle
            case 5: return Int(x + 7.5) % 4 < 2 ? 1 : 0                                 // stripes
            case 6: return (x * x) / 49 + (y * y) / 16 < 1 ? 1 : 0                      // ellipse
            default: return abs(x) < 1.5 && abs(y) < 6.5 ? 1 : 0                       // bar
            }
        }
    }
    let originals = (0..<8).map(shape)
    let reconstructions = originals.map { image in
        (0..<256).map { i in
            let x = i % 16, y = i / 16
            var total = 0.0, count = 0.0
            for dy in -1...1 { for dx in -1...1 where (0..<16).contains(x + dx) && (0..<16).contains(y + dy) {
                total += image[(y + dy) * 16 + x + dx]; count += 1
            } }
            return min(max(0.9 * total / count + 0.05 + 0.06 * random.nextNormal(), 0), 1)
        }
    }
    try save(ImageGrid(title: "Plotting demo: shapes above made-up reconstructions", rows: [
        ImageRow(caption: "input", images: originals, width: 16, height: 16),
        ImageRow(caption: "reconstruction", images: reconstructions, width: 16, height: 16),
    ]), "reconstructions.png")

    // 6. A 2-D latent space: four clusters of codes, coloured by digit class.
    var scatter = ScatterPlot(title: "Plotting demo: made-up clusters", xLabel: "latent z1", yLabel: "latent z2")
    let centres = [(-2.0, 1.5), (1.8, 2.2), (0.3, -1.6), (3.2, -0.4)]
    for (k, centre) in centres.enumerated() {
        let x = (0..<80).map { _ in centre.0 + 0.6 * random.nextNormal() }
        let y = (0..<80).map { _ in centre.1 + 0.5 * random.nextNormal() }
        scatter.add(class: "digit \(k)", x: x, y: y)
    }
    try save(scatter, "latent-scatter.png")
}
