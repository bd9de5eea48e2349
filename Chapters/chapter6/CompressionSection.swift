// Section 1 of chapter 6: codes stored in real bits, and what each bit buys.

import Compression
import Models
import NeuralNetworks
import Notebook
import Tensors

/// One way of storing the held-out images: a model, its code size k and b bits per code number.
struct StoredCoding {
    let model: CodeModel
    let k: Int
    let bits: Int
    /// k·b, the rate in bits per image.
    var rate: Double { Double(k * bits) }
    /// The mean squared error per pixel of the images rebuilt from the stored bits.
    let meanSquaredError: Double
    var psnr: Double { peakSignalToNoiseRatio(meanSquaredError: meanSquaredError) }
}

/// Quantises every model's codes of the held-out images at every b, stores them as bits, rebuilds the
/// images from the bits and measures the error. Returns every coding of the set.
func compressionSection(_ book: Notebook, _ sets: [DigitSet], _ autoencoders: [TrainedAutoencoders],
                        sizes: ChapterSizes) -> [[StoredCoding]] {
    book.section("Compression, in bits")
    book.prose("""
        Chapter 2 measured a bottleneck by its number of code values k. A value of a code is a real \
        number, and a real number can hold any amount of information, so k alone says nothing about \
        how much an image has been compressed. To count bits, each code value is quantised: its range \
        on the training images is cut into 2^b equal cells and only the cell's index is stored, in b \
        bits; the decoder reads the cell's centre. An image then costs exactly k·b bits, and the bits \
        of all held-out images are packed one after the other into bytes. The ranges (2k numbers) and \
        the decoder are stored once for all images and are not counted per image.
        """)
    book.prose("""
        For comparison, the raw pixels of an 8 × 8 image take 64 × 8 = 512 bits as bytes; the UCI \
        values are counts from 0 to 16, which need 5 bits each, 320 bits per image without loss. \
        Distortion is the mean squared error per pixel on held-out images (pixels in 0…1), and the peak \
        signal-to-noise ratio PSNR = 10·log₁₀(1 / MSE) dB.
        """)
    var all: [[StoredCoding]] = []
    var largestPadding = 0, roundTripsExact = true, codings = 0
    for (set, models) in zip(sets, autoencoders) {
        var stored: [StoredCoding] = []
        let testD = set.test.converted(to: Double.self)
        for model in CodeModel.allCases {
            for k in sizes.codeSizes {
                let trainCodes = models.codes(model, k, set.train).scalars.map(Double.init)
                let testCodes = models.codes(model, k, set.test)                                       // [m, k]
                for bits in sizes.bitDepths {
                    let quantizer = UniformQuantizer.fitted(bits: bits, codes: trainCodes, dimension: k)
                    let bitsOnDisk = QuantisedCodes(codes: testCodes.scalars.map(Double.init), quantizer: quantizer)
                    let promised = bitsOnDisk.rows * bitsOnDisk.bitsPerRow
                    largestPadding = max(largestPadding, bitsOnDisk.storedBits - promised)
                    if bitsOnDisk.storedBits < promised || bitsOnDisk.indices() != quantizer.indices(testCodes.scalars.map(Double.init)) {
                        roundTripsExact = false
                    }
                    codings += 1
                    let readBack = Tensor<Float>(shape: testCodes.shape, scalars: bitsOnDisk.decoded().map(Float.init))
                    let rebuilt = models.decode(model, k, readBack).converted(to: Double.self)
                    stored.append(StoredCoding(model: model, k: k, bits: bits,
                                               meanSquaredError: meanSquaredError(rebuilt, testD).scalar))
                }
            }
        }
        all.append(stored)
        let largestK = sizes.codeSizes.last!
        let unquantised = CodeModel.allCases.map { model in
            meanSquaredError(models.decode(model, largestK, models.codes(model, largestK, set.test)).converted(to: Double.self),
                             testD).scalar
        }
        book.subsection(set.name)
        book.prose("""
            \(set.train.shape[0]) training and \(set.test.shape[0]) held-out images. The best coding of each \
            model at a few rates (the lowest error among all k and b whose k·b is at most that many bits):
            """)
        book.list([16, 32, 64].map { budget in
            "≤ \(budget) bits per image: " + CodeModel.allCases.map { model in
                let best = stored.filter { $0.model == model && $0.rate <= Double(budget) }.min { $0.meanSquaredError < $1.meanSquaredError }
                return best.map { "\(model.rawValue) \(fixed($0.meanSquaredError, 4)) (\(fixed($0.psnr, 1)) dB; k = \($0.k), b = \($0.bits))" }
                    ?? "\(model.rawValue) —"
            }.joined(separator: ", ")
        })
        book.prose("""
            Without quantisation, at k = \(largestK): \(zip(CodeModel.allCases, unquantised).map { "\($0.rawValue) \(fixed($1, 4))" }
                .joined(separator: ", ")). Those real-valued codes are what chapter 2 compared; the rows above \
            are what the same codes cost when they have to be written down.
            """)
    }
    book.check("the rate printed is the number of bits stored", passed: roundTripsExact && largestPadding < 8,
               detail: "\(codings) codings of the held-out images: each stores ⌈n·k·b / 8⌉ bytes, at most "
                   + "\(largestPadding) bits over n·k·b (the last byte's padding, < 8), and reads back its own cell indices")
    book.prose("""
        The whole curve of error against bits is drawn in rate-distortion.png (section 4), beside the \
        variational autoencoder's; there the lower-left front of each model's codings is joined by a line.
        """)
    return all
}
