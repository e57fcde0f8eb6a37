internal import CCairo

/// An error raised while rendering or saving a figure.
///
/// Its ``description`` is a full sentence meant to be shown to the learner as it is,
/// naming the file involved when there is one.
public struct PlotError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file the figure was being written to, if the failure concerned a file.
    public let path: String?
    /// A complete sentence that explains what went wrong and, where possible, how to fix it.
    public let message: String

    /// The explanation, the same as ``message``.
    public var description: String { message }

    init(message: String, path: String? = nil) {
        self.message = message
        self.path = path
    }
}

extension PlotError {
    /// Cairo's own short description of a status code, such as "out of memory".
    static func cairoReason(_ status: cairo_status_t) -> String {
        guard let text = cairo_status_to_string(status) else { return "unknown Cairo error" }
        return String(cString: text)
    }

    /// The error for a file that could not be written.
    static func couldNotWrite(_ path: String, status: cairo_status_t) -> PlotError {
        PlotError(
            message: "Could not write the figure to \(path): \(cairoReason(status)). "
                + "Check that the folder exists and is writable.",
            path: path)
    }

    /// The error for a file that could not be written, with the system's reason.
    static func couldNotWrite(_ path: String, reason: String) -> PlotError {
        PlotError(
            message: "Could not write the figure to \(path): \(reason). Check that the folder exists and is writable.",
            path: path)
    }

    /// The error for an in-memory drawing surface that could not be created.
    static func couldNotCreateSurface(width: Int, height: Int, status: cairo_status_t) -> PlotError {
        var hint = ""
        if status == CAIRO_STATUS_INVALID_SIZE || status == CAIRO_STATUS_NO_MEMORY {
            hint = " Try a smaller figure size or scale."
        }
        return PlotError(
            message: "Could not create a \(width)×\(height) pixel image for the figure: "
                + "\(cairoReason(status)).\(hint)")
    }

    /// The error for a failure while drawing (rather than while saving).
    static func drawingFailed(status: cairo_status_t, path: String? = nil) -> PlotError {
        let target = path.map { " for \($0)" } ?? ""
        return PlotError(
            message: "Could not draw the figure\(target): \(cairoReason(status)).",
            path: path)
    }

    /// The error for a scale that would make an image too large to create.
    static func imageTooLarge(width: Double, height: Double) -> PlotError {
        PlotError(
            message: "The figure would be \(Int(min(width, 1e15)))×\(Int(min(height, 1e15))) pixels, "
                + "larger than the \(CairoSurface.maximumSide) pixels per side an image can have. "
                + "Use a smaller figure size or scale.")
    }
}
