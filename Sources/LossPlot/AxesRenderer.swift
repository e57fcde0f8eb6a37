extension Axes {
    /// Draws the axes, their data and decorations inside `rect` of the figure.
    func draw(in rect: Rect, canvas: CairoCanvas, style: Style) {
        let layout = layout(in: rect, canvas: canvas, style: style)
        if showGrid { drawGrid(layout, canvas: canvas, style: style) }
        canvas.save()
        canvas.clip(to: layout.plotArea)
        for line in series { drawLine(line, layout: layout, canvas: canvas) }
        canvas.restore()
        drawFrame(layout, canvas: canvas, style: style)
        drawTicks(layout, canvas: canvas, style: style)
        drawTexts(layout, in: rect, canvas: canvas, style: style)
        let labelled = series.filter { $0.label != nil }
        if !labelled.isEmpty {
            drawLegend(labelled, in: layout.plotArea, canvas: canvas, style: style)
        }
    }

    private func drawGrid(_ layout: AxesLayout, canvas: CairoCanvas, style: Style) {
        let area = layout.plotArea
        for value in layout.xTicks.values {
            let x = canvas.snap(layout.xScale(value), lineWidth: style.gridWidth)
            canvas.strokeLine(from: Point(x: x, y: area.minY), to: Point(x: x, y: area.maxY),
                              color: style.gridColor, width: style.gridWidth)
        }
        for value in layout.yTicks.values {
            let y = canvas.snap(layout.yScale(value), lineWidth: style.gridWidth)
            canvas.strokeLine(from: Point(x: area.minX, y: y), to: Point(x: area.maxX, y: y),
                              color: style.gridColor, width: style.gridWidth)
        }
    }

    /// Strokes one series, breaking the line at non-finite points and drawing lone points as dots.
    private func drawLine(_ line: LineSeries, layout: AxesLayout, canvas: CairoCanvas) {
        // Segments are clipped to a generous margin around the plot area in Swift, so that
        // far-away points never reach Cairo; Cairo's own clip then trims them exactly.
        let bounds = layout.plotArea.insetBy(-(4 * line.lineWidth + 10))
        canvas.setColor(line.color)
        canvas.setLineWidth(line.lineWidth)
        canvas.setDash(line.dashPattern)
        for run in line.finiteRuns {
            let points = run.map { layout.point($0.x, $0.y) }
            if points.count == 1 {
                if let only = points.first, only.x.isFinite, only.y.isFinite,
                   clipSegment(only, only, to: bounds) != nil {
                    canvas.addCircle(center: only, radius: line.lineWidth * 1.5)
                    canvas.fill()
                }
                continue
            }
            var pen: Point?
            for (a, b) in zip(points, points.dropFirst()) {
                guard a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite,
                      let (start, end) = clipSegment(a, b, to: bounds) else {
                    pen = nil
                    continue
                }
                if pen != start { canvas.moveTo(start) }
                canvas.lineTo(end)
                pen = end
            }
            canvas.stroke()
        }
        canvas.setDash([])
    }

    private func drawFrame(_ layout: AxesLayout, canvas: CairoCanvas, style: Style) {
        let area = layout.plotArea
        let left = canvas.snap(area.minX, lineWidth: style.frameWidth)
        let right = canvas.snap(area.maxX, lineWidth: style.frameWidth)
        let top = canvas.snap(area.minY, lineWidth: style.frameWidth)
        let bottom = canvas.snap(area.maxY, lineWidth: style.frameWidth)
        canvas.setColor(style.frameColor)
        canvas.setLineWidth(style.frameWidth)
        canvas.addRectangle(Rect(x: left, y: top, width: right - left, height: bottom - top))
        canvas.stroke()
    }

    private func drawTicks(_ layout: AxesLayout, canvas: CairoCanvas, style: Style) {
        let area = layout.plotArea
        let bottom = canvas.snap(area.maxY, lineWidth: style.frameWidth)
        let left = canvas.snap(area.minX, lineWidth: style.frameWidth)
        canvas.setFont(size: style.tickFontSize)
        for (value, label) in zip(layout.xTicks.values, layout.xTicks.labels) {
            let x = canvas.snap(layout.xScale(value), lineWidth: style.tickWidth)
            canvas.strokeLine(from: Point(x: x, y: bottom), to: Point(x: x, y: bottom + style.tickLength),
                              color: style.frameColor, width: style.tickWidth)
            canvas.drawText(label, at: Point(x: x, y: bottom + style.tickLength + style.tickLabelPad),
                            horizontal: .center, vertical: .top, color: style.textColor)
        }
        for (value, label) in zip(layout.yTicks.values, layout.yTicks.labels) {
            let y = canvas.snap(layout.yScale(value), lineWidth: style.tickWidth)
            canvas.strokeLine(from: Point(x: left, y: y), to: Point(x: left - style.tickLength, y: y),
                              color: style.frameColor, width: style.tickWidth)
            canvas.drawText(label, at: Point(x: left - style.tickLength - style.tickLabelPad, y: y),
                            horizontal: .right, vertical: .center, color: style.textColor)
        }
    }

    /// The title above the plot area and the two axis labels beside it.
    private func drawTexts(_ layout: AxesLayout, in rect: Rect, canvas: CairoCanvas, style: Style) {
        let area = layout.plotArea
        if let title {
            canvas.setFont(size: style.titleFontSize)
            canvas.drawText(title, at: Point(x: area.midX, y: area.minY - style.titlePad),
                            horizontal: .center, vertical: .bottom, color: style.textColor)
        }
        canvas.setFont(size: style.labelFontSize)
        if let xLabel {
            canvas.drawText(xLabel, at: Point(x: area.midX, y: rect.maxY - style.outerPad),
                            horizontal: .center, vertical: .bottom, color: style.textColor)
        }
        if let yLabel {
            // Rotated a quarter turn, the text's top faces left: anchor its cap line at the margin.
            canvas.drawText(yLabel, at: Point(x: rect.minX + style.outerPad, y: area.midY),
                            horizontal: .center, vertical: .top, angle: Double.pi / 2, color: style.textColor)
        }
    }
}
