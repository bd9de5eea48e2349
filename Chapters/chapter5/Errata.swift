// The errors in the source article's code, named by class and method, with what the corrected model
// does instead. (The article's code itself is not reproduced.)

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
