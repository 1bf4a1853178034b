import Foundation
import ChorusCore

/// What residents see of a survey: the start page, a page of questions, check your answers, saved (with the resume
/// code), resume, thank you, and closed. Every string is in the catalogue; no script.
enum SurveyResidentViews {
    static func start(_ m: SurveyPages.Start, _ ctx: PageContext) -> Page {
        let s = m.survey
        let action: HNode
        if !m.open {
            action = H.el("div", ["class": "notice"], [.text(closedText(s.closes, ctx))])
        } else if m.needsSignIn {
            action = H.el(
                "p", [:],
                [
                    .text(ctx.t("survey.sign_in_needed") + " "),
                    H.link(ctx.t("survey.sign_in_link"), SiteURL.Residents.signIn(back: SiteURL.Surveys.start(s.id))),
                ])
        } else {
            action = .group([
                .unwrap(m.problem) { H.el("p", ["class": "error-message", "role": "alert"], [.text($0)]) },
                Form.post(
                    SiteURL.Surveys.begin(s.id), ctx,
                    [m.bot.html(), Form.button(ctx.t(m.started ? (m.submitted ? "survey.change_answers" : "survey.continue") : "survey.start_now"))]),
                .if(s.mode == .signedIn || (s.mode == .either && m.signedIn), H.el("p", ["class": "hint"], [.text(ctx.t("survey.one_each"))])),
                .if(!m.signedIn && s.mode != .signedIn, H.el("p", [:], [H.link(ctx.t("survey.have_code"), SiteURL.Surveys.resume(s.id))])),
            ])
        }
        return Page(
            title: (m.problem == nil ? "" : ctx.t("survey.error_title_prefix")) + s.title,
            body: [
                H.el("h1", ["class": "heading-xl"], [w(s.title, s.language, ctx)]),
                .if(
                    s.language != ctx.language.code,
                    H.el("p", ["class": "notice"], [.text(ctx.t("survey.written_in", UILanguage.named(s.language)?.nativeName ?? s.language))])),
                .if(!m.activityTitle.isEmpty, H.el("p", ["class": "hint"], [.text(ctx.t("survey.part_of", m.activityTitle))])),
                H.el("p", ["class": "lead survey-intro"], [w(s.intro, s.language, ctx)]),
                .unwrap(m.open ? s.closes : nil) { H.el("p", [:], [.text(ctx.t("survey.closes", DayText.local($0, ctx)))]) },
                H.el("p", [:], [.text(ctx.t("survey.questions", s.definition.numbered.count))]),
                action,
                .unwrap(s.resultsPublished ? s.resultsSummary : nil) { text in
                    H.el(
                        "section", ["aria-labelledby": "survey-results"],
                        [
                            H.el("h2", ["class": "heading-m", "id": "survey-results"], [.text(ctx.t("survey.results_title"))]),
                            H.el("p", ["class": "survey-summary"], [.text(text)]),
                        ])
                },
                .unwrap(m.notice) { PrivacyNoticeView.section($0, ctx) },
            ],
            status: m.problem == nil ? .ok : .badRequest)
    }

    /// Survey wording in its own language (`SurveyQuestionView.wording`).
    static func w(_ text: String, _ language: String, _ ctx: PageContext) -> HNode { SurveyQuestionView.wording(text, language, ctx) }

    static func closedText(_ closes: Day?, _ ctx: PageContext) -> String {
        closes.map { ctx.t("survey.closed_on", DayText.local($0, ctx)) } ?? ctx.t("survey.closed")
    }

    static func page(_ m: SurveyPages.Page, _ ctx: PageContext) -> Page {
        let errors = m.questions.compactMap { q in q.problem.map { FieldError(SurveyAnswers.field(q.question), SurveyQuestionView.message($0, ctx)) }
        }
        return Page(
            title: (errors.isEmpty ? "" : ctx.t("survey.error_title_prefix")) + m.surveyTitle + " – " + ctx.t("survey.page_of", m.position, m.pages),
            body: [
                H.el("a", ["href": m.back, "class": "back-link"], [.text(ctx.t("survey.back"))]),
                Form.errorSummary(errors, ctx),
                H.el("p", ["class": "hint survey-progress"], [.text(ctx.t("survey.page_of", m.position, m.pages))]),
                H.el("h1", ["class": "heading-xl"], [w(m.title ?? m.surveyTitle, m.language, ctx)]),
                Form.post(
                    SiteURL.Surveys.page(m.id, m.index + 1), ctx,
                    m.questions.map { q in SurveyQuestionView.control(q, error: q.problem.map { SurveyQuestionView.message($0, ctx) }, ctx) } + [
                        H.el(
                            "div", ["class": "actions"],
                            [
                                H.el(
                                    "button", ["type": "submit", "class": "button", "name": "action", "value": "next"],
                                    [.text(ctx.t("survey.continue"))]),
                                .if(
                                    m.canSave,
                                    H.el(
                                        "button", ["type": "submit", "class": "button button-secondary", "name": "action", "value": "save"],
                                        [.text(ctx.t("survey.save_later"))])),
                            ]),
                        languageSwitch(m.otherLanguages, ctx),
                    ]),
            ],
            status: errors.isEmpty ? .ok : .badRequest)
    }

    /// Buttons that keep what is typed on the page and show it in another language the survey is written in (the
    /// header's language links would leave the page without saving it).
    static func languageSwitch(_ languages: [UILanguage], _ ctx: PageContext) -> HNode {
        .if(
            !languages.isEmpty,
            H.el(
                "div", ["class": "survey-languages"],
                [H.el("p", ["class": "hint"], [.text(ctx.t("survey.switch_language"))])]
                    + languages.map { lang in
                        H.el(
                            "button",
                            [
                                "type": "submit", "class": "button button-secondary", "name": "action", "value": "language:" + lang.code,
                                "lang": lang.code,
                                "dir": lang.dir,
                            ], [.text(lang.nativeName)])
                    }))
    }

    static func check(_ m: SurveyPages.Check, _ ctx: PageContext) -> Page {
        Page(
            title: ctx.t("survey.check_title"),
            body: [
                H.el("h1", ["class": "heading-xl"], [.text(ctx.t("survey.check_title"))]),
                H.el("p", ["class": "hint"], [w(m.title, m.language, ctx)]),
                H.el(
                    "dl", ["class": "summary-list survey-check"],
                    m.rows.flatMap { r -> [HNode] in
                        [
                            H.el("dt", [:], [.text(r.number.map { "\($0). " } ?? ""), w(r.text, m.language, ctx)]),
                            H.el(
                                "dd", [:],
                                (r.answer.isEmpty
                                    ? [H.el("p", [:], [.text(ctx.t(r.missing ? "survey.needed" : "survey.not_answered"))])]
                                    : r.answer.map { H.el("p", [:], [.text($0)]) })
                                    + [
                                        H.el(
                                            "a", ["href": r.change, "class": "survey-change"],
                                            [
                                                .text(ctx.t("survey.change") + " "),
                                                H.el("span", ["class": "visually-hidden"], [w(r.text, m.language, ctx)]),
                                            ])
                                    ]),
                        ]
                    }),
                .unwrap(m.aboutYouAnswered) { answered in
                    H.el(
                        "dl", ["class": "summary-list"],
                        [
                            H.el("dt", [:], [.text(ctx.t("survey.about_you_title"))]),
                            H.el(
                                "dd", [:],
                                [
                                    H.el("p", [:], [.text(ctx.t(answered ? "survey.answered" : "survey.not_answered"))]),
                                    H.el(
                                        "a", ["href": SiteURL.Surveys.aboutYou(m.id), "class": "survey-change"],
                                        [
                                            .text(ctx.t("survey.change")),
                                            H.el("span", ["class": "visually-hidden"], [.text(" " + ctx.t("survey.about_you_title"))]),
                                        ]),
                                ]),
                        ])
                },
                .if(m.resubmitting, H.el("p", [:], [.text(ctx.t("survey.edit_note"))])),
                Form.post(SiteURL.Surveys.check(m.id), ctx, [Form.button(ctx.t("survey.submit"))]),
            ])
    }

    static func aboutYou(_ m: SurveyPages.AboutYou, _ ctx: PageContext) -> Page {
        Page(
            title: ctx.t("survey.about_you_title"),
            body: [
                Form.errorSummary(m.errors, ctx),
                H.el("h1", ["class": "heading-xl"], [.text(ctx.t("survey.about_you_title"))]),
                H.el("p", ["class": "lead"], [.text(ctx.t("survey.about_you_intro"))]),
                .if(m.fromAccount, H.el("p", ["class": "notice"], [.text(ctx.t("survey.about_you_from_account"))])),
                Form.post(
                    SiteURL.Surveys.aboutYou(m.id), ctx,
                    EqualityFields.fields(m.answers, errors: m.errors, ctx) + [
                        Form.checkboxes(
                            "consent", legend: ctx.t("resident.equality_consent_legend"),
                            options: [Form.Option("yes", ctx.t(ConsentPurpose.equalityMonitoring.wordingKey))], selected: m.consented ? ["yes"] : [],
                            error: m.errors.first { $0.field == "consent" }?.message, columns: false),
                        Form.button(ctx.t("survey.continue")),
                    ]),
            ],
            status: m.errors.isEmpty ? .ok : .badRequest)
    }

    static func saved(_ m: SurveyPages.Saved, _ ctx: PageContext) -> Page {
        Page(
            title: ctx.t("survey.saved_title"),
            body: [
                H.el("div", ["class": "notice"], [H.el("h1", ["class": "heading-xl"], [.text(ctx.t("survey.saved_title"))])]),
                .unwrap(m.code) { code in
                    .group([
                        H.el("p", [:], [.text(ctx.t("survey.saved_code_intro"))]),
                        H.el("p", ["class": "token-display reference", "id": "resume-code"], [.text(code)]),
                        H.el("p", [:], [.text(ctx.t("survey.saved_code_howto"))]),
                    ])
                },
                .if(m.code == nil, H.el("p", [:], [.text(ctx.t("survey.saved_signed_in"))])),
                .unwrap(m.closes) { H.el("p", [:], [.text(ctx.t("survey.closes", DayText.local($0, ctx)))]) },
                H.el("p", [:], [H.link(ctx.t("survey.back_to_survey"), SiteURL.Surveys.start(m.id))]),
            ])
    }

    static func resume(_ m: SurveyPages.Resume, _ ctx: PageContext) -> Page {
        let errors = m.error.map { [FieldError("code", $0)] } ?? []
        return Page(
            title: ctx.t("survey.resume_title"),
            body: [
                H.el("a", ["href": SiteURL.Surveys.start(m.id), "class": "back-link"], [.text(ctx.t("survey.back"))]),
                Form.errorSummary(errors, ctx),
                H.el("h1", ["class": "heading-xl"], [.text(ctx.t("survey.resume_title"))]),
                H.el("p", ["class": "hint"], [w(m.title, m.language, ctx)]),
                Form.post(
                    SiteURL.Surveys.resume(m.id), ctx,
                    [
                        Form.field(
                            "code", label: ctx.t("survey.resume_code"), control: .text(autocomplete: "off", width: "10"), value: m.typed,
                            error: m.error,
                            hint: ctx.t("survey.resume_hint")),
                        m.bot.html(),
                        Form.button(ctx.t("survey.resume_button")),
                    ]),
            ],
            status: errors.isEmpty ? .ok : .badRequest)
    }

    static func done(_ m: SurveyPages.Done, _ ctx: PageContext) -> Page {
        Page(
            title: ctx.t("survey.done_title"),
            body: [
                H.el(
                    "div", ["class": "notice"],
                    [
                        H.el("h1", ["class": "heading-xl"], [.text(ctx.t("survey.done_title"))]),
                        .unwrap(m.reference) {
                            H.el("p", [:], [.text(ctx.t("survey.reference", "")), H.el("strong", ["class": "reference"], [.text($0)])])
                        },
                    ]),
                H.el("p", [:], [.text(ctx.t("survey.done_next"))]),
                .if(m.signedIn, H.el("p", [:], [.text(ctx.t("survey.done_copy"))])),
                H.el("p", [:], [H.link(ctx.t("survey.back_to_survey"), SiteURL.Surveys.start(m.id))]),
            ])
    }

    static func closed(_ m: SurveyPages.Closed, _ ctx: PageContext) -> Page {
        Page(
            title: ctx.t("survey.closed_title"),
            body: [
                H.el("h1", ["class": "heading-xl"], [.text(ctx.t("survey.closed_title"))]),
                H.el("p", [:], [w(m.title, m.language, ctx)]),
                H.el("p", [:], [.text(closedText(m.closes, ctx))]),
                H.el("p", [:], [H.link(ctx.t("survey.back_to_survey"), SiteURL.Surveys.start(m.id))]),
            ],
            status: .conflict)
    }
}
