internal import CCairo

/// How text is placed horizontally relative to its anchor point.
enum HorizontalAlignment {
    case left, center, right
}

/// How text is placed vertically relative to its anchor point.
enum VerticalAlignment {
    /// The anchor is at the top of the capital letters.
    case top
    /// The anchor is halfway up the capital letters (digits sit centred on it).
    case center
    /// The anchor is on the baseline.
    case baseline
    /// The anchor is below the lowest descender.
    case bottom
}

/// Owns one `cairo_t` drawing into a ``CairoSurface`` and offers the few drawing
/// operations the plot renderers need, in figure coordinates (points).
final class CairoCanvas {
    /// The typeface for all text; installed with the fonts-dejavu-core package.
    static let fontFamily = "DejaVu Sans"

    private let surface: CairoSurface
    private let cr: OpaquePointer
    /// Device pixels per figure point, used to snap thin lines to the pixel grid.
    let scale: Double

    init(surface: CairoSurface, scale: Double = 1) throws(PlotError) {
        guard let cr = cairo_create(surface.pointer) else {
            throw PlotError.drawingFailed(status: CAIRO_STATUS_NO_MEMORY, path: surface.path)
        }
        let status = cairo_status(cr)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_destroy(cr)
            throw PlotError.drawingFailed(status: status, path: surface.path)
        }
        self.surface = surface
        self.cr = cr
        self.scale = scale
        cairo_scale(cr, scale, scale)
        cairo_set_antialias(cr, CAIRO_ANTIALIAS_BEST)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
        if let options = cairo_font_options_create() {
            // Unhinted metrics keep text the same size at every scale.
            cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
            cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
            cairo_set_font_options(cr, options)
            cairo_font_options_destroy(options)
        }
        setFont(size: 12)
    }

    deinit {
        cairo_destroy(cr)
    }

    /// Throws if any drawing operation so far has put the context in an error state.
    func checkStatus() throws(PlotError) {
        let status = cairo_status(cr)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw PlotError.drawingFailed(status: status, path: surface.path)
        }
    }

    // MARK: State

    func save() { cairo_save(cr) }
    func restore() { cairo_restore(cr) }

    func setColor(_ color: Color) {
        cairo_set_source_rgba(cr, color.r, color.g, color.b, color.alpha)
    }

    func setLineWidth(_ width: Double) { cairo_set_line_width(cr, width) }

    /// Round line ends (for short segments that should join smoothly) or flat ones (the default).
    func setLineCap(round: Bool) {
        cairo_set_line_cap(cr, round ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT)
    }

    /// Sets a dash pattern of alternating on and off lengths; an empty pattern draws solid lines.
    func setDash(_ pattern: [Double]) {
        pattern.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32($0.count), 0) }
    }

    /// Restricts drawing to `rect` until the next ``restore()``.
    func clip(to rect: Rect) {
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_clip(cr)
    }

    /// The coordinate nearest to `value` on which a line `lineWidth` wide has crisp edges: a pixel
    /// centre for lines an odd number of whole pixels wide (1, or 1.5 counting only the whole
    /// pixel), a pixel boundary for even ones.
    func snap(_ value: Double, lineWidth: Double) -> Double {
        let device = value * scale
        let pixels = max(1, Int((lineWidth * scale + 1e-9).rounded(.down)))
        let snapped = pixels % 2 == 1 ? device.rounded(.down) + 0.5 : device.rounded()
        return snapped / scale
    }

    // MARK: Paths

    func moveTo(_ p: Point) { cairo_move_to(cr, p.x, p.y) }
    func lineTo(_ p: Point) { cairo_line_to(cr, p.x, p.y) }
    func stroke() { cairo_stroke(cr) }
    func fill() { cairo_fill(cr) }
    func fillPreserve() { cairo_fill_preserve(cr) }

    func addRectangle(_ rect: Rect) {
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
    }

    func addCircle(center: Point, radius: Double) {
        cairo_new_sub_path(cr)
        cairo_arc(cr, center.x, center.y, radius, 0, 2 * Double.pi)
    }

    func addRoundedRectangle(_ rect: Rect, radius: Double) {
        let r = min(radius, rect.width / 2, rect.height / 2)
        cairo_new_sub_path(cr)
        cairo_arc(cr, rect.maxX - r, rect.minY + r, r, -Double.pi / 2, 0)
        cairo_arc(cr, rect.maxX - r, rect.maxY - r, r, 0, Double.pi / 2)
        cairo_arc(cr, rect.minX + r, rect.maxY - r, r, Double.pi / 2, Double.pi)
        cairo_arc(cr, rect.minX + r, rect.minY + r, r, Double.pi, 3 * Double.pi / 2)
        cairo_close_path(cr)
    }

    /// Adds a closed polygon through `points`. Polygons reaching absurdly far outside the figure
    /// are first clipped to a large rectangle, as Cairo's fixed-point coordinates would overflow.
    func addPolygon(_ points: [Point]) {
        var polygon = points
        if polygon.contains(where: { abs($0.x) > Self.safeExtent || abs($0.y) > Self.safeExtent }) {
            polygon = clipPolygon(polygon, to: Self.safeRect)
        }
        guard let first = polygon.first else { return }
        moveTo(first)
        for p in polygon.dropFirst() { lineTo(p) }
        cairo_close_path(cr)
    }

    /// Adds an open polyline through `points`, broken at non-finite points and clipped to
    /// `bounds` (by default a large rectangle around the figure).
    func addPolyline(_ points: [Point], clippedTo bounds: Rect? = nil) {
        let box = bounds ?? Self.safeRect
        var pen: Point?
        for (a, b) in zip(points, points.dropFirst()) {
            guard a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite,
                  let (start, end) = clipSegment(a, b, to: box) else {
                pen = nil
                continue
            }
            if pen != start { moveTo(start) }
            lineTo(end)
            pen = end
        }
    }

    /// How far from the origin coordinates may reach before paths are clipped.
    static let safeExtent = 100_000.0
    static let safeRect = Rect(x: -safeExtent, y: -safeExtent, width: 2 * safeExtent, height: 2 * safeExtent)

    /// Draws an image of `width`×`height` premultiplied ARGB `pixels` (top row first) stretched
    /// over `rect`, either with smooth interpolation or with crisp square pixels.
    func drawImage(pixels: [UInt32], width: Int, height: Int, in rect: Rect, smooth: Bool) {
        guard width > 0, height > 0, pixels.count == width * height, rect.width != 0, rect.height != 0,
              let image = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height)) else { return }
        defer { cairo_surface_destroy(image) }
        guard cairo_surface_status(image) == CAIRO_STATUS_SUCCESS, let data = cairo_image_surface_get_data(image) else {
            return
        }
        let stride = Int(cairo_image_surface_get_stride(image))
        cairo_surface_flush(image)
        pixels.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress else { return }
            for row in 0..<height {
                UnsafeMutableRawPointer(data + row * stride)
                    .copyMemory(from: UnsafeRawPointer(base + row * width), byteCount: width * 4)
            }
        }
        cairo_surface_mark_dirty(image)
        save()
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_clip(cr)
        cairo_translate(cr, rect.x, rect.y)
        cairo_scale(cr, rect.width / Double(width), rect.height / Double(height))
        cairo_set_source_surface(cr, image, 0, 0)
        if let pattern = cairo_get_source(cr) {
            cairo_pattern_set_filter(pattern, smooth ? CAIRO_FILTER_BILINEAR : CAIRO_FILTER_NEAREST)
            cairo_pattern_set_extend(pattern, CAIRO_EXTEND_PAD)
        }
        cairo_paint(cr)
        restore()
    }

    /// Fills the whole rectangle with one colour.
    func fill(_ rect: Rect, with color: Color) {
        setColor(color)
        addRectangle(rect)
        fill()
    }

    /// Strokes a straight line between two points.
    func strokeLine(from a: Point, to b: Point, color: Color, width: Double) {
        setColor(color)
        setLineWidth(width)
        moveTo(a)
        lineTo(b)
        stroke()
    }

    // MARK: Text

    func setFont(size: Double, bold: Bool = false) {
        cairo_select_font_face(cr, Self.fontFamily, CAIRO_FONT_SLANT_NORMAL,
                               bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, size)
    }

    /// The horizontal space `text` takes in the current font.
    func textWidth(_ text: String) -> Double {
        var extents = cairo_text_extents_t()
        cairo_text_extents(cr, text, &extents)
        return extents.x_advance
    }

    /// The height of capital letters and digits in the current font.
    var capHeight: Double {
        var extents = cairo_text_extents_t()
        cairo_text_extents(cr, "H", &extents)
        return -extents.y_bearing
    }

    /// How far descenders such as "g" and "y" reach below the baseline in the current font.
    var descent: Double {
        var extents = cairo_font_extents_t()
        cairo_font_extents(cr, &extents)
        return extents.descent
    }

    /// The height a line of text needs, from the top of the capitals to the bottom of descenders.
    var lineHeight: Double { capHeight + descent }

    /// Draws one line of text anchored at `point`, optionally rotated counter-clockwise by
    /// `angle` radians around the anchor.
    func drawText(_ text: String, at point: Point, horizontal: HorizontalAlignment = .left,
                  vertical: VerticalAlignment = .baseline, angle: Double = 0, color: Color = .black) {
        let width = textWidth(text)
        let dx: Double
        switch horizontal {
        case .left: dx = 0
        case .center: dx = -width / 2
        case .right: dx = -width
        }
        let dy: Double
        switch vertical {
        case .top: dy = capHeight
        case .center: dy = capHeight / 2
        case .baseline: dy = 0
        case .bottom: dy = -descent
        }
        save()
        setColor(color)
        cairo_translate(cr, point.x, point.y)
        if angle != 0 { cairo_rotate(cr, -angle) }
        cairo_move_to(cr, dx, dy)
        cairo_show_text(cr, text)
        restore()
    }
}
