import ChorusCore
import Vapor
import MultipartKit

/// A `multipart/form-data` upload whose file is written to disk as its bytes arrive, so a file of tens of megabytes
/// never sits in memory (the route must be registered with `body: .stream`). The form's small text fields are kept;
/// only the first file part with the given field name is written, any other file part is read and dropped.
///
/// The form's `_csrf` field arrives inside the body, so `CSRFMiddleware` leaves these routes alone and the route
/// checks it with `Request.checkCSRF(_:)` once the body is read (see `CSRFMiddleware.streamedUploadPaths`).
struct StreamedUpload: Sendable {
    /// Text fields by name (the first value of each), every part that is not a file.
    var fields: [String: String]
    /// The file name the browser sent ("" when the file field was left empty) and the bytes written to the path.
    var fileName: String
    var bytes: Int
    /// Whether the body had a file part of that name at all.
    var hasFile: Bool

    /// What a person is told when the body cannot be taken; nothing is left on disk.
    enum Failure: Error, Equatable {
        case notMultipart, malformed, cutOff, tooLarge(limit: Int), fieldsTooLarge

        var message: String {
            switch self {
            case .notMultipart: return "Send the file with the upload form (a multipart/form-data request)"
            case .malformed: return "The upload could not be read: the form's data was not well formed. Try again."
            case .cutOff: return "The upload stopped before the whole file arrived. Check your connection and try again."
            case .tooLarge(let limit):
                return "The file is larger than \(limit / (1024 * 1024)) MB; import at most \(limit / (1024 * 1024)) MB at a time, or split it"
            case .fieldsTooLarge: return "The form's fields are too long"
            }
        }
    }

    /// Text fields may not add up to more than this (they are a token and a few choices).
    static let fieldsLimit = 64 * 1024
    /// File bytes gathered before one write to disk.
    static let writeSize = 512 * 1024

    /// Reads the request body to its end, writing the file part named `fileField` to `path` (created with mode 0600).
    /// On any failure the file is removed and the error is a `Failure` (or the body stream's own error).
    static func receive(_ req: Request, fileField: String, to path: String, maxFileBytes: Int) async throws -> StreamedUpload {
        guard let type = req.headers.contentType, type.type == "multipart", type.subType == "form-data",
            let boundary = type.parameters["boundary"], !boundary.isEmpty
        else { throw Failure.notMultipart }
        let sink = Sink(
            boundary: boundary, fileField: fileField, path: path, maxFileBytes: maxFileBytes,
            threadPool: req.application.threadPool, eventLoop: req.eventLoop)
        let done = req.eventLoop.makePromise(of: Void.self)
        // On the loop: a body already collected (small requests, tests) is handed over at once, on the caller's thread.
        req.eventLoop.execute { req.body.drain { result in sink.take(result, done: done) } }
        do {
            try await done.futureResult.get()
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        return StreamedUpload(fields: sink.fields, fileName: sink.fileName, bytes: sink.fileBytes, hasFile: sink.hasFile)
    }
}

/// The parser's state. Confined to the request's event loop: `drain` calls `take` there, one chunk at a time, and
/// waits for the future it returns (the disk write) before the next chunk, so writes are in order and bounded.
private final class Sink: @unchecked Sendable {
    let parser: MultipartParser
    /// Reads each chunk before the parser: MultipartKit 4.7.1 traps on some malformed bodies (GuardedFormDataDecoder).
    var headerGuard: MultipartHeaderGuard
    let fileField: String
    let path: String
    let maxFileBytes: Int
    let threadPool: NIOThreadPool
    let eventLoop: any EventLoop

    var fields: [String: String] = [:]
    var fileName = ""
    var fileBytes = 0
    var hasFile = false

    private var headers = HTTPHeaders()
    private var part: Part?
    private var text = ByteBuffer()
    private var fieldBytes = 0
    private var pending = ByteBuffer()
    private var handle: FileHandle?
    private var fileComplete = false
    private var failure: StreamedUpload.Failure?
    private var finished = false

    private enum Part { case field(String), file, ignored }

    init(boundary: String, fileField: String, path: String, maxFileBytes: Int, threadPool: NIOThreadPool, eventLoop: any EventLoop) {
        parser = MultipartParser(boundary: boundary)
        headerGuard = MultipartHeaderGuard(boundary: boundary)
        self.fileField = fileField
        self.path = path
        self.maxFileBytes = maxFileBytes
        self.threadPool = threadPool
        self.eventLoop = eventLoop
        parser.onHeader = { [unowned self] name, value in headers.add(name: name, value: value) }
        parser.onBody = { [unowned self] body in self.body(&body) }
        parser.onPartComplete = { [unowned self] in complete() }
    }

    /// One step of the body stream. After a failure the rest of the body is read and dropped, so the route can
    /// answer at once with a page that says what went wrong.
    func take(_ result: BodyStreamResult, done: EventLoopPromise<Void>) -> EventLoopFuture<Void> {
        eventLoop.preconditionInEventLoop()
        guard !finished else { return eventLoop.makeSucceededVoidFuture() }
        switch result {
        case .buffer(let chunk):
            if case .wouldCrash = headerGuard.feed(chunk.readableBytesView) {
                failure = failure ?? .malformed
            } else {
                do { try parser.execute(chunk) } catch { failure = failure ?? .malformed }
            }
            if let failure { return finish(done, .failure(failure)) }
            guard pending.readableBytes >= StreamedUpload.writeSize else { return eventLoop.makeSucceededVoidFuture() }
            return flush().flatMapErrorThrowing { error in
                _ = self.finish(done, .failure(error))
            }
        case .error(let error):
            return finish(done, .failure(error))
        case .end:
            if hasFile && !fileComplete { return finish(done, .failure(StreamedUpload.Failure.cutOff)) }
            return flush().always { result in
                switch result {
                case .success: _ = self.finish(done, .success(()))
                case .failure(let error): _ = self.finish(done, .failure(error))
                }
            }
        }
    }

    private func finish(_ done: EventLoopPromise<Void>, _ result: Result<Void, any Error>) -> EventLoopFuture<Void> {
        finished = true
        pending.clear()
        try? handle?.close()
        handle = nil
        done.completeWith(result)
        return eventLoop.makeSucceededVoidFuture()
    }

    private func begin() {
        guard part == nil else { return }
        let disposition = headers.contentDisposition
        if let name = disposition?.name, disposition?.filename == nil {
            part = .field(name)
        } else if disposition?.name == fileField, !hasFile {
            part = .file
            hasFile = true
            fileName = disposition?.filename ?? ""
            do {
                let dir = (path as NSString).deletingLastPathComponent
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
                    let opened = FileHandle(forWritingAtPath: path)
                else { throw CocoaError(.fileWriteUnknown) }
                handle = opened
            } catch {
                failure = failure ?? .malformed
            }
        } else {
            part = .ignored
        }
    }

    private func body(_ body: inout ByteBuffer) {
        begin()
        switch part {
        case .field:
            fieldBytes += body.readableBytes
            if fieldBytes > StreamedUpload.fieldsLimit { failure = failure ?? .fieldsTooLarge; return }
            text.writeBuffer(&body)
        case .file:
            fileBytes += body.readableBytes
            if fileBytes > maxFileBytes { failure = failure ?? .tooLarge(limit: maxFileBytes); return }
            pending.writeBuffer(&body)
        case .ignored, nil:
            break
        }
    }

    private func complete() {
        begin()
        switch part {
        case .field(let name):
            if fields[name] == nil { fields[name] = text.readString(length: text.readableBytes) ?? "" }
        case .file:
            fileComplete = true
        case .ignored, nil:
            break
        }
        text.clear()
        headers = HTTPHeaders()
        part = nil
    }

    /// Writes what has gathered, off the event loop.
    private func flush() -> EventLoopFuture<Void> {
        guard let handle, pending.readableBytes > 0 else { return eventLoop.makeSucceededVoidFuture() }
        let bytes = pending
        pending = ByteBuffer()
        return threadPool.runIfActive(eventLoop: eventLoop) {
            try bytes.withUnsafeReadableBytes { try handle.write(contentsOf: $0) }
        }
    }
}
