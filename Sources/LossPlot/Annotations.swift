internal import Foundation

/// How a text is placed horizontally relative to the point it is attached to.
public enum TextAlignment: Sendable, Hashable {
    /// The text starts at the point.
    case left
    /// The text is centred on the point.
    case center
    /// The text ends at the point.
    case right
}

extension Axes {
    /// Draws a line across the whole plot area at `x`, such as a threshold or a target value.
    ///
    /// - Parameters:
    ///   - x: Where the line crosses the horizontal axis, in data units.
    ///   - label: A short text drawn beside the top of the line, or nil for none.
    ///   - color: The colour of the line and its label.
    ///   - lineStyle: Dashed by default, to set it apart from the data.
    ///   - lineWidth: The width in points.
    public func verticalLine(at x: Double, label: String? = nil, color: Color = .gray,
                             lineStyle: LineStyle = .dashed, lineWidth: Double = 1.5) {
        precondition(x.isFinite, "verticalLine needs a finite position, but got \(x).")
        add(ReferenceLine(isVertical: true, value: x, label: label, color: color, lineStyle: lineStyle,
                          lineWidth: lineWidth))
    }

    /// Draws a line across the whole plot area at `y`, such as zero loss or a baseline.
    ///
    /// - Parameters:
    ///   - y: Where the line crosses the vertical axis, in data units.
    ///   - label: A short text drawn above the right end of the line, or nil for none.
    ///   - color: The colour of the line and its label.
    ///   - lineStyle: Dashed by default, to set it apart from the data.
    ///   - lineWidth: The width in points.
    public func horizontalLine(at y: Double, label: String? = nil, color: Color = .gray,
                               lineStyle: LineStyle = .dashed, lineWidth: Double = 1.5) {
        precondition(y.isFinite, "horizontalLine needs a finite position, but got \(y).")
        add(ReferenceLine(isVertical: false, value: y, label: label, color: color, lineStyle: lineStyle,
                          lineWidth: lineWidth))
    }

    /// Writes `text` at a point given in data coordinates, vertically centred on it.
    ///
    /// - Parameters:
    ///   - text: One line of text; any Unicode the DejaVu Sans font has (γ, δ, ŷ, σ², −).
    ///   - point: Where the text goes, in data units.
    ///   - alignment: Whether the text starts at, is centred on, or ends at the point.
    ///   - color: The text colour.
    ///   - fontSize: The size in points.
    public func text(_ text: String, at point: (x: Double, y: Double), alignment: TextAlignment = .left,
                     color: Color = Color(hex: 0x222222), fontSize: Double = 12) {
        add(Annotation(text: text, point: point, textPoint: nil, alignment: alignment, color: color,
                       fontSize: fontSize))
    }

    /// Writes `text` centred at `textAt` with an arrow pointing from it to `point`, both in data
    /// coordinates: to name a minimum, a kink or a crossing.
    ///
    /// ```swift
    /// figure.axes.annotate("kink at |r| = δ", at: (x: 1, y: 0.5), textAt: (x: 2, y: 2))
    /// ```
    ///
    /// - Parameters:
    ///   - text: One line of text.
    ///   - point: What the arrow points at.
    ///   - textAt: Where the text is centred.
    ///   - color: The colour of the text and the arrow.
    ///   - fontSize: The size in points.
    public func annotate(_ text: String, at point: (x: Double, y: Double), textAt: (x: Double, y: Double),
                         color: Color = Color(hex: 0x222222), fontSize: Double = 12) {
        add(Annotation(text: text, point: point, textPoint: textAt, alignment: .center, color: color,
                       fontSize: fontSize))
    }
}

/// A line across the plot area, added with ``Axes/verticalLine(at:label:color:lineStyle:lineWidth:)``
/// or ``Axes/horizontalLine(at:label:color:lineStyle:lineWidth:)``.
struct ReferenceLine {
    var isVertical: Bool
    var value: Double
    var label: String?
    var color: Color
    var lineStyle: LineStyle
    var lineWidth: Double

    /// The line's ends on the figure, or nil when it lies outside the view.
    func segment(_ layout: AxesLayout) -> (Point, Point)? {
        let area = layout.plotArea
        if isVertical {
            let x = layout.xMapping(value)
            guard x.isFinite, x >= area.minX - 0.5, x <= area.maxX + 0.5 else { return nil }
            return (Point(x: x, y: area.minY), Point(x: x, y: area.maxY))
        }
        let y = layout.yMapping(value)
        guard y.isFinite, y >= area.minY - 0.5, y <= area.maxY + 0.5 else { return nil }
        return (Point(x: area.minX, y: y), Point(x: area.maxX, y: y))
    }

    /// Where the label is drawn, as the anchor and alignment for ``CairoCanvas/drawText``, and
    /// the box it covers.
    func labelPlacement(_ layout: AxesLayout, canvas: CairoCanvas, style: Style)
        -> (anchor: Point, alignment: HorizontalAlignment, box: Rect)? {
        guard let label, let (start, _) = segment(layout) else { return nil }
        let area = layout.plotArea
        canvas.setFont(size: style.tickFontSize)
        let width = canvas.textWidth(label)
        let height = canvas.capHeight
        let gap = 4.0
        if isVertical {
            let fitsRight = start.x + gap + width <= area.maxX - gap
            let anchor = Point(x: start.x + (fitsRight ? gap : -gap), y: area.minY + gap + height / 2 + 2)
            let left = fitsRight ? anchor.x : anchor.x - width
            return (anchor, fitsRight ? .left : .right,
                    Rect(x: left, y: anchor.y - height / 2, width: width, height: height))
        }
        let above = start.y - gap - height >= area.minY + gap
        let anchor = Point(x: area.maxX - gap - 2, y: above ? start.y - gap - height / 2 : start.y + gap + height / 2)
        return (anchor, .right, Rect(x: anchor.x - width, y: anchor.y - height / 2, width: width, height: height))
    }

    func draw(_ layout: AxesLayout, canvas: CairoCanvas, style: Style) {
        guard let (start, end) = segment(layout) else { return }
        let snap = { (v: Double) in canvas.snap(v, lineWidth: lineWidth) }
        let a = isVertical ? Point(x: snap(start.x), y: start.y) : Point(x: start.x, y: snap(start.y))
        let b = isVertical ? Point(x: snap(end.x), y: end.y) : Point(x: end.x, y: snap(end.y))
        canvas.setDash(lineStyle.dashPattern(lineWidth: lineWidth))
        canvas.strokeLine(from: a, to: b, color: color, width: lineWidth)
        canvas.setDash([])
        guard let label, let placement = labelPlacement(layout, canvas: canvas, style: style) else { return }
        canvas.fill(placement.box.insetBy(-2), with: style.background.withAlpha(0.8))
        canvas.drawText(label, at: placement.anchor, horizontal: placement.alignment, vertical: .center,
                        color: color.darkened)
    }
}

/// A text, with or without an arrow, added with ``Axes/text(_:at:alignment:color:fontSize:)`` or
/// ``Axes/annotate(_:at:textAt:color:fontSize:)``.
struct Annotation {
    var text: String
    /// The point the text is attached to, or that the arrow points at.
    var point: (x: Double, y: Double)
    /// Where the text is centred when it has an arrow.
    var textPoint: (x: Double, y: Double)?
    var alignment: TextAlignment
    var color: Color
    var fontSize: Double

    /// Where the text's anchor lands on the figure and the box the text covers.
    func textBox(_ layout: AxesLayout, canvas: CairoCanvas) -> (anchor: Point, box: Rect)? {
        let position = textPoint ?? point
        let anchor = layout.point(position.x, position.y)
        guard anchor.x.isFinite, anchor.y.isFinite else { return nil }
        canvas.setFont(size: fontSize)
        let width = canvas.textWidth(text)
        let height = canvas.capHeight
        let left: Double
        switch alignment {
        case .left: left = anchor.x
        case .center: left = anchor.x - width / 2
        case .right: left = anchor.x - width
        }
        return (anchor, Rect(x: left, y: anchor.y - height / 2, width: width, height: height))
    }

    func draw(_ layout: AxesLayout, canvas: CairoCanvas) {
        guard let (anchor, box) = textBox(layout, canvas: canvas) else { return }
        if textPoint != nil {
            let target = layout.point(point.x, point.y)
            if target.x.isFinite && target.y.isFinite {
                drawArrow(from: box, to: target, canvas: canvas)
            }
        }
        canvas.setFont(size: fontSize)
        let horizontal: HorizontalAlignment = alignment == .left ? .left : alignment == .center ? .center : .right
        canvas.drawText(text, at: anchor, horizontal: horizontal, vertical: .center, color: color)
    }

    /// An arrow from the edge of the text's box (plus a small gap) to just short of `target`.
    private func drawArrow(from box: Rect, to target: Point, canvas: CairoCanvas) {
        let centre = Point(x: box.midX, y: box.midY)
        let dx = target.x - centre.x
        let dy = target.y - centre.y
        let distance = (dx * dx + dy * dy).squareRoot()
        guard distance > 1 else { return }
        let ux = dx / distance
        let uy = dy / distance
        // Leave the box where the ray from its centre crosses its edge, padded by 4 points.
        let halfW = box.width / 2 + 4
        let halfH = box.height / 2 + 4
        let exit = min(abs(ux) > 1e-9 ? halfW / abs(ux) : .infinity, abs(uy) > 1e-9 ? halfH / abs(uy) : .infinity)
        let shrink = 3.0
        guard distance - exit - shrink > 4 else { return }
        let start = Point(x: centre.x + ux * exit, y: centre.y + uy * exit)
        let tip = Point(x: target.x - ux * shrink, y: target.y - uy * shrink)
        let headLength = 9.0
        let headHalfWidth = 3.5
        let base = Point(x: tip.x - ux * headLength, y: tip.y - uy * headLength)
        canvas.setDash([])
        canvas.strokeLine(from: start, to: base, color: color, width: 1.2)
        canvas.addPolygon([tip, Point(x: base.x - uy * headHalfWidth, y: base.y + ux * headHalfWidth),
                           Point(x: base.x + uy * headHalfWidth, y: base.y - ux * headHalfWidth)])
        canvas.setColor(color)
        canvas.fill()
    }
}
