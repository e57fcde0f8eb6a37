extension Axes {
    /// The data ranges of the surfaces and 3-D lines.
    var ranges3D: (x: ClosedRange<Double>, y: ClosedRange<Double>, z: ClosedRange<Double>) {
        var xs: [Double] = []
        var ys: [Double] = []
        var zs: [Double] = []
        for s in surfaces {
            xs += s.x
            ys += s.y
            zs += s.z.joined()
        }
        for line in lines3D {
            xs += line.x
            ys += line.y
            zs += line.z
        }
        func range(_ values: [Double], _ limits: ClosedRange<Double>?) -> ClosedRange<Double> {
            let finite = values.filter(\.isFinite)
            let interval = viewInterval(limits: limits, data: [], sticky: finite, margin: 0)
            return interval.lower...interval.upper
        }
        return (range(xs, xLimits), range(ys, yLimits), range(zs, nil))
    }

    /// Draws these axes as a 3-D plot inside `rect`.
    func draw3D(in rect: Rect, canvas: CairoCanvas, style: Style) {
        let ranges = ranges3D
        var projection = Projection(x: ranges.x, y: ranges.y, z: ranges.z, view: view)
        canvas.setFont(size: style.titleFontSize)
        let top = title == nil ? style.outerPad : style.outerPad + canvas.lineHeight + style.titlePad
        var region = Rect(x: rect.minX + style.outerPad, y: rect.minY + top,
                          width: rect.width - 2 * style.outerPad, height: rect.height - top - style.outerPad)
        var colorbar: ColorbarLayout?
        if let request = colorbarRequest, let scale = lastColorScale {
            let height = region.height * 0.7
            let plan = ColorbarLayout.plan(scale: scale, label: request.label, height: height, canvas: canvas,
                                           style: style)
            region.width -= plan.width
            colorbar = ColorbarLayout(bar: Rect(x: region.maxX + style.colorbarPad - plan.barWidth,
                                                y: region.midY - height / 2, width: plan.barWidth, height: height),
                                      scale: scale, positions: plan.positions, labels: plan.labels, label: request.label)
        }
        // Fit the box, then shrink and move it until its tick labels and axis labels fit too.
        projection.fit(in: region, margin: 2)
        var box = Box3D(projection: projection)
        var ticks: [AxisTicks] = []
        var decorations: [Decoration3D] = []
        for _ in 0..<4 {
            box = Box3D(projection: projection)
            ticks = (0..<3).map { ticks3D(box, axis: $0, canvas: canvas, style: style) }
            decorations = withoutCollisions((0..<3).flatMap {
                axisDecorations(box, axis: $0, ticks: ticks[$0], canvas: canvas, style: style)
            })
            let corners = projection.corners.map(projection.point)
            var bounds = Rect(x: corners.map(\.x).min() ?? 0, y: corners.map(\.y).min() ?? 0, width: 0, height: 0)
            bounds.width = (corners.map(\.x).max() ?? 0) - bounds.x
            bounds.height = (corners.map(\.y).max() ?? 0) - bounds.y
            let boxBounds = bounds
            for decoration in decorations { bounds = bounds.union(decoration.box) }
            let extra = (width: bounds.width - boxBounds.width, height: bounds.height - boxBounds.height)
            let factor = min((region.width - extra.width) / max(boxBounds.width, 1),
                             (region.height - extra.height) / max(boxBounds.height, 1))
            let fits = abs(factor - 1) < 0.01 && abs(bounds.midX - region.midX) < 1 && abs(bounds.midY - region.midY) < 1
            if fits { break }
            projection.scale *= max(0.1, factor)
            // Scaling about the box centre moves the content's middle; shift it back.
            let newMid = Point(x: projection.center.x + (bounds.midX - projection.center.x) * factor,
                               y: projection.center.y + (bounds.midY - projection.center.y) * factor)
            projection.center = Point(x: projection.center.x + region.midX - newMid.x,
                                      y: projection.center.y + region.midY - newMid.y)
        }

        drawPanes(box, ticks: ticks, canvas: canvas, style: style)
        paint(depthSortedPrimitives(surfaces: surfaces, lines: lines3D, projection: projection), canvas: canvas)
        for axis in 0..<3 {
            let r = box.range(axis)
            canvas.strokeLine(from: box.point(box.axisPoint(axis, r.lowerBound)),
                              to: box.point(box.axisPoint(axis, r.upperBound)), color: style.frameColor, width: 1)
        }
        for decoration in decorations { decoration.draw(canvas: canvas, style: style) }
        if let title {
            canvas.setFont(size: style.titleFontSize)
            canvas.drawText(title, at: Point(x: rect.midX, y: rect.minY + style.outerPad),
                            horizontal: .center, vertical: .top, color: style.textColor)
        }
        colorbar?.draw(canvas: canvas, style: style)
        drawLegend(in: region, obstacles: LegendObstacles(), canvas: canvas, style: style)
    }

    /// About five nicely spaced ticks for `axis` whose labels do not collide along its edge.
    private func ticks3D(_ box: Box3D, axis: Int, canvas: CairoCanvas, style: Style) -> AxisTicks {
        let r = box.range(axis)
        canvas.setFont(size: style.tickFontSize)
        let textHeight = canvas.capHeight
        let a = box.point(box.axisPoint(axis, r.lowerBound))
        let b = box.point(box.axisPoint(axis, r.upperBound))
        let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
        let direction = length > 0 ? (x: abs(b.x - a.x) / length, y: abs(b.y - a.y) / length) : (x: 1.0, y: 0.0)
        let values = ExtendedTicks.ticks(lower: r.lowerBound, upper: r.upperBound,
                                         target: max(3, min(6, Int(length / 45))), within: r) { values in
            guard values.count >= 2 else { return true }
            let labels = formatTickLabels(values)
            let spacing = length * (values[1] - values[0]) / (r.upperBound - r.lowerBound)
            let widest = labels.map(canvas.textWidth).max() ?? 0
            return spacing >= direction.x * widest + direction.y * textHeight + style.tickLabelGap / 2
        }
        return AxisTicks(values: values, labels: formatTickLabels(values))
    }

    private func drawPanes(_ box: Box3D, ticks: [AxisTicks], canvas: CairoCanvas, style: Style) {
        for (index, pane) in box.panes.enumerated() {
            canvas.addPolygon(pane.map(box.point))
            canvas.setColor(style.paneColor)
            canvas.fillPreserve()
            canvas.setColor(style.paneEdgeColor)
            canvas.setLineWidth(0.8)
            canvas.stroke()
            // Grid lines at the ticks of the two axes lying in this pane, across the third.
            let fixed = [box.back.x, box.back.y, box.back.z][index]
            for axis in 0..<3 where axis != index {
                let other = 3 - index - axis
                let span = box.range(other)
                for value in ticks[axis].values {
                    var a = [0.0, 0, 0]
                    var b = [0.0, 0, 0]
                    (a[index], b[index]) = (fixed, fixed)
                    (a[axis], b[axis]) = (value, value)
                    (a[other], b[other]) = (span.lowerBound, span.upperBound)
                    canvas.strokeLine(from: box.point((a[0], a[1], a[2])), to: box.point((b[0], b[1], b[2])),
                                      color: style.gridColor, width: 0.8)
                }
            }
        }
    }

    /// The tick marks, tick labels and axis label of `axis`, placed outside the box.
    private func axisDecorations(_ box: Box3D, axis: Int, ticks: AxisTicks, canvas: CairoCanvas,
                                 style: Style) -> [Decoration3D] {
        let r = box.range(axis)
        let n = box.outward(axis)
        var result: [Decoration3D] = []
        canvas.setFont(size: style.tickFontSize)
        let textHeight = canvas.capHeight
        var farthest = style.tickLength
        for (value, label) in zip(ticks.values, ticks.labels) {
            let p = box.point(box.axisPoint(axis, value))
            result.append(.tick(p, Point(x: p.x + n.x * style.tickLength, y: p.y + n.y * style.tickLength)))
            let width = canvas.textWidth(label)
            // Centre the label so that its box just clears the tick in the outward direction.
            let reach = abs(n.x) * width / 2 + abs(n.y) * textHeight / 2
            let distance = style.tickLength + style.tickLabelPad + reach
            let centre = Point(x: p.x + n.x * distance, y: p.y + n.y * distance)
            result.append(.text(label, centre, size: style.tickFontSize, angle: 0,
                                box: Rect(x: centre.x - width / 2, y: centre.y - textHeight / 2,
                                          width: width, height: textHeight)))
            farthest = max(farthest, distance + reach)
        }
        guard let label = [xLabel, yLabel, zLabel][axis] else { return result }
        canvas.setFont(size: style.labelFontSize)
        let middle = box.point(box.axisPoint(axis, (r.lowerBound + r.upperBound) / 2))
        let width = canvas.textWidth(label)
        let height = canvas.lineHeight
        // The z label reads upwards; the others lie flat.
        let (w, h) = axis == 2 ? (height, width) : (width, height)
        let distance = farthest + style.axisLabelPad + abs(n.x) * w / 2 + abs(n.y) * h / 2
        let centre = Point(x: middle.x + n.x * distance, y: middle.y + n.y * distance)
        result.append(.text(label, centre, size: style.labelFontSize, angle: axis == 2 ? Double.pi / 2 : 0,
                            box: Rect(x: centre.x - w / 2, y: centre.y - h / 2, width: w, height: h)))
        return result
    }
}

/// The decorations without the texts that would overlap a text placed before them, such as
/// the labels of two axes meeting at the front corner of the box.
func withoutCollisions(_ decorations: [Decoration3D]) -> [Decoration3D] {
    var placed: [Rect] = []
    return decorations.filter { decoration in
        guard case .text = decoration else { return true }
        let box = decoration.box.insetBy(-2)
        if placed.contains(where: { $0.intersects(box) }) { return false }
        placed.append(box)
        return true
    }
}

/// A tick mark or a text around the box of a 3-D plot.
enum Decoration3D {
    case tick(Point, Point)
    /// A text centred on a point, with its font size, rotation and the box it covers.
    case text(String, Point, size: Double, angle: Double, box: Rect)

    /// The area the decoration covers on the figure.
    var box: Rect {
        switch self {
        case .tick(let a, let b): Rect(x: min(a.x, b.x), y: min(a.y, b.y), width: abs(b.x - a.x), height: abs(b.y - a.y))
        case .text(_, _, _, _, let box): box
        }
    }

    func draw(canvas: CairoCanvas, style: Style) {
        switch self {
        case .tick(let a, let b):
            canvas.strokeLine(from: a, to: b, color: style.frameColor, width: style.tickWidth)
        case .text(let text, let centre, let size, let angle, _):
            canvas.setFont(size: size)
            canvas.drawText(text, at: centre, horizontal: .center, vertical: .center, angle: angle,
                            color: style.textColor)
        }
    }
}
