"""Participatory budgeting, staff side: "Check an outcome" counts an uploaded Pabulib file and explains each project.
Every page load is checked with axe-core (conftest.py)."""

from __future__ import annotations

from pathlib import Path

from selenium.webdriver.support.ui import Select

from conftest import Browser

# Ten voters share 10 GBP: six like A and B, four like C. Equal Shares funds A then C; greedy would fund A and B.
ELECTION = "\n".join(
    ["META", "key;value", "country;Testland", "unit;Harbourside", "instance;2026", "budget;10", "vote_type;approval", "currency;GBP",
     "PROJECTS", "project_id;cost;name;selected", "A;6;Park benches;1", "B;4;Bins;0", "C;4;Library books;1", "VOTES", "voter_id;vote"]
    + [f"{n};{'A,B' if n <= 6 else 'C'}" for n in range(1, 11)]
) + "\n"


def test_staff_check_an_equal_shares_outcome(browser: Browser, tmp_path: Path):
    b = browser
    b.sign_in()
    b.visit("/budgeting/check", "check an outcome")
    file = tmp_path / "harbourside.pb"
    file.write_text(ELECTION, encoding="utf-8")
    b.find("#f-file").send_keys(str(file))
    Select(b.find("#f-rule")).select_by_value("mes")
    b.click_and_wait(b.find("main form button[type=submit]"), "outcome")
    text = b.find("main").text
    assert "Same as the official outcome in the file." in text, text
    assert "Bought in round 2 of Equal Shares: its 4 supporters paid 1 GBP each" in text, text
    assert "its 6 supporters had 0 GBP left between them, less than its cost of 4 GBP" in text, text
