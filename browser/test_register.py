"""Journeys through the engagement register and the public "what's on" pages.

Same rules as test_journeys.py: every page load is screenshotted into browser/artifacts/
and checked with axe-core (see conftest.py); any violation fails the test.

The server runs with the demo borough (CHORUS_DEMO=1): about 300 activities over 12 wards
whose postcode districts are HS1..HS12 in ward-code order (HS1 = Quayside, E05099001).
Run: python3 -m pytest browser -q -p no:cacheprovider
"""
from __future__ import annotations

import datetime as dt
import random
import re
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import ADMIN_PASSWORD, Browser

OFFICER_EMAIL = "officer@harbourside.example"
OFFICER_NAME = "Olu Officer"
ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")
UUID_PATH = re.compile(r"^/activities/([0-9A-Fa-f-]{36})$")
PUBLIC_UUID_PATH = re.compile(r"^/whats-on/([0-9A-Fa-f-]{36})$")


def h1_text(b: Browser) -> str:
    return b.find("h1").text.strip()


def query(b: Browser) -> dict[str, list[str]]:
    return parse_qs(urlparse(b.driver.current_url).query)


def button(b: Browser, text: str, scope: str = "//main"):
    return b.driver.find_element(By.XPATH, f"{scope}//button[normalize-space()='{text}']")


# --------------------------------------------------------------------------- form helpers


def checkbox(b: Browser, name: str, label: str):
    """The checkbox in group ``name`` whose <label for> reads ``label`` (or ends "› label")."""
    for box in b.find_all(f"main form input[type=checkbox][name='{name}']"):
        box_id = box.get_attribute("id")
        lab = b.find(f"label[for='{box_id}']")
        text = " ".join(lab.text.split())
        if text == label or text.endswith(f"› {label}"):
            return box, lab
    pytest.fail(f"no checkbox labelled {label!r} in group {name!r}")


def tick(b: Browser, name: str, label: str) -> None:
    """Tick a box by clicking its label, as a person would; an already ticked box stays."""
    box, lab = checkbox(b, name, label)
    if not box.is_selected():
        lab.click()
    assert box.is_selected(), f"clicking the label {label!r} did not tick #{box.get_attribute('id')}"


def set_date(b: Browser, css: str, day: dt.date | None) -> None:
    # Date inputs are locale-dependent to type into; set the ISO value directly.
    el = b.find(css)
    b.driver.execute_script("arguments[0].value = arguments[1]", el, day.isoformat() if day else "")
    assert el.get_attribute("value") == (day.isoformat() if day else "")


def fill_activity(
    b: Browser,
    *,
    title: str,
    starts: dt.date,
    ends: dt.date,
    ward: str = "Quayside",
    theme: str = "Parks and green spaces",
    audience: str = "Young people (11–25)",
    method: str = "Survey",
) -> None:
    b.fill("#f-title", title)
    b.fill("#f-purpose", f"Browser test: what should change in {ward}'s parks ({title}).")
    # The officer's own organisation and the officer as lead are the defaults.
    assert Select(b.find("#f-organisation-id")).first_selected_option.text.strip() == (
        "Harbourside Borough Council"
    )
    lead = Select(b.find("#f-lead-person-id")).first_selected_option.text
    assert lead.startswith(OFFICER_NAME), f"lead officer defaults to {lead!r}"
    tick(b, "place_ids", ward)
    tick(b, "theme_ids", theme)
    tick(b, "audience_ids", audience)
    tick(b, "methods", method)
    Select(b.find("#f-ladder-level")).select_by_value("consult")
    assert Select(b.find("#f-status")).first_selected_option.get_attribute("value") == "planned"
    set_date(b, "#f-starts-on", starts)
    set_date(b, "#f-ends-on", ends)
    b.fill("#f-expected-reach", "150")
    b.fill("#f-public-summary", "Tell us what would make the parks better for young people.")
    assert b.find("#f-is-public").is_selected(), "new activities are public by default"


def save_activity(b: Browser, label: str) -> None:
    b.click_and_wait(button(b, "Save", "//main//form"), label)


def saved_activity_id(b: Browser, title: str) -> str:
    """After a successful save: on /activities/<id>?saved=1#overlaps with the notice."""
    url = urlparse(b.driver.current_url)
    m = UUID_PATH.match(url.path)
    assert m, f"expected /activities/<id> after saving, got {b.driver.current_url}"
    assert parse_qs(url.query).get("saved") == ["1"], b.driver.current_url
    assert url.fragment == "overlaps", b.driver.current_url
    assert not b.find_all(".error-summary"), b.find(".error-summary").text
    notices = [n.text for n in b.find_all(".notice")]
    assert any(f"Saved: {title}" in n for n in notices), notices
    assert h1_text(b) == title
    return m.group(1)


# --------------------------------------------------------------------------- 1. overlaps


def test_officer_registers_overlapping_activity_and_sees_warning(browser: Browser):
    """The issue's journey: an officer registers an activity that overlaps another and sees
    the warning naming it (and who to contact); every page is axe clean."""
    b = browser
    today = dt.date.today()
    a_start, a_end = today + dt.timedelta(days=60), today + dt.timedelta(days=75)
    b_start, b_end = a_end + dt.timedelta(days=7), a_end + dt.timedelta(days=21)
    tag = f"{random.Random().randrange(100000):05d}"
    title_a = f"Quayside parks survey {tag} A"
    title_b = f"Quayside parks survey {tag} B"

    b.sign_in(OFFICER_EMAIL, ADMIN_PASSWORD)
    assert h1_text(b).startswith("Hello,")

    b.visit("/activities", "register")
    b.click_and_wait(b.driver.find_element(By.LINK_TEXT, "Register an activity"), "new form")
    assert b.path() == "/activities/new"
    assert h1_text(b) == "Register an activity"

    # --- A, first with the dates the wrong way round.
    fill_activity(b, title=title_a, starts=a_end, ends=a_start)
    save_activity(b, "new form with date error")
    summary = b.find(".error-summary")
    assert summary.is_displayed()
    hrefs = [a.get_attribute("href") or "" for a in summary.find_elements(By.CSS_SELECTOR, "a")]
    assert any(h.endswith("#f-ends-on") for h in hrefs), f"no link to #f-ends-on in {hrefs}"
    assert b.find_all("#f-ends-on"), "the summary links to #f-ends-on but the field is missing"
    # What was entered is kept.
    assert b.find("#f-title").get_attribute("value") == title_a, "the title was not kept"
    for name, label in (
        ("place_ids", "Quayside"),
        ("theme_ids", "Parks and green spaces"),
        ("audience_ids", "Young people (11–25)"),
        ("methods", "Survey"),
    ):
        assert checkbox(b, name, label)[0].is_selected(), f"{label!r} was not kept ticked"
    assert Select(b.find("#f-ladder-level")).first_selected_option.get_attribute("value") == (
        "consult"
    )
    assert b.find("#f-starts-on").get_attribute("value") == a_end.isoformat()
    # Following the link takes you to the end date.
    next(a for a in summary.find_elements(By.CSS_SELECTOR, "a")
         if (a.get_attribute("href") or "").endswith("#f-ends-on")).click()
    assert b.driver.current_url.endswith("#f-ends-on")

    # Fix the dates (and re-tick anything the re-rendered form did not keep) and save.
    fill_activity(b, title=title_a, starts=a_start, ends=a_end)
    save_activity(b, "activity A saved")
    id_a = saved_activity_id(b, title_a)
    assert b.find_all("#overlaps"), "the activity page has no #overlaps section"

    # --- B: same ward, theme and audience, starting a week after A ends.
    b.visit("/activities/new", "new form for B")
    fill_activity(b, title=title_b, starts=b_start, ends=b_end)
    save_activity(b, "activity B saved")
    id_b = saved_activity_id(b, title_b)
    assert id_b != id_a

    panel = b.find("#overlaps")
    assert "warning-panel" in (panel.get_attribute("class") or "").split(), (
        panel.get_attribute("outerHTML")[:300]
    )
    panel_text = " ".join(panel.text.split())
    assert re.search(
        r"\b\d+ overlapping activit(y|ies): join up before you ask the same people", panel_text
    ), panel_text
    link_a = panel.find_elements(By.XPATH, f".//a[normalize-space()='{title_a}']")
    assert link_a, f"overlap panel does not name {title_a!r}: {panel_text}"
    assert (link_a[0].get_attribute("href") or "").endswith(f"/activities/{id_a}")
    # The entry for A: organisation, what is shared, and who to contact.
    entry = link_a[0].find_element(By.XPATH, "./ancestor::li[1]")
    entry_text = " ".join(entry.text.split())
    assert "Harbourside Borough Council" in entry_text, entry_text
    assert "Shared:" in entry_text and "Quayside" in entry_text, entry_text
    assert "Parks and green spaces" in entry_text, entry_text
    assert "Young people (11–25)" in entry_text, entry_text
    assert f"Contact the lead: {OFFICER_NAME} — {OFFICER_EMAIL}" in entry_text, entry_text
    mailto = entry.find_elements(By.CSS_SELECTOR, f"a[href='mailto:{OFFICER_EMAIL}']")
    if not mailto:  # a plain email is fine too; the text check above is what matters
        assert OFFICER_EMAIL in entry_text

    # Following the link: A's page names B the other way round.
    b.click_and_wait(link_a[0], "activity A, overlapping B")
    assert b.path() == f"/activities/{id_a}"
    assert h1_text(b) == title_a
    back = b.find("#overlaps").find_elements(By.XPATH, f".//a[normalize-space()='{title_b}']")
    assert back, "A's overlap panel does not name B"

    # The public page of A shows the activity but never staff names or emails.
    b.visit(f"/whats-on/{id_a}", "activity A public page")
    assert h1_text(b) == title_a
    main_text = b.find("main").text
    assert OFFICER_EMAIL not in main_text and OFFICER_NAME not in main_text, main_text


def test_officer_adds_an_audience_sees_the_thread_and_the_history(browser: Browser):
    """Issue 17.5 and 17.9: "Private renters" is a demo audience; an audience missing from the list is added from
    the form; the activity page shows its thread with next steps; "See the change history" opens that activity's
    history (not "You do not have access"); checkboxes keep their size where labels wrap."""
    b = browser
    today = dt.date.today()
    tag = f"{random.Random().randrange(100000):05d}"
    title = f"Renters' damp survey {tag}"
    new_audience = f"Lodgers {tag}"
    b.sign_in(OFFICER_EMAIL, ADMIN_PASSWORD)
    b.visit("/activities/new", "new form")
    checkbox(b, "audience_ids", "Private renters")
    fill_activity(b, title=title, starts=today + dt.timedelta(days=30), ends=today + dt.timedelta(days=40),
                  audience="Private renters")
    b.fill("#f-new-audience", new_audience)

    # Every tick box is the same size, however long its label (a narrow window wraps the labels).
    b.driver.set_window_size(400, 900)
    sizes = {(round(box.size["width"]), round(box.size["height"])) for box in b.find_all("main form input[type=checkbox]")}
    b.driver.set_window_size(1280, 1000)
    assert len(sizes) == 1, f"checkboxes of different sizes: {sizes}"

    save_activity(b, "activity with a new audience saved")
    activity_id = saved_activity_id(b, title)
    rows = " ".join(b.find("main dl.summary-list").text.split())
    assert "Private renters" in rows and new_audience in rows, rows

    # The thread, with the officer's next steps.
    thread = b.find("#thread")
    assert "No plan yet" in b.find("#thread-plan").text
    record = b.driver.find_element(By.XPATH, "//*[@id='thread-insights']//a[normalize-space()='Record an insight for this activity']")
    assert record.get_attribute("href").endswith(f"/insights/new?activity={activity_id}")
    assert "Not started" in b.find("#thread-report").text, thread.text

    # The change history of this activity, for its officer.
    b.click_and_wait(b.driver.find_element(By.LINK_TEXT, "See the change history"), "activity history")
    assert b.path() == f"/activities/{activity_id}/history"
    assert h1_text(b) == f"Change history: {title}"
    assert OFFICER_NAME in b.find("main table").text

    # The same name again, in capitals, is refused and names the field.
    b.visit("/activities/new", "new form, duplicate audience")
    fill_activity(b, title=title + " again", starts=today + dt.timedelta(days=30), ends=today + dt.timedelta(days=40))
    b.fill("#f-new-audience", new_audience.upper())
    save_activity(b, "duplicate audience refused")
    summary = b.find(".error-summary")
    assert "already exists" in summary.text, summary.text
    assert any((a.get_attribute("href") or "").endswith("#f-new-audience") for a in summary.find_elements(By.CSS_SELECTOR, "a"))


def test_residents_footer_has_no_api_link(browser: Browser):
    b = browser
    b.visit("/whats-on", "whats-on signed out")
    assert not b.find_all("footer a[href='/api/v1/openapi.json']")
    b.sign_in(OFFICER_EMAIL, ADMIN_PASSWORD)
    b.visit("/activities", "register signed in")
    assert b.find_all("footer a[href='/api/v1/openapi.json']")


# --------------------------------------------------------------------------- 2. pages


def test_register_list_and_ward_filter(browser: Browser):
    b = browser
    b.sign_in(OFFICER_EMAIL, ADMIN_PASSWORD)
    b.visit("/activities", "register")
    assert h1_text(b) == "Engagement register"
    assert b.find("nav a[href='/activities']").get_attribute("aria-current") == "page"
    rows = b.find_all("main table tbody tr")
    assert rows, "the register table is empty with demo data"
    for text, href in (
        ("Register an activity", "/activities/new"),
        ("Month calendar", "/activities/calendar"),
        ("Fatigue by ward", "/activities/fatigue"),
    ):
        link = b.driver.find_element(By.XPATH, f"//main//a[normalize-space()='{text}']")
        assert urlparse(link.get_attribute("href")).path == href

    ward = Select(b.find("#f-ward"))
    ward.select_by_visible_text("Quayside")
    ward_id = ward.first_selected_option.get_attribute("value")
    apply = b.driver.find_element(
        By.XPATH, "//form[@role='search']//button[normalize-space()='Apply filters']"
    )
    b.click_and_wait(apply, "register filtered by Quayside")
    assert b.path() == "/activities"
    assert query(b).get("ward") == [ward_id], b.driver.current_url
    # The filter is kept in the form, and every row is in Quayside or borough-wide.
    assert Select(b.find("#f-ward")).first_selected_option.text.strip() == "Quayside"
    rows = b.find_all("main table tbody tr")
    assert rows, "no activities in Quayside"
    for row in rows:
        places = row.find_elements(By.CSS_SELECTOR, "td")[2].text
        assert "Quayside" in places or "Borough-wide" in places, row.text


@pytest.mark.parametrize(
    "path, heading",
    [
        ("/activities/calendar", re.compile(r"^Activities starting in \w+ \d{4}$")),
        ("/activities/fatigue", re.compile(r"^Engagement fatigue by ward$")),
        ("/wards/E05099001", re.compile(r"^Quayside ward$")),
    ],
    ids=["calendar", "fatigue", "ward"],
)
def test_register_views_render_accessibly(browser: Browser, path: str, heading: re.Pattern):
    b = browser
    b.sign_in(OFFICER_EMAIL, ADMIN_PASSWORD)
    b.visit(path, path)
    assert b.path() == path, f"expected {path}, ended on {b.driver.current_url}"
    assert heading.search(h1_text(b)), h1_text(b)
    if path == "/activities/calendar":
        nxt = b.driver.find_element(By.CSS_SELECTOR, "main a[rel='next']")
        b.click_and_wait(nxt, "calendar next month")
        assert b.path() == path and "month" in query(b), b.driver.current_url
        assert heading.search(h1_text(b)), h1_text(b)
    elif path == "/activities/fatigue":
        # One row per ward: the 12 demo wards (plus any a test in this session added).
        assert len(b.find_all("main table tbody tr")) >= 12
        b.click_and_wait(b.driver.find_element(By.LINK_TEXT, "Quayside"), "ward from fatigue")
        assert b.path() == "/wards/E05099001"
    else:
        assert b.find_all("main table tbody tr"), "ward page has no rows"


def test_whats_on_postcode_search_and_public_activity(browser: Browser):
    b = browser
    b.visit("/whats-on", "whats-on")
    assert h1_text(b) == "What's happening near me"
    assert b.html_attrs() == ("en", "ltr")
    postcode = b.find("#f-postcode")
    hint_id = b.find("#f-postcode-hint").get_attribute("id")
    assert hint_id in (postcode.get_attribute("aria-describedby") or "").split()
    wards = {a.text.strip() for a in b.find_all("main a[href^='/whats-on?ward=']")}
    assert len(wards) >= 12 and "Quayside" in wards, wards  # other tests may add wards

    b.fill("#f-postcode", "HS1 2AB")
    b.click_and_wait(button(b, "Find"), "whats-on HS1 2AB")
    assert b.path() == "/whats-on"
    assert h1_text(b) == "What's happening in Quayside"
    links = [
        a for a in b.find_all("main a")
        if PUBLIC_UUID_PATH.match(urlparse(a.get_attribute("href") or "").path)
    ]
    assert links, "no public activities listed for Quayside"
    title = links[0].text.strip()
    b.click_and_wait(links[0], "public activity")
    assert PUBLIC_UUID_PATH.match(b.path()), b.driver.current_url
    assert h1_text(b) == title
    # Public pages never show staff emails.
    assert "@harbourside.example" not in b.find("main").text


def test_whats_on_in_urdu(browser: Browser):
    b = browser
    b.visit("/whats-on", "whats-on english")
    assert b.html_attrs() == ("en", "ltr")
    to_urdu = b.find("a.language-link[hreflang='ur']")
    b.click_and_wait(to_urdu, "whats-on urdu")
    assert b.path() == "/whats-on", "switching language should return to the same page"
    assert b.html_attrs() == ("ur", "rtl")
    # The shell is in Urdu ...
    skip = b.find("a.skip-link").get_attribute("textContent")
    assert ARABIC_SCRIPT.search(skip), f"skip link not translated: {skip!r}"
    footer_link = b.find("footer a[href='/whats-on']").text
    assert ARABIC_SCRIPT.search(footer_link), f"footer link not translated: {footer_link!r}"
    # ... and the page body is Urdu too, or (where the catalogue falls back to English key
    # by key, see Catalogue.swift) marked as English so screen readers switch voice.
    heading = h1_text(b)
    if not ARABIC_SCRIPT.search(heading):
        main = b.find("main#main")
        assert (main.get_attribute("lang"), main.get_attribute("dir")) == ("en", "ltr"), (
            f"English heading {heading!r} inside an Urdu page without lang=en on <main>"
        )
    # The postcode search still works in Urdu.
    b.fill("#f-postcode", "HS1 2AB")
    b.click_and_wait(b.find("main form button[type=submit]"), "whats-on HS1 2AB urdu")
    assert b.html_attrs() == ("ur", "rtl")
    assert "Quayside" in h1_text(b), h1_text(b)


# --------------------------------------------------------------------------- 3. iCalendar


def test_ward_icalendar_feed(server: str):
    resp = requests.get(server + "/whats-on/E05099001.ics", timeout=15)
    assert resp.status_code == 200, resp.text[:500]
    assert resp.headers.get("content-type", "").split(";")[0].strip() == "text/calendar"
    body = resp.text
    assert body.startswith("BEGIN:VCALENDAR"), body[:200]
    assert body.rstrip().endswith("END:VCALENDAR"), body[-200:]
    assert "BEGIN:VEVENT" in body
