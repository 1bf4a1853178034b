import Testing
@testable import Chorus

@Suite struct TokensTests {
    /// Stored API-token and text hashes are compared as these strings: the format must not change.
    @Test func hashIsTheLowerCaseHexSHA256() {
        #expect(Tokens.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Tokens.hash("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Tokens.hex([0x00, 0x0f, 0xa5, 0xff]) == "000fa5ff")
    }
}
