// swift-tools-version: 6.0
// ChainStudy: the getting-started article of the ChainGraph documentation as a program,
// linking the ChainGraph library from this repository by path.
import PackageDescription

let package = Package(
    name: "ChainStudy",
    dependencies: [
        .package(name: "ChainGraph", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "ChainStudy",
            dependencies: [
                .product(name: "ChainGraph", package: "ChainGraph"),
            ]
        ),
    ]
)
