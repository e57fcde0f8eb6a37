/// Sizes (in points, which are pixels at scale 1) and colours of the decorations around
/// the data. One shared default for now; a place for themes later.
struct Style {
    var background = Color.white
    var textColor = Color(hex: 0x222222)
    var frameColor = Color(hex: 0x333333)
    var gridColor = Color(hex: 0xE3E3E3)
    var legendFrameColor = Color(hex: 0xCCCCCC)
    /// The back walls of a 3-D plot.
    var paneColor = Color(hex: 0xF2F2F2)
    var paneEdgeColor = Color(hex: 0xD0D0D0)

    var tickFontSize = 12.0
    var labelFontSize = 14.0
    var titleFontSize = 16.0
    var figureTitleFontSize = 18.0
    var legendFontSize = 12.0

    var frameWidth = 1.0
    var gridWidth = 1.0
    var tickLength = 5.0
    var minorTickLength = 3.0
    var tickWidth = 1.0
    /// Space between a tick mark and its label.
    var tickLabelPad = 4.0
    /// Space between tick labels and the axis label.
    var axisLabelPad = 8.0
    /// Space between the plot area and the title.
    var titlePad = 10.0
    /// Space kept free along the edges of the figure.
    var outerPad = 12.0
    /// Smallest gap between neighbouring tick labels; other ticks are chosen otherwise.
    var tickLabelGap = 12.0
    /// About how far apart ticks should be, in points, along a horizontal and a vertical axis.
    var tickSpacingX = 110.0
    var tickSpacingY = 85.0
    /// The most ticks wanted along a horizontal and a vertical axis, however long.
    var maximumTicksX = 10
    var maximumTicksY = 8
    /// The fraction of the data span added on each side when the limits are automatic.
    var dataMargin = 0.05
    /// Space between the plot area and a colorbar, and the largest width of the bar.
    var colorbarPad = 16.0
    var colorbarMaxWidth = 20.0

    static let standard = Style()
}
