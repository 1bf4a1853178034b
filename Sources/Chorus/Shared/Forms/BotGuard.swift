import Vapor
import ChorusCore

/// Bot protection on public forms without a CAPTCHA (a CAPTCHA shuts out disabled residents): each form carries a
/// signed stamp of when it was served and a honeypot field hidden from people (and from screen readers and the
/// keyboard); `BotCheck` judges what comes back. Settings are `AppConfig.botCheck`.
enum BotGuard {
    static let stampField = "_t"

    /// "<seconds since 1970>.<signature>": the time cannot be changed without the server's secret.
    static func stamp(_ now: Date, secret: String) -> String {
        let t = String(Int(now.timeIntervalSince1970))
        return t + "." + String(Tokens.hmac("form-stamp:" + t, key: secret).prefix(22))
    }

    /// When a stamp was made, if this server made it.
    static func issuedAt(_ stamp: String?, secret: String) -> Date? {
        guard let stamp, let dot = stamp.firstIndex(of: "."), let seconds = Int(stamp[..<dot]),
            Tokens.constantTimeEqual(self.stamp(Date(timeIntervalSince1970: TimeInterval(seconds)), secret: secret), stamp)
        else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// The verdict on a posted public form. `minimumSeconds` replaces the configured minimum for a form a person
    /// may rightly send at once (a single button).
    static func judge(_ input: Input, _ req: Request, now: Date = Date(), minimumSeconds: TimeInterval? = nil) -> BotCheck.Verdict {
        var check = req.application.chorusConfig.botCheck
        if let minimumSeconds { check.minimumSeconds = minimumSeconds }
        return check.judge(
            honeypot: input[check.honeypotField], issuedAt: issuedAt(input[stampField], secret: req.application.sessionSecret), now: now)
    }

    /// The two hidden fields a public form carries. The honeypot is inside a `hidden` block: never shown, never in the
    /// accessibility tree, never focused, so only a script that fills every field it finds fills it.
    static func fields(stamp: String, honeypot: String, id: String) -> HNode {
        .group([
            H.void("input", ["type": "hidden", "name": stampField, "value": stamp]),
            H.el(
                "div", ["hidden": ""],
                [
                    H.el("label", ["for": id], [.text("Leave this empty")]),
                    H.void("input", ["type": "text", "id": id, "name": honeypot, "value": "", "autocomplete": "off", "tabindex": "-1"]),
                ]),
        ])
    }
}

extension Request {
    /// The bot-protection fields for a public form served now.
    var botFields: BotFields {
        BotFields(
            stamp: BotGuard.stamp(Date(), secret: application.sessionSecret), honeypot: application.chorusConfig.botCheck.honeypotField)
    }
}

/// What a page model carries so its pure view can draw the bot-protection fields.
struct BotFields: Sendable, Equatable {
    let stamp: String
    let honeypot: String
    /// `idPrefix` as the form's other fields have it, where a page has more than one form.
    func html(idPrefix: String? = nil) -> HNode { BotGuard.fields(stamp: stamp, honeypot: honeypot, id: (idPrefix ?? "f-") + honeypot) }
}
