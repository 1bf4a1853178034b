"""Browser journey: an insight analyst runs a thematic analysis over the demo borough's comments about parks, follows
the background job's progress region, opens a theme and merges another theme into it. Every page is checked with
axe-core."""
from __future__ import annotations

import random

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import ADMIN_PASSWORD, Browser

ANALYST_EMAIL = "analyst@harbourside.example"


def test_analyst_runs_an_analysis_and_merges_two_themes(browser: Browser):
    b = browser
    title = f"Parks comments {random.Random().randrange(100000):05d}"
    b.sign_in(ANALYST_EMAIL, ADMIN_PASSWORD)
    b.visit("/analysis", "analysis list")
    b.fill("#f-title", title)
    b.fill("#f-query", "q=park")
    b.click_and_wait(b.driver.find_element(By.XPATH, "//main//form//button[normalize-space()='Run analysis']"), "analysis job")

    def finished(driver) -> bool:
        return not driver.find_elements(By.CSS_SELECTOR, "[data-import-running]")

    WebDriverWait(b.driver, 120).until(finished)
    b.driver.refresh()
    b.loaded("analysis overview")
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
    b.fill("#f-query", "q=park")
    b.click_and_wait(b.driver.find_element(By.XPATH, "//main//form//button[normalize-space()='Suggest matches']"), "given themes results")
    text = b.find("main").text
    assert "insights read" in text and "Play areas" in text and "Green space" in text
    assert b.find_all("main a[href*='/insights/']"), "suggested insights link to their pages"
    # Bad input: the error summary links to the field.
    b.fill("#f-threshold", "7")
    b.click_and_wait(b.driver.find_element(By.XPATH, "//main//form//button[normalize-space()='Suggest matches']"), "given themes error")
    assert b.find(".error-summary a[href='#f-threshold']")
