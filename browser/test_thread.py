"""The whole thread in the browser (issue 17): an officer registers an activity and plans it (a colleague is emailed,
and signs off only after acknowledging the open warnings), records two insights from the activity's page and imports
30 more linked to it; an analyst analyses them from the same page; the secretary puts the analysis on an agenda item
and records a decision with two actions; comms start the report from the activity, see the same "heard from"
figure as the board's briefing, confirm and publish; a resident reads it on a phone. Forms are filled with the
keyboard (typing, Space to tick, Enter to send). Every page is checked with axe-core (conftest.py)."""
from __future__ import annotations

import datetime as dt
import random
import re
import tempfile
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ADMIN_PASSWORD, Browser

OFFICER = "officer@harbourside.example"
ANALYST = "analyst@harbourside.example"
SECRETARY = "secretary@harbourside.example"
COMMS = "comms@harbourside.example"
UUID = r"[0-9A-Fa-f-]{36}"


def sign_out(b: Browser) -> None:
    b.click_and_wait(b.driver.find_element(By.XPATH, "//header//button[normalize-space()='Sign out']"), "signed out")


def as_user(b: Browser, email: str) -> None:
    if b.driver.find_elements(By.XPATH, "//header//button[normalize-space()='Sign out']"):
        sign_out(b)
    b.sign_in(email, ADMIN_PASSWORD)


def enter(b: Browser, element, label: str) -> None:
    """Send a form from the keyboard: Enter on its button."""
    element.send_keys(Keys.ENTER)
    b.wait_gone(element)
    b.loaded(label)


def type_into(b: Browser, css: str, text: str) -> None:
    el = b.find(css)
    el.send_keys(Keys.CONTROL, "a")
    el.send_keys(Keys.DELETE)
    el.send_keys(text)


def space(b: Browser, css: str) -> None:
    el = b.find(css)
    if not el.is_selected():
        el.send_keys(Keys.SPACE)
    assert el.is_selected(), css


def tick_label(b: Browser, name: str, text: str) -> None:
    """Tick (with Space) the checkbox of group `name` whose label contains `text`."""
    for box in b.find_all(f"main input[type=checkbox][name='{name}']"):
        if text in b.find(f"label[for='{box.get_attribute('id')}']").text:
            if not box.is_selected():
                box.send_keys(Keys.SPACE)
            assert box.is_selected()
            return
    raise AssertionError(f"no {name} checkbox labelled {text!r}")


def set_date(b: Browser, css: str, day: dt.date) -> None:
    # Date inputs are locale-dependent to type into; the ISO value is set directly (as test_register does).
    b.driver.execute_script("arguments[0].value = arguments[1]", b.find(css), day.isoformat())


def numbers(text: str) -> list[int]:
    return [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", text)]


def wait_for_job(b: Browser, label: str, timeout: float = 180) -> None:
    WebDriverWait(b.driver, timeout).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "[data-import-running]"))
    b.driver.refresh()
    b.loaded(label)


def test_the_thread_from_activity_to_you_said_we_did(browser: Browser):
    b = browser
    tag = f"{random.Random().randrange(100000):05d}"
    title = f"Quayside damp and mould listening {tag}"
    today = dt.date.today()

    # 1. The officer registers the activity (keyboard only).
    as_user(b, OFFICER)
    b.visit("/activities/new", "register an activity")
    type_into(b, "#f-title", title)
    type_into(b, "#f-purpose", "Hear from tenants about damp and mould in Quayside homes before the repairs plan.")
    tick_label(b, "place_ids", "Quayside")
    tick_label(b, "theme_ids", "Housing")
    tick_label(b, "audience_ids", "Private renters")
    tick_label(b, "methods", "Drop-in")
    b.find("#f-ladder-level").send_keys("Consult")
    set_date(b, "#f-starts-on", today - dt.timedelta(days=20))
    set_date(b, "#f-ends-on", today + dt.timedelta(days=40))
    type_into(b, "#f-public-summary", "Tell us about damp and mould in your home.")
    enter(b, b.driver.find_element(By.XPATH, "//main//form//button[normalize-space()='Save']"), "activity saved")
    activity_path = re.match(rf"^(/activities/{UUID})$", b.path())
    assert activity_path, b.driver.current_url
    activity_path = activity_path.group(1)
    activity_id = activity_path.rsplit("/", 1)[1]
    assert b.find("h1").text == title
    assert b.find_all("#thread-plan"), "the activity page shows its thread"

    # 2. The plan: from the thread, prefilled from the activity; the remaining sections typed in; sent to a colleague.
    b.click_and_wait(b.driver.find_element(By.XPATH, "//*[@id='thread-plan']//a[normalize-space()='Plan this activity']"), "plan")
    assert "Missing" not in b.find("#section-purpose").find_element(By.XPATH, "following-sibling::dl[1]").text, "purpose from the activity"
    b.visit(activity_path + "/plan/edit", "plan edit")
    for step in b.find_all("main details.plan-step"):
        if step.get_attribute("open") is None:
            step.find_element(By.CSS_SELECTOR, "summary").send_keys(Keys.ENTER)
        for field in step.find_elements(By.CSS_SELECTOR, "textarea, input[type=text]"):
            if not field.get_attribute("value") and field.is_displayed():
                field.send_keys(f"Browser journey {tag}: {field.get_attribute('name').replace('_', ' ')}")
        for field in step.find_elements(By.CSS_SELECTOR, "input[type=date]"):
            if not field.get_attribute("value"):
                b.driver.execute_script("arguments[0].value = arguments[1]", field, (today + dt.timedelta(days=90)).isoformat())
    enter(b, b.driver.find_element(By.XPATH, "//main//form//button[normalize-space()='Save the plan' or normalize-space()='Save']"), "plan saved")
    assert not b.find_all(".error-summary"), b.find(".error-summary").text
    tick_label(b, "reviewer_ids", "Ana Analyst")
    enter(b, b.driver.find_element(By.XPATH, "//main//form//button[normalize-space()='Send for challenge']"), "sent for challenge")
    assert "Ana Analyst" in b.find("main").text

    # The colleague opens the plan, sees the open warnings and the officer's notes, and cannot sign off in one click.
    as_user(b, ANALYST)
    b.visit(activity_path + "/plan", "plan for the reviewer")
    approve = b.driver.find_element(By.XPATH, "//main//form[contains(@action,'/plan/approve')]//button")
    enter(b, approve, "approve without acknowledging")
    summary = b.find(".error-summary").text
    assert "acknowledge" in summary.lower(), summary
    assert "Approved by" not in b.find("main").text
    for box in b.find_all("main form[action$='/plan/approve'] input[type=checkbox]"):
        if not box.is_selected():
            box.send_keys(Keys.SPACE)
    reason = b.find("main form[action$='/plan/approve'] textarea")
    reason.send_keys("The equality screening is booked with the tenants' forum next week; the drop-ins can start.")
    enter(b, b.driver.find_element(By.XPATH, "//main//form[contains(@action,'/plan/approve')]//button"), "approved")
    assert "Approved by Ana Analyst" in b.find("main").text, b.find("main").text[:600]
    assert "gave this reason" in b.find("main").text

    # 3. Two insights from the activity's page, "Heard during" already set; then 30 imported for the activity.
    as_user(b, OFFICER)
    for n in range(2):
        b.visit(activity_path, "activity page")
        b.click_and_wait(
            b.driver.find_element(By.XPATH, "//a[normalize-space()='Record an insight for this activity']"), f"insight form {n}")
        assert title in b.find("#f-activity").get_attribute("value"), "Heard during is this activity"
        type_into(b, "#f-text", f"Black mould in the back bedroom again, the landlord has not come ({tag}-{n})")
        enter(b, b.driver.find_element(By.XPATH, "//main//form//button[@type='submit'][last()]"), f"insight {n} checked or saved")
        if not re.match(rf"^/insights/{UUID}$", b.path()):
            # The redaction preview asks to confirm first.
            enter(b, b.driver.find_element(By.XPATH, "//main//form//button[@type='submit'][last()]"), f"insight {n} saved")
        assert re.match(rf"^/insights/{UUID}$", b.path()), b.driver.current_url

    rows = ["Comment,Date"]
    for i in range(30):
        rows.append(f"\"Condensation and mould in the flat, number {i} ({tag})\",{(today - dt.timedelta(days=5)).strftime('%d/%m/%Y')}")
    csv_path = Path(tempfile.mkdtemp()) / "drop-in-notes.csv"
    csv_path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    b.visit("/insights/import", "import upload")
    b.find("input[type=file]").send_keys(str(csv_path))
    enter(b, b.driver.find_element(By.XPATH, "//main//form//button[@type='submit']"), "import mapping")
    type_into(b, "#f-default-activity", title)
    enter(b, b.driver.find_element(By.XPATH, "//main//form//button[@value='start']"), "import job")
    wait_for_job(b, "import finished")
    assert "30" in b.find("main").text

    # The thread counts them all: 32 insights heard during the activity.
    b.visit(activity_path, "activity with insights")
    assert "32 insights" in b.find("#thread-insights").text, b.find("#thread-insights").text

    # 4. The analyst analyses the activity's insights from its page.
    as_user(b, ANALYST)
    b.visit(activity_path, "activity for the analyst")
    enter(b, b.driver.find_element(By.XPATH, "//*[@id='thread-analyses']//button[normalize-space()='Analyse']"), "analysis job")
    wait_for_job(b, "analysis finished")
    run_path = b.path()
    run_title = b.find("h1").text
    assert re.match(rf"^/analysis/{UUID}$", run_path), run_path

    # 5. The secretary puts the analysis on a new meeting's agenda and records a decision with two actions.
    as_user(b, SECRETARY)
    b.visit("/decision-spaces", "spaces")
    b.click_and_wait(b.driver.find_element(By.PARTIAL_LINK_TEXT, "Harbourside Partnership Board"), "board")
    type_into(b, "#f-title", f"Damp and mould board {tag}")
    set_date(b, "#f-meets-on", today + dt.timedelta(days=1))
    enter(b, b.driver.find_element(By.XPATH, "//main//form//button[normalize-space()='Add meeting']"), "meeting")
    b.find("#f-analysis-run-id").send_keys(run_title)
    enter(b, b.driver.find_element(By.XPATH, "//main//form//button[normalize-space()='Add item']"), "agenda item")
    main = b.find("main").text
    assert "Themes from the analysis" in main and run_title in main, main[:800]
    heard_row = b.driver.find_element(By.XPATH, f"//table[caption='Heard from, by activity']//tr[td/a[normalize-space()='{title}']]")
    briefing_figures = numbers(heard_row.text.replace(title, ""))
    assert briefing_figures == [32, 32], heard_row.text
    type_into(b, "#f-text", f"Commission a damp survey of every Quayside home ({tag})")
    enter(b, b.driver.find_element(By.XPATH, "//main//form//button[normalize-space()='Record decision']"), "decision")
    for n, what in enumerate(["Survey every Quayside home for damp", "Write to every tenant with the results"]):
        block = b.find_all("main [id^='decision-']")[0]
        summary = block.find_element(By.CSS_SELECTOR, "details summary")
        if block.find_element(By.CSS_SELECTOR, "details").get_attribute("open") is None:
            summary.send_keys(Keys.ENTER)
        type_into(b, "#f-action-0-title", what)
        b.find("#f-action-0-owner-id").send_keys("Olu")
        set_date(b, "#f-action-0-due-on", today + dt.timedelta(days=60 + n))
        enter(b, b.driver.find_element(By.XPATH, "//main//form[contains(@class,'action-form')]//button"), f"action {n}")
    assert "Survey every Quayside home" in b.find("main").text and "Write to every tenant" in b.find("main").text

    # 6. Comms start the report from the activity, see the briefing's figure, confirm and publish.
    as_user(b, COMMS)
    b.visit(activity_path, "activity for comms")
    enter(b, b.driver.find_element(By.XPATH, "//*[@id='thread-report']//button[contains(normalize-space(),'Start the report')]"), "report editor")
    trail = b.find("main").text
    heard = re.search(r"Heard from (\d+) people in (\d+) insights", trail)
    assert heard, trail[:800]
    assert [int(heard.group(2)), int(heard.group(1))] == briefing_figures, "the editor shows the briefing's figure"
    publish = b.driver.find_element(By.XPATH, "//main//form[contains(@action,'/publish')]//button")
    space(b, "#f-confirm")
    enter(b, publish, "published")
    assert b.find("#report-status").text.startswith("Published")
    public_path = b.driver.find_element(By.LINK_TEXT, "Open the public page").get_attribute("href")

    # 7. A resident reads it on a phone: the same figure, the analyst's themes, the decision and its actions.
    sign_out(b)
    b.driver.set_window_size(390, 844)
    b.driver.get(public_path)
    b.loaded("public report on a phone")
    page = b.find("main").text
    assert f"We heard from {briefing_figures[1]} people." in page, page[:800]
    assert "Survey every Quayside home for damp" in page and "Write to every tenant with the results" in page
    width = b.driver.execute_script("return document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
