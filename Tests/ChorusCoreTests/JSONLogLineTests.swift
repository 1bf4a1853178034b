import Foundation
import Testing

@testable import ChorusCore

@Suite struct JSONLogLineTests {
    @Test func hostileTextStaysOnOneLineAndReadsBackExactly() throws {
        let hostile = "Bus \"stops\" <review>\r\nFAKE [ ERROR ] injected\u{0007} =cmd|' /C calc'!A0"
        let line = JSONLogLine.encode(
            time: Date(timeIntervalSince1970: 1_800_000_000.5), level: "info", label: "codes.vapor.request",
            message: "POST /activities \(hostile)", metadata: ["request-id": "R1", "client": "10.0.0.7", "message": "clash"],
            source: "Vapor", file: "/a/b/RouteLoggingMiddleware.swift", line: 14)
        #expect(!line.contains("\n") && !line.contains("\r"), "one record, one line")
        let back = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(back["message"] == "POST /activities \(hostile)")
        #expect(back["meta.message"] == "clash", "metadata cannot overwrite the record's own fields")
        #expect(back["request-id"] == "R1" && back["client"] == "10.0.0.7")
        #expect(back["time"] == "2027-01-15T08:00:00.500Z" && back["file"] == "RouteLoggingMiddleware.swift:14")
    }
}
