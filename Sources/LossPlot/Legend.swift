/// One row of a legend: a sample of how the item is drawn, and its label.
struct LegendEntry {
    enum Sample {
        /// A short line, with a marker in the middle if the series has one (or only the marker).
        case series(Series)
        /// A small filled box.
        case area(Color)
    }

    var label: String
    var sample: Sample
}

extension Axes {
    /// The labelled series, areas and 3-D lines, in the order they were added within each kind.
    var legendEntries: [LegendEntry] {
        var entries: [LegendEntry] = []
        let allSeries = is3D ? lines3D.map(\.series) : series
        for line in allSeries {
            if let label = line.label { entries.append(LegendEntry(label: label, sample: .series(line))) }
        }
        if !is3D {
            for area in areas {
                if let label = area.label { entries.append(LegendEntry(label: label, sample: .area(area.color))) }
            }
        }
        return entries
    }

    /// The size of the legend box, or nil when there is no legend to draw (no entry has a
    /// label, or the legend is hidden).
    func legendSize(canvas: CairoCanvas, style: Style) -> (width: Double, height: Double)? {
        let entries = legendEntries
        guard !entries.isEmpty, legendPosition != .hidden else { return nil }
        let metrics = LegendMetrics(fontSize: style.legendFontSize)
        canvas.setFont(size: metrics.fontSize)
        let textWidth = entries.map { canvas.textWidth($0.label) }.max() ?? 0
        return metrics.size(rows: entries.count, textWidth: textWidth)
    }

    /// Draws the legend at `outsideOrigin` when given (outside the plot area), else inside
    /// `plotArea` at ``legendPosition``, choosing the place that covers the fewest `obstacles`
    /// when the position is ``LegendPosition/best``. Draws nothing when no entry has a label or
    /// the legend is hidden.
    func drawLegend(in plotArea: Rect, outsideOrigin: Point? = nil, obstacles: LegendObstacles,
                    canvas: CairoCanvas, style: Style) {
        let entries = legendEntries
        guard let size = legendSize(canvas: canvas, style: style) else { return }
        let metrics = LegendMetrics(fontSize: style.legendFontSize)
        let box: Rect
        if let outsideOrigin {
            box = Rect(x: outsideOrigin.x, y: outsideOrigin.y, width: size.width, height: size.height)
        } else if legendPosition == .best {
            box = bestLegendRect(size: size, in: plotArea, inset: metrics.inset, obstacles: obstacles)
        } else {
            // Without a place reserved outside (3-D axes), an outside legend goes to the upper right.
            let position = legendPosition == .outside ? .upperRight : legendPosition
            box = legendRect(position, size: size, in: plotArea, inset: metrics.inset)
        }

        let frameBox = Rect(x: canvas.snap(box.minX, lineWidth: 1), y: canvas.snap(box.minY, lineWidth: 1),
                            width: box.width.rounded(), height: box.height.rounded())
        canvas.addRoundedRectangle(frameBox, radius: 3)
        canvas.setColor(style.background.withAlpha(0.85))
        canvas.fillPreserve()
        canvas.setColor(style.legendFrameColor)
        canvas.setLineWidth(1)
        canvas.stroke()

        for (row, entry) in entries.enumerated() {
            let y = box.minY + metrics.padding + metrics.fontSize / 2 + Double(row) * metrics.rowHeight
            let start = box.minX + metrics.padding
            let end = start + metrics.sampleLength
            switch entry.sample {
            case .series(let line):
                if line.lineStyle != nil {
                    canvas.setDash(line.dashPattern)
                    canvas.strokeLine(from: Point(x: start, y: y), to: Point(x: end, y: y),
                                      color: line.color, width: line.lineWidth)
                    canvas.setDash([])
                }
                line.marker?.draw(at: [Point(x: (start + end) / 2, y: y)], size: line.markerSize, color: line.color,
                                  edgeColor: line.lineStyle == nil ? nil : .white, canvas: canvas)
            case .area(let color):
                let height = metrics.fontSize * 0.8
                canvas.fill(Rect(x: start, y: y - height / 2, width: metrics.sampleLength, height: height), with: color)
            }
            canvas.setFont(size: metrics.fontSize)
            canvas.drawText(entry.label, at: Point(x: end + metrics.gap, y: y),
                            horizontal: .left, vertical: .center, color: style.textColor)
        }
    }
}

/// The proportions of a legend, all relative to its font size as in matplotlib.
struct LegendMetrics {
    var fontSize: Double
    var padding: Double { 0.6 * fontSize }
    var rowHeight: Double { 1.5 * fontSize }
    var sampleLength: Double { 2.2 * fontSize }
    var gap: Double { 0.6 * fontSize }
    /// The distance between the legend and the edges of the plot area.
    var inset: Double { 0.8 * fontSize }

    /// The legend's box for `rows` entries whose widest label is `textWidth` points wide.
    func size(rows: Int, textWidth: Double) -> (width: Double, height: Double) {
        (2 * padding + sampleLength + gap + textWidth,
         2 * padding + Double(rows) * rowHeight - (rowHeight - fontSize))
    }
}
