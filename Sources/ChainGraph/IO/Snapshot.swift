import Dispatch
import Glibc

/// The binary snapshot format written by `chaingraph convert` and read by every command.
///
/// Layout (little-endian, all sections 8-byte aligned):
/// ```
/// header, 48 bytes: magic "CHGRAPH\0" | version u32 | 0x01020304 u32 | section count u64
///                   | payload bytes u64 | payload checksum u64 | reserved u64
/// payload: sections in a fixed order, each
///          tag u32 | element size u32 | element count u64 | elements | zero padding to 8
/// ```
/// The checksum is `Checksum` (four multiply–rotate lanes) over the payload. Reading maps the file, verifies
/// magic, version, sizes and checksum, then copies each column out with bounds checks and
/// re-validates every index, so a truncated, corrupt or hostile file is a data error
/// (exit 65), never a crash.
///
/// ```swift
/// try Snapshot.write(graph, to: "nev.cgs")
/// let again = try DatasetLoader().load(path: "nev.cgs")   // or Snapshot.read(path:)
/// ```
public enum Snapshot {
    /// The format version this library writes and reads; a file of another version is
    /// refused (re-convert it from the CSV dataset).
    public static let version: UInt32 = 1
    static let magic: [UInt8] = Array("CHGRAPH".utf8) + [0]
    static let headerSize = 48
}
