import Foundation
import Plot
import ChorusCore

/// The capture form: few required fields first, so a champion on a phone can record a conversation in a minute;
/// the rest (themes, equality monitoring, hearing back) below. A small script keeps a draft in the browser so a lost
/// connection does not lose the text; without JavaScript the form works the same.
enum InsightFormView {
    static func render(_ m: InsightPages.NewInsight, _ ctx: PageContext) -> Page {
        let (c, orgs, input, errors, preview) = (m.choices, m.organisations, m.input, m.errors, m.preview)
        let f = ValidationFailure(errors)
        let title = ctx.t("insight.new_title")
        var fields: [HNode] = [
            Form.field(
                "text", label: ctx.t("insight.text"), control: .textarea(rows: 6), value: input["text"], error: f.message(for: "text"),
                hint: ctx.t("insight.text_hint"), required: true),
            Form.field(
                "kind", label: ctx.t("insight.kind"), control: .select(InsightChoices.kinds(ctx), placeholder: nil),
                value: input["kind"] ?? InsightKind.quote.rawValue, error: f.message(for: "kind"), required: true),
            Form.field(
                "heard_on", label: ctx.t("insight.heard_on"), control: .text(type: "date"), value: input["heard_on"] ?? m.today.description,
                error: f.message(for: "heard_on"), required: true),
            Form.field(
                "sharing", label: ctx.t("insight.sharing"), control: .select(InsightChoices.sharing(ctx), placeholder: nil),
                value: input["sharing"] ?? SharingLevel.partnership.rawValue, error: f.message(for: "sharing"), hint: ctx.t("insight.sharing_hint"),
                required: true),
            Form.field(
                "place_id", label: ctx.t("insight.place"), control: .select(c.places, placeholder: ctx.t("form.none")), value: input["place_id"],
                error: f.message(for: "place_id")),
            Form.field(
                "postcode", label: ctx.t("insight.postcode"), control: .text(autocomplete: "off", width: "10"), value: input["postcode"],
                error: f.message(for: "postcode"), hint: ctx.t("insight.postcode_hint")),
            Picker.field(
                "activity", label: ctx.t("insight.activity"), choices: c.activities, selected: input["activity_id"], typed: input["activity"],
                error: f.message(for: "activity") ?? f.message(for: "activity_id"),
                hint:
                    "Start typing the activity's title and choose it from the suggestions. Leave it empty for \(ctx.t("insight.ongoing").lowercased())."
            ),
            Form.field(
                "people_count", label: ctx.t("insight.people_count"), control: .text(type: "number", width: "5"), value: input["people_count"] ?? "1",
                error: f.message(for: "people_count"), hint: ctx.t("insight.people_count_hint")),
        ]
        if orgs.count > 1 {
            fields.append(
                Form.field(
                    "organisation_id", label: ctx.t("insight.organisation"), control: .select(orgs, placeholder: nil),
                    value: input["organisation_id"] ?? m.ownOrganisation, error: f.message(for: "organisation_id")))
        }
        fields += [
            Form.checkboxes(
                "theme_ids", legend: ctx.t("insight.themes"), options: c.themes, selected: Set(input.list("theme_ids")),
                error: f.message(for: "theme_ids")),
            Form.checkboxes(
                "audience_ids", legend: ctx.t("insight.audiences"), options: c.audiences, selected: Set(input.list("audience_ids")),
                error: f.message(for: "audience_ids")),
            H.el(
                "details",
                [
                    "class": "details",
                    "open": EqualityMonitoring.questions.contains { input[$0.field]?.isEmpty == false || f.message(for: $0.field) != nil } ? "" : nil,
                ],
                [
                    H.el("summary", [:], [.text(ctx.t("insight.equality"))]),
                    H.el("p", ["class": "hint"], [.text(ctx.t("insight.equality_hint"))]),
                    .group(
                        EqualityMonitoring.questions.map { q in
                            Form.field(
                                q.field, label: q.question, control: .select(InsightChoices.equality(q), placeholder: ctx.t("insight.not_asked")),
                                value: input[q.field], error: f.message(for: q.field))
                        }),
                ]),
            Form.checkbox(
                "feedback_opt_in", label: ctx.t("insight.feedback_opt_in"), checked: Input.isTrue(input["feedback_opt_in"]),
                hint: ctx.t("insight.feedback_opt_in_hint")),
            Form.field(
                "contact_email", label: ctx.t("insight.contact_email"), control: .text(type: "email", autocomplete: "off"),
                value: input["contact_email"], error: f.message(for: "contact_email"), hint: ctx.t("insight.contact_email_hint")),
        ]
        var body: [HNode] = [
            H.el("a", ["href": SiteURL.Insights.list, "class": "back-link"], [.text(ctx.t("insight.back"))]),
            Form.errorSummary(errors, ctx),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
        ]
        var hidden: [HNode] = []
        if let preview {
            body.append(previewPanel(ctx, preview))
            hidden.append(H.void("input", ["type": "hidden", "name": "previewed", "value": Tokens.hash(input["text"] ?? "")]))
        }
        // The draft script keeps a draft for this person only (`data-draft-owner`, their id): another person
        // signing in on the same tab never gets it back.
        body.append(
            H.el(
                "p",
                [
                    "id": "draft-restored", "class": "notice", "role": "status", "hidden": "",
                    "data-draft-owner": ctx.user?.id.uuidString ?? "",
                ], [.text(ctx.t("insight.draft_restored"))]))
        body.append(
            Form.post(
                SiteURL.Insights.create, ctx,
                hidden + fields + [
                    Form.button(preview == nil ? ctx.t("insight.save") : ctx.t("insight.save_redacted"))
                ], class: "insight-form"))
        body.append(H.el("script", ["src": draftScriptURL, "defer": ""], []))
        return Page(title: title, body: body, status: errors.isEmpty ? .ok : .badRequest)
    }

    /// What the others will see, and each thing taken out, before anything is saved.
    static func previewPanel(_ ctx: PageContext, _ r: RedactionResult) -> HNode {
        H.el(
            "div", ["class": "warning-panel", "role": "status", "id": "redaction-preview", "tabindex": "-1", "autofocus": ""],
            [
                H.el("h2", ["class": "heading-m"], [.text(ctx.t("insight.preview_title"))]),
                H.el("p", [:], [.text(ctx.t("insight.preview_intro"))]),
                H.el("blockquote", ["class": "quote"], [.text(r.text)]),
                H.el("p", [:], [.text(ctx.t("insight.preview_removed", r.redactions.count))]),
                H.el(
                    "ul", ["class": "plain-list"],
                    r.redactions.map { x in
                        H.el(
                            "li", [:],
                            [
                                .text(ctx.t("insight.redacted.\(x.kind.rawValue)") + ": "), H.el("del", [:], [.text(x.original)]),
                                .text(" → "), H.el("ins", [:], [.text(x.replacement)]),
                            ])
                    }),
                H.el("p", [:], [.text(ctx.t("insight.preview_keep"))]),
            ])
    }

    /// Keeps the form's text fields in the tab's session storage while typing and restores them after a failed send or
    /// a lost connection, for the same person only. Never longer than that: the saved page (`data-clear-draft`) clears
    /// it, the browser drops session storage when the tab closes, and signing out clears the site's storage
    /// (`Clear-Site-Data`). Drafts were once kept in localStorage, which outlives the session on a shared computer:
    /// any left there are removed on every page that loads this script.
    /// The script's address with its version: browsers keep scripts for an hour (`StaticAsset`), and an older copy
    /// kept drafts in localStorage.
    static let draftScriptURL = SiteURL.Insights.draftScript + "?v=session"

    static let draftScript = """
        (function(){
          var key='chorus-insight-draft';
          try{localStorage.removeItem(key)}catch(e){}
          var store=null;try{store=window.sessionStorage}catch(e){}
          if(!store)return;
          if(document.querySelector('[data-clear-draft]')){try{store.removeItem(key)}catch(e){}return}
          var form=document.querySelector('form.insight-form');if(!form)return;
          var note=document.getElementById('draft-restored');
          var owner=note?note.getAttribute('data-draft-owner')||'':'';
          var text=form.querySelector('textarea[name=text]');
          try{var saved=JSON.parse(store.getItem(key)||'null');
            if(saved&&saved.owner!==owner){store.removeItem(key);saved=null}
            if(saved&&saved.fields&&text&&!text.value){Object.keys(saved.fields).forEach(function(n){var el=form.elements[n];if(el&&el.type!=='checkbox'&&el.type!=='hidden'&&!el.value)el.value=saved.fields[n]});
              if(note)note.hidden=false}}catch(e){}
          function save(){var d={};['text','kind','heard_on','sharing','place_id','postcode','activity','people_count'].forEach(function(n){var el=form.elements[n];if(el&&el.value)d[n]=el.value});
            try{store.setItem(key,JSON.stringify({owner:owner,fields:d}))}catch(e){}}
          form.addEventListener('input',save);form.addEventListener('change',save);
        })();
        """
}
