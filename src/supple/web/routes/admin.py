"""The admin's page: the accounts on this server, invitation links, and whether anyone may register.

GET  /admin                   the list (admins only)
POST /admin/invitations       a new invitation link for the chosen role, shown once
POST /admin/registration      open or close registration
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from supple.services.context import ROLES
from supple.web import access
from supple.web.access import AdminDep
from supple.web.deps import SettingsDep
from supple.web.pages import check_csrf, render

router = APIRouter()


def _base(request: Request) -> str:
    public = request.app.state.settings.public_url
    return f"{public}/" if public else str(request.base_url)


def _page(request: Request, settings: SettingsDep, *, link: str = "", status: int = 200) -> HTMLResponse:
    service = access.accounts(settings)
    return render(
        request,
        "admin.html",
        {
            "title": "Accounts",
            "users": service.list_users(),
            "roles": ROLES,
            "registration": service.registration_open(),
            "link": link,
        },
        status=status,
    )


@router.get("/admin", response_class=HTMLResponse)
def admin_page(request: Request, settings: SettingsDep, who: AdminDep) -> HTMLResponse:
    return _page(request, settings)


@router.post("/admin/invitations", dependencies=[Depends(check_csrf)])
async def invite(request: Request, settings: SettingsDep, who: AdminDep) -> Response:
    form = await request.form()
    role = str(form.get("role") or "athlete")
    if role not in ROLES:
        return _page(request, settings, status=422)
    secret = access.accounts(settings).create_invitation(role=role, created_by=who.user.id if who.user else None)
    return _page(request, settings, link=f"{_base(request)}invite/{secret}")


@router.post("/admin/registration", dependencies=[Depends(check_csrf)])
async def registration(request: Request, settings: SettingsDep, who: AdminDep) -> Response:
    form = await request.form()
    access.accounts(settings).set_registration(str(form.get("open") or "") == "yes")
    return RedirectResponse("/admin", status_code=303)
