// libFuzzer entry point for ChainGraph's input paths. Built by scripts/fuzz.sh together with
// the library sources (one module, so `package` symbols are visible):
//   swiftc -sanitize=fuzzer,address -parse-as-library Sources/ChainGraph/**/*.swift Fuzz/FuzzTargets.swift
// The target is chosen by the environment variable CHAINGRAPH_FUZZ_TARGET:
//   dataset   the input is up to three CSV files (links, firms, segments) separated by a line
//             "=====": exercises encoding detection (UTF-8/GB18030/BOM), the RFC 4180 reader,
//             header aliases, every SPEC §1 rule and CSR assembly;
//   csv       the input is one CSV text for the raw reader;
//   snapshot  the input is a snapshot; its header checksum is recomputed first, so mutations
//             reach the structural validation instead of stopping at the checksum.
// Every input must end in a value or a ChainGraphError, never a crash or a hang.
import Glibc

nonisolated(unsafe) private var target: String = {
    if let t = getenv("CHAINGRAPH_FUZZ_TARGET") { return String(cString: t) }
    return "dataset"
}()

nonisolated(unsafe) private var scratch: String = {
    let dir = "/dev/shm/chaingraph-fuzz-\(getpid())"
    mkdir(dir, 0o700)
    return dir
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    switch target {
    case "csv": fuzzCSV(bytes)
    case "snapshot": fuzzSnapshot(bytes)
    default: fuzzDataset(bytes)
    }
    return 0
}

private func fuzzCSV(_ bytes: UnsafeBufferPointer<UInt8>) {
    let buffer = ByteBuffer.copying(bytes)
    guard let decoded = try? TextDecoder.decode(buffer, file: "fuzz.csv", encoding: .auto) else { return }
    var reader = CSVReader(text: decoded.text, file: "fuzz.csv")
    var records = 0
    while (try? reader.next()) == true, records < 100_000 {
        for k in 0..<reader.fields.count {
            _ = reader.string(k)
            _ = reader.trimmedSlice(k).map { NumberParser.parse($0) }
        }
        records += 1
    }
}

private func fuzzDataset(_ bytes: UnsafeBufferPointer<UInt8>) {
    // Split on "\n=====\n" into links, firms, segments.
    var parts: [[UInt8]] = [[]]
    let separator: [UInt8] = Array("\n=====\n".utf8)
    var i = 0
    while i < bytes.count {
        if i + separator.count <= bytes.count && Array(bytes[i..<(i + separator.count)]) == separator && parts.count < 3 {
            parts.append([])
            i += separator.count
        } else {
            parts[parts.count - 1].append(bytes[i])
            i += 1
        }
    }
    let names = ["links.csv", "firms.csv", "segments.csv"]
    for name in names { unlink("\(scratch)/\(name)") }
    for (k, part) in parts.enumerated() {
        let fd = open("\(scratch)/\(names[k])", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { return }
        _ = part.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }
    var loader = DatasetLoader()
    loader.parallelChunkBytes = 64  // exercise the chunked parser on small inputs too
    loader.threads = 3
    if let graph = try? loader.load(path: scratch) {
        _ = GraphSummary(graph)
        if graph.segments.hasTree, let region = graph.firms.regions.first {
            if let context = try? RegionContext(graph, locality: .fixed(region)) {
                _ = try? ChainGaps.compute(context, thresholds: .init(weakBelow: 0.9, strongAbove: 0.3))
                _ = try? ChainLeaders.compute(graph, within: context)
                _ = try? LocalSupportingRate.compute(context, by: .leader)
            }
            if let context = try? RegionContext(graph, locality: .relative(level: 1)) {
                _ = try? LocalSupportingRate.compute(context, by: .chain)
            }
        }
    }
}

private func fuzzSnapshot(_ bytes: UnsafeBufferPointer<UInt8>) {
    var data = Array(bytes)
    if data.count >= 48 {
        // Make the header consistent so the structural checks are what gets fuzzed.
        let payload = data.count - 48
        withUnsafeBytes(of: UInt64(payload)) { for k in 0..<8 { data[24 + k] = $0[k] } }
        var hasher = Checksum()
        data.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[48...])) }
        withUnsafeBytes(of: hasher.finish()) { for k in 0..<8 { data[32 + k] = $0[k] } }
    }
    if let graph = try? Snapshot.read(ByteBuffer.copying(data), name: "fuzz.cgs") {
        _ = GraphSummary(graph)
    }
}
