"""Browser journeys for decisions and "You said, we did": a resident on a phone, without signing in, finds a
published report through the ward filter, reads it, switches to Urdu and gets the right-to-left translation; the
staff pages (decision spaces, a space, a meeting, an insight briefing and its print view, an agenda item with
decisions and actions, "My actions", the loop-closure measure, the comms report editor) render accessibly.
Every page is checked with axe-core (see conftest.py). Uses the demo data (Sources/Chorus/Features/Demo/
DemoDecisions.swift); nothing here changes it, so the tests run in any order on one server."""
from __future__ import annotations

import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import ADMIN_PASSWORD, Browser

OFFICER_EMAIL = "officer@harbourside.example"
SECRETARY_EMAIL = "secretary@harbourside.example"
COMMS_EMAIL = "comms@harbourside.example"
TRANSLATED = "You said, we did: help with the cost of living"
URDU_TITLE = "آپ نے کہا، ہم نے کیا: مہنگائی میں مدد"
DRAFT = "You said, we did: safer walking and cycling"
REPORT_PATH = re.compile(r"^/you-said-we-did/[0-9A-Fa-f-]{36}$")


def h1_text(b: Browser) -> str:
    return b.find("main h1").text.strip()


def report_item(b: Browser, title: str):
    """The list item of the report with this title on the public list."""
    items = [li for li in b.find_all("main ul.public-list > li") if title in li.find_element(By.CSS_SELECTOR, "h2").text]
    assert items, f"{title!r} is not listed: {[li.text for li in b.find_all('main ul.public-list > li')]}"
    return items[0]


def test_resident_on_a_phone_filters_by_ward_reads_a_report_and_switches_to_urdu(browser: Browser):
    b = browser
    b.driver.set_window_size(390, 844)  # a phone-sized window; no sign-in
    b.visit("/you-said-we-did", "public list")
    assert h1_text(b) == "You said, we did"
    assert b.html_attrs() == ("en", "ltr")
    everything = len(b.find_all("main ul.public-list > li"))
    assert everything >= 6, "the demo publishes six reports"
    # The report's own line names its wards ("Published on … · Quayside, Old Town · Cost of living").
    where = report_item(b, TRANSLATED).find_element(By.CSS_SELECTOR, "p").text.split(" · ")[1]
    ward = where.split(", ")[0]
    Select(b.find("#f-ward")).select_by_visible_text(ward)
    b.click_and_wait(b.find("main form.filter-bar button[type=submit]"), "filtered by ward")
    assert "ward=E05099" in b.driver.current_url, b.driver.current_url
    assert Select(b.find("#f-ward")).first_selected_option.text == ward, "the chosen ward stays selected"
    listed = b.find_all("main ul.public-list > li")
    assert len(listed) < everything, "the ward filter narrows the list"
    for li in listed:
        assert ward in li.text or "Borough-wide" in li.text or "Across activities" in li.text, li.text
    link = report_item(b, TRANSLATED).find_element(By.CSS_SELECTOR, "h2 a")
    b.click_and_wait(link, "report in English")
    assert REPORT_PATH.match(b.path()), b.driver.current_url
    assert h1_text(b) == TRANSLATED
    main = b.find("main").text
    for heading in ("What we asked", "What you said", "What we did", "What we said we would do, and where it is now"):
        assert heading in main, heading
    promises = b.find_all("main #actions li")
    assert promises, "the actions the board agreed are listed with their status"
    assert any("done on" in p.text for p in promises), [p.text for p in promises]
    assert not b.find_all("script[src], main script"), "the public report needs no script"
    # The header's language link: the same report, in Urdu, right to left.
    urdu = b.find("header a.language-link[hreflang='ur']")
    assert urdu.get_attribute("lang") == "ur"
    b.click_and_wait(urdu, "report in Urdu")
    assert REPORT_PATH.match(b.path()), b.driver.current_url
    assert b.html_attrs() == ("ur", "rtl")
    assert h1_text(b) == URDU_TITLE
    main = b.find("main").text
    assert "ہم نے کیا پوچھا" in main and "گرم جگہیں" in main, main[:400]
    assert not b.find_all("main .notice"), "a translated report has no 'not translated yet' notice"
    # Action titles are English only: marked so screen readers switch voice.
    assert all(span.get_attribute("dir") == "ltr" for span in b.find_all("main #actions span[lang='en']"))
    assert b.find_all("main a[hreflang='en']"), "the report offers its English version"
    # Back on the list, still in Urdu, the titles of translated reports are in Urdu.
    b.click_and_wait(b.find("main a.back-link"), "public list in Urdu")
    assert b.html_attrs() == ("ur", "rtl")
    assert URDU_TITLE in b.find("main").text


def test_a_report_without_a_translation_says_so_in_urdu(browser: Browser):
    b = browser
    b.driver.set_window_size(390, 844)
    b.visit("/you-said-we-did", "public list")
    other = next(li for li in b.find_all("main ul.public-list > li") if TRANSLATED not in li.text)
    b.click_and_wait(other.find_element(By.CSS_SELECTOR, "h2 a"), "English-only report")
    b.click_and_wait(b.find("header a.language-link[hreflang='ur']"), "English-only report, Urdu page")
    assert b.html_attrs() == ("ur", "rtl")
    assert b.find("main h1").get_attribute("lang") == "en", "the English title is marked as English"
    assert "ابھی آپ کی زبان میں ترجمہ نہیں ہوا" in b.find("main .notice").text


def test_secretary_pages_spaces_meetings_briefings_and_decisions(browser: Browser):
    b = browser
    b.sign_in(SECRETARY_EMAIL, ADMIN_PASSWORD)
    b.visit("/decision-spaces", "decision spaces")
    assert h1_text(b) == "Decision spaces"
    names = [a.text for a in b.find_all("main table a")]
    # Sam Secretary is a secretary of the private steering group, so it is listed for them.
    for name in ("Harbourside Partnership Board", "Health and Wellbeing Scrutiny Panel", "Quayside Estate Steering Group"):
        assert name in names, names
    b.click_and_wait(b.driver.find_element(By.LINK_TEXT, "Harbourside Partnership Board"), "space page")
    assert h1_text(b) == "Harbourside Partnership Board"
    members = b.find("main dl.summary-list").text
    assert "Sam Secretary" in members and "secretary" in members
    assert "Community representative" in members and "external" in members
    meetings = b.find_all("main table tbody tr a")
    assert len(meetings) >= 12, "a year of meetings"
    # The newest meeting is the upcoming one, with insight items not decided yet.
    b.click_and_wait(meetings[0], "upcoming meeting")
    assert b.find("main h1").text.startswith("Partnership Board:")
    insight_items = [li for li in b.find_all("main ol.agenda li") if "insight item" in li.text]
    assert len(insight_items) >= 2, [li.text for li in b.find_all("main ol.agenda li")]
    assert b.find_all("#add-item"), "the secretary can add to the agenda"
    b.click_and_wait(insight_items[0].find_element(By.CSS_SELECTOR, "a"), "theme briefing")
    main = b.find("main").text
    for heading in ("Reach", "Themes", "In their words", "Who was heard", "Who was not heard", "Equality monitoring"):
        assert heading in main, heading
    assert "fewer than 5" in b.find("main").get_attribute("textContent"), "small counts are suppressed"
    b.click_and_wait(b.driver.find_element(By.PARTIAL_LINK_TEXT, "Print the briefing"), "briefing print view")
    assert "Printed" in b.find("main").text
    # An item already decided: through the space's list of actions to one action, then to its agenda item.
    b.visit("/decision-spaces", "decision spaces again")
    b.click_and_wait(b.driver.find_element(By.LINK_TEXT, "Harbourside Partnership Board"), "space page again")
    b.click_and_wait(b.driver.find_element(By.LINK_TEXT, "All actions of this space"), "actions of the space")
    statuses = b.find("main table").text
    for status in ("Proposed", "Agreed", "In progress", "Done", "Not doing"):
        assert status in statuses, status
    b.click_and_wait(b.find("main table tbody tr a"), "an action")
    assert b.find_all("main #update"), "the secretary can update any action of the space"
    b.click_and_wait(b.driver.find_element(By.LINK_TEXT, "Back to the agenda item"), "decided agenda item")
    assert b.find_all("main div.panel[id^='decision-']"), "the item shows its decision"
    assert "Prompted by" in b.find("main").text
    b.click_and_wait(b.driver.find_element(By.LINK_TEXT, "Back to the agenda"), "past meeting")
    assert "decision" in b.find("main ol.agenda").text


def test_officer_sees_my_actions_with_an_overdue_one_and_the_loop_closure_measure(browser: Browser):
    b = browser
    b.sign_in(OFFICER_EMAIL, ADMIN_PASSWORD)
    b.visit("/actions/mine", "my actions")
    assert h1_text(b) == "My actions"
    rows = b.find_all("main table tbody tr")
    assert len(rows) >= 3, [r.text for r in rows]
    assert all("Olu Officer" in r.text for r in rows)
    assert "overdue" in b.find("main #overdue").text
    assert any("Overdue:" in r.text for r in rows), "the overdue action says so in words, not colour alone"
    b.visit("/oversight/loop-closure", "loop closure")
    assert h1_text(b) == "Loop closure"
    stats = b.find("main ul.stat-grid").text
    assert re.search(r"\(6 of \d+\)", stats), stats
    assert "By organisation" in b.find("main").text and "By ward" in b.find("main").text


def test_comms_report_list_and_editor(browser: Browser):
    b = browser
    b.sign_in(COMMS_EMAIL, ADMIN_PASSWORD)
    b.visit("/feedback-reports", "reports")
    assert h1_text(b) == "\"You said, we did\" reports"
    assert "Draft" in b.find("main table").text
    b.click_and_wait(b.driver.find_element(By.LINK_TEXT, DRAFT), "draft report editor")
    assert h1_text(b) == DRAFT
    assert b.find("#report-status").text == "Draft"
    assert b.driver.find_elements(By.XPATH, "//main//form[contains(@action,'/publish')]//button"), "comms can publish"
    urdu_form = b.find("main div[lang='ur'][dir='rtl'] form")
    assert "/translations/ur" in urdu_form.get_attribute("action")
    # The published one is the Youth Trust's activity's: the council's comms read it but cannot change it (only the
    # comms of an organisation that leads or partners in the activity, or a partnership admin, may).
    b.visit("/feedback-reports", "reports again")
    b.click_and_wait(b.driver.find_element(By.LINK_TEXT, TRANSLATED), "another organisation's published report")
    assert b.find("#report-status").text.startswith("Published")
    assert not b.find_all("main form[action*='/translations/']"), "another organisation's comms cannot change its translation"
    b.driver.delete_all_cookies()
    b.sign_in()
    b.visit("/feedback-reports", "reports as the partnership admin")
    b.click_and_wait(b.driver.find_element(By.LINK_TEXT, TRANSLATED), "published report editor")
    assert URDU_TITLE in [i.get_attribute("value") for i in b.find_all("main div[lang='ur'] input")]


def test_comms_start_a_report_for_a_theme_across_activities(browser: Browser):
    """The theme report form: a bad date is named in the error summary, then a draft for "Transport" (and the
    themes under it) opens in the editor with what the trail found (Transport: the demo's bus and walking and cycling
    consultations are public; its housing ones are not, so a housing report has no "Where we heard it"); published, it is a public page like any
    report (checked with axe on a phone-sized window). It is listed under every ward as "Across activities",
    which the ward-filter journey above allows for."""
    b = browser
    b.sign_in(COMMS_EMAIL, ADMIN_PASSWORD)
    b.visit("/feedback-reports", "reports")
    Select(b.find("#f-theme-id")).select_by_visible_text("Transport")
    b.driver.execute_script("arguments[0].value = arguments[1]", b.find("#f-from"), "2025-01-01")
    b.driver.execute_script("arguments[0].value = arguments[1]", b.find("#f-to"), "2024-01-01")
    b.click_and_wait(b.driver.find_element(By.XPATH, "//button[normalize-space()='Start the theme report']"), "theme report: dates backwards")
    summary = b.find(".error-summary")
    assert "The to date must be the same as or after the from date" in summary.text, summary.text
    assert summary.find_element(By.CSS_SELECTOR, "a").get_attribute("href").endswith("#f-to")
    assert Select(b.find("#f-theme-id")).first_selected_option.text == "Transport", "the choice is kept"
    b.driver.execute_script("arguments[0].value = arguments[1]", b.find("#f-to"), "2026-12-31")
    b.driver.execute_script("arguments[0].value = arguments[1]", b.find("#f-from"), "2025-01-01")
    b.click_and_wait(b.driver.find_element(By.XPATH, "//button[normalize-space()='Start the theme report']"), "theme report editor")
    assert b.path().startswith("/feedback-reports/"), b.driver.current_url
    assert b.find("main .caption").text.startswith("Theme across activities: Transport")
    assert b.find("#report-status").text == "Draft"
    assert "Heard in:" in b.find("main").text
    # Publishing emails residents: it asks for a tick that names how many, and refuses without it.
    publish = "//main//form[contains(@action,'/publish')]//button"
    assert "emails" in b.find("main form[action$='/publish']").text
    b.click_and_wait(b.driver.find_element(By.XPATH, publish), "publish without the tick")
    assert "Tick the box to confirm" in b.find(".error-summary").text
    assert b.find("#report-status").text == "Draft", "nothing was published"
    b.find("#f-confirm").click()
    b.click_and_wait(b.driver.find_element(By.XPATH, publish), "theme report published")
    assert b.find("#report-status").text.startswith("Published")
    b.click_and_wait(b.driver.find_element(By.LINK_TEXT, "Open the public page"), "public theme report")
    assert REPORT_PATH.match(b.path()), b.driver.current_url
    b.driver.set_window_size(390, 844)
    b.visit(b.path(), "public theme report on a phone")
    main = b.find("main").text
    assert "every activity from 1 January 2025 to 31 December 2026" in main, main[:400]
    assert "Where we heard it" in main


def test_admin_sees_the_email_outbox(browser: Browser):
    b = browser
    b.sign_in()
    b.visit("/feedback-reports", "reports as admin")
    b.click_and_wait(b.driver.find_element(By.LINK_TEXT, "Email outbox"), "email outbox")
    assert h1_text(b) == "Email outbox"
    assert "cancelled (unsubscribed)" in b.find("main ul.stat-grid").text
