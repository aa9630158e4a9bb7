import Glibc

/// An immutable run of bytes owned by the buffer: a read-only file mapping or a heap copy.
///
/// Large inputs are mapped rather than read so that a multi-gigabyte `links.csv` costs
/// page-cache memory only; decoded (GB18030 → UTF-8) text lives on the heap.
package final class ByteBuffer: @unchecked Sendable {
    // @unchecked: the memory is never written after init and is released only in deinit.
    package let base: UnsafeRawPointer?
    package let count: Int
    private let release: Release

    private enum Release { case none, unmap, free }

    private init(base: UnsafeRawPointer?, count: Int, release: Release) {
        self.base = base
        self.count = count
        self.release = release
    }

    deinit {
        guard let base else { return }
        switch release {
        case .none: break
        case .unmap: munmap(UnsafeMutableRawPointer(mutating: base), count)
        case .free: Glibc.free(UnsafeMutableRawPointer(mutating: base))
        }
    }

    /// Takes ownership of `malloc`ed memory.
    package static func adopting(malloced base: UnsafeMutableRawPointer?, count: Int) -> ByteBuffer {
        ByteBuffer(base: base.map { UnsafeRawPointer($0) }, count: count, release: .free)
    }

    /// A copy of `bytes` (used for in-memory inputs, e.g. in tests and fuzzing).
    package static func copying(_ bytes: some Collection<UInt8>) -> ByteBuffer {
        let count = bytes.count
        guard count > 0, let memory = malloc(count) else { return ByteBuffer(base: nil, count: 0, release: .none) }
        let typed = memory.bindMemory(to: UInt8.self, capacity: count)
        _ = UnsafeMutableBufferPointer(start: typed, count: count).initialize(from: bytes)
        return ByteBuffer(base: UnsafeRawPointer(memory), count: count, release: .free)
    }

    /// Maps the file at `path` read-only. Throws `inputMissing` when it cannot be opened.
    package static func mapping(path: String) throws(ChainGraphError) -> ByteBuffer {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .inputMissing(path: path, reason: systemMessage(errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .inputMissing(path: path, reason: systemMessage(errno)) }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw .inputMissing(path: path, reason: "is a directory, expected a file")
        }
        let size = Int(info.st_size)
        if (info.st_mode & S_IFMT) != S_IFREG {
            return try readStream(fd: fd, path: path)
        }
        if size == 0 { return ByteBuffer(base: nil, count: 0, release: .none) }
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED else {
            throw .inputMissing(path: path, reason: systemMessage(errno))
        }
        madvise(mapped, size, MADV_SEQUENTIAL)
        return ByteBuffer(base: UnsafeRawPointer(mapped), count: size, release: .unmap)
    }

    /// Reads a pipe or character device to its end.
    private static func readStream(fd: Int32, path: String) throws(ChainGraphError) -> ByteBuffer {
        var capacity = 1 << 16
        var count = 0
        guard var memory = malloc(capacity) else { throw .internal("out of memory") }
        while true {
            if count == capacity {
                capacity *= 2
                guard let grown = realloc(memory, capacity) else { Glibc.free(memory); throw .internal("out of memory") }
                memory = grown
            }
            let got = read(fd, memory + count, capacity - count)
            if got < 0 {
                if errno == EINTR { continue }
                Glibc.free(memory)
                throw .inputMissing(path: path, reason: systemMessage(errno))
            }
            if got == 0 { break }
            count += got
        }
        return .adopting(malloced: memory, count: count)
    }

    package var bytes: UnsafeBufferPointer<UInt8> {
        guard let base else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: count)
    }
}

/// `strerror` as a Swift string.
package func systemMessage(_ code: Int32) -> String {
    String(cString: strerror(code))
}
