// The book's table of contents: every chapter, its title and the figure that stands for it.

/// One chapter as the book's index page and the links between chapter pages know it.
public struct BookChapter: Sendable, Equatable {
    /// The chapter's number; its page is `chapterN/index.html` beside the other chapters' folders.
    public var number: Int
    /// The title, exactly as the chapter opens its notebook with.
    public var title: String
    /// What the chapter shows, in one sentence.
    public var summary: String
    /// The figure the index page shows for it (a file in the chapter's folder).
    public var figure: String
    /// That figure's alternative text.
    public var figureDescription: String

    /// The chapter's folder name, e.g. "chapter3".
    public var folder: String { "chapter\(number)" }
}

/// The book's chapters in reading order.
public enum BookContents {
    /// The book's title.
    public static let title = "Autoencoders and Attention, a runnable book in Swift"

    /// Every chapter, in order.
    public static let chapters: [BookChapter] = [
        BookChapter(number: 1, title: "Tensors and gradients",
                    summary: "Tensors, broadcasting, reverse-mode differentiation on a tape, and why gradient "
                        + "checks run in Float64.",
                    figure: "gradient-check-error.png",
                    figureDescription: "The error of a finite difference against its step h, in Float32 and Float64"),
        BookChapter(number: 2, title: "The plain autoencoder",
                    summary: "The objective min E‖x − p(q(x))‖²; a linear autoencoder finds the principal subspace; "
                        + "non-linear and denoising autoencoders on generated digits.",
                    figure: "reconstructions.png",
                    figureDescription: "Generated digits and their reconstructions"),
        BookChapter(number: 3, title: "Attention",
                    summary: "softmax(QKᵀ/√d_k)V, why √d_k, masking, additive attention, and a learned attention map.",
                    figure: "attention-map.png",
                    figureDescription: "Where a trained model looks to retrieve a value"),
        BookChapter(number: 4, title: "Recurrent encoder and decoder",
                    summary: "LSTM gates, back-propagation through time, and a sequence autoencoder whose only "
                        + "bottleneck is the final state.",
                    figure: "accuracy-vs-length.png",
                    figureDescription: "Without attention, accuracy falls with sequence length"),
        BookChapter(number: 5, title: "The sequence autoencoder with attention",
                    summary: "The article's model at its sizes and its errata; padded batches, a bidirectional "
                        + "encoder, the end token and beam search; attention against no attention on copying, "
                        + "reversing and rewriting dates.",
                    figure: "attention-dates.png",
                    figureDescription: "Attention while rewriting a date"),
        BookChapter(number: 6, title: "What autoencoders are for",
                    summary: "Codes stored in real bits, codes as features, the variational autoencoder with its "
                        + "bounds checked and its rate against its distortion, and attention against a gradient saliency.",
                    figure: "vae-samples.png",
                    figureDescription: "Random codes decoded by a VAE and by a plain autoencoder"),
        BookChapter(number: 7, title: "Attention all the way: a Transformer autoencoder",
                    summary: "Heads, positions, layer norm and masks, each checked; a Transformer with PyTorch's "
                        + "names trained against chapter 5's LSTM with attention, by accuracy, steps and time against length.",
                    figure: "attention-heads.png",
                    figureDescription: "What each head of a trained Transformer looks at"),
    ]

    /// The chapter numbered `number`, if the book has it.
    public static func chapter(_ number: Int) -> BookChapter? {
        chapters.first { $0.number == number }
    }

    /// The chapters before and after chapter `number`.
    static func neighbours(of number: Int) -> (previous: BookChapter?, next: BookChapter?) {
        guard let index = chapters.firstIndex(where: { $0.number == number }) else { return (nil, nil) }
        return (index > 0 ? chapters[index - 1] : nil, index + 1 < chapters.count ? chapters[index + 1] : nil)
    }
}
