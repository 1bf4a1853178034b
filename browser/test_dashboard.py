"""Browser journey for the staff work dashboard (issue 18): the demo officer signs in, lands on their dashboard,
follows an activity of theirs to its overlaps on the activity's page, and follows their overdue action (marked
"Overdue by N days" in words) to the action's page. Every page is checked with axe-core (conftest.py).

The demo gives the officer current activities that overlap a colleague's and a colleague's plan to review
(Features/Demo/DemoDashboard.swift, run by DemoSeed) and an overdue action (DemoDecisions.swift)."""
from __future__ import annotations

from urllib.parse import urlparse

from selenium.webdriver.common.by import By

from conftest import ADMIN_PASSWORD, Browser

OFFICER_EMAIL = "officer@harbourside.example"


def dashboard(b: Browser) -> None:
    b.visit("/", "dashboard")
    headings = [h.text for h in b.find_all("main h2")]
    assert "Your activities and their overlaps" in headings, headings
    assert "Your actions" in headings, headings
    # Every section is a landmark named by its heading.
    for section in b.find_all("main section[aria-labelledby]"):
        assert section.find_element(By.ID, section.get_attribute("aria-labelledby")).tag_name == "h2"


def test_officer_follows_the_dashboard_to_an_overlap_and_an_overdue_action(browser: Browser):
    b = browser
    b.sign_in(OFFICER_EMAIL, ADMIN_PASSWORD)
    dashboard(b)

    # An activity of theirs that overlaps another: its flag says so in words, and the link opens the overlaps.
    item = b.driver.find_element(
        By.XPATH, "//main//li[strong[starts-with(normalize-space(.), 'Overlaps ')]]")
    link = item.find_element(By.CSS_SELECTOR, "a")
    assert link.get_attribute("href").endswith("#overlaps")
    path = urlparse(link.get_attribute("href")).path
    b.click_and_wait(link, "activity overlaps")
    assert urlparse(b.driver.current_url).path == path
    overlaps = b.find("#overlaps")
    assert overlaps.tag_name == "section", "the activity page lists its overlaps"
    assert overlaps.find_elements(By.CSS_SELECTOR, "a"), "each overlapping activity is linked"

    # Their overdue action comes first among their actions, "Overdue by N days" in words, and opens the action.
    dashboard(b)
    actions = b.driver.find_element(By.XPATH, "//main//section[h2[normalize-space(.)='Your actions']]")
    first = actions.find_element(By.CSS_SELECTOR, "li")
    flag = first.find_element(By.CSS_SELECTOR, "strong").text
    assert flag.startswith("Overdue by ") and flag.endswith(("day", "days")), flag
    link = first.find_element(By.CSS_SELECTOR, "a")
    title = link.text
    b.click_and_wait(link, "overdue action")
    assert "/actions/" in b.driver.current_url
    main = b.find("main").text
    assert title in main and "Overdue" in main
