"""Assess, the focus flow, Triage, the soreness check-in, Progress, and Today's reminder and red-flag stop.

The real app in-process: every page answers, every form stores what it says (read back through
the services), bad input is a 422 that names the field and writes nothing, a post without the
CSRF token is refused, and a yes to any red flag stops the plan until a clinician has cleared it.
"""

from __future__ import annotations

import datetime as dt
import html as htmllib
import re

import pytest
from fastapi.testclient import TestClient

from supple.config import Settings
from supple.core.session import ItemResult
from supple.services import assess, levels, live, logbook, redflags, routines, soreness, triage
from tests.contexts import ctx_for
from tests.triage_table import HEADINGS, LABELS, TABLE
from tests.web.conftest import csrf

TODAY = dt.date.today()
COMPLAINTS = tuple(TABLE)


def text_of(page: str) -> str:
    """The page's words without tags, spaces folded: for sentences that span elements."""
    words = re.sub(r"<[^>]+>", " ", page[page.index("<main") :])
    return re.sub(r"\s+", " ", htmllib.unescape(words))


def stored_results(settings: Settings) -> list[tuple[str, str | None, dt.date, float]]:
    return [(r.result.test, r.result.side, r.result.date, r.result.value) for r in assess.history(ctx_for(settings))]


def soreness_of(settings: Settings) -> list[tuple[dt.date, str, int, bool]]:
    return [(r.date, r.region, r.value, r.after_run) for r in ctx_for(settings).data.soreness()]


def sessions_of(settings: Settings) -> int:
    return len(logbook.history(ctx_for(settings)))


# -- every page ---------------------------------------------------------------------------------


def test_every_new_page_answers_with_one_heading_and_the_nav(client: TestClient, settings: Settings) -> None:
    slugs = [t.slug for t in assess.tests(ctx_for(settings))]
    assert len(slugs) >= 8
    paths = ["/assess", "/triage", "/soreness", "/progress", "/soreness/saved"]
    for slug in slugs:
        paths += [f"/assess/{slug}", f"/assess/{slug}/focus", f"/assess/{slug}/focus/session"]
        paths += [f"/assess/{slug}/focus/retest", f"/assess/{slug}/focus/result"]
    paths += [f"/triage/{slug}" for slug in COMPLAINTS]
    for path in paths:
        page = client.get(path)
        assert page.status_code == 200, path
        assert page.text.count("<h1") == 1, path
        assert 'href="/assess"' in page.text, path
        assert 'href="/progress"' in page.text, path


def test_the_nav_offers_assess_and_progress_and_today_links_the_check_ins(client: TestClient) -> None:
    page = client.get("/").text
    nav = page[page.index('<nav aria-label="Main">') : page.index("</nav>")]
    assert [label for _, label in re.findall(r'href="([^"]+)"[^>]*>([^<]+)<', nav)] == [
        "Today",
        "Week",
        "Runs",
        "Assess",
        "Progress",
        "History",
        "Library",
        "Settings",
    ]
    assert 'href="/soreness"' in page
    assert 'href="/triage"' in page
    assert 'aria-current="page">Assess' in client.get("/assess/knee-to-wall").text


@pytest.mark.parametrize(
    "path",
    [
        "/assess/no-such-test",
        "/assess/no-such-test/focus",
        "/assess/no-such-test/focus/session",
        "/assess/no-such-test/focus/retest",
        "/assess/no-such-test/focus/result",
        "/triage/no-such-complaint",
    ],
)
def test_an_unknown_slug_is_a_404_page_that_says_so(client: TestClient, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 404
    assert "<h1>No such" in page.text
    assert "“no-such-" in page.text
    assert 'class="button primary" href="/assess"' in page.text or 'href="/triage"' in page.text


@pytest.mark.parametrize(
    "path",
    [
        "/assess/no-such-test",
        "/assess/no-such-test/focus",
        "/assess/no-such-test/focus/start",
        "/assess/no-such-test/focus/retest",
        "/triage/no-such-complaint",
        "/triage/no-such-complaint/start",
    ],
)
def test_posting_to_an_unknown_slug_is_a_404_and_writes_nothing(
    client: TestClient, settings: Settings, path: str
) -> None:
    token = csrf(client)
    reply = client.post(path, data={"csrf_token": token, "left": "8", "value": "8"}, follow_redirects=False)
    assert reply.status_code == 404
    assert stored_results(settings) == []
    assert sessions_of(settings) == 0


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/assess/knee-to-wall", {"left": "8", "right": "9"}),
        ("/assess/knee-to-wall/focus", {"left": "8"}),
        ("/assess/knee-to-wall/focus/start", {}),
        ("/assess/knee-to-wall/focus/retest", {"left": "8"}),
        ("/triage/outer-knee", {"flag-swelling": "yes"}),
        ("/triage/outer-knee/start", {}),
        ("/soreness", {"sore-calves": "3"}),
        ("/red-flags/clear", {}),
    ],
)
def test_every_form_refuses_a_post_without_the_csrf_token(
    client: TestClient, settings: Settings, path: str, data: dict[str, str]
) -> None:
    csrf(client)
    assert client.post(path, data=data, follow_redirects=False).status_code == 403
    assert client.post(path, data=data | {"csrf_token": "stale"}, follow_redirects=False).status_code == 403
    assert stored_results(settings) == []
    assert soreness_of(settings) == []
    assert sessions_of(settings) == 0
    assert redflags.active(ctx_for(settings)) == ()


# -- Assess -------------------------------------------------------------------------------------


def test_assess_lists_every_test_with_what_it_measures_and_invites_a_first_screen(
    client: TestClient, settings: Settings
) -> None:
    page = client.get("/assess")
    assert page.status_code == 200
    for test in assess.tests(ctx_for(settings)):
        assert f'href="/assess/{test.slug}"' in page.text
        assert htmllib.escape(test.measures, quote=False) in page.text
    assert page.text.count("Not tested yet") == len(assess.tests(ctx_for(settings)))
    assert "No results yet" in page.text


def test_assess_shows_last_results_due_badges_and_priorities_in_words(client: TestClient, settings: Settings) -> None:
    five_weeks_ago = TODAY - dt.timedelta(weeks=5)
    assess.record(ctx_for(settings), test="knee-to-wall", value=8, side="left", date=TODAY)
    assess.record(ctx_for(settings), test="knee-to-wall", value=11, side="right", date=TODAY)
    assess.record(ctx_for(settings), test="overhead-reach", value=170, side=None, date=five_weeks_ago)
    words = text_of(client.get("/assess").text)
    assert (
        "Calves and ankles: Knee-to-wall 8 cm on the left is below the usual range (below 10 cm by more than the "
        "measurement error, 1.9 cm)." in words
    )
    card = words[words.index("Knee-to-wall Up to date") :]
    assert card.index("Left 8 cm") < card.index("Right 11 cm") < card.index("Modified Thomas")
    assert "Overhead reach Re-test due" in words
    assert "Both 170°" in words
    assert "Not tested yet" in words


def test_uneven_sides_are_a_priority_worded_with_the_measurement_error(client: TestClient, settings: Settings) -> None:
    assess.record(ctx_for(settings), test="knee-to-wall", value=11, side="left", date=TODAY)
    assess.record(ctx_for(settings), test="knee-to-wall", value=14, side="right", date=TODAY)
    words = text_of(client.get("/assess").text)
    assert (
        "Calves and ankles: Knee-to-wall 11 cm on the left trails the other side by more than the measurement "
        "error (1.9 cm)." in words
    )


def test_a_test_page_has_instructions_norm_error_form_and_the_focus_button(
    client: TestClient, settings: Settings
) -> None:
    test = assess.find_test(ctx_for(settings), slug="knee-to-wall")
    page = client.get("/assess/knee-to-wall")
    assert page.status_code == 200
    html = page.text
    for line in (*test.instructions.setup, *test.instructions.steps, *test.instructions.reading):
        assert htmllib.escape(line, quote=False) in html
    assert 'src="/illustrations/assessments/knee-to-wall.svg" alt="Drawing: how to do the Knee-to-wall test"' in html
    words = text_of(html)
    assert (
        "10–12.5 cm. A result counts as below the usual range only when it is below 10 cm by more than the "
        "measurement error (1.9 cm); otherwise it is within or near the usual range." in words
    )
    assert f"Source: {test.norm.source}. This figure is from a secondary source." in words
    assert "(2°)" not in words
    assert "(u)" not in words
    assert "A result can move by up to 1.9 cm between two tries with nothing having changed" in words
    assert "within measurement error" in words
    assert 'href="/assess/knee-to-wall/focus">Test, melt and mould, re-test</a>' in html
    form = html[html.index('<form class="result-form') : html.index("</form>")]
    assert 'method="post" action="/assess/knee-to-wall"' in form
    assert f'name="csrf_token" value="{client.cookies.get("supple_csrf")}"' in form
    for side in ("left", "right"):
        field = form[form.index(f'id="result-{side}"') :]
        field = field[: field.index(">")]
        assert 'inputmode="decimal"' in field
        assert 'min="0"' in field
        assert 'max="30"' in field
        assert 'step="0.1"' in field
    assert f'name="date" type="date" value="{TODAY.isoformat()}"' in form
    assert '<svg role="img"' in html or re.search(r"<svg[^>]*role=\"img\"", html), "the history chart is inline"


def test_a_single_value_test_has_one_field_and_a_whole_number_test_steps_by_one(client: TestClient) -> None:
    reach = client.get("/assess/overhead-reach").text
    assert 'id="result-value"' in reach
    assert 'id="result-left"' not in reach
    squat = client.get("/assess/single-leg-squat").text
    assert 'step="1"' in squat
    assert 'min="1"' in squat
    assert 'max="3"' in squat


def test_recording_both_sides_at_once_stores_them_and_shows_the_change(client: TestClient, settings: Settings) -> None:
    earlier = TODAY - dt.timedelta(days=14)
    assess.record(ctx_for(settings), test="knee-to-wall", value=7, side="left", date=earlier)
    assess.record(ctx_for(settings), test="knee-to-wall", value=10, side="right", date=earlier)
    token = csrf(client)
    reply = client.post(
        "/assess/knee-to-wall",
        data={"csrf_token": token, "left": "9.5", "right": "10,5", "date": TODAY.isoformat()},
        follow_redirects=False,
    )
    assert reply.status_code == 303
    assert reply.headers["location"] == "/assess/knee-to-wall?saved=1#results"
    assert set(stored_results(settings)[:2]) == {
        ("knee-to-wall", "left", TODAY, 9.5),
        ("knee-to-wall", "right", TODAY, 10.5),
    }
    page = client.get(reply.headers["location"])
    words = text_of(page.text)
    assert "Saved." in words
    assert "Left 9.5 cm +2.5 cm real change: better" in words
    assert "Right 10.5 cm +0.5 cm within measurement error" in words
    assert "Left 7 cm first result" in words
    assert "Right 10 cm first result" in words


def test_one_side_may_be_left_empty_and_a_single_value_test_takes_no_side(
    client: TestClient, settings: Settings
) -> None:
    token = csrf(client)
    assert client.post("/assess/knee-to-wall", data={"csrf_token": token, "right": "12"}).status_code == 200
    assert client.post("/assess/overhead-reach", data={"csrf_token": token, "value": "155"}).status_code == 200
    assert sorted(stored_results(settings), key=str) == sorted(
        [("knee-to-wall", "right", TODAY, 12.0), ("overhead-reach", None, TODAY, 155.0)], key=str
    )


@pytest.mark.parametrize(
    ("slug", "data", "field", "message"),
    [
        ("knee-to-wall", {"left": "31", "right": "9"}, "left", "“31” will not do: expected a number from 0 to 30 (cm)"),
        ("knee-to-wall", {"left": "9", "right": "lots"}, "right", "“lots” will not do: expected a number from 0 to 30"),
        ("knee-to-wall", {"left": "-1"}, "left", "“-1” will not do: expected a number from 0 to 30 (cm)"),
        ("knee-to-wall", {}, "form", "Nothing to save: enter for at least one side, a number from 0 to 30 (cm)."),
        ("overhead-reach", {"value": "nan"}, "value", "“nan” will not do: expected a number from 0 to 180 (°)"),
        ("single-leg-squat", {"left": "2.5"}, "left", "“2.5” will not do: expected a whole number from 1 to 3"),
        ("knee-to-wall", {"left": "9", "date": "2024-13-01"}, "date", "“2024-13-01” will not do"),
    ],
)
def test_a_bad_value_is_a_422_next_to_its_field_and_nothing_is_saved(
    client: TestClient, settings: Settings, slug: str, data: dict[str, str], field: str, message: str
) -> None:
    token = csrf(client)
    for path in (f"/assess/{slug}", f"/assess/{slug}/focus", f"/assess/{slug}/focus/retest"):
        page = client.post(path, data={"csrf_token": token} | data, follow_redirects=False)
        assert page.status_code == 422, path
        assert "Nothing was saved" in page.text
        error = page.text[page.text.index(f'id="{field}-error"') :]
        assert message in htmllib.unescape(error[: error.index("</p>")]), path
        for name, value in data.items():
            if name in ("left", "right", "value"):
                assert f'id="result-{name}"' in page.text
                assert f'value="{value}"' in page.text, "what was typed stays in the form"
        if field != "form":
            assert 'aria-invalid="true"' in page.text
    assert stored_results(settings) == []


# -- the focus flow: test, melt and mould, re-test ------------------------------------------------


def test_the_focus_flow_stores_before_and_after_and_shows_the_change(client: TestClient, settings: Settings) -> None:
    token = csrf(client)
    step1 = client.get("/assess/knee-to-wall/focus").text
    assert 'aria-current="step"' in step1
    assert 'action="/assess/knee-to-wall/focus"' in step1

    before = client.post(
        "/assess/knee-to-wall/focus", data={"csrf_token": token, "left": "8", "right": "11"}, follow_redirects=False
    )
    assert before.status_code == 303
    assert before.headers["location"] == "/assess/knee-to-wall/focus/session"
    assert {(side, value) for _, side, _, value in stored_results(settings)} == {("left", 8.0), ("right", 11.0)}

    step2 = client.get(before.headers["location"]).text
    session = routines.today(ctx_for(settings), date=TODAY, kind="focus", focus=["calves"])
    assert session.blocks
    assert all(block.region == "calves" for block in session.blocks)
    for item in session.items:
        assert item.name in step2
    assert 'action="/assess/knee-to-wall/focus/start"' in step2
    assert 'href="/assess/knee-to-wall/focus/retest"' in step2
    words = text_of(step2)
    assert "Left 8 cm" in words
    assert "Right 11 cm" in words

    start = client.post("/assess/knee-to-wall/focus/start", data={"csrf_token": token}, follow_redirects=False)
    assert start.status_code == 303
    found = re.fullmatch(r"/session/(\d+)\?next=/assess/knee-to-wall/focus/retest", start.headers["location"])
    assert found, start.headers["location"]
    started = live.get(ctx_for(settings), session_id=int(found.group(1)))
    assert started.kind == "focus"
    assert [logged.item.exercise for logged in started.items] == [item.exercise for item in session.items]
    player = client.get(start.headers["location"]).text
    assert '<a class="button primary big" href="/assess/knee-to-wall/focus/retest">Re-test now</a>' in player
    assert 'class="pl-exit" href="/assess/knee-to-wall/focus/retest"' in player

    after = client.post(
        "/assess/knee-to-wall/focus/retest",
        data={"csrf_token": token, "left": "10.5", "right": "11.5"},
        follow_redirects=False,
    )
    assert after.status_code == 303
    assert after.headers["location"] == "/assess/knee-to-wall/focus/result"
    result = client.get(after.headers["location"])
    assert result.status_code == 200
    words = text_of(result.text)
    assert "Left side Before 8 cm → after 10.5 cm (+2.5 cm) real change: better" in words
    assert "Right side Before 11 cm → after 11.5 cm (+0.5 cm) within measurement error" in words
    assert 'role="img"' in result.text
    assert len(stored_results(settings)) == 4
    note = ctx_for(settings).catalogue.rules.retest_fades
    assert f"{note.text} ({note.source})" in words  # the same sentence as the CLI and the report


@pytest.mark.parametrize(
    "target",
    [
        "https://example.com/",
        "//example.com/assess/x",
        "/settings",
        "/assess/x?y=1",
        "/assess/../settings",
        "javascript:x",
    ],
)
def test_the_player_offers_only_an_assess_page_of_this_site_as_next(
    client: TestClient, settings: Settings, target: str
) -> None:
    started = live.start(ctx_for(settings), session=routines.today(ctx_for(settings), date=TODAY, minutes=5))
    page = client.get(f"/session/{started.id}", params={"next": target}).text
    assert "Re-test now" not in page
    assert 'class="pl-exit" href="/"' in page
    assert "example.com" not in page


def test_the_focus_session_is_not_started_while_a_red_flag_is_open(client: TestClient, settings: Settings) -> None:
    triage.answer(ctx_for(settings), complaint="outer-knee", red_flags=["swelling"], date=TODAY)
    token = csrf(client)
    step2 = client.get("/assess/knee-to-wall/focus/session").text
    assert "Your plan is on hold" in step2
    assert "/focus/start" not in step2
    reply = client.post("/assess/knee-to-wall/focus/start", data={"csrf_token": token}, follow_redirects=False)
    assert reply.status_code == 303
    assert reply.headers["location"] == "/"
    assert sessions_of(settings) == 0


def test_the_result_without_a_before_value_says_so(client: TestClient, settings: Settings) -> None:
    assert "No result to compare yet" in client.get("/assess/knee-to-wall/focus/result").text
    assess.record(ctx_for(settings), test="overhead-reach", value=150, side=None, date=TODAY)
    words = text_of(client.get("/assess/overhead-reach/focus/result").text)
    assert "150° No earlier result on this side to compare with." in words


# -- Triage -------------------------------------------------------------------------------------


def test_triage_lists_every_complaint(client: TestClient, settings: Settings) -> None:
    page = client.get("/triage").text
    for complaint in triage.complaints(ctx_for(settings)):
        assert f'href="/triage/{complaint.slug}"' in page
        assert htmllib.escape(complaint.name, quote=False) in page
    assert {c.slug for c in triage.complaints(ctx_for(settings))} == set(COMPLAINTS)


@pytest.mark.parametrize("slug", COMPLAINTS)
def test_the_questions_come_first_with_nothing_picked(client: TestClient, settings: Settings, slug: str) -> None:
    page = client.get(f"/triage/{slug}").text
    questions = triage.questions(ctx_for(settings), complaint=slug)
    assert questions
    for q in questions:
        assert htmllib.escape(q.question, quote=False) in page
        assert f'name="flag-{q.slug}" value="yes"' in page
        assert f'name="flag-{q.slug}" value="no"' in page
    assert " checked" not in page
    assert page.count("<fieldset") == len(questions)
    assert page.count("<legend>") == len(questions)


def _answers(token: str, questions: list[triage.RedFlag], yes: str | None = None) -> dict[str, str]:
    return {"csrf_token": token} | {f"flag-{q.slug}": "yes" if q.slug == yes else "no" for q in questions}


@pytest.mark.parametrize("slug", COMPLAINTS)
def test_triage_no_flags_gives_a_plan_and_any_yes_gives_a_referral_without_one(
    client: TestClient, settings: Settings, slug: str
) -> None:
    token = csrf(client)
    questions = triage.questions(ctx_for(settings), complaint=slug)
    complaint = triage.find_complaint(ctx_for(settings), slug=slug)

    clear = client.post(f"/triage/{slug}", data=_answers(token, questions))
    assert clear.status_code == 200
    words = text_of(clear.text)
    assert "What may help" in words
    for region in complaint.source_regions:
        assert ctx_for(settings).catalogue.region_names[region] in words
    _, plan = triage.answer(ctx_for(settings), complaint=slug, red_flags=[], date=TODAY)
    assert plan is not None
    assert plan.items
    for item in plan.items:
        assert item.name in clear.text
    assert f'action="/triage/{slug}/start"' in clear.text
    assert redflags.active(ctx_for(settings)) == ()

    levels = dict(TABLE[slug])
    for q in questions:
        level = levels[q.slug]
        advice = redflags.words(ctx_for(settings), level).advice
        referred = client.post(f"/triage/{slug}", data=_answers(token, questions, yes=q.slug))
        assert referred.status_code == 200
        words = text_of(referred.text)
        assert f"<h1>{HEADINGS[level]}</h1>" in referred.text, q.slug
        assert words.count(advice) == 1, q.slug
        assert htmllib.escape(q.question, quote=False) in referred.text
        assert "/start" not in referred.text, "no plan and no Start button"
        assert 'class="dose"' not in referred.text
        assert [f.slug for f in redflags.active(ctx_for(settings))] == [q.slug]
        today_page = client.get("/").text
        today = text_of(today_page)
        assert f'<h2 id="stop-title">{HEADINGS[level]}</h2>' in today_page, q.slug
        assert f'data-level="{level}"' in today_page
        assert today.count(advice) == 1, q.slug
        assert f'<span class="mark mark-{level}">{LABELS[level]}</span>' in today_page, q.slug
        assert "A physio or doctor has cleared me" in today
        assert 'action="/session"' not in client.get("/").text
        redflags.clear(ctx_for(settings), date=TODAY)


def test_same_day_and_emergency_answers_use_their_level_words_here_and_on_today(
    client: TestClient, settings: Settings
) -> None:
    token = csrf(client)
    achilles = triage.questions(ctx_for(settings), complaint="achilles")
    page = text_of(client.post("/triage/achilles", data=_answers(token, achilles, yes="achilles-rupture-signs")).text)
    assert "See a doctor today" in page
    today = text_of(client.get("/").text)
    assert "See a doctor today" in today
    assert "same day" in today
    assert ">urgent<" not in client.get("/").text, "the badge says the level"
    redflags.clear(ctx_for(settings), date=TODAY)

    back = triage.questions(ctx_for(settings), complaint="low-back")
    page = client.post("/triage/low-back", data=_answers(token, back, yes="saddle-numbness")).text
    emergency = redflags.words(ctx_for(settings), "emergency").advice
    assert "Get emergency care now" in text_of(page)
    assert text_of(page).count(emergency) == 1, "the emergency sentence is printed once"
    today_page = client.get("/").text
    assert "Get emergency care now" in text_of(today_page)
    assert text_of(today_page).count(emergency) == 1
    assert '<span class="mark mark-emergency">emergency</span>' in today_page
    assert ">urgent<" not in today_page


def test_an_unanswered_question_is_a_422_that_names_it_and_stores_nothing(
    client: TestClient, settings: Settings
) -> None:
    token = csrf(client)
    questions = triage.questions(ctx_for(settings), complaint="shin")
    data = _answers(token, questions)
    del data[f"flag-{questions[2].slug}"]
    data[f"flag-{questions[0].slug}"] = "yes"
    page = client.post("/triage/shin", data=data)
    assert page.status_code == 422
    message = f"Not answered yet: “{questions[2].question}” Pick yes or no."
    assert htmllib.escape(message, quote=False) in page.text
    assert f'id="flag-{questions[0].slug}-yes" name="flag-{questions[0].slug}" value="yes" checked' in page.text
    assert redflags.active(ctx_for(settings)) == ()

    data[f"flag-{questions[2].slug}"] = "maybe"
    page = client.post("/triage/shin", data=data)
    assert page.status_code == 422
    assert "“maybe” will not do" in htmllib.unescape(page.text)
    assert redflags.active(ctx_for(settings)) == ()


def test_start_opens_the_complaints_focus_session_in_the_player(client: TestClient, settings: Settings) -> None:
    token = csrf(client)
    reply = client.post("/triage/outer-knee/start", data={"csrf_token": token}, follow_redirects=False)
    assert reply.status_code == 303
    found = re.fullmatch(r"/session/(\d+)", reply.headers["location"])
    assert found
    started = live.get(ctx_for(settings), session_id=int(found.group(1)))
    assert started.kind == "focus"
    assert {logged.region for logged in started.items} <= {"glutes", "hip-rotators"}
    assert "it-band" not in {logged.region for logged in started.items}


def test_start_is_refused_while_a_red_flag_is_open(client: TestClient, settings: Settings) -> None:
    triage.answer(ctx_for(settings), complaint="shin", red_flags=["pain-on-hop"], date=TODAY)
    token = csrf(client)
    questions = triage.questions(ctx_for(settings), complaint="outer-knee")
    page = client.post("/triage/outer-knee", data=_answers(token, questions)).text
    assert "Your plan is on hold" in page
    assert "/start" not in page
    reply = client.post("/triage/outer-knee/start", data={"csrf_token": token}, follow_redirects=False)
    assert reply.headers["location"] == "/"
    assert sessions_of(settings) == 0


# -- Today: the red-flag stop and the re-test reminder ---------------------------------------------


def test_today_stops_until_a_clinician_has_cleared_the_runner(client: TestClient, settings: Settings) -> None:
    token = csrf(client)
    assert 'action="/session"' in client.get("/").text
    triage.answer(ctx_for(settings), complaint="hip-front", red_flags=["night-pain"], date=TODAY)
    stopped = client.get("/")
    assert stopped.status_code == 200
    words = text_of(stopped.text)
    assert "See a doctor today" in words, "night pain at the front of the hip is same-day"
    assert f"Pain at night same day Front of the hip, reported {TODAY.day} {TODAY:%b %Y}" in words
    assert 'action="/session"' not in stopped.text
    assert 'id="routine-title"' not in stopped.text
    fragment = client.get("/?kind=daily", headers={"HX-Request": "true"}).text
    assert "<html" not in fragment
    assert "A physio or doctor has cleared me" in fragment
    assert 'action="/session"' not in fragment

    cleared = client.post("/red-flags/clear", data={"csrf_token": token}, follow_redirects=False)
    assert cleared.status_code == 303
    assert cleared.headers["location"] == "/?cleared=1"
    assert redflags.active(ctx_for(settings)) == ()
    back = client.get(cleared.headers["location"]).text
    assert "Cleared." in back
    assert 'action="/session"' in back


def test_a_soon_flag_asks_to_see_someone_within_days_without_today_wording(
    client: TestClient, settings: Settings
) -> None:
    triage.answer(ctx_for(settings), complaint="outer-knee", red_flags=["swelling"], date=TODAY)
    words = text_of(client.get("/").text)
    assert "See a physio or doctor within days" in words
    advice = words[words.index("See a physio or doctor within days") : words.index("What you reported")]
    assert "today" not in advice.lower()
    assert "emergency" not in advice.lower()


def test_today_invites_a_first_screen_then_reminds_when_a_retest_is_due(client: TestClient, settings: Settings) -> None:
    assert "Screen your range to set your priorities" in client.get("/").text
    assess.record(ctx_for(settings), test="knee-to-wall", value=9, side="left", date=TODAY - dt.timedelta(weeks=5))
    words = text_of(client.get("/").text)
    assert "Time to re-test: last screened 5 weeks ago" in words
    assert "Due: Knee-to-wall." in words
    assert 'href="/assess">Go to Assess' in client.get("/").text
    assess.record(ctx_for(settings), test="knee-to-wall", value=10, side="left", date=TODAY)
    page = client.get("/").text
    assert "Time to re-test" not in page
    assert "Screen your range" not in page
    assert "Time to re-test" not in client.get("/?kind=daily", headers={"HX-Request": "true"}).text


# -- Soreness -----------------------------------------------------------------------------------


def test_the_check_in_offers_every_region_with_eleven_untouched_choices(client: TestClient) -> None:
    page = client.get("/soreness").text
    for region in ("feet", "calves", "hamstrings", "glutes", "thoracic-spine"):
        for n in range(11):
            assert f'name="sore-{region}" value="{n}"' in page
    assert " checked" not in page
    assert f'name="date" type="date" value="{TODAY.isoformat()}"' in page
    assert 'name="after_run"' in page
    assert "Calves and ankles" in page


def test_the_check_in_stores_only_the_regions_tapped(client: TestClient, settings: Settings) -> None:
    token = csrf(client)
    yesterday = TODAY - dt.timedelta(days=1)
    reply = client.post(
        "/soreness",
        data={
            "csrf_token": token,
            "sore-calves": "3",
            "sore-hamstrings": "0",
            "date": yesterday.isoformat(),
            "after_run": "1",
        },
        follow_redirects=False,
    )
    assert reply.status_code == 303
    assert soreness_of(settings) == [(yesterday, "calves", 3, True), (yesterday, "hamstrings", 0, True)]
    saved = client.get(reply.headers["location"])
    words = text_of(saved.text)
    assert "Saved 2 ratings:" in words
    assert "Calves and ankles 3 / 10" in words
    assert "Hamstrings 0 / 10" in words
    assert "after a run" in words
    assert 'href="/progress"' in saved.text


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, "form", "Nothing to save: tap a number from 0 (none) to 10 (worst) for at least one region."),
        ({"sore-calves": "11"}, "calves", "“11” will not do: expected a whole number from 0 to 10"),
        ({"sore-calves": "lots"}, "calves", "“lots” will not do: expected a whole number from 0 to 10"),
        ({"sore-calves": "2", "date": "yesterday"}, "date", "“yesterday” will not do"),
    ],
)
def test_a_bad_check_in_is_a_422_and_stores_nothing(
    client: TestClient, settings: Settings, data: dict[str, str], field: str, message: str
) -> None:
    token = csrf(client)
    page = client.post("/soreness", data={"csrf_token": token, "sore-quads": ""} | data, follow_redirects=False)
    assert page.status_code == 422
    error = page.text[page.text.index(f'id="{"sore-calves" if field == "calves" else field}-error"') :]
    assert message in htmllib.unescape(error[: error.index("</p>")])
    assert soreness_of(settings) == []


# -- Progress -----------------------------------------------------------------------------------


def test_progress_for_a_new_user_says_what_to_do(client: TestClient) -> None:
    page = client.get("/progress")
    assert page.status_code == 200
    words = text_of(page.text)
    assert "Nothing done yet" in words
    assert "No ratings yet" in words
    assert "Levels appear once you finish a session" in words
    assert "No results yet. A few quick tests" in words
    assert 'href="/history"' in page.text
    assert 'href="/soreness"' in page.text


def test_progress_shows_the_charts_with_summaries_and_the_levels(client: TestClient, settings: Settings) -> None:
    for days in (9, 2):
        done = routines.today(ctx_for(settings), date=TODAY - dt.timedelta(days=days), kind="daily", minutes=6)
        results = [ItemResult(done=True, control=5, discomfort=1) for _ in done.items]
        logbook.log_session(ctx_for(settings), session=logbook.from_results(done, results))
    soreness.record(ctx_for(settings), ratings=["calves=2", "quads=4"], date=TODAY - dt.timedelta(days=1))
    assess.record(ctx_for(settings), test="knee-to-wall", value=7, side="left", date=TODAY - dt.timedelta(days=20))
    assess.record(ctx_for(settings), test="knee-to-wall", value=10, side="left", date=TODAY)
    page = client.get("/progress").text
    assert page.count('role="img"') == 4, "weekly, soreness, levels and the one test with results"
    words = text_of(page)
    assert "This week so far:" in words
    assert "Latest ratings" in words
    assert "Calves and ankles 2/10, Quads 4/10" in words
    assert "Since you started:" in words
    assert "Latest: Left 10 cm. Real change since your first result: Knee-to-wall left: 7 cm → 10 cm." in words
    assert 'href="/assess/knee-to-wall"' in page
    table = page[page.index('<table class="levels-table">') :]
    table = table[: table.index("</table>")]
    for entry in levels.decisions(ctx_for(settings)):
        assert f'href="/library/{entry.exercise}"' in table
        assert htmllib.escape(entry.decision.reason, quote=False) in table
