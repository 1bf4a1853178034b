import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An IPv4 or IPv6 address as its bytes (4 or 16). An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`, what a dual-stack
/// socket reports for an IPv4 peer) is read as the IPv4 address, so one rule covers both spellings.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    public let bytes: [UInt8]

    /// Reads `192.0.2.1`, `2001:db8::1`, `[2001:db8::1]`, and either with a port (`192.0.2.1:443`, `[2001:db8::1]:443`),
    /// as proxies write them in `X-Forwarded-For`; nil for anything else.
    public init?(_ text: some StringProtocol) {
        var s = text.trimmingCharacters(in: .whitespaces)
        if s.hasPrefix("[") {
            guard let close = s.firstIndex(of: "]") else { return nil }
            let rest = s[s.index(after: close)...]
            guard rest.isEmpty || (rest.first == ":" && rest.dropFirst().allSatisfy(\.isNumber) && rest.count > 1) else { return nil }
            s = String(s[s.index(after: s.startIndex)..<close])
        } else if s.filter({ $0 == ":" }).count == 1 {
            let parts = s.split(separator: ":", omittingEmptySubsequences: false)
            guard parts[1].allSatisfy(\.isNumber), !parts[1].isEmpty else { return nil }
            s = String(parts[0])
        }
        if s.contains("%") { return nil }  // a zone (`fe80::1%eth0`) names a link on some machine, not a client
        if let v4 = Self.parse(s, family: AF_INET, size: 4) {
            bytes = v4
        } else if let v6 = Self.parse(s, family: AF_INET6, size: 16) {
            bytes = v6[0..<12] == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF] ? Array(v6[12...]) : v6
        } else {
            return nil
        }
    }

    private static func parse(_ s: String, family: Int32, size: Int) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: 16)
        let ok = s.withCString { cs in out.withUnsafeMutableBytes { inet_pton(family, cs, $0.baseAddress) } }
        return ok == 1 ? Array(out[0..<size]) : nil
    }

    public var description: String {
        var buffer = [CChar](repeating: 0, count: 64)
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        let ok = bytes.withUnsafeBytes { b in
            buffer.withUnsafeMutableBufferPointer { inet_ntop(family, b.baseAddress, $0.baseAddress, 64) }
        }
        guard ok != nil else { return "unknown" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// A range of addresses written as CIDR: `10.0.0.0/8`, `2001:db8::/32`, or one address (`192.0.2.7`, all its bits).
public struct IPRange: Sendable, Hashable, CustomStringConvertible {
    public let network: IPAddress
    public let prefixLength: Int

    public init?(_ text: some StringProtocol) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", omittingEmptySubsequences: false)
        // No brackets or ports here, and an IPv4 range is written as IPv4.
        guard (1...2).contains(parts.count), !parts[0].contains("["), let address = IPAddress(parts[0]) else { return nil }
        if address.bytes.count == 4, parts[0].contains(":") { return nil }
        let bits = address.bytes.count * 8
        var length = bits
        if parts.count == 2 {
            guard let n = Int(parts[1]), parts[1].allSatisfy(\.isNumber), (0...bits).contains(n) else { return nil }
            length = n
        }
        // Keep only the network bits, so `10.1.2.3/8` means 10.0.0.0/8.
        var masked = address.bytes
        for i in masked.indices {
            let keep = max(0, min(8, length - i * 8))
            masked[i] &= keep == 0 ? 0 : UInt8(truncatingIfNeeded: 0xFF << (8 - keep))
        }
        network = IPAddress(bytes: masked)
        prefixLength = length
    }

    public func contains(_ address: IPAddress) -> Bool {
        guard address.bytes.count == network.bytes.count else { return false }
        for i in network.bytes.indices {
            let keep = max(0, min(8, prefixLength - i * 8))
            if keep == 0 { return true }
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - keep))
            if address.bytes[i] & mask != network.bytes[i] { return false }
        }
        return true
    }

    public var description: String { "\(network)/\(prefixLength)" }
}

extension IPAddress {
    fileprivate init(bytes: [UInt8]) { self.bytes = bytes }
}

/// The proxies whose `X-Forwarded-For` is believed (`CHORUS_TRUSTED_PROXIES`). Empty, the default, believes no one.
public struct TrustedProxies: Sendable, Hashable {
    public var ranges: [IPRange]

    public init(_ ranges: [IPRange] = []) { self.ranges = ranges }

    public struct Problem: Error, Equatable, Sendable {
        public let message: String
    }

    /// Reads a comma-separated list of CIDR ranges; the first entry that is not one is named in the problem.
    public static func parse(_ text: String) -> Result<TrustedProxies, Problem> {
        var ranges: [IPRange] = []
        for entry in text.split(separator: ",", omittingEmptySubsequences: false) {
            let e = entry.trimmingCharacters(in: .whitespaces)
            if e.isEmpty { continue }
            guard let range = IPRange(e) else {
                return .failure(
                    Problem(message: "has \"\(e)\", which is not an IP address or CIDR range (like 10.0.0.0/8 or 2001:db8::/32)"))
            }
            ranges.append(range)
        }
        return .success(TrustedProxies(ranges))
    }

    public func trusts(_ address: IPAddress) -> Bool { ranges.contains { $0.contains(address) } }
}

/// The address of the person at the other end, for throttling and logs.
///
/// The socket's peer is the client unless it is a trusted proxy. A trusted proxy appends the address it received the
/// request from to `X-Forwarded-For`, so the header is read from the right, one hop at a time, for as long as each
/// hop is itself trusted; the first untrusted address is the client. Everything to its left was written by the client
/// or by proxies nobody vouches for, so it is never believed: a client sending a made-up header each time cannot
/// change the address it is throttled under. With no trusted proxies, the header is ignored entirely.
public enum ClientAddress {
    /// - Parameters:
    ///   - peer: the socket's peer address as text (nil when unknown).
    ///   - forwardedFor: every `X-Forwarded-For` header value, in the order received.
    /// - Returns: the client's address as text, `peer` itself when it cannot be read, or "unknown" when there is none.
    public static func resolve(peer: String?, forwardedFor: [String], trusted: TrustedProxies) -> String {
        guard let peerText = peer else { return "unknown" }
        guard let peerAddress = IPAddress(peerText) else { return peerText }
        guard trusted.trusts(peerAddress) else { return peerAddress.description }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        var client = peerAddress
        for hop in hops.reversed() {
            // A trusted proxy wrote something that is not an address: nothing further left can be believed.
            guard let address = IPAddress(hop) else { break }
            client = address
            if !trusted.trusts(address) { break }
        }
        return client.description
    }
}
