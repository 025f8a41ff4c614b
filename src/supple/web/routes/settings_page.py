"""GET /settings (the profile form) and POST /settings (checked by the profile service, CSRF required)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from supple.services import display
from supple.services import profile as profiles
from supple.services.context import Context
from supple.services.errors import InvalidInput
from supple.services.profile import Profile
from supple.web.access import ContextDep
from supple.web.pages import check_csrf, render

router = APIRouter()

#: The form section each profile field's message is shown in.
SECTIONS = {
    "run day": "runs",
    "run time": "runs",
    "minutes": "minutes",
    "equipment": "equipment",
    "priority region": "priorities",
    "complaint": "complaints",
    "name": "name",
}
DEFAULT_TIME = "07:00"


def _values_from_profile(ctx: Context) -> dict[str, Any]:
    found = profiles.get_profile(ctx)
    times = {day: time.strftime("%H:%M") for day, time in found.run_times}
    return {
        "run_days": set(times),
        "times": {c.value: times.get(c.value, DEFAULT_TIME) for c in display.weekdays()},
        "minutes": str(found.minutes),
        "equipment": set(found.equipment),
        "priorities": set(found.priorities),
        "complaints": set(found.complaints),
        "name": found.name,
    }


def _page(request: Request, ctx: Context, values: dict[str, Any], errors: dict[str, str]) -> HTMLResponse:
    page = {
        "title": "Settings",
        "values": values,
        "errors": errors,
        "saved": request.query_params.get("saved") == "1" and not errors,
        "weekdays": display.weekdays(),
        "kit": display.equipment(),
        "regions": display.regions(ctx, symptoms=True),
        "complaints": display.complaints(ctx),
        "min_minutes": display.MIN_MINUTES,
        "max_minutes": display.MAX_MINUTES,
    }
    return render(request, "settings.html", page, status=422 if errors else 200)


@router.get("/settings", response_class=HTMLResponse)
def settings_form(request: Request, ctx: ContextDep) -> HTMLResponse:
    return _page(request, ctx, _values_from_profile(ctx), {})


@router.post("/settings", dependencies=[Depends(check_csrf)])
async def save_settings(request: Request, ctx: ContextDep) -> Response:
    form = await request.form()
    days = [str(d) for d in form.getlist("run_day")]
    values: dict[str, Any] = {
        "run_days": set(days),
        "times": {c.value: str(form.get(f"time_{c.value}") or "").strip() for c in display.weekdays()},
        "minutes": str(form.get("minutes") or "").strip(),
        "equipment": {str(v) for v in form.getlist("equipment")},
        "priorities": {str(v) for v in form.getlist("priority")},
        "complaints": {str(v) for v in form.getlist("complaint")},
        "name": str(form.get("name") or ""),
    }
    errors: dict[str, str] = {}
    untimed = [display.label(d) for d in days if d in values["times"] and not values["times"][d]]
    if untimed:
        errors["runs"] = f"Give a time for {', '.join(untimed)}, e.g. 07:00."
    minutes: int | None = None
    try:
        minutes = int(values["minutes"])
    except ValueError:
        errors["minutes"] = f"“{values['minutes']}” will not do: expected a whole number of minutes, e.g. 10."
    if not errors:
        ticked = [str(v) for v in form.getlist("priority")]

        def change(current: Profile) -> Profile:
            # The form lists regions ground up; keep the runner's own order for those still ticked.
            kept = [r for r in current.priorities if r in ticked]
            return profiles.update_profile(
                ctx,
                current,
                run_days=",".join(days) or "none",
                run_time=",".join(f"{d}={values['times'][d]}" for d in days if values["times"].get(d)) or None,
                minutes=minutes,
                equipment=[str(v) for v in form.getlist("equipment")],
                priorities=kept + [r for r in ticked if r not in kept],
                complaints=[str(v) for v in form.getlist("complaint")],
                name=values["name"],
            )

        try:
            profiles.change_profile(ctx, change)
        except InvalidInput as error:
            errors[SECTIONS.get(error.field, "form")] = display.problem_text(error)
    if errors:
        return _page(request, ctx, values, errors)
    return RedirectResponse("/settings?saved=1", status_code=303)
