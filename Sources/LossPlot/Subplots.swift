extension Figure {
    /// The rectangle of each subplot, row by row: equal cells filling the figure below its title.
    func cellRects(canvas: CairoCanvas) -> [Rect] {
        var top = 0.0
        if title != nil {
            canvas.setFont(size: style.figureTitleFontSize)
            top = style.outerPad + canvas.lineHeight
        }
        let cellWidth = Double(width) / Double(columns)
        let cellHeight = (Double(height) - top) / Double(rows)
        return (0..<(rows * columns)).map { index in
            Rect(x: Double(index % columns) * cellWidth, y: top + Double(index / columns) * cellHeight,
                 width: cellWidth, height: cellHeight)
        }
    }

    /// The smallest margins each subplot must keep so that the plot areas of a row share their
    /// top and bottom, and those of a column their left and right edges, as in matplotlib's grids.
    /// 3-D subplots neither take part nor are constrained.
    func alignedMargins(canvas: CairoCanvas) -> [Margins] {
        guard subplots.count > 1 else { return [Margins()] }
        let cells = cellRects(canvas: canvas)
        var natural: [Margins?] = []
        for (index, axes) in subplots.enumerated() {
            natural.append(axes.is3D ? nil : axes.layout(in: cells[index], canvas: canvas, style: style).margins)
        }
        var rowTop = [Double](repeating: 0, count: rows)
        var rowBottom = [Double](repeating: 0, count: rows)
        var columnLeft = [Double](repeating: 0, count: columns)
        var columnRight = [Double](repeating: 0, count: columns)
        for (index, margins) in natural.enumerated() {
            guard let margins else { continue }
            let (row, column) = (index / columns, index % columns)
            rowTop[row] = max(rowTop[row], margins.top)
            rowBottom[row] = max(rowBottom[row], margins.bottom)
            columnLeft[column] = max(columnLeft[column], margins.left)
            columnRight[column] = max(columnRight[column], margins.right)
        }
        return natural.indices.map { index in
            guard natural[index] != nil else { return Margins() }
            let (row, column) = (index / columns, index % columns)
            return Margins(top: rowTop[row], left: columnLeft[column], bottom: rowBottom[row],
                           right: columnRight[column])
        }
    }
}
