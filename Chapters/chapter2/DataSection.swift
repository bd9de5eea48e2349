// Section 2 of chapter 2: the digits, and the error of the simplest autoencoder, the mean image.

import Models
import Notebook
import Tensors

/// Introduces the generated digits and checks that the mean image's error is the total variance.
func dataSection(_ book: Notebook, _ digits: DigitData) {
    book.section("The data: digits in 16×16 pixels")
    book.prose("""
        The images are the project's own: digits 0 to 9 drawn from pen strokes with random warps, \
        thickness, rotation, scale, shift and pixel noise, each \(digits.side)×\(digits.side) pixels with values in \
        0…1, so d = \(digits.d). We use \(digits.xTrain.shape[0]) images for training and \(digits.xValidation.shape[0]) others, drawn \
        with a different seed, for validation.
        """)
    let centred = digits.centredTrainD
    let spreadAroundMean = reconstructionError(centred, Tensor<Double>.zeros(centred.shape)).scalar
    book.prose("""
        The simplest "autoencoder" has k = 0: it ignores its input and always outputs the mean image μ. \
        Its error is the average squared distance from the mean, which is also the total variance, \
        the trace of the covariance matrix C = (1/n) Σᵢ (xᵢ − μ)(xᵢ − μ)ᵀ. Here it is \
        \(fixed(spreadAroundMean, 3)); every autoencoder below should do much better.
        """)
    book.check("E‖x − μ‖² = trace C (relative)",
               measured: abs(spreadAroundMean - digits.pca.totalVariance) / digits.pca.totalVariance,
               tolerance: 1e-10)  // rounding of sums over n·d ≈ 5e5 terms in Float64: about n·d·ε ≈ 6e-11
}
