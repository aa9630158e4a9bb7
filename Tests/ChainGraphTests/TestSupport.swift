import Foundation
import Testing
@testable import ChainGraph

/// A fresh temporary folder, removed when the value is deinitialised.
final class TemporaryDirectory {
    let path: String

    init() {
        let base = FileManager.default.temporaryDirectory.path
        path = "\(base)/chaingraph-test-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes a file (UTF-8) and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        write(name, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) -> String {
        let p = "\(path)/\(name)"
        let dir = (p as NSString).deletingLastPathComponent
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: p, contents: Data(bytes))
        return p
    }

    /// Names of the files in the folder (hidden ones included).
    var listing: [String] { (try? FileManager.default.contentsOfDirectory(atPath: path).sorted()) ?? [] }
}

/// The repository root, found from this file's path.
let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// `../shared/data` next to the repository, where the real datasets live.
let sharedDataRoot = "\(repositoryRoot)/../shared/data"

/// Loads a dataset folder or fails the test with the error.
func load(_ path: String, encoding: TextEncoding = .auto) throws(ChainGraphError) -> SupplyGraph {
    try DatasetLoader(encoding: encoding).load(path: path)
}

/// Expects loading to fail with a data error at `line`/`column` of a file whose name ends
/// with `file`, and returns the message.
@discardableResult
func expectDataError(_ path: String, file: String, line: Int, column: Int? = nil, contains text: String? = nil,
                     sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String? {
    do {
        _ = try DatasetLoader().load(path: path)
        Issue.record("expected a data error, loading succeeded", sourceLocation: sourceLocation)
    } catch {
        guard case let .data(location, message) = error else {
            Issue.record("expected a data error, got \(error)", sourceLocation: sourceLocation)
            return nil
        }
        #expect(location.file.hasSuffix(file), "file \(location.file)", sourceLocation: sourceLocation)
        #expect(location.line == line, "line in: \(error)", sourceLocation: sourceLocation)
        if let column { #expect(location.column == column, "column in: \(error)", sourceLocation: sourceLocation) }
        if let text { #expect(message.contains(text), "message: \(message)", sourceLocation: sourceLocation) }
        #expect(error.exitCode == 65, sourceLocation: sourceLocation)
        return message
    }
    return nil
}

/// `expectDataError` on a temporary dataset folder, kept alive for the call.
@discardableResult
func expectDataError(_ dir: TemporaryDirectory, file: String, line: Int, column: Int? = nil, contains text: String? = nil,
                     sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String? {
    withExtendedLifetime(dir) {
        expectDataError(dir.path, file: file, line: line, column: column, contains: text, sourceLocation: sourceLocation)
    }
}

/// A small deterministic random generator (SplitMix64) for randomised tests.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
