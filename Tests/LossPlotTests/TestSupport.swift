import CCairo
import Foundation
import Testing
@testable import LossPlot

/// A PNG file decoded with Cairo, for checking pixels.
final class DecodedPNG {
    private let surface: OpaquePointer
    let width: Int
    let height: Int
    private let stride: Int
    private let data: UnsafeMutablePointer<UInt8>

    struct DecodeError: Error, CustomStringConvertible {
        var description: String
    }

    init(path: String) throws {
        guard let surface = cairo_image_surface_create_from_png(path) else {
            throw DecodeError(description: "Cairo returned no surface for \(path)")
        }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS, let data = cairo_image_surface_get_data(surface) else {
            cairo_surface_destroy(surface)
            throw DecodeError(description: "Could not decode \(path): status \(status.rawValue)")
        }
        self.surface = surface
        self.data = data
        width = Int(cairo_image_surface_get_width(surface))
        height = Int(cairo_image_surface_get_height(surface))
        stride = Int(cairo_image_surface_get_stride(surface))
    }

    /// Decodes PNG bytes by way of a temporary file.
    convenience init(bytes: [UInt8]) throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("decoded.png")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        try self.init(path: path)
    }

    deinit {
        cairo_surface_destroy(surface)
    }

    /// The pixel at column `x`, row `y` as 0–255 red, green, blue, alpha (premultiplied, which
    /// for the opaque figures tested here is the same).
    func pixel(_ x: Int, _ y: Int) -> (r: Int, g: Int, b: Int, a: Int) {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "pixel (\(x), \(y)) is outside the image")
        let word = UnsafeRawPointer(data + y * stride + x * 4).loadUnaligned(as: UInt32.self)
        return (Int((word >> 16) & 0xFF), Int((word >> 8) & 0xFF), Int(word & 0xFF), Int(word >> 24))
    }

    /// Whether the pixel is within `tolerance` of `color` in every channel.
    func pixel(_ x: Int, _ y: Int, matches color: Color, tolerance: Int = 40) -> Bool {
        let p = pixel(x, y)
        let target = (Int((color.r * 255).rounded()), Int((color.g * 255).rounded()), Int((color.b * 255).rounded()))
        return abs(p.r - target.0) <= tolerance && abs(p.g - target.1) <= tolerance
            && abs(p.b - target.2) <= tolerance && p.a == 255
    }

    /// The pixels of `color` within `radius` pixels of (`x`, `y`).
    func pixels(of color: Color, near x: Double, _ y: Double, radius: Int) -> [(x: Int, y: Int)] {
        let cx = Int(x.rounded())
        let cy = Int(y.rounded())
        var found: [(x: Int, y: Int)] = []
        for py in max(0, cy - radius)...min(height - 1, cy + radius) {
            for px in max(0, cx - radius)...min(width - 1, cx + radius) where pixel(px, py, matches: color) {
                found.append((px, py))
            }
        }
        return found
    }

    /// How many pixels of the whole image are of `color`.
    func count(of color: Color) -> Int {
        var total = 0
        for y in 0..<height {
            for x in 0..<width where pixel(x, y, matches: color) { total += 1 }
        }
        return total
    }
}

/// A fresh directory under the system's temporary folder, removed when released.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("LossPlotTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}

/// A figure of the parabola y = x² on [-2, 2], the running example of these tests.
func parabolaFigure(width: Int = 800, height: Int = 500) -> Figure {
    let x = Swift.stride(from: -2.0, through: 2.0, by: 0.01).map { $0 }
    let figure = Figure(width: width, height: height)
    figure.axes.plot(x, x.map { $0 * $0 })
    return figure
}

/// Renders `figure` to a PNG in a temporary folder and decodes it.
func render(_ figure: Figure, scale: Double = 1) throws -> DecodedPNG {
    let directory = try TemporaryDirectory()
    let path = directory.path("figure.png")
    try figure.savePNG(to: path, scale: scale)
    return try DecodedPNG(path: path)
}
