extension Axes {
    /// Draws the axes, their data and decorations inside `rect` of the figure.
    func draw(in rect: Rect, canvas: CairoCanvas, style: Style, minimum: Margins = Margins()) {
        if is3D {
            draw3D(in: rect, canvas: canvas, style: style)
            return
        }
        let layout = layout(in: rect, canvas: canvas, style: style, minimum: minimum)
        if showGrid { drawGrid(layout, canvas: canvas, style: style) }
        canvas.save()
        canvas.clip(to: layout.plotArea)
        for map in heatmaps { map.draw(layout: layout, canvas: canvas) }
        for plot in contours where plot.filled { plot.draw(map: layout.point, canvas: canvas) }
        for plot in contours where !plot.filled { plot.draw(map: layout.point, canvas: canvas) }
        for area in areas {
            for polygon in area.polygons(layout.point) { canvas.addPolygon(polygon) }
            canvas.setColor(area.color)
            canvas.fill()
        }
        for line in referenceLines { line.draw(layout, canvas: canvas, style: style) }
        for line in series where line.lineStyle != nil { drawLine(line, layout: layout, canvas: canvas) }
        for line in series where line.marker != nil { drawMarkers(line, layout: layout, canvas: canvas) }
        canvas.restore()
        for annotation in annotations { annotation.draw(layout, canvas: canvas) }
        drawFrame(layout, canvas: canvas, style: style)
        drawTicks(layout, canvas: canvas, style: style)
        drawTexts(layout, in: rect, canvas: canvas, style: style)
        layout.colorbar?.draw(canvas: canvas, style: style)
        drawLegend(in: layout.plotArea, outsideOrigin: layout.outsideLegendOrigin,
                   obstacles: legendObstacles(layout, canvas: canvas, style: style),
                   canvas: canvas, style: style)
    }

    private func drawGrid(_ layout: AxesLayout, canvas: CairoCanvas, style: Style) {
        let area = layout.plotArea
        for value in layout.xTicks.values {
            let x = canvas.snap(layout.xMapping(value), lineWidth: style.gridWidth)
            canvas.strokeLine(from: Point(x: x, y: area.minY), to: Point(x: x, y: area.maxY),
                              color: style.gridColor, width: style.gridWidth)
        }
        for value in layout.yTicks.values {
            let y = canvas.snap(layout.yMapping(value), lineWidth: style.gridWidth)
            canvas.strokeLine(from: Point(x: area.minX, y: y), to: Point(x: area.maxX, y: y),
                              color: style.gridColor, width: style.gridWidth)
        }
    }

    /// Strokes one series, breaking the line at hidden points and drawing lone points as dots.
    private func drawLine(_ line: Series, layout: AxesLayout, canvas: CairoCanvas) {
        // Segments are clipped to a generous margin around the plot area in Swift, so that
        // far-away points never reach Cairo; Cairo's own clip then trims them exactly.
        let bounds = layout.plotArea.insetBy(-(4 * line.lineWidth + 10))
        canvas.setLineWidth(line.lineWidth)
        canvas.setDash(line.dashPattern)
        for run in line.finiteRuns(layout.point) {
            if run.count == 1, let only = run.first {
                if line.marker == nil && bounds.contains(only) {
                    canvas.addCircle(center: only, radius: line.lineWidth * 1.5)
                    canvas.setColor(line.color)
                    canvas.fill()
                }
                continue
            }
            canvas.addPolyline(run, clippedTo: bounds)
        }
        canvas.setColor(line.color)
        canvas.stroke()
        canvas.setDash([])
    }

    private func drawMarkers(_ line: Series, layout: AxesLayout, canvas: CairoCanvas) {
        guard let marker = line.marker else { return }
        let bounds = layout.plotArea.insetBy(-line.markerSize)
        let centers = line.finiteRuns(layout.point).joined().filter { bounds.contains($0) }
        // Markers on a line get a thin white edge, which separates them from the line and each other.
        marker.draw(at: Array(centers), size: line.markerSize, color: line.color,
                    edgeColor: line.lineStyle == nil ? nil : .white, canvas: canvas)
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
        for value in layout.xTicks.minor {
            let x = canvas.snap(layout.xMapping(value), lineWidth: style.tickWidth)
            guard x.isFinite, x >= area.minX - 0.5, x <= area.maxX + 0.5 else { continue }
            canvas.strokeLine(from: Point(x: x, y: bottom), to: Point(x: x, y: bottom + style.minorTickLength),
                              color: style.frameColor, width: style.tickWidth * 0.8)
        }
        for value in layout.yTicks.minor {
            let y = canvas.snap(layout.yMapping(value), lineWidth: style.tickWidth)
            guard y.isFinite, y >= area.minY - 0.5, y <= area.maxY + 0.5 else { continue }
            canvas.strokeLine(from: Point(x: left, y: y), to: Point(x: left - style.minorTickLength, y: y),
                              color: style.frameColor, width: style.tickWidth * 0.8)
        }
        canvas.setFont(size: style.tickFontSize)
        for (value, label) in zip(layout.xTicks.values, layout.xTicks.labels) {
            let x = canvas.snap(layout.xMapping(value), lineWidth: style.tickWidth)
            canvas.strokeLine(from: Point(x: x, y: bottom), to: Point(x: x, y: bottom + style.tickLength),
                              color: style.frameColor, width: style.tickWidth)
            canvas.drawText(label, at: Point(x: x, y: bottom + style.tickLength + style.tickLabelPad),
                            horizontal: .center, vertical: .top, color: style.textColor)
        }
        for (value, label) in zip(layout.yTicks.values, layout.yTicks.labels) {
            let y = canvas.snap(layout.yMapping(value), lineWidth: style.tickWidth)
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
        canvas.setFont(size: style.tickFontSize)
        let tickTextHeight = canvas.capHeight
        canvas.setFont(size: style.labelFontSize)
        if let xLabel {
            let top = area.maxY + style.tickLength + style.tickLabelPad + tickTextHeight + style.axisLabelPad
            canvas.drawText(xLabel, at: Point(x: area.midX, y: top),
                            horizontal: .center, vertical: .top, color: style.textColor)
        }
        if let yLabel {
            // Rotated a quarter turn, the text's top faces left: anchor its cap line at the margin.
            canvas.drawText(yLabel, at: Point(x: rect.minX + layout.margins.left - labelOffset(layout, canvas, style),
                                              y: area.midY),
                            horizontal: .center, vertical: .top, angle: Double.pi / 2, color: style.textColor)
        }
    }

    /// How far left of the plot area the y label's cap line sits: past the ticks and their labels.
    private func labelOffset(_ layout: AxesLayout, _ canvas: CairoCanvas, _ style: Style) -> Double {
        canvas.setFont(size: style.tickFontSize)
        let widest = layout.yTicks.labels.map(canvas.textWidth).max() ?? 0
        canvas.setFont(size: style.labelFontSize)
        return style.tickLength + style.tickLabelPad + widest + style.axisLabelPad + canvas.lineHeight
    }
}
