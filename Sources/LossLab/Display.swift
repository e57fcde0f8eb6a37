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
