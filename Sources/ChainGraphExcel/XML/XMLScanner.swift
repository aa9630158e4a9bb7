#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A malformed construct in an XML part; the handler adds where (part, row, cell).
struct XMLSyntaxError: Error {
    var message: String
}

/// One step of ``XMLScanner``: a token as byte ranges of the scanned buffer, or a signal.
enum XMLStep {
    /// `<name attributes>` or `<name attributes/>`; the ranges exclude `<`, `/` and `>`.
    case startTag(name: Range<Int>, attributes: Range<Int>, selfClosing: Bool)
    /// `</name>`.
    case endTag(name: Range<Int>)
    /// Character data up to the next `<`, entities not yet decoded.
    case text(Range<Int>)
    /// The content of `<![CDATA[…]]>`, taken literally.
    case cdata(Range<Int>)
    /// The buffer ends inside a token; scan again with more bytes from the token's start.
    case needMore
    /// The final buffer is exhausted.
    case end
}

/// A flat tokenizer for the XML subset of SpreadsheetML parts (ECMA-376 Part 1).
///
/// It never recurses and keeps no element stack, so nesting depth costs nothing: the
/// handlers track the few elements they care about with flags. Comments and processing
/// instructions are skipped; a document type declaration is rejected, because OOXML parts
/// have none and a DTD is how entity-expansion attacks begin. Well-formedness beyond
/// tokenization (matching end tags) is not checked: a handler reads what it understands.
///
/// The scanner is resumable: when the buffer ends inside a token and `isFinal` is false it
/// returns ``XMLStep/needMore`` with ``position`` at the token's start, so a streaming
/// driver can append bytes and scan again from there.
///
/// - Complexity: O(n) in the bytes scanned; text runs are found with `memchr`.
struct XMLScanner {
    let base: UnsafePointer<UInt8>
    let count: Int
    let isFinal: Bool
    /// Offset of the first byte not yet returned as part of a token.
    private(set) var position: Int

    init(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int = 0, isFinal: Bool) {
        // A non-nil base even for an empty buffer keeps the pointer arithmetic simple.
        base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
        count = buffer.count
        self.isFinal = isFinal
        position = start
    }

    private func incomplete(_ what: String) throws(XMLSyntaxError) -> XMLStep {
        if isFinal { throw XMLSyntaxError(message: "the part ends inside \(what)") }
        return .needMore
    }

    /// Index of the first `byte` at or after `from`, or nil.
    @inline(__always)
    private func find(_ byte: UInt8, from: Int) -> Int? {
        guard from < count, let p = memchr(base + from, Int32(byte), count - from) else { return nil }
        return UnsafeRawPointer(p) - UnsafeRawPointer(base)
    }

    /// Index just past the first occurrence of `a b c` (or `b c` when `a` is nil) at or
    /// after `from`, or nil.
    private func findEnd(_ a: UInt8?, _ b: UInt8, _ c: UInt8, from: Int) -> Int? {
        var i = from
        while let k = find(c, from: i) {
            if k >= from + 1 && base[k - 1] == b && (a == nil || (k >= from + 2 && base[k - 2] == a!)) {
                return k + 1
            }
            i = k + 1
        }
        return nil
    }

    @inline(__always)
    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

    private func hasPrefix(_ literal: StaticString, at i: Int) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard i + n <= count else { return false }
        return memcmp(base + i, literal.utf8Start, n) == 0
    }

    /// The next token, ``XMLStep/needMore`` or ``XMLStep/end``.
    mutating func next() throws(XMLSyntaxError) -> XMLStep {
        while true {
            guard position < count else { return isFinal ? .end : .needMore }
            if base[position] != 0x3C {  // text up to the next '<'
                if let lt = find(0x3C, from: position) {
                    defer { position = lt }
                    return .text(position..<lt)
                }
                if !isFinal { return .needMore }
                defer { position = count }
                return .text(position..<count)
            }
            guard position + 1 < count else { return try incomplete("a tag") }
            switch base[position + 1] {
            case 0x2F:  // '/': end tag
                guard let gt = find(0x3E, from: position + 2) else { return try incomplete("an end tag") }
                var nameEnd = gt
                while nameEnd > position + 2 && XMLScanner.isSpace(base[nameEnd - 1]) { nameEnd -= 1 }
                guard nameEnd > position + 2 else { throw XMLSyntaxError(message: "an end tag without a name") }
                defer { position = gt + 1 }
                return .endTag(name: (position + 2)..<nameEnd)
            case 0x3F:  // '?': processing instruction or XML declaration
                guard let end = findEnd(nil, 0x3F, 0x3E, from: position + 2) else {
                    return try incomplete("a processing instruction")
                }
                position = end
            case 0x21:  // '!': comment, CDATA or a declaration
                if hasPrefix("<!--", at: position) {
                    guard let end = findEnd(0x2D, 0x2D, 0x3E, from: position + 4) else {
                        return try incomplete("a comment")
                    }
                    position = end
                } else if hasPrefix("<![CDATA[", at: position) {
                    guard let end = findEnd(0x5D, 0x5D, 0x3E, from: position + 9) else {
                        return try incomplete("a CDATA section")
                    }
                    defer { position = end }
                    return .cdata((position + 9)..<(end - 3))
                } else if count - position < 9 && !isFinal {
                    return .needMore
                } else {
                    throw XMLSyntaxError(message: "a document type or markup declaration (<!…>), which .xlsx parts never contain")
                }
            default:  // start tag
                var i = position + 1
                while i < count {
                    let b = base[i]
                    if XMLScanner.isSpace(b) || b == 0x2F || b == 0x3E { break }
                    i += 1
                }
                guard i < count else { return try incomplete("a tag") }
                guard i > position + 1 else { throw XMLSyntaxError(message: "a '<' that starts no tag") }
                let nameRange = (position + 1)..<i
                let attributeStart = i
                var quote: UInt8 = 0
                while i < count {
                    let b = base[i]
                    if quote != 0 {
                        if b == quote { quote = 0 }
                    } else if b == 0x22 || b == 0x27 {
                        quote = b
                    } else if b == 0x3E {
                        break
                    } else if b == 0x3C {
                        throw XMLSyntaxError(message: "a '<' inside a tag")
                    }
                    i += 1
                }
                guard i < count else { return try incomplete("a tag") }
                let selfClosing = i > attributeStart && base[i - 1] == 0x2F
                defer { position = i + 1 }
                return .startTag(name: nameRange, attributes: attributeStart..<(selfClosing ? i - 1 : i),
                                 selfClosing: selfClosing)
            }
        }
    }
}

/// Reads the `name="value"` pairs of a start tag's attribute range.
struct XMLAttributeIterator {
    let base: UnsafePointer<UInt8>
    private var i: Int
    private let end: Int

    init(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
        i = range.lowerBound
        end = range.upperBound
    }

    @inline(__always)
    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

    /// The next attribute's name and (undecoded) value ranges, or nil after the last.
    mutating func next() throws(XMLSyntaxError) -> (name: Range<Int>, value: Range<Int>)? {
        while i < end && Self.isSpace(base[i]) { i += 1 }
        guard i < end else { return nil }
        let nameStart = i
        while i < end && base[i] != 0x3D && !Self.isSpace(base[i]) { i += 1 }
        let name = nameStart..<i
        while i < end && Self.isSpace(base[i]) { i += 1 }
        guard i < end, base[i] == 0x3D, !name.isEmpty else {
            throw XMLSyntaxError(message: "an attribute without '=\"value\"'")
        }
        i += 1
        while i < end && Self.isSpace(base[i]) { i += 1 }
        guard i < end, base[i] == 0x22 || base[i] == 0x27 else {
            throw XMLSyntaxError(message: "an attribute value without quotes")
        }
        let quote = base[i]
        i += 1
        let valueStart = i
        while i < end && base[i] != quote { i += 1 }
        guard i < end else { throw XMLSyntaxError(message: "an attribute value without its closing quote") }
        defer { i += 1 }
        return (name, valueStart..<i)
    }
}

/// Name helpers: SpreadsheetML is matched by local name, so `<x:row>` (as the Open XML SDK
/// writes) is `<row>`.
enum XMLName {
    /// The part of `name` after its namespace prefix.
    @inline(__always)
    static func local(_ name: Range<Int>, in base: UnsafePointer<UInt8>) -> Range<Int> {
        var k = name.upperBound
        while k > name.lowerBound {
            if base[k - 1] == 0x3A { return k..<name.upperBound }
            k -= 1
        }
        return name
    }

    /// Whether the bytes of `range` spell `literal`.
    @inline(__always)
    static func equals(_ range: Range<Int>, in base: UnsafePointer<UInt8>, _ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        return range.count == n && memcmp(base + range.lowerBound, literal.utf8Start, n) == 0
    }
}
