// swift-tools-version: 6.1
// Micro-benchmarks for LossKit, kept out of the main package so that `swift build` there stays fast.
// Run them optimized:  cd Benchmarks && swift run -c release
import Foundation
import PackageDescription

// SwiftPM names a package found by path after its folder, so the root package's identity is the
// name of the folder the repository was cloned into.
let rootPackage = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "LossKitBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // The LossLab package one folder up.
        .package(path: ".."),
    ],
    targets: [
        .executableTarget(name: "LossKitBenchmarks", dependencies: [
            .product(name: "LossKit", package: rootPackage),
        ]),
        .executableTarget(name: "LossBenchmarks", dependencies: [
            .product(name: "LossKit", package: rootPackage),
        ]),
        .executableTarget(name: "ScalingBenchmarks", dependencies: [
            .product(name: "LossKit", package: rootPackage),
        ]),
        .executableTarget(name: "PlotBenchmarks", dependencies: [
            .product(name: "LossPlot", package: rootPackage),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
