import ChainGraph

/// What an ``XMLStream`` feeds its tokens to: the reader of one kind of part.
protocol XMLHandler {
    /// Takes one token; its ranges index `buffer`, valid only during the call.
    mutating func handle(_ step: XMLStep, in buffer: UnsafeBufferPointer<UInt8>) throws(ChainGraphError)
    /// The error to report for malformed XML at the handler's current place.
    func syntaxError(_ error: XMLSyntaxError) -> ChainGraphError
}

/// Feeds decompressed chunks of one XML part through ``XMLScanner`` to a handler, keeping
/// only the unfinished tail of the text in memory.
///
/// The tail is rescanned only after the buffer has doubled (or grown by `scanStep`), so a
/// single huge token costs O(n) in total, not O(n²), and ordinary parts are scanned in
/// steps of `scanStep` bytes.
struct XMLStream<Handler: XMLHandler> {
    var handler: Handler
    private let pending = ByteStore(capacity: 1 << 16)
    private let scanStep: Int
    private var nextScanAt: Int
    private var atStart = true

    init(handler: Handler, scanStep: Int = 1 << 20) {
        self.handler = handler
        self.scanStep = max(1, scanStep)
        nextScanAt = self.scanStep
    }

    /// Appends decompressed bytes, scanning when enough have arrived.
    mutating func feed(_ chunk: UnsafeRawBufferPointer) throws(ChainGraphError) {
        pending.append(chunk)
        if pending.count >= nextScanAt { try scan(isFinal: false) }
    }

    /// Scans what is left; the part must end between tokens.
    mutating func finish() throws(ChainGraphError) {
        try scan(isFinal: true)
    }

    private mutating func scan(isFinal: Bool) throws(ChainGraphError) {
        let buffer = pending.bytes
        var start = 0
        if atStart {
            if buffer.count < 3 && !isFinal { return }
            if buffer.count >= 2 && ((buffer[0] == 0xFF && buffer[1] == 0xFE) || (buffer[0] == 0xFE && buffer[1] == 0xFF)) {
                throw handler.syntaxError(XMLSyntaxError(message: "the part is UTF-16; Excel writes UTF-8"))
            }
            if buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { start = 3 }
            atStart = false
        }
        var scanner = XMLScanner(buffer, from: start, isFinal: isFinal)
        while true {
            let step: XMLStep
            do { step = try scanner.next() } catch { throw handler.syntaxError(error) }
            switch step {
            case .needMore, .end:
                pending.removePrefix(scanner.position)
                nextScanAt = max(scanStep, pending.count * 2)
                return
            default:
                try handler.handle(step, in: buffer)
            }
        }
    }
}

extension Array where Element == UInt8 {
    /// Calls `body` with consecutive pieces of at most `chunkSize` bytes.
    func feed(in chunkSize: Int, _ body: (UnsafeRawBufferPointer) throws(ChainGraphError) -> Void) throws(ChainGraphError) {
        let step = Swift.max(1, chunkSize)
        var start = 0
        while start < count {
            let end = Swift.min(count, start + step)
            var failure: ChainGraphError?
            self[start..<end].withUnsafeBytes { chunk in
                do throws(ChainGraphError) { try body(chunk) } catch { failure = error }
            }
            if let failure { throw failure }
            start = end
        }
    }
}
