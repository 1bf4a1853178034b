"""Browser journey: an officer imports a survey export (CSV) of insights: upload, column mapping with the redacted
preview, a background job with a progress region, and the outcome. Every page is checked with axe-core."""
from __future__ import annotations

import random
import tempfile
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ADMIN_PASSWORD, Browser

OFFICER_EMAIL = "officer@harbourside.example"


def test_officer_imports_a_survey_export(browser: Browser):
    b = browser
    tag = f"{random.Random().randrange(100000):05d}"
    rows = ["Response ID,Comment,Date,Ward"]
    for i in range(40):
        rows.append(f"R{tag}-{i},\"Survey {tag}: the bins on our street, number {i}, were missed again\",03/10/2026,Quayside")
    rows.append(f"R{tag}-pii,\"My name is Joan Baker, call 07700 900123 about the park {tag}\",04/10/2026,Old Town")
    csv_path = Path(tempfile.mkdtemp()) / "survey.csv"
    csv_path.write_text("\n".join(rows) + "\n", encoding="utf-8")

    b.sign_in(OFFICER_EMAIL, ADMIN_PASSWORD)
    b.visit("/insights/import", "upload form")
    b.find("input[type=file]").send_keys(str(csv_path))
    b.click_and_wait(b.driver.find_element(By.XPATH, "//main//form//button[@type='submit']"), "column mapping")
    main = b.find("main").text
    assert "Joan Baker" not in main or "[name]" in main, "the preview shows redacted text"
    b.click_and_wait(b.driver.find_element(By.XPATH, "//main//form//button[@value='start']"), "import job")

    def finished(driver) -> bool:
        return not driver.find_elements(By.CSS_SELECTOR, "[data-import-running]")

    WebDriverWait(b.driver, 60).until(finished)
    b.driver.refresh()
    b.loaded("import finished")
    text = b.find("main").text
    assert "41" in text and "imported" in text.lower(), text
    b.visit(f"/insights?q={tag}", "imported insights")
    assert "of 41" in b.find(".pager-summary").text


def test_an_import_joins_an_activity_and_the_valid_rows_import_without_uploading_again(browser: Browser):
    b = browser
    tag = f"{random.Random().randrange(100000):05d}"
    b.sign_in(OFFICER_EMAIL, ADMIN_PASSWORD)
    b.visit("/insights/new", "capture form (to read an activity's name)")
    labels = b.driver.execute_script(
        "return Array.from(document.querySelectorAll('#f-activity-list option')).map(function(o){return o.value})")
    first, second = labels[0], labels[1]
    rows = ["Comments,Date,Ward,Heard during"]
    for i in range(28):
        rows.append(f"\"Conversation {tag} number {i}: damp in the bathroom\",03/10/2026,Quayside,")
    rows.append(f"\"Conversation {tag}: the lift\",04/10/2026,Quayside,\"{second}\"")
    rows.append(f"\"Conversation {tag}: nowhere\",04/10/2026,Atlantis,")
    csv_path = Path(tempfile.mkdtemp()) / "conversations.csv"
    csv_path.write_text("\n".join(rows) + "\n", encoding="utf-8")

    b.visit("/insights/import", "upload form")
    b.find("input[type=file]").send_keys(str(csv_path))
    b.click_and_wait(b.driver.find_element(By.XPATH, "//main//form//button[@type='submit']"), "column mapping")
    assert b.find("#f-map-activity").get_attribute("value") == "3", "the Heard during column is recognised"
    b.find("#f-default-activity").send_keys(first)
    b.click_and_wait(b.driver.find_element(By.XPATH, "//main//form//button[@value='start']"), "import job")

    def finished(driver) -> bool:
        return not driver.find_elements(By.CSS_SELECTOR, "[data-import-running]")

    WebDriverWait(b.driver, 60).until(finished)
    b.driver.refresh()
    b.loaded("nothing saved")
    assert "Nothing from this file was saved" in b.find("main").text
    button = b.driver.find_element(By.XPATH, "//main//button[@value='valid_rows']")
    assert button.text == "Import the 29 valid rows"
    b.click_and_wait(button, "importing the valid rows")
    WebDriverWait(b.driver, 60).until(finished)
    b.driver.refresh()
    b.loaded("valid rows imported")
    text = b.find("main").text
    assert "29 insights imported from 30 rows" in text, text
    b.visit(f"/insights?q={tag}", "imported insights")
    assert "of 29" in b.find(".pager-summary").text
    # The row's own activity wins; the others took the activity chosen for all rows.
    for words, label in ((f"{tag} lift", second), (f"{tag} bathroom", first)):
        b.visit(f"/insights?q={words.replace(' ', '+')}", "search " + words)
        b.click_and_wait(b.find("main .insight-list .insight-text a"), "insight " + words)
        heard = b.driver.find_element(By.XPATH, "//main//dt[text()='Heard during']/following-sibling::dd[1]").text
        assert heard == label.split(" — ")[0], (heard, label)
