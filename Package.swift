// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "ChainGraph",
    products: [
        .library(name: "ChainGraph", targets: ["ChainGraph"]),
        .executable(name: "chaingraph", targets: ["chaingraph"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
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
        .executableTarget(
            name: "chaingraph",
            dependencies: [
                "ChainGraph",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "ChainGraphTests",
            dependencies: ["ChainGraph", "CLinearAlgebra", "chaingraph"]
        ),
    ]
)
