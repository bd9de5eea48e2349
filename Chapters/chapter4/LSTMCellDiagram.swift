// The figure of section 2 of chapter 4: one LSTM cell with its four gates.

import Plotting

/// The LSTM cell as a diagram: the cell state along the top, the four gates along the bottom, all
/// fed by the input and the previous hidden state, and the element-wise products between them.
func lstmCellDiagram() -> Diagram {
    var d = Diagram(title: "One LSTM step: four gates, the cell state c and the hidden state h", width: 900, height: 500)
    let gateFill = RGB(255, 240, 200), operationFill = RGB.white
    // The cell state runs along the top, changed only by ⊙ and +.
    d.node("cPrevious", "c_{t−1}", at: Point(50, 95), width: 60, height: 30, shape: .plain)
    d.node("forget", "⊙", at: Point(290, 95), width: 30, shape: .circle, fill: operationFill)
    d.node("add", "+", at: Point(470, 95), width: 30, shape: .circle, fill: operationFill)
    d.node("c", "c_t", at: Point(855, 95), width: 50, height: 30, shape: .plain)
    // The four gates (stored in PyTorch's order i, f, g, o; drawn with f under the product it controls).
    let gates = [("f", "forget gate f\nσ", 290.0), ("i", "input gate i\nσ", 410.0),
                 ("g", "candidate g\ntanh", 530.0), ("o", "output gate o\nσ", 680.0)]
    for (id, label, x) in gates { d.node(id, label, at: Point(x, 335), width: 110, height: 48, fill: gateFill) }
    d.node("write", "⊙", at: Point(470, 215), width: 30, shape: .circle, fill: operationFill)
    d.node("squash", "tanh", at: Point(680, 155), width: 60, height: 30, fill: operationFill)
    d.node("show", "⊙", at: Point(680, 245), width: 30, shape: .circle, fill: operationFill)
    d.node("h", "h_t", at: Point(855, 245), width: 50, height: 30, shape: .plain)
    d.node("input", "x_t and h_{t−1}", at: Point(95, 430), width: 130, height: 40)

    // Every gate reads x_t and h_{t−1}, along one bus.
    for (id, _, x) in gates { d.arrow(from: "input", to: id, via: [Point(x, 430)]) }
    // c_t = f ⊙ c_{t−1} + i ⊙ g
    d.arrow(from: "cPrevious", to: "forget")
    d.arrow(from: "f", to: "forget")
    d.arrow(from: "forget", to: "add")
    d.arrow(from: "i", to: "write", via: [Point(410, 215)])
    d.arrow(from: "g", to: "write", via: [Point(530, 215)])
    d.arrow(from: "write", to: "add", label: "i ⊙ g", labelPosition: 0.45)
    d.arrow(from: "add", to: "c")
    // h_t = o ⊙ tanh(c_t)
    d.arrow(from: "add", to: "squash", via: [Point(680, 95)])
    d.arrow(from: "squash", to: "show")
    d.arrow(from: "o", to: "show")
    d.arrow(from: "show", to: "h")
    d.note("c_t = f ⊙ c_{t−1} + i ⊙ g", at: Point(790, 130))
    d.note("h_t = o ⊙ tanh(c_t)", at: Point(790, 280))
    d.note("gate k of i, f, g, o: σ or tanh of W_{ik} x_t + b_{ik} + W_{hk} h_{t−1} + b_{hk}", at: Point(500, 470))
    d.note("⊙: element-wise product", at: Point(150, 200))
    return d
}
