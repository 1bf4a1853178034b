import Foundation
import Testing
@testable import ChorusCore

@Suite struct ClientAddressTests {
    func proxies(_ text: String) throws -> TrustedProxies { try TrustedProxies.parse(text).get() }

    @Test func readsAddressesAsProxiesWriteThem() {
        #expect(IPAddress("192.0.2.1")?.description == "192.0.2.1")
        #expect(IPAddress(" 192.0.2.1:8443 ")?.description == "192.0.2.1")
        #expect(IPAddress("2001:DB8::1")?.description == "2001:db8::1")
        #expect(IPAddress("[2001:db8::1]:443")?.description == "2001:db8::1")
        #expect(IPAddress("[2001:db8::1]")?.description == "2001:db8::1")
        #expect(IPAddress("::ffff:192.0.2.1") == IPAddress("192.0.2.1"))
        for bad in [
            "", "unknown", "192.0.2", "192.0.2.256", "1.2.3.4:", "1.2.3.4:x", "[::1", "[::1]x", "fe80::1%eth0", "<script>", "1.2.3.4, 5.6.7.8",
        ] {
            #expect(IPAddress(bad) == nil, "\(bad)")
        }
    }

    @Test func rangesHoldTheirAddressesOnly() throws {
        let r = try #require(IPRange("10.1.2.3/8"))
        #expect(r.description == "10.0.0.0/8")
        #expect(r.contains(IPAddress("10.255.0.1")!))
        #expect(!r.contains(IPAddress("11.0.0.1")!))
        #expect(!r.contains(IPAddress("::a00:1")!))  // an IPv6 address is never in an IPv4 range
        let odd = try #require(IPRange("192.168.4.0/22"))
        #expect(odd.contains(IPAddress("192.168.7.255")!))
        #expect(!odd.contains(IPAddress("192.168.8.0")!))
        let one = try #require(IPRange("192.0.2.7"))
        #expect(one.prefixLength == 32 && one.contains(IPAddress("192.0.2.7")!) && !one.contains(IPAddress("192.0.2.8")!))
        let v6 = try #require(IPRange("2001:db8::/32"))
        #expect(v6.contains(IPAddress("2001:db8:ffff::1")!))
        #expect(!v6.contains(IPAddress("2001:db9::1")!))
        #expect(IPRange("0.0.0.0/0")!.contains(IPAddress("203.0.113.9")!))
        #expect(IPRange("::1/128")!.contains(IPAddress("::1")!))
        for bad in [
            "10.0.0.0/33", "2001:db8::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8/8", "10.0.0.1:80/32", "[::1]/128", "example.org", "10.0.0.0/ 8",
        ] {
            #expect(IPRange(bad) == nil, "\(bad)")
        }
    }

    @Test func theSettingNamesABadEntry() throws {
        #expect(try proxies("").ranges.isEmpty)
        #expect(try proxies(" 10.0.0.0/8 , 2001:db8::/32,").ranges.map(\.description) == ["10.0.0.0/8", "2001:db8::/32"])
        guard case .failure(let problem) = TrustedProxies.parse("10.0.0.0/8, 10.0.0.300/32") else {
            Issue.record("a bad entry was accepted")
            return
        }
        #expect(problem.message.contains("\"10.0.0.300/32\""))
    }

    @Test func withNoTrustedProxiesTheHeaderIsIgnored() {
        let none = TrustedProxies()
        #expect(ClientAddress.resolve(peer: "203.0.113.9", forwardedFor: ["198.51.100.1"], trusted: none) == "203.0.113.9")
        #expect(ClientAddress.resolve(peer: "203.0.113.9", forwardedFor: [], trusted: none) == "203.0.113.9")
        #expect(ClientAddress.resolve(peer: nil, forwardedFor: ["198.51.100.1"], trusted: none) == "unknown")
        #expect(ClientAddress.resolve(peer: "::ffff:203.0.113.9", forwardedFor: [], trusted: none) == "203.0.113.9")
    }

    @Test func anUntrustedPeersHeaderIsIgnored() throws {
        let t = try proxies("10.0.0.0/8")
        #expect(ClientAddress.resolve(peer: "203.0.113.9", forwardedFor: ["10.0.0.5, 198.51.100.1"], trusted: t) == "203.0.113.9")
    }

    @Test func theRightMostUntrustedHopIsTheClient() throws {
        let t = try proxies("10.0.0.0/8, 2001:db8::/32")
        // The client wrote "1.1.1.1" itself; our proxy appended the address it really came from.
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: ["1.1.1.1, 198.51.100.7"], trusted: t) == "198.51.100.7")
        // Two trusted proxies in a row, the header split over two lines.
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: ["1.1.1.1, 198.51.100.7", "10.0.0.9"], trusted: t) == "198.51.100.7")
        #expect(ClientAddress.resolve(peer: "2001:db8::2", forwardedFor: ["[2001:db9::5]:5123"], trusted: t) == "2001:db9::5")
        // Every hop trusted: the furthest one is the client.
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: ["10.0.0.8, 10.0.0.9"], trusted: t) == "10.0.0.8")
        // A trusted peer with no header is the client.
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: [], trusted: t) == "10.0.0.2")
        // Something that is not an address stops the walk at the last trusted hop; nothing to its left is believed.
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: ["198.51.100.7, garbage, 10.0.0.9"], trusted: t) == "10.0.0.9")
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: ["198.51.100.7, <x>"], trusted: t) == "10.0.0.2")
    }
}
