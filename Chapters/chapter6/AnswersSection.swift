// Section 6 of chapter 6: the article's three closing questions, answered with the book's evidence.

import Notebook

/// Answers the article's three questions, each pointing at the chapter, figure and check that showed it;
/// `samplesNearer` says whether the VAE's random codes decoded nearer to real digits than the plain autoencoder's.
func answersSection(_ book: Notebook, samplesNearer: Bool) {
    book.section("Answers to the article's questions")
    book.subsection("How do autoencoders and attention differ?")
    book.prose("""
        They answer different questions, and the book met them separately before putting them together. An \
        autoencoder is a training objective and a shape: rebuild the input through a narrow code (chapter 2; its \
        linear form recovers the principal subspace, checked against PCA in error-vs-k.png). Attention is a layer: \
        a softmax-weighted average of values, with weights from query–key scores (chapter 3, its √d_k scaling \
        and masking checked numerically). One narrows information on purpose; the other lets a decoder fetch \
        what it needs from a memory that is not narrowed at all. In chapter 5's sequence autoencoder they meet, \
        and attention is exactly what removes the bottleneck the autoencoder imposed: the copy model with \
        attention holds up at lengths where the one without fails (chapter 5's accuracy-vs-length.png).
        """)
    book.subsection("How does attention improve a model?")
    book.prose("""
        By giving each output step a direct path to every source position, so that the source need not pass \
        through one fixed-size state. Chapter 4 showed the fixed state failing as sequences grow \
        (accuracy-vs-length.png); chapter 5 trained the same model with and without attention on the same batches, \
        and attention helped on copying (its check "within training, attention holds up at length 20") and on \
        dates ("attention helps on dates"); on reversing its map came out as the exact anti-diagonal. It \
        does not make a model understandable by itself: section 5 of this chapter measured how far its weights \
        agree with a gradient saliency (saliency-vs-attention.png) and found agreement at some steps and not at \
        others.
        """)
    book.subsection("What are autoencoders used for?")
    book.prose("""
        For the three uses this chapter measured, with their limits. Compression: section 1 stored codes as real \
        bits, and rate-distortion.png shows what each bit buys, against raw storage of 320 bits per image. \
        Features: section 2 measures, on real and generated digits, where a code helps a linear classifier \
        with few labels and where the raw pixels do as well or better. Generation: a plain autoencoder has no distribution to sample \
        its codes from, the VAE's KL term gives it one (vae-samples.png, interpolation.png)\
        \(samplesNearer ? ", and in this run its decoded random codes lay nearer to real digits than those of a Gaussian fitted to the plain codes" : "; in this run a Gaussian fitted to the plain codes did as well, so on 8 × 8 digits the advantage did not show"); \
        its bound was checked against importance-weighted bounds (ELBO ≤ IWAE₅ ≤ IWAE₅₀). Denoising (chapter 2, denoising.png) is a \
        fourth. Each use needed its own measurement: a low reconstruction error alone said little about any of them.
        """)
}
