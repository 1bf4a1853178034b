import FuzzMain

@main enum Fuzzer {
    static func main() { runFuzzer("insight_rows") }
}
