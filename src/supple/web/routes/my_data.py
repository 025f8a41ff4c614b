"""Your data is yours: download all of it, or delete it with your account.

GET  /settings/export   every row of your athlete as a zip (JSON, a CSV per table, a README)
POST /settings/delete   every row of your athlete is deleted, and your account with it
"""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from supple.services import data
from supple.web import access
from supple.web.access import SESSION_COOKIE, ContextDep
from supple.web.deps import SettingsDep
from supple.web.pages import check_csrf, render

router = APIRouter()

#: What a person types to confirm, so a slip of the finger deletes nothing.
CONFIRM = "delete"


@router.get("/settings/export")
def download(ctx: ContextDep) -> Response:
    body = data.export_zip(ctx)
    name = f"supple-{ctx.athlete}-{dt.date.today().isoformat()}.zip"
    headers = {"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"}
    return Response(body, media_type="application/zip", headers=headers)


@router.get("/settings/delete", response_class=HTMLResponse)
def confirm_page(request: Request, ctx: ContextDep) -> HTMLResponse:
    return render(request, "delete.html", {"title": "Delete my data", "problem": "", "confirm": CONFIRM})


@router.post("/settings/delete", dependencies=[Depends(check_csrf)])
async def delete(request: Request, settings: SettingsDep, ctx: ContextDep) -> Response:
    form = await request.form()
    if str(form.get("confirm") or "").strip().lower() != CONFIRM:
        problem = f"Nothing was deleted: type “{CONFIRM}” in the box to confirm."
        return render(
            request, "delete.html", {"title": "Delete my data", "problem": problem, "confirm": CONFIRM}, status=422
        )
    # One transaction: the athlete's rows go, and with them (by the database's cascades) the account
    # that owns them, its sessions and tokens, and the paired devices of the runner at this machine.
    data.delete_athlete(ctx)
    response = RedirectResponse("/sign-in" if access.any_accounts(settings) else "/?deleted=1", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
