"""Browser journeys: an insight analyst scopes a thematic analysis with the insight list's filter controls, sees how
many insights are in scope, runs it and reaches its themes; runs one over the demo borough's comments about parks,
follows the background job's progress region, opens a theme and merges another theme into it. Every page is checked
with axe-core."""
from __future__ import annotations

import random
import re

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import ADMIN_PASSWORD, Browser

ANALYST_EMAIL = "analyst@harbourside.example"


def wait_for_run(b: Browser, label: str) -> None:
    """Wait on the progress page until the run has finished, then load its overview."""

    def finished(driver) -> bool:
        return not driver.find_elements(By.CSS_SELECTOR, "[data-import-running]")

    WebDriverWait(b.driver, 120).until(finished)
    b.driver.refresh()
    b.loaded(label)


def test_analyst_scopes_an_analysis_with_the_filter_controls(browser: Browser):
    b = browser
    title = f"Quayside buses {random.Random().randrange(100000):05d}"
    b.sign_in(ANALYST_EMAIL, ADMIN_PASSWORD)
    b.visit("/analysis", "analysis list with the scope form")
    assert not b.find_all("#f-query"), "no query string to type"
    assert "insights in scope" in b.find("#scope-count").text, "the count is shown before anything is chosen"

    # The insight list's own controls: a ward and a theme, then count.
    Select(b.find("#f-ward")).select_by_visible_text("Quayside")
    theme = Select(b.find("#f-theme"))
    theme.select_by_visible_text(next(o.text for o in theme.options if o.text.endswith("Buses")))
    b.click_and_wait(b.driver.find_element(By.XPATH, "//main//form//button[normalize-space()='Show how many insights']"), "scope counted")
    assert Select(b.find("#f-ward")).first_selected_option.text == "Quayside", "the controls keep what was chosen"
    counted = b.find("#scope-count").text
    match = re.search(r"([\d,]+) insights in scope", counted)
    assert match, counted
    n = match.group(1)
    assert int(n.replace(",", "")) >= 2, counted
    assert "Theme: Buses" in counted and "Ward: Quayside" in counted, counted
    run = b.driver.find_element(By.XPATH, "//main//form//button[starts-with(normalize-space(), 'Run analysis on these')]")
    assert run.text == f"Run analysis on these {n} insights"

    # Keyboard: type the title and press Enter to run.
    b.fill("#f-title", title)
    b.find("#f-title").send_keys(Keys.ENTER)
    b.wait_gone(run)
    b.loaded("scoped analysis job")
    wait_for_run(b, "scoped analysis overview")
    main = b.find("main").text
    assert b.find("h1").text == title
    assert "Insights in scope: Theme: Buses · Ward: Quayside" in main, main[:400]
    assert f"{n} insights analysed" in main, main[:400]
    themes = b.find_all("main table a[href*='/themes/']")
    assert themes, "the finished run lists its themes"
    b.click_and_wait(themes[0], "scoped analysis theme")
    assert "Representative quotes" in b.find("main").text


def test_analyst_runs_an_analysis_and_merges_two_themes(browser: Browser):
    b = browser
    title = f"Parks comments {random.Random().randrange(100000):05d}"
    b.sign_in(ANALYST_EMAIL, ADMIN_PASSWORD)
    b.visit("/analysis", "analysis list")
    # "swings": about 150 of the demo's comments (its parks are named in every ward, so "park" finds over 1,000, too
    # many for the debug build's engine to finish within the wait).
    b.fill("#f-q", "swings")
    b.click_and_wait(b.driver.find_element(By.XPATH, "//main//form//button[normalize-space()='Show how many insights']"), "park scope")
    b.fill("#f-title", title)
    b.click_and_wait(
        b.driver.find_element(By.XPATH, "//main//form//button[starts-with(normalize-space(), 'Run analysis on these')]"), "analysis job"
    )
    wait_for_run(b, "analysis overview")
    assert b.find("h1").text == title
    assert b.find_all("svg[role=img]"), "the theme sizes are drawn as an accessible SVG chart"
    links = [a.get_attribute("href") for a in b.find_all("main table a[href*='/themes/']")]
    labels = [a.text for a in b.find_all("main table a[href*='/themes/']")]
    assert len(links) >= 2, "at least two themes to merge"
    themes_before = len(links)

    b.driver.get(links[0])
    b.loaded("theme page")
    Select(b.find("#f-other-theme-id")).select_by_visible_text(labels[1])
    b.click_and_wait(b.driver.find_element(By.XPATH, "//main//form//button[normalize-space()='Merge']"), "merged theme")
    assert "Saved: merge" in b.find("main").text

    b.click_and_wait(b.find("a.back-link"), "overview after merge")
    after = b.find_all("main table a[href*='/themes/']")
    assert len(after) == themes_before - 1, "the merged theme is gone from the overview"
    assert links[1] not in [a.get_attribute("href") for a in after]

    # Schedule the run to repeat every week: the overview says so.
    Select(b.find("#f-frequency")).select_by_value("weekly")
    b.click_and_wait(b.driver.find_element(By.XPATH, "//main//form//button[normalize-space()='Save schedule']"), "overview after scheduling")
    assert "Schedule saved" in b.find("main").text
    assert "Every week (Monday, 02:00 UTC). Next run:" in b.find("main").text

    # Another equality question, with no script: a plain GET form.
    Select(b.find("#f-group")).select_by_value("sex")
    b.click_and_wait(b.driver.find_element(By.XPATH, "//main//form//button[normalize-space()='Show']"), "overview by sex")
    assert "By equality group: Sex" in b.find("main").text


def test_analyst_maps_comments_to_given_themes(browser: Browser):
    b = browser
    b.sign_in(ANALYST_EMAIL, ADMIN_PASSWORD)
    b.visit("/analysis/given-themes", "given themes form")
    b.fill("#f-themes", "Play areas: playground, swings, slide, play\nGreen space: trees, grass, flowers, benches")
    b.fill("#f-q", "park")
    b.click_and_wait(b.driver.find_element(By.XPATH, "//main//form//button[normalize-space()='Suggest matches']"), "given themes results")
    text = b.find("main").text
    assert "insights read" in text and "Play areas" in text and "Green space" in text
    assert b.find_all("main a[href*='/insights/']"), "suggested insights link to their pages"
    # Bad input: the error summary links to the field.
    b.fill("#f-threshold", "7")
    b.click_and_wait(b.driver.find_element(By.XPATH, "//main//form//button[normalize-space()='Suggest matches']"), "given themes error")
    assert b.find(".error-summary a[href='#f-threshold']")
