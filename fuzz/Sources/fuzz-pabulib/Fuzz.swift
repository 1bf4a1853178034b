import FuzzMain

@main enum Fuzzer {
    static func main() { runFuzzer("pabulib") }
}
