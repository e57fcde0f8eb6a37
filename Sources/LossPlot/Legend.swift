extension Axes {
    /// Draws a legend for the labelled series in the upper-right corner of the plot area:
    /// a white box with one row per series, a short sample of its line and its label.
    func drawLegend(_ entries: [LineSeries], in plotArea: Rect, canvas: CairoCanvas, style: Style) {
        let fontSize = style.legendFontSize
        canvas.setFont(size: fontSize)
        let padding = 0.6 * fontSize
        let rowHeight = 1.5 * fontSize
        let sampleLength = 2.2 * fontSize
        let gap = 0.6 * fontSize
        let inset = 0.8 * fontSize

        let labels = entries.map { $0.label ?? "" }
        let textWidth = labels.map(canvas.textWidth).max() ?? 0
        let box = Rect(x: plotArea.maxX - inset - (2 * padding + sampleLength + gap + textWidth),
                       y: plotArea.minY + inset,
                       width: 2 * padding + sampleLength + gap + textWidth,
                       height: 2 * padding + Double(entries.count) * rowHeight - (rowHeight - fontSize))

        let frameBox = Rect(x: canvas.snap(box.minX, lineWidth: 1), y: canvas.snap(box.minY, lineWidth: 1),
                            width: box.width.rounded(), height: box.height.rounded())
        canvas.addRoundedRectangle(frameBox, radius: 3)
        canvas.setColor(style.background.withAlpha(0.9))
        canvas.fillPreserve()
        canvas.setColor(style.legendFrameColor)
        canvas.setLineWidth(1)
        canvas.stroke()

        for (row, entry) in entries.enumerated() {
            let y = box.minY + padding + fontSize / 2 + Double(row) * rowHeight
            let sampleStart = box.minX + padding
            canvas.setDash(entry.dashPattern)
            canvas.strokeLine(from: Point(x: sampleStart, y: y), to: Point(x: sampleStart + sampleLength, y: y),
                              color: entry.color, width: entry.lineWidth)
            canvas.setDash([])
            canvas.drawText(labels[row], at: Point(x: sampleStart + sampleLength + gap, y: y),
                            horizontal: .left, vertical: .center, color: style.textColor)
        }
    }
}
