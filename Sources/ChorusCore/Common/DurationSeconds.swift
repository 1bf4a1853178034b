/// A `Duration` as seconds, for timings shown or logged (the engine's stages, a run's stages, the benchmarks).
extension Duration {
    public var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
