import Testing
import Tensors
@testable import Datasets

@Suite struct DigitImagesTests {
    @Test func sameSeedGivesSameImagesAndDifferentSeedDifferentOnes() {
        let a = DigitImages.generate(count: 30, seed: 5)
        let b = DigitImages.generate(count: 30, seed: 5)
        let c = DigitImages.generate(count: 30, seed: 6)
        #expect(a.images == b.images)
        #expect(a.labels == b.labels)
        #expect(a.images != c.images)
    }

    @Test func shapesFollowCountAndSize() {
        let set = DigitImages.generate(count: 7, seed: 1, size: 20)
        #expect(set.count == 7)
        #expect(set.size == 20)
        #expect(set.images.count == 7 * 20 * 20)
        #expect(set.image(6).count == 400)
    }

    @Test func labelsAreBalanced() {
        let set = DigitImages.generate(count: 200, seed: 3)
        for digit in 0...9 {
            #expect(set.labels.filter { $0 == digit }.count == 20, "digit \(digit)")
        }
        // Shuffled, not in label order.
        #expect(set.labels != (0..<200).map { $0 % 10 })
    }

    @Test func pixelsLieInUnitIntervalAndEveryImageHasInk() {
        let set = DigitImages.generate(count: 100, seed: 11)
        #expect(set.images.allSatisfy { $0 >= 0 && $0 <= 1 })
        for i in 0..<set.count {
            let image = set.image(i)
            let inked = image.filter { $0 > 0.5 }.count
            // A 16×16 digit covers more than a handful of pixels and far less than the whole image.
            #expect(inked >= 12 && inked <= 140, "image \(i) (digit \(set.labels[i])) has \(inked) inked pixels")
            // The border rows stay mostly dark: the digit fits inside the frame.
            let border = (0..<16).map { image[image.startIndex + $0] } + (0..<16).map { image[image.startIndex + 240 + $0] }
            #expect(border.filter { $0 > 0.5 }.count <= 4, "image \(i) touches the border")
        }
    }

    @Test func digitsDifferFromEachOtherMoreThanFromThemselves() {
        // Mean image per class; each image is nearer its own class mean than most others.
        let set = DigitImages.generate(count: 500, seed: 21, style: {
            var s = DigitImages.Style(); s.noise = 0; return s }())
        var means = [[Float]](repeating: [Float](repeating: 0, count: 256), count: 10)
        for i in 0..<set.count {
            for (p, v) in set.image(i).enumerated() { means[set.labels[i]][p] += v / 50 }
        }
        var correct = 0
        for i in 0..<set.count {
            let image = Array(set.image(i))
            let distances = means.map { mean in zip(mean, image).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) }
            if distances.firstIndex(of: distances.min()!) == set.labels[i] { correct += 1 }
        }
        // A nearest-class-mean classifier does well only if the classes are distinct shapes.
        #expect(correct >= 400, "nearest mean classified \(correct) of 500")
    }

    @Test func renderWithoutVariationMatchesStrokeEndpoints() {
        var style = DigitImages.Style()
        style.jitter = 0; style.rotation = 0; style.scale = 1...1; style.shift = 0; style.noise = 0
        var generator = SeededGenerator(seed: 1)
        let one = DigitImages.render(digit: 1, size: 16, style: style, using: &generator)
        // The upright of "1" runs down x = 0.52 (8.3 px) from y = 0.15 to 0.85 (2.4 to 13.6 px), so
    // column 8 is inked on rows 3...12; the pen (at most 1.05 px either side plus 0.5 px of
    // anti-aliasing) cannot reach row 15, whose centre is 1.9 px below the end.
        for row in 3...12 { #expect(one[row * 16 + 8] > 0.5, "row \(row)") }
        #expect(one[15 * 16 + 8] == 0)
        #expect(one[8 * 16 + 2] == 0)
    }
}
