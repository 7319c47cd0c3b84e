// swift-tools-version: 6.0
import PackageDescription

// The engine is compiled for speed in every configuration, so tests that train real networks run
// quickly too. `-target-cpu native` lets the compiler use the machine's widest vector units and fused
// multiply-add; set GRADSCHOOL_PORTABLE=1 to build a binary that runs on any x86-64 or arm64 CPU.
let portable = Context.environment["GRADSCHOOL_PORTABLE"] != nil
let engineFlags: [SwiftSetting] = [
    .unsafeFlags(["-O"], .when(configuration: .debug)),
    .unsafeFlags(["-Ounchecked"], .when(configuration: .release)),
] + (portable ? [.define("GRADSCHOOL_PORTABLE")] : [.unsafeFlags(["-target-cpu", "native"])])

// The matrix-product kernels are C, optimised in every configuration (their register tiles only exist
// once the compiler unrolls and inlines them). Their files are compiled for a baseline CPU; each variant
// switches on its own instruction set, so one binary holds them all and chooses where it runs.
let kernelFlags: [CSetting] = [.unsafeFlags(["-O3", "-fno-builtin"])]

let package = Package(
    name: "gradschool",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "gradschool", targets: ["gradschool"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        // The HTTP server behind `gradschool serve`; only the Serving module imports it.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Hummingbird's own foundations, named for the listening address and the server's log level.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.14.0"),
    ],
    targets: [
        // System-library shims: the only places C headers enter the package.
        .systemLibrary(
            name: "_CNcurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        .systemLibrary(
            name: "_CMark",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),

        // The neural-network engine: Foundation only.
        // Vector helpers the engine's hot loops need as single instructions.
        .target(name: "_VectorMath"),
        // Matrix-product kernels for each vector unit (AVX-512, AVX2+FMA, NEON, plain) and the choice between them.
        .target(name: "_MatrixKernels", cSettings: kernelFlags),
        .target(
            name: "Neural",
            dependencies: ["_VectorMath", "_MatrixKernels"],
            resources: [
                .copy("Resources/digits.csv"), .copy("Resources/iris.csv"),
                .copy("Resources/names.txt"), .copy("Resources/sonnets.txt"),
            ],
            swiftSettings: engineFlags
        ),
        // The engine's own source, embedded at build time so lessons can show the code that trains.
        .executableTarget(name: "EngineSourceEmbedder"),
        .plugin(name: "EngineSourcePlugin", capability: .buildTool(), dependencies: ["EngineSourceEmbedder"]),
        .target(name: "EngineSource", plugins: ["EngineSourcePlugin"]),
        // Pure drawing into a buffer of cells: Foundation only.
        .target(name: "Canvas"),
        // Lessons, quizzes and progress.
        .target(name: "Curriculum", dependencies: [
            "_CMark", "Canvas", "EngineSource", .product(name: "Yams", package: "Yams"), .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // Answering prediction requests: JSON in, JSON out, request counts, latency and input drift.
        // Foundation and the engine only, so the lesson widget can use it without a socket.
        .target(name: "PredictionService", dependencies: ["Neural"]),
        // The HTTP server around PredictionService. The only module that imports Hummingbird.
        .target(name: "Serving", dependencies: [
            "PredictionService", .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "Logging", package: "swift-log"),
        ]),
        // Screens as state machines: update(message) and view(state) -> Buffer.
        .target(name: "App", dependencies: ["Neural", "Canvas", "Curriculum", "PredictionService"]),
        // The only code that calls ncurses.
        .target(name: "TerminalBackend", dependencies: ["Canvas", "_CNcurses"]),
        .executableTarget(
            name: "gradschool",
            dependencies: [
                "Neural", "Canvas", "Curriculum", "App", "TerminalBackend", "PredictionService", "Serving",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: engineFlags
        ),

        // Counts heap allocations on the current thread; tests use it to prove a training step allocates nothing.
        .target(name: "_AllocationCounter"),

        .testTarget(name: "NeuralTests", dependencies: ["Neural", "_AllocationCounter"]),
        .testTarget(name: "CanvasTests", dependencies: ["Canvas"]),
        .testTarget(name: "CurriculumTests", dependencies: ["Curriculum", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "EngineSourceTests", dependencies: ["EngineSource"]),
        .testTarget(name: "AppTests", dependencies: ["App", "Neural", "Canvas", "Curriculum", "PredictionService"]),
        .testTarget(name: "PredictionServiceTests", dependencies: ["PredictionService", "Neural"]),
        .testTarget(name: "EndToEndTests", dependencies: ["gradschool"]),
    ]
)
