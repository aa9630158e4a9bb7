// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "ChainGraph",
    products: [
        .library(name: "ChainGraph", targets: ["ChainGraph"]),
        .library(name: "ChainGraphReport", targets: ["ChainGraphReport"]),
        .executable(name: "chaingraph", targets: ["chaingraph"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `swift package generate-documentation` (scripts/docs.sh); a build-time plugin only.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
        // .xlsx workbooks are zip archives (SPEC §1.1); inflate comes from here.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        // `chaingraph serve` (SPEC §7): the HTTP server of the interactive chain map.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
    ],
    targets: [
        // OpenBLAS (cblas) and LAPACKE from Debian's libopenblas-dev / liblapacke-dev.
        // `pkgConfig: "openblas"` pins the OpenBLAS cblas.h; Debian's OpenBLAS ships no
        // LAPACKE, so the module map links both libraries.
        .systemLibrary(
            name: "CLinearAlgebra",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        .target(
            name: "ChainGraph",
            dependencies: ["CLinearAlgebra"]
        ),
        // The chain-gap report: a model of every number plus Markdown, HTML/SVG, JSON and
        // notebook renderers. Kept apart so the core library never knows about HTML.
        .target(
            name: "ChainGraphReport",
            dependencies: ["ChainGraph"]
        ),
        // Excel workbooks (.xlsx) to CSV text for the table loader (SPEC §1.1). Apart from the
        // core so that researchers who link ChainGraph do not pull in a zip library.
        .target(
            name: "ChainGraphExcel",
            dependencies: ["ChainGraph", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // The interactive chain map (SPEC §7): the API, the page and the Hummingbird server.
        // Apart from the library, so researchers who link ChainGraph never pull in a server.
        .target(
            name: "ChainGraphServer",
            dependencies: [
                "ChainGraph",
                "ChainGraphReport",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .executableTarget(
            name: "chaingraph",
            dependencies: [
                "ChainGraph",
                "ChainGraphReport",
                "ChainGraphExcel",
                "ChainGraphServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "ChainGraphTests",
            dependencies: ["ChainGraph", "ChainGraphReport", "ChainGraphExcel", "ChainGraphServer", "CLinearAlgebra", "chaingraph"]
        ),
    ]
)
