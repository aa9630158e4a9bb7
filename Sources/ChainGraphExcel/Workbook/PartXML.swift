import ChainGraph

/// A start tag of a small part (relationships, workbook) with its attributes decoded.
struct PartTag {
    /// The element's local name (`sheet` for `<x:sheet>`).
    var localName: String
    /// Attributes by qualified name as written (`name`, `r:id`), values entity-decoded.
    var attributes: [(name: String, value: String)]

    /// The value of the unprefixed attribute `name`.
    func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// The value of a prefixed attribute with local name `local` (`r:id` for `id`), whatever
    /// the prefix: relationship ids live in another namespace whose prefix a writer chooses.
    func prefixedAttribute(local: String) -> String? {
        attributes.first { a in
            guard let colon = a.name.lastIndex(of: ":") else { return false }
            return a.name[a.name.index(after: colon)...] == local
        }?.value
    }
}

/// Reads the start tags of a whole, small XML part.
enum PartXML {
    /// Every start tag of `bytes`, in document order.
    ///
    /// - Throws: ``ChainGraphError/invalidData(_:)`` naming the workbook and the part when
    ///   the XML is malformed.
    static func startTags(_ bytes: [UInt8], part: String, workbook: String) throws(ChainGraphError) -> [PartTag] {
        var tags: [PartTag] = []
        var failure: XMLSyntaxError?
        bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            if buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { start = 3 }
            var scanner = XMLScanner(buffer, from: start, isFinal: true)
            let base = scanner.base
            do throws(XMLSyntaxError) {
                while true {
                    let step = try scanner.next()
                    if case .end = step { return }
                    guard case let .startTag(name, attributeRange, _) = step else { continue }
                    let local = XMLName.local(name, in: base)
                    var tag = PartTag(localName: string(base, local), attributes: [])
                    var iterator = XMLAttributeIterator(buffer, attributeRange)
                    while let (attributeName, value) = try iterator.next() {
                        var decoded: [UInt8] = []
                        try XMLText.appendDecoded(base, value, to: &decoded)
                        tag.attributes.append((string(base, attributeName), String(decoding: decoded, as: UTF8.self)))
                    }
                    tags.append(tag)
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw XLSXReader.invalidWorkbook(workbook, "\(part): malformed XML: \(failure.message)") }
        return tags
    }

    private static func string(_ base: UnsafePointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(start: base + range.lowerBound, count: range.count), as: UTF8.self)
    }
}
