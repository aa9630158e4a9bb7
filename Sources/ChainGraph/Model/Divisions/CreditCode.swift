/// A unified social credit code (统一社会信用代码, GB 32100-2015), the 18-character id of a
/// Chinese firm or organisation (SPEC §1.1 "Ids").
///
/// Layout: character 1 the registration authority (登记管理部门), 2 the entity type, 3–8 the
/// registration division (a GB/T 2260 code), 9–17 the organisation code (组织机构代码),
/// 18 a check character. Characters come from `0123456789ABCDEFGHJKLMNPQRTUWXY` (digits and
/// upper-case letters without I, O, S, V, Z), whose positions 0…30 are their values. The check
/// character is the one of value `31 − (Σ cᵢ·wᵢ mod 31)` (31 counts as 0) over the first 17
/// characters, with weights wᵢ = 3^(i−1) mod 31: 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13,
/// 8, 24, 10, 30, 28.
///
/// ```swift
/// let code = CreditCode("91110000600037341L")!
/// code.hasValidCheck          // true
/// code.registrationDivision   // "110000" (北京)
/// CreditCode.isWellFormed("91110000600037341l")  // false: lower case
/// ```
public struct CreditCode: Sendable, Hashable, CustomStringConvertible {
    /// The 18 characters.
    public let rawValue: String

    /// The code alphabet in value order (0 … 30).
    public static let alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

    /// Weights of characters 1–17 in the check sum.
    public static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// Values of the alphabet's ASCII bytes; -1 for bytes outside it.
    private static let values: [Int8] = {
        var v = [Int8](repeating: -1, count: 128)
        for (i, b) in alphabet.utf8.enumerated() { v[Int(b)] = Int8(i) }
        return v
    }()

    /// The code when `text` is well formed (``isWellFormed(_:)``), whatever its check character;
    /// nil otherwise. The text is taken as is: trim it and fold case first if needed.
    public init?(_ text: String) {
        guard Self.isWellFormed(text) else { return nil }
        rawValue = text
    }

    /// True when `text` has the form of a credit code: exactly 18 characters from
    /// ``alphabet`` (upper case), characters 3–8 digits. The check character is not checked.
    /// - Complexity: O(1) (at most 18 bytes are read).
    public static func isWellFormed(_ text: some StringProtocol) -> Bool {
        let bytes = text.utf8
        guard bytes.count == 18 else { return false }
        for (i, b) in bytes.enumerated() {
            guard b < 128, values[Int(b)] >= 0 else { return false }
            if (2...7).contains(i), !(48...57).contains(b) { return false }
        }
        return true
    }

    /// The check character for the first 17 characters of `text` (GB 32100-2015 §5), nil when
    /// `text` has fewer than 17 characters or one outside ``alphabet``.
    ///
    /// Worked example, `91110000600037341`: values 9,1,1,1,0,0,0,0,6,0,0,0,3,7,3,4,1 times the
    /// weights give 9+3+9+27+0+0+0+0+120+0+0+0+24+168+30+120+28 = 538 = 17·31 + 11, and
    /// 31 − 11 = 20 is `L`.
    public static func checkCharacter(for text: some StringProtocol) -> Character? {
        var sum = 0
        var n = 0
        for b in text.utf8.prefix(17) {
            guard b < 128, values[Int(b)] >= 0 else { return nil }
            sum += Int(values[Int(b)]) * weights[n]
            n += 1
        }
        guard n == 17 else { return nil }
        let value = (31 - sum % 31) % 31
        return alphabet[alphabet.index(alphabet.startIndex, offsetBy: value)]
    }

    /// True when character 18 is the check character of the first 17 (SPEC §1.1: a wrong one
    /// is a warning naming the cell).
    public var hasValidCheck: Bool {
        rawValue.last == expectedCheckCharacter
    }

    /// Characters 3–8: the six-digit GB/T 2260 code of the division where the firm was
    /// registered (SPEC §1.1: the firm's region when its `region` cell is empty). It may be a
    /// code the current table no longer has (a division renamed since registration);
    /// ``RegionNormalizer/normalize(_:table:)`` then gives the code's prefecture with the code
    /// as a finer component (`330185`, 临安市 before 2017 → `浙江/杭州/330185`).
    public var registrationDivision: String {
        String(rawValue.dropFirst(2).prefix(6))
    }

    /// The check character that characters 1–17 call for (equal to the last character when
    /// ``hasValidCheck``); what a warning about a wrong check character can suggest.
    public var expectedCheckCharacter: Character {
        Self.checkCharacter(for: rawValue)!  // well formed, so 17 characters of the alphabet
    }

    /// The code itself.
    public var description: String { rawValue }
}
