"""The pages in-process: each one answers with its key content, bad input gets a message, forms need CSRF."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from fastapi.testclient import TestClient

from supple.catalogue import Catalogue
from supple.config import Settings
from supple.core.session import ItemResult
from supple.services import live, logbook, routines
from supple.services import profile as profiles
from supple.services.errors import InvalidInput
from tests.contexts import ctx_for
from tests.web.conftest import csrf

HTML = {"Accept": "text/html"}
HTMX = {"HX-Request": "true"}


def _setup(settings: Settings, **values: object) -> None:
    current = profiles.get_profile(ctx_for(settings))
    profiles.save_profile(ctx_for(settings), profile=profiles.update_profile(ctx_for(settings), current, **values))


# -- Today --------------------------------------------------------------------------------------


def test_today_shows_the_routine_with_doses_pictures_and_a_start_form(client: TestClient, settings: Settings) -> None:
    page = client.get("/")
    assert page.status_code == 200
    html = page.text
    session = routines.today(ctx_for(settings), date=dt.date.today())
    for block in session.blocks:
        assert block.why in html
    for item in session.items:
        assert item.name in html
        assert f'src="/illustrations/{item.exercise}.svg?level={item.level}"' in html
        assert f'class="role role-{item.role}"' in html
    assert re.search(r"\d+ × \d+ s each side|\d+ reps", html)
    assert 'loading="lazy"' in html
    assert 'width="96" height="72"' in html
    start = html[html.index('<form class="start"') :]
    start = start[: start.index("</form>")]
    assert 'method="post" action="/session"' in start
    token = client.cookies.get("supple_csrf")
    assert f'name="csrf_token" value="{token}"' in start
    assert f'name="kind" value="{session.kind}"' in start
    assert f'name="minutes" value="{session.minutes}"' in start
    assert f'name="date" value="{session.date.isoformat()}"' in start


def test_the_start_form_opens_the_player_with_its_own_fields(client: TestClient) -> None:
    html = client.get("/?kind=daily&minutes=6").text
    start = html[html.index('<form class="start"') :]
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', start[: start.index("</form>")]))
    assert set(fields) == {"csrf_token", "kind", "minutes", "date"}
    reply = client.post("/session", data=fields, follow_redirects=False)
    assert reply.status_code == 303
    assert re.fullmatch(r"/session/\d+", reply.headers["location"])


def test_today_takes_kind_and_minutes_from_the_query(client: TestClient) -> None:
    page = client.get("/?kind=recovery&minutes=7")
    assert page.status_code == 200
    assert '<option value="recovery" selected>' in page.text
    assert 'name="minutes" value="7"' in page.text
    assert "of 7 min" in page.text


def test_today_as_an_htmx_swap_is_only_the_fragment(client: TestClient) -> None:
    page = client.get("/?kind=daily&minutes=8", headers=HTMX)
    assert page.status_code == 200
    assert "<html" not in page.text
    assert 'id="routine-title"' in page.text
    assert "HX-Request" in page.headers["vary"]
    restore = client.get("/?kind=daily", headers=HTMX | {"HX-History-Restore-Request": "true"})
    assert "<html" in restore.text


@pytest.mark.parametrize(
    ("query", "field", "words"),
    [
        ("kind=yoga", "kind", "primer, daily, recovery, focus"),
        ("minutes=500", "minutes", "a whole number from 1 to 120"),
        ("minutes=0", "minutes", "a whole number from 1 to 120"),
        ("minutes=ten", "minutes", "a whole number of minutes"),
        ("date=23/11/2026", "date", "YYYY-MM-DD"),
    ],
)
def test_today_explains_a_bad_value_inline_and_still_shows_a_routine(
    client: TestClient, query: str, field: str, words: str
) -> None:
    page = client.get(f"/?{query}")
    assert page.status_code == 422
    assert words in page.text
    assert 'class="start"' in page.text
    if field != "date":
        assert f'aria-describedby="{field}-error"' in page.text
    swapped = client.get(f"/?{query}", headers=HTMX)
    assert swapped.status_code == 200, "htmx only swaps 2xx answers in"
    assert words in swapped.text


def test_today_says_when_nothing_fits_and_offers_no_start(client: TestClient) -> None:
    page = client.get("/?kind=daily&minutes=1")
    assert page.status_code == 200
    assert "Nothing fits in 1 min" in page.text
    assert 'action="/session"' not in page.text


def test_today_shows_the_it_band_note(client: TestClient, settings: Settings) -> None:
    _setup(settings, priorities=["it-band"])
    page = client.get("/")
    assert 'class="note"' in page.text
    assert "IT band is never rolled" in page.text


def test_today_for_another_date_keeps_the_date(client: TestClient) -> None:
    page = client.get("/?date=2030-01-07")
    assert "Monday 7 January" in page.text
    assert 'name="date" value="2030-01-07"' in page.text


# -- Week and the calendar ------------------------------------------------------------------------


def test_week_shows_days_runs_sessions_coverage_and_the_feed(client: TestClient, settings: Settings) -> None:
    _setup(settings, run_days="mon,thu", run_time="06:30")
    page = client.get("/week?start=2026-11-23")
    assert page.status_code == 200
    html = page.text
    assert html.count('class="card day') == 7
    assert "Run at 06:30" in html
    plan = routines.plan(ctx_for(settings), start=dt.date(2026, 11, 23))
    primer = plan.days[0].sessions[0]
    assert primer.at is not None
    assert primer.at.strftime("%H:%M") in html
    assert "Targets per priority region" in html
    assert "at least 5 min of work in range over 5 days a week" in html
    assert "strength on 2 days" in html
    assert ("This week meets both targets." in html) == plan.meets_targets
    assert html.count('<th scope="row">') == len(plan.priorities)
    assert re.search(r'feed-url" type="text" readonly value="http://127\.0\.0\.1/calendar/[\w-]+\.ics"', html)
    assert 'action="/calendar/new-link"' in html


def test_week_marks_regions_that_fall_short(client: TestClient, settings: Settings) -> None:
    _setup(settings, minutes=2, priorities=["feet", "calves", "quads", "hamstrings", "glutes", "trunk"])
    html = client.get("/week").text
    assert "mark-short" in html
    assert "Could not fit" in html


def test_week_with_a_bad_start_explains_and_shows_this_week(client: TestClient) -> None:
    page = client.get("/week?start=next-monday")
    assert page.status_code == 422
    assert "YYYY-MM-DD" in page.text
    assert page.text.count('class="card day') == 7


def test_the_week_downloads_as_icalendar(client: TestClient) -> None:
    reply = client.get("/week.ics?start=2026-11-23")
    assert reply.status_code == 200
    assert reply.headers["content-type"] == "text/calendar; charset=utf-8"
    assert reply.headers["content-disposition"] == 'attachment; filename="supple-week-2026-11-23.ics"'
    text = reply.content.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert text.count("BEGIN:VEVENT") == 7
    assert "DTSTART:20261123T" in text
    assert "TRIGGER:-PT10M" in text
    assert client.get("/week.ics?start=soon").status_code == 422


def _feed_path(client: TestClient) -> str:
    found = re.search(r"http://127\.0\.0\.1(/calendar/[\w-]+\.ics)", client.get("/week").text)
    assert found
    return found.group(1)


def test_the_private_feed_serves_the_plan_and_unknown_tokens_get_404(client: TestClient) -> None:
    path = _feed_path(client)
    reply = client.get(path)
    assert reply.status_code == 200
    assert reply.headers["content-type"] == "text/calendar; charset=utf-8"
    assert reply.text.count("BEGIN:VEVENT") == 7
    assert client.get("/calendar/not-a-token.ics").status_code == 404
    assert client.get("/calendar/not-a-token.ics", headers=HTML).status_code == 404


def test_a_new_feed_address_needs_csrf_and_ends_the_old_one(client: TestClient) -> None:
    old = _feed_path(client)
    assert client.post("/calendar/new-link", follow_redirects=False).status_code == 403
    assert client.get(old).status_code == 200
    token = csrf(client)
    reply = client.post("/calendar/new-link", data={"csrf_token": token}, follow_redirects=False)
    assert reply.status_code == 303
    assert reply.headers["location"].startswith("/week?renewed=1")
    new = _feed_path(client)
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert "New address made" in client.get("/week?renewed=1").text


# -- Library ------------------------------------------------------------------------------------


def test_the_library_lists_every_exercise(client: TestClient, catalogue: Catalogue) -> None:
    page = client.get("/library")
    assert page.status_code == 200
    count = page.text.count('class="card exercise"')
    assert count == len(catalogue.exercises)
    assert f"<strong>{count}</strong> exercises" in page.text


@pytest.mark.parametrize(
    ("query", "check"),
    [
        ("region=hamstrings", lambda ex: "hamstrings" in ex.regions),
        ("role=melt", lambda ex: ex.role == "melt"),
        ("equipment=box", lambda ex: "box" in ex.equipment),
        ("equipment=none", lambda ex: not ex.equipment),
        (
            "region=glutes&role=mould&equipment=none",
            lambda ex: "glutes" in ex.regions and ex.role == "mould" and not ex.equipment,
        ),
    ],
)
def test_the_library_filters(client: TestClient, catalogue: Catalogue, query: str, check: object) -> None:
    page = client.get(f"/library?{query}", headers=HTMX)
    assert page.status_code == 200
    assert "<html" not in page.text
    wanted = [e for e in catalogue.exercises.values() if check(e)]
    assert page.text.count('class="card exercise"') == len(wanted) > 0
    for exercise in wanted:
        assert f'href="/library/{exercise.slug}"' in page.text


def test_a_bad_library_filter_is_explained_and_dropped(client: TestClient) -> None:
    page = client.get("/library?region=it-band&role=melt")
    assert page.status_code == 422
    assert "treated at its source" in page.text
    assert 'class="card exercise"' in page.text
    assert client.get("/library?equipment=sofa").status_code == 422


def test_an_exercise_page_has_everything_about_it(client: TestClient, catalogue: Catalogue) -> None:
    exercise = catalogue.exercises["hip-flexor-stretch-overhead-reach"]
    page = client.get(f"/library/{exercise.slug}")
    assert page.status_code == 200
    html = page.text
    assert f'src="/illustrations/{exercise.slug}.svg"' in html
    for text in (exercise.why, *exercise.cues.setup, *exercise.cues.movement, *exercise.cues.avoid, *exercise.cautions):
        assert text.replace("'", "&#39;").replace('"', "&#34;") in html
    for rung in exercise.ladder:
        assert rung.label in html
    for source in exercise.sources:
        assert source.cite in html
    assert "2 × 30 s each side" in html or "each side" in html


def test_an_exercise_that_is_left_out_for_a_complaint_says_for_which_and_why(client: TestClient) -> None:
    html = client.get("/library/active-hamstring-leg-raise").text
    assert "Left out for" in html
    assert "Sit bone (top of the hamstring): it involves deep hip bending" in html
    assert "Left out for" not in client.get("/library/dead-bug").text


def test_an_unknown_address_says_once_that_there_is_no_such_page(client: TestClient) -> None:
    page = client.get("/no-such-page", headers=HTML)
    assert page.status_code == 404
    assert "Not Found" not in page.text  # Starlette's default detail under our own heading read twice
    assert "<h1>Page not found</h1>" in page.text
    assert "Supple has no page at /no-such-page." in page.text


def test_the_library_says_why_the_it_band_is_never_rolled(client: TestClient, catalogue: Catalogue) -> None:
    page = client.get("/library/roll-it-band")
    assert page.status_code == 404
    assert catalogue.rules.redirects["it-band"].reason in page.text
    assert 'href="/library/roll-glutes"' in page.text
    assert 'href="/library/roll-adductors"' not in page.text


def test_an_unknown_exercise_is_a_friendly_404(client: TestClient) -> None:
    page = client.get("/library/hip-flexor-strech")
    assert page.status_code == 404
    assert "There is no exercise called" in page.text
    assert "Did you mean" in page.text
    assert 'href="/library/hip-flexor-stretch-overhead-reach"' in page.text
    assert 'href="/library"' in page.text


# -- History ------------------------------------------------------------------------------------


def test_history_with_nothing_logged_invites_a_first_session(client: TestClient) -> None:
    page = client.get("/history")
    assert page.status_code == 200
    assert page.text.count('class="cell shade-') >= 84
    assert "Nothing logged in these weeks yet" in page.text


def test_history_shows_days_weeks_and_sessions_with_results(client: TestClient, settings: Settings) -> None:
    today = dt.date.today()
    done = routines.today(ctx_for(settings), date=today, kind="daily", minutes=6)
    results = [ItemResult(done=i != 0, control=4, discomfort=2) for i, _ in enumerate(done.items)]
    logbook.log_session(ctx_for(settings), session=logbook.from_results(done, results))
    started = live.start(ctx_for(settings), session=routines.today(ctx_for(settings), date=today, minutes=4))
    html = client.get("/history").text
    day = f"{today.strftime('%a')} {today.day} {today.strftime('%b')}: "
    assert re.search(rf'title="{day}\d+ min( \d+ s)? done"', html)
    assert "in progress" in html
    assert f'href="/session/{started.id}"' in html
    assert f"{len(done.items) - 1} of {len(done.items)} done, 1 skipped" in html
    assert "control 4/5" in html
    assert "discomfort up to 2/10" in html
    assert "skipped" in html
    assert "not yet" in html
    assert "15 min or more" in html  # the legend in words


# -- Settings -----------------------------------------------------------------------------------


def _form(token: str | None, **changes: object) -> dict[str, object]:
    form: dict[str, object] = {
        "run_day": ["mon", "sat"],
        "time_mon": "06:45",
        "time_sat": "09:30",
        "minutes": "12",
        "equipment": ["roller", "band"],
        "priority": ["glutes", "it-band"],
        "complaint": ["kneecap"],
    }
    if token is not None:
        form["csrf_token"] = token
    return form | changes


def test_settings_shows_the_profile(client: TestClient, settings: Settings) -> None:
    _setup(settings, run_days="tue", run_time="17:15", minutes=14, equipment=["wall"], complaints=["shin"])
    html = client.get("/settings").text
    assert re.search(r'id="run-tue" name="run_day" value="tue" checked', html)
    assert 'name="time_tue" value="17:15"' in html
    assert 'name="minutes" type="number" inputmode="numeric" value="14"' in html
    assert re.search(r'id="kit-wall" name="equipment" value="wall" checked', html)
    assert re.search(r'id="complaint-shin" name="complaint" value="shin" checked', html)
    assert 'name="csrf_token"' in html


def test_settings_ticks_only_the_regions_the_runner_chose(client: TestClient, settings: Settings) -> None:
    ticked = re.compile(r'name="priority" value="([a-z-]+)" checked')
    assert ticked.findall(client.get("/settings").text) == []  # a new runner: Supple's usual choice
    _setup(settings, minutes=14)  # saving other settings (as `supple init` does) chooses no regions
    assert profiles.get_profile(ctx_for(settings)).priorities == ()
    assert ticked.findall(client.get("/settings").text) == []
    _setup(settings, priorities=["calves", "glutes"])
    assert sorted(ticked.findall(client.get("/settings").text)) == ["calves", "glutes"]


def test_settings_sets_the_name_the_report_shows(client: TestClient, settings: Settings) -> None:
    assert (
        'id="name" name="name" type="text" autocomplete="name" maxlength="60" value=""' in client.get("/settings").text
    )
    form = _form(csrf(client), name="  Sam   Runner ")
    assert client.post("/settings", data=form, follow_redirects=False).status_code == 303
    assert profiles.get_profile(ctx_for(settings)).name == "Sam Runner"
    assert (
        'name="name" type="text" autocomplete="name" maxlength="60" value="Sam Runner"' in client.get("/settings").text
    )
    too_long = client.post("/settings", data=_form(csrf(client), name="x" * 61))
    assert too_long.status_code == 422
    assert 'id="name-error"' in too_long.text
    assert "at most 60 characters" in too_long.text
    assert profiles.get_profile(ctx_for(settings)).name == "Sam Runner"  # nothing saved


def test_saving_settings_redirects_with_a_notice_and_changes_today(client: TestClient, settings: Settings) -> None:
    reply = client.post("/settings", data=_form(csrf(client)), follow_redirects=False)
    assert reply.status_code == 303
    assert reply.headers["location"] == "/settings?saved=1"
    saved = profiles.get_profile(ctx_for(settings))
    assert saved.run_times == (("mon", dt.time(6, 45)), ("sat", dt.time(9, 30)))
    assert saved.minutes == 12
    assert saved.equipment == {"roller", "band"}
    assert saved.priorities == ("glutes", "it-band")
    assert saved.complaints == {"kneecap"}
    assert "Saved." in client.get("/settings?saved=1").text
    assert "IT band is never rolled" in client.get("/").text


def test_saving_keeps_the_order_of_priorities_still_ticked(client: TestClient, settings: Settings) -> None:
    _setup(settings, priorities=["hip-flexors", "calves", "glutes"])
    form = _form(csrf(client), priority=["feet", "calves", "glutes", "hip-flexors"])
    assert client.post("/settings", data=form, follow_redirects=False).status_code == 303
    assert profiles.get_profile(ctx_for(settings)).priorities == ("hip-flexors", "calves", "glutes", "feet")


def test_unticking_everything_saves_empty_lists(client: TestClient, settings: Settings) -> None:
    form = {"csrf_token": csrf(client), "minutes": "5", "time_mon": "07:00"}
    assert client.post("/settings", data=form, follow_redirects=False).status_code == 303
    saved = profiles.get_profile(ctx_for(settings))
    assert (saved.run_times, saved.equipment, saved.priorities, saved.complaints) == ((), set(), (), set())


@pytest.mark.parametrize("token", [None, "forged-token"])
def test_settings_without_the_right_csrf_token_are_refused_and_nothing_saved(
    client: TestClient, settings: Settings, token: str | None
) -> None:
    csrf(client)
    before = profiles.get_profile(ctx_for(settings))
    reply = client.post("/settings", data=_form(token), follow_redirects=False)
    assert reply.status_code == 403
    assert profiles.get_profile(ctx_for(settings)) == before


@pytest.mark.parametrize(
    ("changes", "section", "words"),
    [
        ({"minutes": "0"}, "minutes", "a whole number from 1 to 120"),
        ({"minutes": "lots"}, "minutes", "a whole number of minutes"),
        ({"time_sat": ""}, "runs", "Give a time for Saturday"),
        ({"time_mon": "25:00"}, "runs", "a time of day such as 07:00, 7:30 or 7am"),
        ({"run_day": ["mon", "someday"]}, "runs", "three-letter days"),
        ({"equipment": ["sofa"]}, "equipment", "any of roller"),
        ({"priority": ["elbows"]}, "priorities", "one of feet"),
        ({"complaint": ["grumpy"]}, "complaints", "one of outer-knee"),
    ],
)
def test_settings_errors_re_render_the_form_with_the_message_by_the_field(
    client: TestClient, settings: Settings, changes: dict[str, object], section: str, words: str
) -> None:
    before = profiles.get_profile(ctx_for(settings))
    reply = client.post("/settings", data=_form(csrf(client), **changes))
    assert reply.status_code == 422
    assert re.search(rf'<p class="field-error" id="{section}-error">[^<]*{re.escape(words)}', reply.text)
    assert "Nothing was saved" in reply.text
    assert profiles.get_profile(ctx_for(settings)) == before
    if section != "minutes":
        assert 'value="lots"' not in reply.text
        assert 'name="minutes" type="number" inputmode="numeric" value="12"' in reply.text, "typed values are kept"


def test_the_profile_service_still_refuses_bad_values_directly(settings: Settings) -> None:
    with pytest.raises(InvalidInput):
        profiles.update_profile(ctx_for(settings), profiles.get_profile(ctx_for(settings)), minutes=0)


# -- every page -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/", "Today"),
        ("/week", "Your week"),
        ("/library", "Exercise library"),
        ("/library/couch-stretch", "Couch stretch"),
        ("/history", "History"),
        ("/settings", "Settings"),
    ],
)
def test_every_page_has_one_heading_the_nav_and_the_csrf_meta(client: TestClient, path: str, heading: str) -> None:
    html = client.get(path).text
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert heading in re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    assert '<meta name="csrf-token"' in html
    assert 'aria-current="page"' in html
