// The figure of section 4 of chapter 1: the tape of f(x, y) = tanh(x·y) + x² drawn as a graph.

import Notebook
import Plotting

/// The values and adjoints of the tape at one point, as the section computes them by hand.
struct TapeValues {
    var x: Double, y: Double, u: Double, v: Double, w: Double, f: Double
    var xBar: Double, yBar: Double, uBar: Double, vBar: Double, wBar: Double, fBar: Double
}

/// The tape as a graph: one box per value, solid arrows for the forward pass, dashed red arrows
/// (labelled with the factor each pullback multiplies by) for the backward pass.
func tapeGraphDiagram(_ t: TapeValues) -> Diagram {
    var diagram = Diagram(title: "The tape of f(x, y) = tanh(x·y) + x^2: forward values, backward gradients",
                          width: 860, height: 400)
    let backward = RGB(200, 40, 40)
    let boxes: [(id: String, label: String, value: Double, bar: String, adjoint: Double, at: Point)] = [
        ("x", "x", t.x, "x\u{0304}", t.xBar, Point(90, 130)),
        ("y", "y", t.y, "y\u{0304}", t.yBar, Point(90, 300)),
        ("w", "w = x^2", t.w, "w\u{0304}", t.wBar, Point(330, 130)),
        ("u", "u = x·y", t.u, "u\u{0304}", t.uBar, Point(330, 300)),
        ("v", "v = tanh(u)", t.v, "v\u{0304}", t.vBar, Point(560, 300)),
        ("f", "f = v + w", t.f, "f\u{0304}", t.fBar, Point(770, 215)),
    ]
    for box in boxes {
        diagram.node(box.id, "\(box.label)\n\(signed(box.value, 4))", at: box.at, width: 130, height: 50)
        diagram.note("\(box.bar) = \(signed(box.adjoint, 4))", at: Point(box.at.x, box.at.y + 42), color: backward)
    }
    // Forward: each operation reads its inputs.
    for (from, to) in [("x", "w"), ("x", "u"), ("y", "u"), ("u", "v"), ("v", "f"), ("w", "f")] {
        diagram.arrow(from: from, to: to, offset: -5)
    }
    // Backward: each pullback multiplies the incoming gradient by its local derivative.
    for (from, to, factor) in [("f", "v", "×1"), ("f", "w", "×1"), ("v", "u", "×(1 − v^2)"),
                               ("u", "x", "×y"), ("u", "y", "×x"), ("w", "x", "×2x")] {
        diagram.arrow(from: from, to: to, label: factor, color: backward, dashed: true, offset: -5)
    }
    diagram.note("solid: forward pass (values)    dashed: backward pass (gradient × local derivative)",
                 at: Point(430, 385))
    diagram.note("x̄ adds what comes back along both of its arrows", at: Point(215, 80), color: backward)
    return diagram
}
