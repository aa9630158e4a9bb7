import Foundation
import Testing

/// Result of running the built `chaingraph` binary.
struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// The `chaingraph` executable built beside the test bundle.
let chaingraphBinary: String = {
    let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var dir = exe.deletingLastPathComponent()
    // The test bundle may be a directory (…/debug/ChainGraphPackageTests.xctest) on Linux
    // it is a file in the products folder; walk up until `chaingraph` is found.
    for _ in 0..<4 {
        let candidate = dir.appendingPathComponent("chaingraph").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        dir.deleteLastPathComponent()
    }
    return "\(repositoryRoot)/.build/debug/chaingraph"
}()

/// Runs `chaingraph` with `arguments` in `directory` (default: the repository root).
func runCLI(_ arguments: [String], in directory: String = repositoryRoot, environment: [String: String] = [:]) throws -> CLIResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: chaingraphBinary)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes before waiting so a large output cannot block the child.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CLIResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                     stderr: String(decoding: errData, as: UTF8.self))
}
