/// A diagram of labelled boxes and circles joined by arrows: architectures drawn from code.
///
/// Coordinates are pixels (x right, y down). Nodes are placed by their centres; an arrow runs
/// from one node's outline to another's, straight or through waypoints, and ends in a filled head.
///
/// ```swift
/// var diagram = Diagram(title: "A two-step computation", width: 400, height: 160)
/// diagram.node("x", "x", at: Point(60, 90), shape: .circle)
/// diagram.node("f", "f(x) = x^2", at: Point(300, 90))
/// diagram.arrow(from: "x", to: "f", label: "square")
/// try diagram.write(to: "/tmp/diagram.png")
/// ```
public struct Diagram: Figure, Sendable {
    /// The outline of a node.
    public enum Shape: Sendable, Equatable {
        /// A rectangle.
        case box
        /// A circle whose diameter is the node's width (operations such as ⊙ and +).
        case circle
        /// No outline: a label that arrows can start and end at.
        case plain
    }

    /// A labelled node.
    public struct Node: Sendable, Equatable {
        /// The name arrows refer to it by.
        public var id: String
        /// Its text, with `_` subscripts and `^` superscripts (see `ScriptedText`).
        public var label: String
        /// The centre in pixels.
        public var center: Point
        /// Width and height in pixels (a circle uses the width as its diameter).
        public var width: Double, height: Double
        /// The outline.
        public var shape: Shape
        /// The colour inside the outline.
        public var fill: RGB

        /// The rectangle the node occupies.
        public var frame: Rect {
            let h = shape == .circle ? width : height
            return Rect(x: center.x - width / 2, y: center.y - h / 2, width: width, height: h)
        }
    }

    /// An arrow between two nodes.
    public struct Arrow: Sendable, Equatable {
        /// The nodes it starts and ends at.
        public var from: String, to: String
        /// Points it passes through on the way, in order.
        public var via: [Point]
        /// Text beside its middle (empty for none).
        public var label: String
        /// The colour of line, head and label.
        public var color: RGB
        /// Whether the line is dashed.
        public var dashed: Bool
        /// A sideways shift in pixels (to the right of the direction of travel), so that two
        /// arrows between the same nodes run side by side.
        public var offset: Double
        /// Where along the path its label sits, from 0 (start) to 1 (end).
        public var labelPosition: Double
    }

    /// A free label.
    struct Note: Sendable, Equatable {
        var text: String, center: Point, color: RGB, font: Font
    }

    /// Title above the diagram (with `_` and `^` markup).
    public var title: String
    /// Figure width in pixels.
    public var width: Int
    /// Figure height in pixels.
    public var height: Int
    /// The font of node labels.
    public var font = Font(size: 13.5)
    private(set) var nodes: [Node] = []
    private(set) var arrows: [Arrow] = []
    private(set) var notes: [Note] = []

    /// An empty diagram; add nodes, arrows and notes.
    public init(title: String = "", width: Int = 800, height: Int = 500) {
        self.title = title; self.width = width; self.height = height
    }

    /// The default fill of boxes: a very light grey.
    public static let boxFill = RGB(243, 243, 243)

    /// Adds a node named `id` showing `label`, centred on `center`.
    public mutating func node(_ id: String, _ label: String, at center: Point, width: Double = 90, height: Double = 40,
                              shape: Shape = .box, fill: RGB = Diagram.boxFill) {
        nodes.append(Node(id: id, label: label, center: center, width: width, height: height, shape: shape, fill: fill))
    }

    /// Adds an arrow from node `from` to node `to`, through the points `via`.
    public mutating func arrow(from: String, to: String, via: [Point] = [], label: String = "", color: RGB = .ink,
                               dashed: Bool = false, offset: Double = 0, labelPosition: Double = 0.5) {
        arrows.append(Arrow(from: from, to: to, via: via, label: label, color: color, dashed: dashed, offset: offset,
                            labelPosition: labelPosition))
    }

    /// Adds a free label centred on `center` (with `_` and `^` markup).
    public mutating func note(_ text: String, at center: Point, color: RGB = .ink, font: Font = .tick) {
        notes.append(Note(text: text, center: center, color: color, font: font))
    }

    /// The node named `id`, if there is one.
    public func node(named id: String) -> Node? { nodes.first { $0.id == id } }

    /// The path each arrow is drawn along, from the outline of its start to the tip of its head.
    public func arrowPaths() throws -> [[Point]] {
        try validate()
        return arrows.map { arrow in
            DiagramRouting.path(from: node(named: arrow.from)!, to: node(named: arrow.to)!, via: arrow.via, offset: arrow.offset)
        }
    }

    /// Checks that node names are unique and every arrow names existing nodes.
    func validate() throws {
        var seen = Set<String>()
        for n in nodes where !seen.insert(n.id).inserted {
            throw PlotError.invalidInput(operation: "Diagram '\(title)'", reason: "two nodes are named '\(n.id)'")
        }
        for a in arrows {
            for end in [a.from, a.to] where !seen.contains(end) {
                throw PlotError.invalidInput(operation: "Diagram '\(title)'",
                                             reason: "an arrow refers to node '\(end)', which does not exist")
            }
        }
    }

    /// Draws the diagram: nodes, then arrows over their outlines' gaps, then labels on white.
    public func render() throws -> Canvas {
        let paths = try arrowPaths()
        var canvas = Canvas(width: width, height: height)
        if !title.isEmpty {
            ScriptedText(title).draw(centeredAt: Point(Double(width) / 2, 14 + Font.title.capHeight / 2), font: .title,
                                     color: .ink, on: &canvas)
        }
        for n in nodes { draw(n, on: &canvas) }
        for (arrow, path) in zip(arrows, paths) {
            DiagramRouting.draw(path, color: arrow.color, dashed: arrow.dashed, on: &canvas)
        }
        for (arrow, path) in zip(arrows, paths) where !arrow.label.isEmpty {
            drawLabel(arrow.label, at: DiagramRouting.point(along: path, at: arrow.labelPosition), color: arrow.color,
                      font: .tick, on: &canvas)
        }
        for note in notes { ScriptedText(note.text).draw(centeredAt: note.center, font: note.font, color: note.color, on: &canvas) }
        return canvas
    }

    /// Draws one node: fill, outline and label.
    func draw(_ n: Node, on canvas: inout Canvas) {
        let frame = n.frame
        switch n.shape {
        case .box:
            canvas.fill(frame, color: n.fill)
            canvas.stroke(frame, color: .ink, lineWidth: 1.5)
        case .circle:
            canvas.fillCircle(center: n.center, radius: n.width / 2, color: n.fill)
            canvas.strokeCircle(center: n.center, radius: n.width / 2, color: .ink, lineWidth: 1.5)
        case .plain:
            break
        }
        ScriptedText(n.label).draw(centeredAt: n.center, font: font, color: .ink, on: &canvas)
    }

    /// Draws an arrow's label centred on `point`, on a white patch so that lines under it do not cross the text.
    func drawLabel(_ text: String, at point: Point, color: RGB, font: Font, on canvas: inout Canvas) {
        let scripted = ScriptedText(text)
        let size = scripted.size(font: font)
        canvas.fill(Rect(x: point.x - size.width / 2 - 3, y: point.y - size.height / 2 - 2,
                         width: size.width + 6, height: size.height + 4), color: .white, opacity: 0.9)
        scripted.draw(centeredAt: point, font: font, color: color, on: &canvas)
    }
}
