// The errata of the source article: its code (named by class and method, with what the corrected model
// does instead), what its example leaves out, its prose and its references. (The article's code and
// sentences are not reproduced.)

/// One item per error: where it is, why it is wrong, and the fix.
let articleErrata: [String] = [
    "Decoder.forward hands the result of its LSTM straight to dropout and the linear layer. PyTorch's LSTM returns "
        + "a pair (outputs, (h, c)), not a tensor, so the call fails with a type error: the model never runs. "
        + "Fixed: the outputs go on and the new state (h, c) is kept.",
    "Decoder.forward returns the hidden state it was given, not the LSTM's new one. Decoding step by step would start "
        + "every step from the encoder's state and never move on. Fixed: each step returns the updated state.",
    "Decoder.__init__ sizes the LSTM's input as the embedding alone and the output layer as the state alone, so there is "
        + "nowhere for an attention context to enter. Fixed: the LSTM reads embedding ⊕ context (200 + 256 values) and the "
        + "output layer reads state ⊕ context (512 values).",
    "Attention.__init__ takes the decoder as a submodule, and Attention.forward runs it again on the encoder's outputs. "
        + "Those are real-valued vectors, while the decoder's embedding needs integer token ids (and its forward needs a "
        + "hidden state it is not given), so this fails too; in a state_dict the decoder's weights would also appear twice. "
        + "Fixed: attention owns only its own weights and reads the encoder's outputs as they are.",
    "Attention.forward applies the score layer b to the query and throws the result away, then applies b again to "
        + "tanh(v + u) to get the scores. The first call is dead code; the second is the score vector of additive attention.",
    "Attention.forward adds the projected encoder outputs [batch, source length, hidden] to the projected decoder outputs "
        + "[batch, target length, …] position by position. Additive attention needs every pair (output step t, source "
        + "position j), which takes a broadcast over a new axis; as written it fails unless the lengths agree, and then "
        + "pairs step t with position t only. Worse, what it receives is the decoder's vocabulary scores (100 values), not "
        + "its hidden state (256). Fixed: eₜⱼ = vᵀ tanh(W sₜ₋₁ + U hⱼ) for all pairs, from the decoder's state.",
    "Attention.forward never normalises the scores: there is no softmax, so the 'weights' can be negative and need not "
        + "sum to one, and the context is an arbitrary linear mix. Fixed: αₜ = softmax over source positions.",
    "Attention.forward applies dropout to the encoder outputs it attends over, and Encoder.forward never applies the "
        + "dropout that Encoder.__init__ creates. Fixed: dropout on the embeddings of encoder and decoder and between LSTM "
        + "layers (the stacked LSTM's own), active in training only.",
    "AutoEncoder.forward takes encoder_outputs from its caller and attends over those, although it has just computed the "
        + "encoder's outputs itself (and overwritten them). Fixed: the decoder attends over the outputs of the encoder it "
        + "runs.",
    "AutoEncoder.forward feeds the source itself to the decoder, with no start token and no shift. Under teacher forcing "
        + "the decoder must read the previous target token; reading the token it must predict, it can learn to copy its "
        + "input and never use the encoder. There is also no way to decode at test time. Fixed: the decoder reads "
        + "[start, y₁, …, y_{T−1}] in training and its own previous prediction in greedy decoding.",
    "AutoEncoder.forward returns the decoder's output and the context side by side: the context never reaches a "
        + "prediction, so even if everything above ran, attention could not change what the model writes. Fixed: "
        + "the context cₜ is fed into the LSTM at step t and into the output layer.",
    "The text states scaled dot-product attention, softmax(QKᵀ/√d_k)V, while the code attempts additive attention. "
        + "Both are valid; the corrected model uses the additive form the code aims at, and exercise 1 swaps in the "
        + "dot-product score.",
]

/// What the article's example leaves out entirely, each with where this book supplies it.
let articleOmissions: [String] = [
    "Data. The example never says what the sequences are: there is no vocabulary, no tokenisation, and input_dim = 100 "
        + "is silently the vocabulary size. This chapter trains on three generated tasks: copying, reversing and "
        + "rewriting dates.",
    "A loss, an optimiser and a training loop. The example builds the model and stops; it is never called, which is how "
        + "the errors above went unnoticed. Here: cross-entropy over the target tokens, Adam, gradient clipping.",
    "Decoding. There is no start token, no end token and no way to produce an output without the answer: no greedy "
        + "decoding, no beam search. Here: a start token, greedy decoding, and beam search as exercise 2.",
    "Padding and masks. Real batches mix lengths; the example has no padding token, no mask for attention and no way to "
        + "keep padded targets out of the loss.",
    "Evaluation. No accuracy, no held-out data, no comparison with a model without attention, so nothing shows that "
        + "attention helps. Here: token accuracy by length against the same model without attention (Bahdanau et al. "
        + "2014, Figure 2, in shape).",
    "A check that the mathematics is implemented: no gradient check, no test that the weights sum to one. Every such "
        + "formula in this book is checked on numbers.",
]

/// Where the article's prose contradicts its own formula or the literature.
let articleProseErrors: [String] = [
    "Section 3.2, step 1, has attention begin by encoding the input into a low-dimensional representation. Attention "
        + "does the opposite: it keeps one encoder state per source position so that the decoder is not limited to a "
        + "single fixed-size code (Bahdanau, Cho and Bengio 2014). Its own formula, softmax(QKᵀ/√d_k)V, takes a whole "
        + "matrix of keys and values, one row per position.",
    "Section 3.2, step 4, adds the attention vector to the decoder's context vector to obtain the context vector. In "
        + "the formula it states, the weighted sum softmax(QKᵀ/√d_k)V is itself the result; nothing is added. In "
        + "Bahdanau's model the context cₜ = Σⱼ αₜⱼ hⱼ is concatenated with the decoder's input, not added to another "
        + "vector.",
    "Sections 2 and 6 call the autoencoder a generative model that can generate new data. A plain autoencoder has no "
        + "distribution over its codes to sample from, so decoding an arbitrary code gives no guarantee of a plausible "
        + "output; generation needs a model with a prior, such as the variational autoencoder (Kingma and Welling "
        + "2013).",
    "Section 2 says attention lets an autoencoder focus on the key information of its input. For reconstruction this "
        + "defeats the autoencoder: with attention the decoder can read every input position directly, so the task "
        + "becomes copying (the diagonal attention map of this chapter) and no compressed code has to be learned. The "
        + "bottleneck that makes an autoencoder learn features is exactly what attention removes.",
]

/// What is wrong with the article's reference list.
let articleReferenceErrors: [String] = [
    "Its one reference is Goodfellow et al. (2014) on generative adversarial networks, a model the article never "
        + "mentions. The paper appeared in the NeurIPS 2014 proceedings as 'Generative Adversarial Nets', pages "
        + "2672–2680, not pages 345–354.",
    "It cites none of the work it describes: autoencoders (Hinton and Salakhutdinov 2006; Baldi and Hornik 1989 for "
        + "the linear case and PCA), the LSTM (Hochreiter and Schmidhuber 1997), sequence-to-sequence learning "
        + "(Sutskever, Vinyals and Le 2014), additive attention, which its code attempts (Bahdanau, Cho and Bengio "
        + "2014), multiplicative attention (Luong, Pham and Manning 2015), and scaled dot-product attention, the "
        + "formula it states (Vaswani et al. 2017).",
]

/// The article's model counted as written (if it ran): decoder without context, attention with biases,
/// and the decoder (held again by the attention module) counted once.
func articleAsWrittenCount(vocabulary v: Int, embedding e: Int, hidden h: Int) -> Int {
    let encoder = v * e + lstmLayerParameters(input: e, hidden: h) + lstmLayerParameters(input: h, hidden: h)
    let decoder = v * e + lstmLayerParameters(input: e, hidden: h) + lstmLayerParameters(input: h, hidden: h) + h * v + v
    let attention = 2 * (h * h + h) + (h + 1)
    return encoder + decoder + attention
}

/// Parameters of one PyTorch `nn.LSTM` layer: 4·hidden·(input + hidden) weights and two biases of 4·hidden.
func lstmLayerParameters(input: Int, hidden: Int) -> Int { 4 * hidden * (input + hidden) + 8 * hidden }
