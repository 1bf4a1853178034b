import Vapor
import ChorusCore

/// "Check an outcome" (`/budgeting/check`): upload a Pabulib file, choose a rule (and a tie seed), and read each
/// project's result. The file is streamed to disk, read once and removed; nothing is stored.
enum BudgetCheckController {
    typealias URLs = SiteURL.Budgeting.Route

    static func routes(_ r: FeatureRoutes) {
        r.staff.get(URLs.check, use: form)
        // Streamed: a city's file is megabytes (Lodz 2022: 90,494 ballots).
        r.staff.on(.POST, URLs.check.pathComponents, body: .stream, use: check).streamsItsBody()
    }

    @Sendable static func form(_ req: Request) async throws -> Response {
        BudgetCheckViews.form(rule: .equalSharesAdd1, seed: "", errors: [], req.page).response(req.page)
    }

    @Sendable static func check(_ req: Request) async throws -> Response {
        _ = try req.requireUser()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-pb-check-" + UUID().uuidString).path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let upload: StreamedUpload
        do {
            upload = try await StreamedUpload.receive(req, fileField: "file", to: path, maxFileBytes: BudgetCheck.maxBytes)
        } catch let failure as StreamedUpload.Failure {
            return BudgetCheckViews.form(rule: .equalSharesAdd1, seed: "", errors: [FieldError("file", failure.message)], req.page).response(req.page)
        }
        try req.checkCSRF(upload.fields[CSRFMiddleware.fieldName])
        var v = Validator()
        let rule = v.choice("rule", upload.fields["rule"], label: "Rule", as: BudgetCheck.Rule.self)
        let seed = v.optional("seed", upload.fields["seed"], label: "Tie seed", max: 200)
        if !upload.hasFile || upload.bytes == 0 { v.add("file", "Choose a Pabulib file (.pb) to check") }
        var text: String? = nil
        if v.errors.isEmpty {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            text = String(data: data, encoding: .utf8)
            if text == nil { v.add("file", "The file is not UTF-8 text: a Pabulib file is (save it as UTF-8 and try again)") }
        }
        guard v.errors.isEmpty, let rule, let text else {
            return BudgetCheckViews.form(rule: rule ?? .equalSharesAdd1, seed: seed ?? "", errors: v.errors, req.page).response(req.page)
        }
        let name = String(upload.fileName.prefix(200))
        // Counting a city's vote is CPU work: off the event loop.
        let outcome = try await req.application.threadPool.runIfActive { () -> Result<BudgetCheck.Result, BudgetCheck.Problem> in
            do throws(BudgetCheck.Problem) {
                return .success(try BudgetCheck.run(text: text, fileName: name, rule: rule, seed: seed))
            } catch { return .failure(error) }
        }
        switch outcome {
        case .success(let result): return BudgetCheckViews.result(result, req.page).response(req.page)
        case .failure(let problem):
            return BudgetCheckViews.form(rule: rule, seed: seed ?? "", errors: [FieldError("file", problem.message)], req.page).response(req.page)
        }
    }
}
