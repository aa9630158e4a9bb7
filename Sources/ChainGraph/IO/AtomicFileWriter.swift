import Glibc

/// Writes a file atomically: into a hidden temporary file beside the target, renamed over
/// the target only by ``commit()``. A writer dropped without committing removes its
/// temporary file, so a failed run leaves no partial output (SPEC §5).
package final class AtomicFileWriter {
    package let path: String
    private let temporaryPath: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private var committed = false
    package private(set) var bytesWritten = 0

    package init(path: String) throws(ChainGraphError) {
        self.path = path
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[..<$0]) } ?? "."
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !base.isEmpty else { throw .outputFailed(path: path, reason: "not a file name") }
        var template = Array("\(dir.isEmpty ? "/" : dir)/.\(base).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw .outputFailed(path: path, reason: systemMessage(errno)) }
        self.fd = fd
        temporaryPath = String(cString: template.map { $0 })
        TemporaryFiles.register(temporaryPath)
        fchmod(fd, 0o644 & ~currentUmask())
        buffer.reserveCapacity(1 << 20)
    }

    deinit {
        if !committed {
            if fd >= 0 { close(fd) }
            unlink(temporaryPath)
            TemporaryFiles.unregister(temporaryPath)
        }
    }

    package func write(_ bytes: UnsafeRawBufferPointer) throws(ChainGraphError) {
        if buffer.count + bytes.count > (1 << 20) { try flush() }
        if bytes.count >= (1 << 20) {
            try writeAll(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
        bytesWritten += bytes.count
    }

    package func write(_ string: String) throws(ChainGraphError) {
        try write(Array(string.utf8))
    }

    package func write(_ bytes: [UInt8]) throws(ChainGraphError) {
        try withBytes(of: bytes) { (p) throws(ChainGraphError) in try write(p) }
    }

    /// Overwrites bytes at `offset` (used to fill in a header after the payload).
    package func overwrite(at offset: Int, _ bytes: [UInt8]) throws(ChainGraphError) {
        try flush()
        let done = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(offset)) }
        guard done == bytes.count else { throw .outputFailed(path: path, reason: systemMessage(errno)) }
    }

    private func flush() throws(ChainGraphError) {
        guard !buffer.isEmpty else { return }
        try withBytes(of: buffer) { (p) throws(ChainGraphError) in try writeAll(p) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws(ChainGraphError) {
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw .outputFailed(path: path, reason: systemMessage(errno))
            }
            done += n
        }
    }

    /// Flushes, syncs and renames the temporary file onto `path`.
    package func commit() throws(ChainGraphError) {
        try flush()
        guard fsync(fd) == 0 || errno == EINVAL else { throw .outputFailed(path: path, reason: systemMessage(errno)) }
        close(fd)
        fd = -1
        guard rename(temporaryPath, path) == 0 else { throw .outputFailed(path: path, reason: systemMessage(errno)) }
        committed = true
        TemporaryFiles.unregister(temporaryPath)
    }

    private func currentUmask() -> mode_t {
        let old = umask(0o022)
        umask(old)
        return old
    }
}

/// Temporary files in flight, removed by a signal handler on Ctrl-C or termination.
package enum TemporaryFiles {
    // A fixed table of C strings the signal handler can read without locks or allocation.
    nonisolated(unsafe) private static var slots = [UnsafeMutablePointer<CChar>?](repeating: nil, count: 64)
    nonisolated(unsafe) private static var lock = pthread_mutex_t()
    nonisolated(unsafe) private static var installed = false

    package static func register(_ path: String) {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        if !installed { installHandlers(); installed = true }
        if let free = slots.firstIndex(where: { $0 == nil }) { slots[free] = strdup(path) }
    }

    package static func unregister(_ path: String) {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        for i in slots.indices {
            if let p = slots[i], String(cString: p) == path { slots[i] = nil; Glibc.free(p) }
        }
    }

    private static func installHandlers() {
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { signo in
                TemporaryFiles.removeAll()
                signal(signo, SIG_DFL)
                raise(signo)
            }
        }
    }

    /// Async-signal-safe: only `unlink` on pre-made C strings.
    private static func removeAll() {
        slots.withUnsafeBufferPointer { all in
            for p in all { if let p { unlink(p) } }
        }
    }
}
