// swift-tools-version: 6.1
// The kernel benchmark suite (ordo-one/benchmark): each phase of loading and each hot kernel
// of ChainGraph timed on its own, so a regression shows as a number. A package of its own,
// linking ChainGraph from this repository by path, so neither the library's build nor its
// test run depends on the benchmark harness. Run from the repository root:
//
//     swift package --package-path Benchmarks benchmark
//
// (see Benchmarks/README.md for the options, baselines and the figures in docs/benchmarks.md).
import PackageDescription

let package = Package(
    name: "ChainGraphBenchmarks",
    dependencies: [
        .package(name: "ChainGraph", path: ".."),
        // The MallocInterposer trait counts allocations without jemalloc.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "Kernels",
            dependencies: [
                .product(name: "ChainGraph", package: "ChainGraph"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Kernels",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark"),
            ]
        ),
    ]
)
