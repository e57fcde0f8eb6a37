import Foundation
import LabRuntime
import Synchronization

/// How many figures this program has displayed, to name their files.
private let displayedFigureCount = Mutex(0)

/// Shows a figure below the running cell: writes it as a PNG into the lesson's output folder
/// and attaches it to the cell's outputs.
///
/// Outside `lesson run` the PNG goes to the current folder and its path is printed.
/// A figure that cannot be written stops the cell with a message that names the path.
public func display(_ figure: Figure) {
    let number = displayedFigureCount.withLock { count in
        count += 1
        return count
    }
    let name = "figure-\(number).png"
    let path = URL(fileURLWithPath: ProgramSession.outputFolder).appendingPathComponent(name).path
    do {
        try figure.savePNG(to: path)
    } catch {
        fatalError("display(_:) could not save the figure: \(error)")
    }
    if ProcessInfo.processInfo.environment[ProgramSession.outputFolderVariable] == nil {
        print("[figure saved to \(path)]")
    } else {
        ProgramSession.announce(.imageWritten(path: name))
    }
}

/// Shows a value below the running cell, as `print` would: tensors, numbers, strings, arrays.
public func display(_ value: Any) {
    print(value)
}

/// Shows a number below the running cell in the print format (see ``PrintOptions``):
/// `display(loss.item)` shows `0.6714`.
public func display(_ value: Double) {
    print(PrintOptions.current.format(value))
}

/// Shows numbers below the running cell in brackets, in one shared print format (see
/// ``PrintOptions``), as a tensor of them would print.
public func display(_ values: [Double]) {
    print("[" + PrintOptions.current.format(values).joined(separator: ", ") + "]")
}

/// A cell that ends with a number shows it as `Out[n]` in the print format (see
/// ``PrintOptions``), as Jupyter shows a NumPy scalar; generated cell programs call it.
public func __showCellResult(_ value: Double) {
    ProgramSession.announce(.value(text: PrintOptions.current.format(value)))
}

/// A cell that ends with an array of numbers shows them as `Out[n]` in one shared print
/// format; generated cell programs call it.
public func __showCellResult(_ values: [Double]) {
    ProgramSession.announce(.value(text: "[" + PrintOptions.current.format(values).joined(separator: ", ") + "]"))
}
