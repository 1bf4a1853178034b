"""Participatory budgeting in the browser. Staff: "Check an outcome" counts an uploaded Pabulib file and explains each
project; a paper ballot is keyed in and a second one for the same person is refused. A resident on a phone, with the
keyboard only, in English and in Urdu: votes on the demo's knapsack ballot (no script: "Update totals" shows the money
left and names a broken limit), gets a receipt reference (on the page and by email), and looks it up on last year's
results. Every page load is checked with axe-core (conftest.py).

The residents' words checked are read from the budgeting catalogue (Sources/Chorus/Shared/I18n/Catalogue+Budgeting.swift)."""

from __future__ import annotations

import json
import re
import sqlite3
import uuid
from pathlib import Path

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from conftest import Browser, REPO_ROOT, catalogue_table
from test_residents import (
    active,
    ask_for_code,
    button_saying,
    check_fits_phone,
    check_language,
    emailed,
    fill_in,
    h1_text,
    id_is,
    link_to,
    press_and_wait,
    switch_to_urdu,
    tab_to,
    type_keys,
)
from test_residents import strings as resident_strings

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


# --------------------------------------------------------------------------- residents vote; staff key in paper ballots

BUDGETING_CATALOGUE = REPO_ROOT / "Sources" / "Chorus" / "Shared" / "I18n" / "Catalogue+Budgeting.swift"
VOTING_ROUND = "Harbourside Community Fund 2027"
RESULTS_ROUND = "Harbourside Community Fund 2026"
WHOLE_BOROUGH = ("Whole borough", 6_000_000)  # the demo's pots, in pence
QUAYSIDE = ("Quayside", 1_500_000)
QUAYSIDE_POSTCODE = "HS1 2AB"  # Quayside's postcodes start HS1 (the demo's places)
BALLOT_REFERENCE = re.compile(r"B-[0-9A-Z]{4}-[0-9A-Z]{4}")


def pb_strings(lang: str) -> dict[str, str]:
    """The budgeting catalogue table for `lang` ("en" or "ur"), read from its Swift source."""
    return catalogue_table(BUDGETING_CATALOGUE, {"en": "budgetingEnglish", "ur": "budgetingUrdu"}[lang], "pb.ballot_title")


def pattern(template: str) -> re.Pattern[str]:
    """A catalogue string with its {1}, {2}... standing for any text."""
    return re.compile(".+?".join(re.escape(part) for part in re.split(r"\{\d\}", template)))


def pounds(pence: int) -> str:
    """Money as Chorus writes it (MoneyText.pounds): -£1,234 or £1,234.50."""
    p = abs(pence)
    return ("-" if pence < 0 else "") + f"£{p // 100:,}" + (f".{p % 100:02d}" if p % 100 else "")


def choices_on_page(b: Browser) -> dict[str, tuple[str, int]]:
    """The ballot's projects: title -> (checkbox id, cost in pence), read from each checkbox's label."""
    out = {}
    for label in b.find_all("main label[for^='f-choice-']"):
        m = re.fullmatch(r"(.+) \((£[\d,]+(?:\.\d\d)?)\)", label.text.strip())
        assert m, f"a ballot label without its cost: {label.text!r}"
        pence = int(round(float(m.group(2)[1:].replace(",", "")) * 100))
        out[m.group(1)] = (label.get_attribute("for"), pence)
    return out


def toggle(b: Browser, ids: list[str]) -> None:
    """Tab to each checkbox in the order they come on the page and press Space on it."""
    order = [el.get_attribute("id") for el in b.find_all("main input, main select, main textarea, main button")]
    for element_id in sorted(ids, key=order.index):
        box = tab_to(b, id_is(element_id), element_id)
        before = box.is_selected()
        type_keys(b, Keys.SPACE)
        assert box.is_selected() != before, f"Space did not change {element_id}"


def money_left(b: Browser, pot: int) -> str:
    return b.find(f"#f-pot-{pot} .money-left").text.strip()


def in_language(b: Browser, lang: str) -> None:
    """The page is marked as in `lang` (for pages whose heading is staff's data, like a round's title)."""
    assert b.html_attrs() == ((lang, "rtl") if lang == "ur" else (lang, "ltr")), b.html_attrs()


def db_row(db: Path, sql: str, *args):
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10) as conn:
        return conn.execute(sql, args).fetchone()


def test_a_resident_votes_on_a_phone_with_a_knapsack_ballot_and_finds_their_receipt(browser: Browser, server_db: Path):
    """On a phone, keyboard only, in English and then in Urdu: a resident opens this year's round from the list, is
    asked to sign in by "Vote" and comes back to the ballot with the emailed code; types a Quayside postcode, chooses
    more than the whole-borough pot's money and presses "Update totals" (the error names the pot and the money, and
    the money left shows the overspend; the Quayside pot appears); unticks to fit, ticks the age box, sends, and
    gets a receipt reference on the page and in the emailed receipt. The reference is not one of last year's round,
    whose results page explains each project and shows ballots by ward."""
    for lang in ["en", "ur"]:
        vote_in(browser, server_db, lang)


def vote_in(b: Browser, server_db: Path, lang: str) -> None:
    t, tr = pb_strings(lang), resident_strings(lang)
    b.driver.delete_all_cookies()
    b.driver.set_window_size(390, 844)  # a phone
    address = f"voter-{lang}-{uuid.uuid4().hex[:10]}@example.org"

    # The list of rounds, then this year's round, by keyboard.
    b.visit("/budgets", f"rounds ({lang})")
    if lang == "ur":
        switch_to_urdu(b)
    check_language(b, lang)
    assert h1_text(b) == t["pb.rounds_title"]
    check_fits_phone(b)
    link = tab_to(b, lambda el: el.tag_name == "a" and el.text.strip() == VOTING_ROUND, "this year's round")
    press_and_wait(b, Keys.ENTER, link, f"the round ({lang})")
    round_path = b.path()
    assert re.fullmatch(r"/budgets/[0-9A-F-]{36}", round_path), b.driver.current_url
    in_language(b, lang)
    check_fits_phone(b)
    text = b.find("main").text
    assert t["pb.phase_voting"] in text, text
    for (pot, money), who in ((WHOLE_BOROUGH, t["pb.whole_area"]), (QUAYSIDE, "Quayside")):
        assert fill_in(t["pb.pot_line"], pot, pounds(money), who) in text, (pot, text)

    # "Vote" asks a signed-out resident to sign in, and the emailed code brings them back to the ballot.
    vote = tab_to(b, link_to(round_path + "/ballot"), "the Vote link")
    assert vote.text.strip() == t["pb.vote_link"]
    press_and_wait(b, Keys.ENTER, vote, f"sign in to vote ({lang})")
    assert b.path() == "/my-account/sign-in", b.driver.current_url
    check_language(b, lang)
    ask_for_code(b, address, tr, lang)
    code, _ = emailed(server_db, address)
    field = tab_to(b, id_is("f-code"), "the code field")
    type_keys(b, code)
    press_and_wait(b, Keys.ENTER, field, f"the ballot ({lang})")
    assert b.path() == round_path + "/ballot", b.driver.current_url
    assert h1_text(b) == t["pb.ballot_title"]
    check_language(b, lang)
    check_fits_phone(b)
    # No ward on the new account: the ballot asks for a postcode, and shows only the whole-borough pot until it has one.
    assert b.find("#f-postcode")
    assert [el.text.strip() for el in b.find_all("main fieldset legend")] == [WHOLE_BOROUGH[0]]
    assert fill_in(t["pb.rules_knapsack"], pounds(WHOLE_BOROUGH[1])) in b.find("#f-pot-1-hint").text
    assert money_left(b, 1) == fill_in(t["pb.money_left"], pounds(WHOLE_BOROUGH[1]), pounds(0))

    # The postcode, and three whole-borough projects that cost more than the pot's money.
    projects = choices_on_page(b)
    too_much = ["Play area for Foxhill park", "Safer crossing by the school", "Street trees for Northgate"]
    spent = sum(projects[title][1] for title in too_much)
    assert spent > WHOLE_BOROUGH[1], "the chosen projects should cost more than the pot"
    tab_to(b, id_is("f-postcode"), "the postcode field")
    type_keys(b, QUAYSIDE_POSTCODE)
    toggle(b, [projects[title][0] for title in too_much])
    update = tab_to(b, button_saying(t["pb.update_totals"]), "Update totals")
    press_and_wait(b, Keys.ENTER, update, f"over the money ({lang})")
    assert b.path() == round_path + "/ballot", b.driver.current_url
    check_language(b, lang)
    check_fits_phone(b)
    summary = b.find(".error-summary")
    assert "error-summary" in (active(b).get_attribute("class") or ""), "the error summary should have focus"
    over = fill_in(t["pb.problem_over_budget"], WHOLE_BOROUGH[0], pounds(WHOLE_BOROUGH[1]), pounds(spent))
    assert over in summary.text, summary.text
    assert over in b.find("#f-pot-1-error").text, "the pot should say what is wrong with it too"
    assert "f-pot-1-error" in b.find("#f-pot-1").get_attribute("aria-describedby").split(), "and the pot's error read with it"
    assert fill_in(t["pb.age_needed"], "11") in summary.text, summary.text
    assert money_left(b, 1) == fill_in(t["pb.money_left"], pounds(WHOLE_BOROUGH[1] - spent), pounds(spent))
    assert all(b.find("#" + projects[title][0]).is_selected() for title in too_much), "the choices should be kept"
    # The postcode put the voter in Quayside: its pot is on the ballot now, and the hint names the ward.
    assert b.find("#f-postcode").get_attribute("value") == QUAYSIDE_POSTCODE
    assert fill_in(t["pb.postcode_ward"], "Quayside") in b.find("main").text
    assert [el.text.strip() for el in b.find_all("main fieldset legend")] == [WHOLE_BOROUGH[0], QUAYSIDE[0]]

    # Untick one to fit, choose in Quayside's pot too, declare the age: "Update totals" says it is ready.
    projects = choices_on_page(b)
    chosen = ["Play area for Foxhill park", "Safer crossing by the school"]
    local = "Community fridge"
    toggle(b, [projects["Street trees for Northgate"][0], projects[local][0], "f-age"])
    update = tab_to(b, button_saying(t["pb.update_totals"]), "Update totals")
    press_and_wait(b, Keys.ENTER, update, f"within the money ({lang})")
    assert not b.find_all(".error-summary"), b.find(".error-summary").text
    assert t["pb.ready_to_send"] in b.find("main").text
    spent = sum(projects[title][1] for title in chosen)
    assert money_left(b, 1) == fill_in(t["pb.money_left"], pounds(WHOLE_BOROUGH[1] - spent), pounds(spent))
    cost = projects[local][1]
    assert money_left(b, 2) == fill_in(t["pb.money_left"], pounds(QUAYSIDE[1] - cost), pounds(cost))
    assert b.find("#f-age").is_selected()
    check_language(b, lang)

    # Send: the receipt page with its reference.
    send = tab_to(b, button_saying(t["pb.send_vote"]), "Send my vote")
    press_and_wait(b, Keys.ENTER, send, f"vote received ({lang})")
    assert b.path() == round_path + "/voted", b.driver.current_url
    assert h1_text(b) == t["pb.voted_title"]
    check_language(b, lang)
    check_fits_phone(b)
    reference = b.find("main strong.reference").text.strip()
    assert BALLOT_REFERENCE.fullmatch(reference), reference
    assert f"ref={reference}" in b.driver.current_url
    assert t["pb.voted_emailed"] in b.find("main").text

    # What was stored, and the one receipt email in the outbox.
    place, choices, age, channel = db_row(
        server_db,
        "SELECT p.name, b.choices, b.age_declared, b.channel FROM budget_ballots b LEFT JOIN places p ON p.id = b.place_id"
        " WHERE b.reference = ?",
        reference,
    )
    assert place == "Quayside" and age == 1 and channel == "web", (place, age, channel)
    assert set(json.loads(choices)) == {projects[title][0].removeprefix("f-choice-") for title in chosen + [local]}, choices
    receipts = db_row(server_db, "SELECT count(*) FROM email_outbox WHERE to_address = ? AND kind = 'pb_receipt'", address)[0]
    assert receipts == 1, f"{receipts} receipt emails for one vote"
    subject, body = db_row(
        server_db, "SELECT subject, body FROM email_outbox WHERE to_address = ? AND kind = 'pb_receipt'", address
    )
    assert subject == fill_in(t["pb.receipt_subject"], VOTING_ROUND), subject
    assert fill_in(t["pb.receipt_reference"], reference) in body, body
    assert all(f"- {title}" in body for title in chosen + [local]) and "Street trees" not in body, body

    # Back on the round's page, it says they have voted.
    link = tab_to(b, link_to(round_path), "the round's link")
    press_and_wait(b, Keys.ENTER, link, f"the round after voting ({lang})")
    assert fill_in(t["pb.you_voted"], reference) in b.find("main").text
    assert b.find(f"main a[href='{round_path}/ballot']").text.strip() == t["pb.change_vote_link"]
    # This year's round has no results yet.
    b.visit(round_path + "/results", f"no results yet ({lang})")
    assert h1_text(b) == t["pb.not_now_title"]

    # Last year's results: this reference is not one of its ballots; one of its own is.
    b.visit("/budgets", f"rounds again ({lang})")
    link = tab_to(b, lambda el: el.tag_name == "a" and el.text.strip() == RESULTS_ROUND, "last year's round")
    press_and_wait(b, Keys.ENTER, link, f"last year's round ({lang})")
    link = tab_to(b, lambda el: el.tag_name == "a" and el.text.strip() == t["pb.results_link"], "See the results")
    press_and_wait(b, Keys.ENTER, link, f"results ({lang})")
    assert h1_text(b) == fill_in(t["pb.results_title"], RESULTS_ROUND)
    check_language(b, lang)
    check_fits_phone(b)
    field = tab_to(b, id_is("f-ref"), "the reference field")
    type_keys(b, reference)
    press_and_wait(b, Keys.ENTER, field, f"receipt not in this round ({lang})")
    assert b.find("main .warning-panel[role=status]").text.strip() == fill_in(t["pb.lookup_missing"], reference)
    counted = db_row(
        server_db,
        "SELECT b.reference FROM budget_ballots b JOIN budget_rounds r ON r.id = b.round_id WHERE r.title = ?"
        " ORDER BY b.reference LIMIT 1",
        RESULTS_ROUND,
    )[0]
    field = tab_to(b, id_is("f-ref"), "the reference field")
    ActionChains(b.driver).key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL).perform()  # replace the last one
    type_keys(b, counted.lower())  # typed as a person might
    press_and_wait(b, Keys.ENTER, field, f"receipt counted ({lang})")
    assert b.find("main .notice[role=status]").text.strip() == fill_in(t["pb.lookup_found"], counted)
    check_language(b, lang)

    # Each pot's table says why each project was or was not funded.
    bought = [pattern(t["pb.why_mes_same"]), pattern(t["pb.why_mes_range"])]
    short = pattern(t["pb.why_short"])
    for pot in (WHOLE_BOROUGH[0], QUAYSIDE[0]):
        table = next(
            tb for tb in b.find_all("main table") if tb.find_element(By.TAG_NAME, "caption").get_attribute("textContent")
            == fill_in(t["pb.results_caption"], pot)
        )
        rows = [[td.text.strip() for td in tr.find_elements(By.TAG_NAME, "td")] for tr in table.find_elements(By.CSS_SELECTOR, "tbody tr")]
        assert rows, f"no projects in {pot}'s results"
        funded = {row[3] for row in rows if any(p.fullmatch(row[4]) for p in bought)}
        not_funded = {row[3] for row in rows if not any(p.fullmatch(row[4]) for p in bought)}
        assert len(funded) == 1, f"nothing bought in {pot}, or bought ones disagree on Funded: {rows}"
        assert not (funded & not_funded), f"Funded says the same for bought and not bought: {rows}"
        for title, _, _, _, why, _ in rows:
            assert any(p.fullmatch(why) for p in bought + [short]) or why == t["pb.why_no_support"], (title, why)

    # Ballots by ward: every ward, no more ballots than the round had.
    assert t["pb.turnout"] in [h.text.strip() for h in b.find_all("main h2")]
    table = next(
        tb for tb in b.find_all("main table")
        if tb.find_element(By.TAG_NAME, "caption").get_attribute("textContent") == t["pb.turnout"]
    )
    headers = [th.text.strip() for th in table.find_elements(By.CSS_SELECTOR, "thead th")]
    assert headers == [t["pb.ward"], t["pb.ballots"], t["pb.population"], t["pb.per_1000"]], headers
    rows = {
        tr.find_elements(By.TAG_NAME, "td")[0].text.strip(): tr.find_elements(By.TAG_NAME, "td")[1].text.strip()
        for tr in table.find_elements(By.CSS_SELECTOR, "tbody tr")
    }
    wards = db_row(server_db, "SELECT count(*) FROM places WHERE kind = 'ward'")[0]
    assert len(rows) == wards and "Quayside" in rows, rows
    total = int(re.search(r"[\d,]+", b.find("main p.lead").text).group(0).replace(",", ""))
    shown = [int(v.replace(",", "")) for v in rows.values() if re.fullmatch(r"[\d,]+", v)]
    assert shown and sum(shown) <= total, (rows, total)


def test_staff_key_in_a_paper_ballot_and_a_second_for_the_same_person_is_refused(browser: Browser, server_db: Path):
    """Staff key in a paper ballot from the round's page (a name with an apostrophe, a Quayside postcode, the age
    declared, one choice) and get its reference; the same voter typed with other spacing and case is refused, naming
    the first ballot's reference, and nothing more is stored."""
    b = browser
    b.sign_in()
    b.visit("/budgeting", "rounds")
    b.click_and_wait(b.driver.find_element(By.LINK_TEXT, VOTING_ROUND), "the round")
    round_path = b.path()
    assert re.fullmatch(r"/budgeting/[0-9A-F-]{36}", round_path), b.driver.current_url
    ballots_before = int(re.search(r"Ballots: ([\d,]+)", b.find("main").text).group(1).replace(",", ""))
    b.click_and_wait(b.driver.find_element(By.LINK_TEXT, "Key in a paper ballot"), "paper ballot")
    assert b.path() == round_path + "/paper" and h1_text(b) == "Key in a paper ballot"

    name = "Siobhán O'Neill"
    b.fill("#f-voter-name", name)
    b.fill("#f-voter-postcode", QUAYSIDE_POSTCODE)
    b.find("#f-age").click()
    choice = b.find("label[for^='f-choice-']")
    choice_id = choice.get_attribute("for")
    b.find("#" + choice_id).click()
    b.click_and_wait(b.driver.find_element(By.XPATH, "//main//button[normalize-space()='Store the ballot']"), "stored")
    assert b.path() == round_path + "/paper", b.driver.current_url
    assert not b.find_all(".error-summary"), b.find(".error-summary").text
    stored = b.find("main .notice[role=status]").text
    m = re.fullmatch(r"Stored: ballot (B-[0-9A-Z]{4}-[0-9A-Z]{4})\. Write it on the paper ballot\.", stored.strip())
    assert m, stored
    reference = m.group(1)
    voter, postcode, place, channel, age, choices = db_row(
        server_db,
        "SELECT b.voter_name, b.voter_postcode, p.name, b.channel, b.age_declared, b.choices FROM budget_ballots b"
        " LEFT JOIN places p ON p.id = b.place_id WHERE b.reference = ?",
        reference,
    )
    assert (voter, postcode, place, channel, age) == (name, QUAYSIDE_POSTCODE, "Quayside", "paper", 1)
    assert json.loads(choices) == {choice_id.removeprefix("f-choice-"): 1}, choices

    # The same person again, typed differently: refused, naming the first ballot.
    b.fill("#f-voter-name", "  " + name.lower().replace(" ", "   ") + " ")
    b.fill("#f-voter-postcode", QUAYSIDE_POSTCODE.lower().replace(" ", ""))
    b.find("#f-age").click()
    b.find("#" + choice_id).click()
    b.click_and_wait(b.driver.find_element(By.XPATH, "//main//button[normalize-space()='Store the ballot']"), "refused")
    summary = b.find(".error-summary").text
    assert "already has a ballot in this round" in summary and reference in summary, summary
    assert b.find("#f-voter-name").get_attribute("aria-invalid") == "true"
    assert not b.find_all("main .notice[role=status]"), "nothing should say it was stored"
    keyed = db_row(
        server_db,
        "SELECT count(*) FROM budget_ballots b JOIN budget_rounds r ON r.id = b.round_id"
        " WHERE r.title = ? AND b.voter_name = ?",
        VOTING_ROUND,
        name,
    )[0]
    assert keyed == 1, f"{keyed} ballots for one paper voter"
    b.visit(round_path, "the round again")
    assert f"Ballots: {ballots_before + 1:,}" in b.find("main").text
