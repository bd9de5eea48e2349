// Section 4 of chapter 6: the VAE's rate against its distortion as β varies, beside the quantised codes.

import Book
import Compression
import Models
import Notebook
import Plotting
import Tensors

/// Trains a VAE for every β on the real digits, measures rate (KL in bits) and distortion, and draws
/// rate-distortion.png with section 1's quantised codings on the same axes.
func rateDistortionSection(_ book: Notebook, _ set: DigitSet, codings: [StoredCoding], sizes: ChapterSizes) {
    book.section("Rate against distortion, the VAE's way")
    book.prose("""
        The KL term has a second reading. Alemi et al. (2018, "Fixing a broken ELBO") call the average KL \
        between q(z|x) and the prior the rate R, the information the code carries about the image, and \
        −E log p(x|z) the distortion D; the negative ELBO is D + R. Weighting the KL by β, the loss D + β·R \
        trades one for the other: small β buys a sharp reconstruction with many bits, large β a cheap code \
        and a blurry one. β = 1 is the ELBO itself, one point on the curve and not a special one for \
        compression. A rate in bits is R / ln 2; it is what a code built from q and the prior costs on \
        average (by bits-back or relative-entropy coding), not bits written into a file as in section 1, so \
        the two curves compare an ideal coder with a real one.
        """)
    var points: [(beta: Double, bits: Double, error: Double, nats: Double)] = []
    // Two β at a time, one per core.
    for pairStart in stride(from: 0, to: sizes.betas.count, by: 2) {
        let (a, b) = (sizes.betas[pairStart], sizes.betas[pairStart + 1])
        let plan = { (beta: Double, index: Int) in
            TrainedVAE.Plan(set: set, steps: sizes.betaSteps, beta: beta, seed: book.seed &+ 1000 &+ UInt64(index))
        }
        let (first, second) = TrainedVAE.trainPair(book, (plan(a, pairStart), plan(b, pairStart + 1)), sizes: sizes,
                                                   label: "\(set.name): VAE, β = \(significant(a, 2)) and \(significant(b, 2))")
        for (offset, vae) in [first, second].enumerated() {
            var generator = SeededGenerator(seed: book.seed &+ 1100 &+ UInt64(pairStart + offset))
            let measured = vae.rateAndDistortion(set.test, generator: &generator)
            points.append((vae.beta, measured.bits, measured.meanSquaredError, measured.nats))
        }
    }
    book.prose("On the held-out real digits (one sample of z per image), for each β:")
    book.list(points.map { p in
        "β = \(significant(p.beta, 2)): rate \(fixed(p.bits, 1)) bits, distortion \(fixed(p.nats, 2)) nats "
            + "(MSE per pixel \(fixed(p.error, 4))), D + R = \(fixed(p.nats + p.bits * 0.6931471805599453, 2)) nats"
    })
    let bestBound = points.min { $0.nats + $0.bits * 0.6931471805599453 < $1.nats + $1.bits * 0.6931471805599453 }!
    book.prose("""
        D + R, the negative ELBO, is smallest at β = \(significant(bestBound.beta, 2)) among these models\
        \(bestBound.beta == 1 ? ", as it should be: β = 1 is the only weight that trains on the ELBO itself" : "; β = 1 trains on the ELBO itself, so with longer training it should win, and the difference shows how far each run is from its optimum"). \
        Alemi et al.'s point is visible in the same list: the ELBO does not say how many bits the code should \
        carry. The model with the best bound keeps \(fixed(bestBound.bits, 1)) bits per image at distortion \
        \(fixed(bestBound.nats, 2)) nats; the one with β = \(significant(points[0].beta, 2)) keeps \(fixed(points[0].bits, 1)) bits, \
        reconstructs at \(fixed(points[0].nats, 2)) nats, and pays \
        \(fixed(points[0].nats + points[0].bits * 0.6931471805599453 - bestBound.nats - bestBound.bits * 0.6931471805599453, 2)) \
        nats of bound for it. Which point is better depends on the use, not on the bound.
        """)
    book.figure("rate-distortion.png", caption: "error per pixel against bits per image: quantised codes (the best "
                + "codings of section 1) and the VAE at several β (rate = KL in bits; β whose rate is under half a bit left out)") { path in
        var chart = LineChart(title: "Rate against distortion (UCI digits, held out)", xLabel: "bits per image",
                              yLabel: "mean squared error per pixel", xScale: .log, yScale: .log)
        for (model, marker) in zip(CodeModel.allCases, [Marker.square, .circle, .circle]) {
            let mine = codings.filter { $0.model == model }
            let front = rateDistortionFront(rates: mine.map(\.rate), distortions: mine.map(\.meanSquaredError))
            chart.add(series: "\(model.rawValue), quantised", x: front.map { mine[$0].rate },
                      y: front.map { mine[$0].meanSquaredError }, marker: marker)
        }
        let drawn = points.filter { $0.bits >= 0.5 }
        if let largest = drawn.last, let smallest = drawn.first {
            chart.add(series: "VAE, rate = KL (β from \(significant(largest.beta, 2)) to \(significant(smallest.beta, 2)))",
                      x: drawn.map(\.bits), y: drawn.map(\.error), marker: .square)
        }
        try chart.write(to: path)
    }
    let (low, high) = (points[0], points[points.count - 1])
    book.check("a larger β buys a smaller rate and pays in distortion",
               passed: high.bits < low.bits && high.nats > low.nats,
               detail: "β = \(significant(high.beta, 2)): \(fixed(high.bits, 1)) bits, \(fixed(high.nats, 2)) nats; "
                   + "β = \(significant(low.beta, 2)): \(fixed(low.bits, 1)) bits, \(fixed(low.nats, 2)) nats")
    let comparisons: [String] = points.compactMap { p in
        let affordable = codings.filter { $0.rate <= p.bits }
        guard let best = affordable.min(by: { $0.meanSquaredError < $1.meanSquaredError }) else { return nil }
        return "β = \(significant(p.beta, 2)): the VAE's \(fixed(p.bits, 1)) bits leave MSE \(fixed(p.error, 4)); the best "
            + "quantised code of at most as many bits, \(best.model.rawValue) with k = \(best.k) and b = \(best.bits) "
            + "(\(Int(best.rate)) bits), leaves \(fixed(best.meanSquaredError, 4))"
    }
    book.prose("""
        Where the optimiser succeeds, each β picks the point of the curve where its slope dD/dR is −β, so \
        the sweep walks along the curve: from large β to small, every extra bit buys less distortion than the \
        one before. Against the quantised codes, at the VAE's rates:
        """)
    book.list(comparisons.isEmpty ? ["no VAE point reaches the smallest quantised rate of section 1"] : comparisons)
    book.prose("""
        The comparison flatters the VAE in one way and handicaps it in another. Its rate is an ideal: a real \
        file of its codes needs an entropy coder driven by the prior, which this book has not built. And its \
        decoder was trained on the Bernoulli likelihood, not on the squared error the chart measures, with \
        one random z per image rather than the code's best value.
        """)
}
