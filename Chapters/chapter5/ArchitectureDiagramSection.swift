// Section of chapter 5 after the corrected model's equations: the model drawn as a diagram.

import Notebook
import Plotting

/// Draws the corrected encoder–decoder with attention and names the figure in the text.
func architectureDiagramSection(_ book: Notebook) {
    book.section("The corrected model in one picture")
    book.prose("""
    Figure seq2seq-attention.png draws one decoder step of the corrected model. The encoder's outputs \
    h₁ … h_S are used twice: as the keys that, together with the query sₜ₋₁ (the decoder's previous \
    top-layer state), feed the scores eₜⱼ, and as the values that the weights αₜ average into the \
    context cₜ. The context enters the decoder twice: beside the previous token's embedding in the LSTM's \
    input, and beside the new state sₜ in the output layer's input. The encoder's final state (h and c \
    of both layers) is the decoder's initial state. Without attention, only that last arrow remains.
    """)
    book.figure("seq2seq-attention.png", caption: "the encoder–decoder with additive attention, one decoder step") { path in
        try seq2seqAttentionDiagram().write(to: path)
    }
}

/// The encoder–decoder with attention: which states feed the scores, where the context enters.
func seq2seqAttentionDiagram() -> Diagram {
    var d = Diagram(title: "Encoder–decoder with additive attention: decoder step t", width: 960, height: 610)
    let encoderFill = RGB(222, 235, 250), decoderFill = RGB(255, 240, 200), attentionFill = RGB(228, 244, 228)
    let accent = RGB(31, 119, 180)
    // The encoder: source tokens, embedded and read by the LSTM into one output per position.
    let columns: [Double] = [90, 210, 330, 450]
    for (j, x) in columns.enumerated() {
        let name = j == columns.count - 1 ? "S" : "\(j + 1)"
        d.node("x\(j)", "x_\(name)", at: Point(x, 535), width: 60, height: 34)
        d.node("h\(j)", "h_\(name)", at: Point(x, 420), width: 80, height: 44, fill: encoderFill)
        d.arrow(from: "x\(j)", to: "h\(j)")
        d.arrow(from: "h\(j)", to: "scores")
        if j > 0 { d.arrow(from: "h\(j - 1)", to: "h\(j)") }
    }
    d.note("embed", at: Point(90 + 24, 478))
    d.note("keys h_j", at: Point(450 + 36, 330), color: accent)
    // Attention: scores from every key and the query, a softmax over j, the weighted sum of the values.
    d.node("scores", "scores e_{tj} = v^T tanh(W s_{t−1} + U h_j)", at: Point(270, 250), width: 440, height: 50,
           fill: attentionFill)
    d.node("softmax", "weights α_t = softmax over j of e_{tj}", at: Point(270, 160), width: 360, height: 44,
           fill: attentionFill)
    d.node("context", "context c_t = Σ_j α_{tj} h_j", at: Point(300, 75), width: 280, height: 44, fill: attentionFill)
    d.arrow(from: "scores", to: "softmax")
    d.arrow(from: "softmax", to: "context")
    d.arrow(from: "h0", to: "context", via: [Point(25, 420), Point(25, 75)], label: "values h_1 … h_S",
            color: accent, labelPosition: 0.86)
    // The decoder: the previous token's embedding and the context into the LSTM; state and context into the output.
    d.node("lstm", "decoder LSTM\ns_{t−1} → s_t", at: Point(780, 420), width: 150, height: 60, fill: decoderFill)
    d.node("inputJoin", "⊕", at: Point(780, 520), width: 30, shape: .circle, fill: .white)
    d.node("previous", "embed(y_{t−1})", at: Point(895, 520), width: 110, height: 34)
    d.node("outputJoin", "⊕", at: Point(780, 260), width: 30, shape: .circle, fill: .white)
    d.node("output", "Linear, softmax", at: Point(780, 170), width: 150, height: 40, fill: decoderFill)
    d.node("prediction", "p(y_t | y_{<t}, x)", at: Point(780, 80), width: 150, height: 30, shape: .plain)
    d.arrow(from: "previous", to: "inputJoin")
    d.arrow(from: "inputJoin", to: "lstm")
    d.arrow(from: "lstm", to: "outputJoin", label: "s_t", labelPosition: 0.45)
    d.arrow(from: "outputJoin", to: "output")
    d.arrow(from: "output", to: "prediction")
    d.arrow(from: "context", to: "outputJoin", via: [Point(620, 75), Point(620, 260)], label: "c_t", color: accent,
            labelPosition: 0.8)
    d.arrow(from: "context", to: "inputJoin", via: [Point(620, 75), Point(620, 520)], label: "c_t", color: accent,
            labelPosition: 0.9)
    // The query leaves the decoder's state; the encoder's final state starts the decoder. Zero-size
    // plain nodes on the boxes' edges let these arrows leave and arrive at chosen heights.
    d.node("queryStart", "", at: Point(705, 402), width: 0, height: 0, shape: .plain)
    d.node("finalState", "", at: Point(490, 438), width: 0, height: 0, shape: .plain)
    d.node("initialState", "", at: Point(703, 438), width: 0, height: 0, shape: .plain)
    d.arrow(from: "queryStart", to: "scores", via: [Point(540, 402), Point(540, 250)], label: "query s_{t−1}",
            color: accent, labelPosition: 0.12)
    d.arrow(from: "finalState", to: "initialState", label: "initial state (h, c)", dashed: true, labelPosition: 0.3)
    d.note("encoder", at: Point(270, 585), font: Font(size: 14))
    d.note("decoder", at: Point(780, 585), font: Font(size: 14))
    d.note("⊕: concatenation", at: Point(895, 470))
    return d
}
