/// A 64-bit FNV-1a hash of text, written as 16 hexadecimal digits.
///
/// Used for cache keys (which compiled program or which run belongs to which lesson text), not
/// for security. Source: Fowler, Noll and Vo, "FNV hash", IETF draft-eastlake-fnv.
public func contentHash(_ parts: [String]) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for part in parts {
        for byte in part.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        hash ^= 0xff  // separates ["ab", "c"] from ["a", "bc"]
        hash &*= 0x0000_0100_0000_01b3
    }
    let digits = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}
