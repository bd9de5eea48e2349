// Sections 4–5: reverse-mode differentiation on a tape, worked by hand, and how gradients accumulate.

import Foundation
import Notebook
import Plotting
import Tensors

func tapeSection(_ book: Notebook) {
    book.section("Gradients on a tape")
    book.prose("""
        Training needs the derivative of one number, the loss, with respect to every parameter. \
        Reverse-mode automatic differentiation gets all of them in one backward sweep. While the \
        forward computation runs, every operation is recorded on a tape: its inputs, its result, \
        and a small function, the pullback, that turns the gradient of the result into gradients \
        of the inputs by the chain rule. The backward pass starts from ∂L/∂L = 1 and visits the \
        tape in reverse order; each pullback multiplies the incoming gradient by its operation's \
        local derivative, and the pieces are added up at every node that was used more than once. \
        For tensors the local derivative is a Jacobian matrix, but no pullback ever builds it: \
        an element-wise operation multiplies element by element, a matrix product multiplies \
        by a transposed matrix (section 3), a sum copies the gradient back to every summand.
        """)
    book.prose("Take a function of two numbers whose gradient is easy to do by hand:")
    book.formula("""
        f(x, y) = tanh(x·y) + x²
        ∂f/∂x = y·(1 − tanh²(x·y)) + 2x
        ∂f/∂y = x·(1 − tanh²(x·y))
        """)
    let x0 = 0.5, y0 = -1.5
    // The tape, written out by hand in scalar arithmetic: forward values, then adjoints in reverse.
    let u = x0 * y0, v = Foundation.tanh(u), w = x0 * x0, f = v + w
    let fBar = 1.0
    let vBar = fBar, wBar = fBar
    let uBar = vBar * (1 - v * v)
    let xBar = uBar * y0 + wBar * 2 * x0
    let yBar = uBar * x0
    book.prose("At x = \(x0), y = \(y0), the tape holds four operations. Read the left column down, then the right column up:")
    book.code("""
        forward (recorded)                backward (in reverse)
        u = x·y     = \(signed(u, 6))          ū = v̄·(1 − v²)     = \(signed(uBar, 6))
        v = tanh(u) = \(signed(v, 6))          v̄ = f̄              = \(signed(vBar, 6))
        w = x²      = \(signed(w, 6))          w̄ = f̄              = \(signed(wBar, 6))
        f = v + w   = \(signed(f, 6))          f̄ = ∂f/∂f          = \(signed(fBar, 6))
        x̄ = ū·y + w̄·2x = \(signed(xBar, 6))     (x is used twice: by u and by w)
        ȳ = ū·x        = \(signed(yBar, 6))
        """)
    book.prose("""
        Figure tape-graph.png draws the same tape as a graph: a box per value, a solid arrow from each \
        operation's inputs to its result, and, dashed, the backward pass, each arrow labelled with the \
        local derivative its pullback multiplies the gradient by. Two dashed arrows end at x, and x̄ is \
        their sum.
        """)
    let values = TapeValues(x: x0, y: y0, u: u, v: v, w: w, f: f,
                            xBar: xBar, yBar: yBar, uBar: uBar, vBar: vBar, wBar: wBar, fBar: fBar)
    book.figure("tape-graph.png", caption: "the tape of f(x, y) = tanh(x·y) + x² at x = \(x0), y = \(y0), "
                + "forward values and backward gradients") { path in
        try tapeGraphDiagram(values).write(to: path)
    }
    let x = Tensor<Double>(scalar: x0, requiresGradient: true)
    let y = Tensor<Double>(scalar: y0, requiresGradient: true)
    let result = (x * y).tanh() + x.squared()
    result.backward()
    let tapeX = x.gradient!.scalar, tapeY = y.gradient!.scalar
    book.code("""
        let x = Tensor<Double>(scalar: \(x0), requiresGradient: true)
        let y = Tensor<Double>(scalar: \(y0), requiresGradient: true)
        let f = (x * y).tanh() + x.squared()
        f.backward()
        f = \(result.scalar),  hand: \(f)
        x.gradient = \(tapeX),  hand: \(xBar)
        y.gradient = \(tapeY),  hand: \(yBar)
        """)
    let relative = { (a: Double, b: Double) in abs(a - b) / max(abs(b), 1e-300) }
    book.prose("""
        The hand computation uses the system's tanh and the tape uses the library's, which may \
        round differently in the last place; the tolerance, 1e-13 relative, allows a few units \
        in the last place and nothing more.
        """)
    book.check("f: tape = hand", measured: relative(result.scalar, f), tolerance: 1e-13)
    book.check("∂f/∂x: tape = hand", measured: relative(tapeX, xBar), tolerance: 1e-13)
    book.check("∂f/∂y: tape = hand", measured: relative(tapeY, yBar), tolerance: 1e-13)
    book.prose("""
        Reverse mode is efficient because its cost does not grow with the number of inputs: one \
        forward pass and one backward pass give the gradient with respect to all parameters at \
        once, for a few times the cost of evaluating the loss. That is what makes training a \
        model with millions of parameters possible.
        """)
}

func accumulationSection(_ book: Notebook) {
    book.section("How gradients accumulate")
    book.prose("""
        In the example above x fed two operations, and its gradient was the sum of what came back \
        along both paths. The library implements this rule literally: a leaf tensor's gradient is \
        an accumulator, and every pullback that reaches it adds to it. Three consequences follow, \
        each checked below with x = [1, −2, 3].
        """)
    book.list([
        "A tensor used twice gets both contributions: for g = Σ x ⊙ x (x multiplied by itself) "
            + "the gradient is x + x = 2x = [2, −4, 6].",
        "Calling backward() twice without zeroing adds the gradient twice: [4, −8, 12]. This is "
            + "useful for accumulating gradients over several small batches, and a bug otherwise.",
        "zeroGradient() clears the accumulator; one more backward() gives [2, −4, 6] again. "
            + "Training loops therefore zero the gradients before every step.",
    ])
    let x = Tensor<Double>([1, -2, 3], requiresGradient: true)
    let g = (x * x).sum()
    g.backward()
    let once = x.gradient!
    book.check("x used twice: 2x = [2, −4, 6]",
               measured: largestDifference(once, Tensor([2, -4, 6])), tolerance: 0)
    g.backward()
    book.check("backward twice: [4, −8, 12]",
               measured: largestDifference(x.gradient!, Tensor([4, -8, 12])), tolerance: 0)
    x.zeroGradient()
    g.backward()
    book.check("zeroGradient, backward: [2, −4, 6]",
               measured: largestDifference(x.gradient!, Tensor([2, -4, 6])), tolerance: 0)
}
