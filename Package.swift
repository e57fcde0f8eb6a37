// swift-tools-version: 6.1
// LossLab: a Swift package that teaches loss functions by running them.
import PackageDescription

// Lesson cells and exercise checks spend their time in LossKit and LossPlot, so these two are
// compiled with optimization in debug builds too (the README's `swift build` and
// `scripts/quickstart.sh`): without it a chapter's cells run 2-7x slower. Whole-module
// optimization lets the per-element closures of `Kernels` inline across files; `-num-threads`
// keeps one object file per source file (what SwiftPM links and indexes), and
// `-disable-batch-mode` stops the driver warning that batch mode and whole-module mode clash.
// Debug builds still add `-enable-testing`, so the tests' `@testable import` works.
let optimizedEvenInDebug: [SwiftSetting] = [
    .unsafeFlags(["-O", "-wmo", "-num-threads", "2", "-disable-batch-mode"], .when(configuration: .debug)),
]

let package = Package(
    name: "LossLab",
    platforms: [.macOS(.v15)],
    products: [
        // The one library that lesson cells and exercise submissions link against.
        // It is dynamic so that `lesson run` and `exercise check` reuse the exact build
        // the command-line tools were made with, instead of compiling LossKit again.
        .library(name: "LossLab", type: .dynamic, targets: ["LossLab", "ExerciseTesting"]),
        .library(name: "LossKit", targets: ["LossKit"]),
        .library(name: "LossPlot", targets: ["LossPlot"]),
        .executable(name: "lesson", targets: ["lesson"]),
        .executable(name: "exercise", targets: ["exercise"]),
        .executable(name: "course", targets: ["course"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        // SQLite for learners' progress and instructors' gradebooks (transactions, concurrent graders).
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        // The Swift parser: finds each cell's declarations and last expression.
        .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.0"),
        // The live course's HTTP and WebSocket server (`course serve`): no dependencies of its own,
        // so it adds seconds, not minutes, to a first build (see docs/ARCHITECTURE-NOTES.md).
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // System libraries (Debian: libcairo2-dev, libcmark-gfm-dev, libcmark-gfm-extensions-dev, libopenblas-dev).
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CMark", pkgConfig: "libcmark-gfm",
                       providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        // The system-call filter of the grader's sandbox (Debian: libseccomp-dev).
        .systemLibrary(name: "CSeccomp", pkgConfig: "libseccomp", providers: [.apt(["libseccomp-dev"])]),

        // Numeric core, plotting, and the umbrella module learners import.
        // LossKit's innermost loops (softmax rows, Adam), compiled once per instruction set
        // (SSE2, AVX2, AVX-512) and chosen at run time; optimized in debug builds too.
        // Also the PNG encoder's rows and compression (zlib, which Cairo's libpng already needs).
        .target(name: "CKernels", cSettings: [.unsafeFlags(["-O2"], .when(configuration: .debug))],
                linkerSettings: [.linkedLibrary("z")]),
        .target(name: "LossKit", dependencies: ["CBLAS", "CKernels"], exclude: ["README.md"], resources: [.copy("Resources")],
                swiftSettings: optimizedEvenInDebug),
        .target(name: "LossPlot", dependencies: ["CCairo", "CKernels", "LossKit"], swiftSettings: optimizedEvenInDebug),
        .target(name: "LabRuntime"),
        .target(name: "LossLab", dependencies: ["LossKit", "LossPlot", "LabRuntime"]),
        .target(name: "ExerciseTesting", dependencies: ["LossKit", "LabRuntime"]),

        // Runner, grader and site, with the command line thin on top.
        .target(name: "LabToolchain"),
        .target(name: "Notebook", dependencies: [
            "CMark", "LabRuntime", "LabToolchain",
            .product(name: "SwiftParser", package: "swift-syntax"),
            .product(name: "SwiftSyntax", package: "swift-syntax"),
        ]),
        .target(name: "Grader", dependencies: [
            "LabRuntime", "LabToolchain", "CSeccomp",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "SwiftParser", package: "swift-syntax"),
            .product(name: "SwiftSyntax", package: "swift-syntax"),
        ]),
        .target(name: "CourseSite", dependencies: [
            "Notebook", "Grader", "LabToolchain",
            .product(name: "Mustache", package: "swift-mustache"),
            // Highlights the Swift code on the pages from the parser's tokens.
            .product(name: "SwiftParser", package: "swift-syntax"),
            .product(name: "SwiftSyntax", package: "swift-syntax"),
        ], resources: [.copy("Theme")]),
        // `course serve`: the site as a live notebook on 127.0.0.1, behind a token.
        .target(name: "CourseServer", dependencies: [
            "Notebook", "Grader", "CourseSite", "LabToolchain",
            .product(name: "FlyingFox", package: "FlyingFox"),
        ], resources: [.copy("Live")]),
        .target(name: "LabCLI", dependencies: [
            "Notebook", "Grader", "CourseSite", "CourseServer", "LabToolchain",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "lesson", dependencies: ["LabCLI"]),
        .executableTarget(name: "exercise", dependencies: ["LabCLI"]),
        .executableTarget(name: "course", dependencies: ["LabCLI"]),

        .testTarget(name: "LossKitTests", dependencies: ["LossKit"], resources: [.copy("Fixtures")]),
        .testTarget(name: "LossPlotTests", dependencies: ["LossPlot", "LossKit", "CCairo"], resources: [.copy("References")]),
        // Temporary courses and paths shared by the runner, grader, site and CLI tests.
        .target(name: "LabTestSupport", path: "Tests/LabTestSupport"),
        .testTarget(name: "LabToolchainTests", dependencies: ["LabToolchain", "LabTestSupport"]),
        .testTarget(name: "LabRuntimeTests", dependencies: ["LabRuntime"]),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook", "LabRuntime", "LabTestSupport"]),
        .testTarget(name: "GraderTests", dependencies: ["Grader", "LabTestSupport"]),
        .testTarget(name: "CourseSiteTests", dependencies: ["CourseSite", "Notebook", "LabTestSupport"]),
        .testTarget(name: "CourseServerTests", dependencies: ["CourseServer", "Notebook", "LabTestSupport"]),
        .testTarget(name: "LabCLITests", dependencies: ["LabCLI", "LabTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
