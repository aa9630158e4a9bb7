import ChainGraph

/// Percent-decoding of URL components, strict: a `%` not followed by two hex digits, or
/// bytes that are not UTF-8 after decoding, make the component invalid (nil). Nothing is
/// repaired: a request the server cannot read exactly is refused.
enum PercentDecoding {
    /// The decoded text, nil when the component is malformed.
    static func decode(_ raw: some StringProtocol, plusIsSpace: Bool) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.utf8.count)
        var it = raw.utf8.makeIterator()
        while let b = it.next() {
            switch b {
            case UInt8(ascii: "%"):
                guard let h = it.next().flatMap(hex), let l = it.next().flatMap(hex) else { return nil }
                bytes.append(h << 4 | l)
            case UInt8(ascii: "+") where plusIsSpace:
                bytes.append(UInt8(ascii: " "))
            default:
                bytes.append(b)
            }
        }
        // String(validating:) refuses ill-formed UTF-8 instead of repairing it.
        guard let text = String(validating: bytes, as: UTF8.self), !text.utf8.contains(0) else { return nil }
        return text
    }

    private static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// The parameters of a query string (`a=1&b=x`), decoded, with typed accessors whose errors
/// name the parameter (HTTP 400).
struct Query {
    private var pairs: [(name: String, value: String)] = []

    /// Parses a raw query string; a malformed pair is a 400 naming it.
    init(_ raw: String) throws(APIError) {
        for item in raw.split(separator: "&", omittingEmptySubsequences: true) {
            let kv = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = PercentDecoding.decode(kv[0], plusIsSpace: true) else {
                throw .badParameter(nil, "a parameter name is not valid percent-encoded UTF-8")
            }
            guard let value = PercentDecoding.decode(kv.count > 1 ? kv[1] : "", plusIsSpace: true) else {
                throw .badParameter(name, "\(name): the value is not valid percent-encoded UTF-8")
            }
            pairs.append((name, value))
        }
    }

    /// Refuses parameters the endpoint does not know, and repeated ones (except `type`).
    func allow(_ known: Set<String>) throws(APIError) {
        var seen = Set<String>()
        for (name, _) in pairs {
            guard known.contains(name) else {
                let list = known.sorted().joined(separator: ", ")
                throw .badParameter(name, "unknown parameter \(name)" + (list.isEmpty ? ": this endpoint takes none" : "; this endpoint takes \(list)"))
            }
            if name != "type" && !seen.insert(name).inserted { throw .badParameter(name, "parameter \(name) given more than once") }
        }
    }

    /// The value of `name`, nil when absent.
    subscript(name: String) -> String? { pairs.first { $0.name == name }?.value }

    /// Every value of a repeatable parameter.
    func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    /// A non-empty value, or 400.
    func required(_ name: String) throws(APIError) -> String {
        guard let v = self[name], !v.trimmingSpaces().isEmpty else { throw .badParameter(name, "\(name) is required") }
        return v
    }

    /// An integer in `range`, nil when absent.
    func integer(_ name: String, range: ClosedRange<Int>) throws(APIError) -> Int? {
        guard let text = self[name] else { return nil }
        guard let v = Int(text), range.contains(v) else {
            throw .badParameter(name, "\(name)=\(text): expected an integer in \(range.lowerBound)…\(range.upperBound)")
        }
        return v
    }

    /// A finite number, nil when absent.
    func number(_ name: String) throws(APIError) -> Double? {
        guard let text = self[name] else { return nil }
        guard let v = Double(text), v.isFinite else { throw .badParameter(name, "\(name)=\(text): expected a finite number") }
        return v
    }

    /// A share in [0, 1], nil when absent.
    func share(_ name: String) throws(APIError) -> Double? {
        guard let v = try number(name) else { return nil }
        guard (0...1).contains(v) else { throw .badParameter(name, "\(name)=\(v): expected a share in [0, 1]") }
        return v
    }

    /// One of an enumeration's raw values, nil when absent.
    func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type) throws(APIError) -> T? where T.RawValue == String {
        guard let text = self[name] else { return nil }
        guard let v = T(rawValue: text) else {
            throw .badParameter(name, "\(name)=\(text): expected one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return v
    }
}
