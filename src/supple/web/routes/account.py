"""Signing in and out, pairing a phone, accepting an invitation, and one's own devices.

GET  /sign-in, POST /sign-in          a form; a new session (new secret) at every sign-in
POST /sign-out, /sign-out-everywhere  ends this session, or every session of this person
GET  /pair/{secret}, POST             a one-time link `supple serve --lan` prints: signs a phone in
GET  /invite/{secret}, POST           an invitation an admin made: choose a password, signed in
GET  /register, POST                  only when an admin opened registration
GET  /devices, POST /devices/{id}/revoke   the sessions of this athlete, and ending one
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from supple.services.errors import InvalidInput
from supple.web import access
from supple.web.access import SESSION_COOKIE, Public, SignedInDep, VisitorDep
from supple.web.deps import SettingsDep
from supple.web.pages import check_csrf, render

if TYPE_CHECKING:
    from supple.services.accounts import User

router = APIRouter()


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never another site (open redirect) nor a scheme-relative one."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target or len(target) > 2000:
        return "/"
    return target


def _landing(user: User, target: str | None) -> str:
    """Where a person goes once signed in: ``target`` when it is a page of this site. The home page
    answers 403 to an account with no athlete data (an admin), so such an account goes to its own page."""
    safe = _safe_next(target)
    if user.athlete or safe != "/":
        return safe
    return "/admin" if user.role == "admin" else "/devices"


def _set_session(request: Request, response: Response, secret: str, *, days: int) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        secret,
        max_age=days * 86400,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )


def _end_cookie(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/")


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _label(request: Request) -> str:
    """A short name for a device, from its browser's own description."""
    agent = request.headers.get("user-agent", "")
    for name in ("iPhone", "iPad", "Android", "Macintosh", "Windows", "Linux"):
        if name in agent:
            return f"{name} browser"
    return "browser"


def _form_page(request: Request, name: str, extra: dict[str, Any], *, status: int = 200) -> HTMLResponse:
    return render(request, name, {"nav": ()} | extra, status=status)


@router.get("/sign-in", response_class=HTMLResponse, dependencies=[Public])
def sign_in_form(request: Request, settings: SettingsDep, who: VisitorDep, next: str = "/") -> Response:
    if who is not None and who.user is not None:
        return RedirectResponse(_landing(who.user, next), status_code=303)
    return _form_page(request, "sign_in.html", _sign_in_values(settings, next, ""))


def _sign_in_values(settings: Any, next: str, email: str, problem: str = "") -> dict[str, Any]:
    return {
        "title": "Sign in",
        "next": _safe_next(next),
        "email": email,
        "problem": problem,
        "registration": access.accounts(settings).registration_open(),
    }


@router.post("/sign-in", dependencies=[Public, Depends(check_csrf)])
async def sign_in(request: Request, settings: SettingsDep) -> Response:
    from supple.services.accounts import SignInRefused, TooManyAttempts

    form = await request.form()
    email = str(form.get("email") or "").strip()
    password = str(form.get("password") or "")
    next_page = str(form.get("next") or "/")
    service = access.accounts(settings)
    try:
        user = service.authenticate(email, password, address=_address(request))
    except TooManyAttempts as error:
        minutes = max(1, round(error.retry_after / 60))
        problem = f"Too many attempts. Wait about {minutes} minute{'s' if minutes > 1 else ''}, then try again."
        page = _form_page(request, "sign_in.html", _sign_in_values(settings, next_page, email, problem), status=429)
        page.headers["Retry-After"] = str(error.retry_after)
        return page
    except (SignInRefused, InvalidInput) as error:
        values = _sign_in_values(settings, next_page, email, f"{error}.".replace("..", "."))
        return _form_page(request, "sign_in.html", values, status=401)
    old = request.cookies.get(SESSION_COOKIE)
    if old:
        service.end_session(old)  # a new secret at every sign-in: a planted cookie is worth nothing
    secret, signed = service.start_session(user=user, athlete=user.athlete or "", kind="browser", label=_label(request))
    response = RedirectResponse(_landing(user, next_page), status_code=303)
    _set_session(request, response, secret, days=max(1, (signed.expires_at - signed.created_at).days))
    return response


@router.post("/sign-out", dependencies=[Depends(check_csrf)])
def sign_out(request: Request, settings: SettingsDep, who: SignedInDep) -> Response:
    secret = request.cookies.get(SESSION_COOKIE)
    if secret:
        access.accounts(settings).end_session(secret)
    response = RedirectResponse("/sign-in" if access.any_accounts(settings) else "/", status_code=303)
    _end_cookie(response)
    return response


@router.post("/sign-out-everywhere", dependencies=[Depends(check_csrf)])
def sign_out_everywhere(request: Request, settings: SettingsDep, who: SignedInDep) -> Response:
    user_id = who.user.id if who.user is not None else None
    access.accounts(settings).end_all_sessions(user_id, who.athlete or "")
    response = RedirectResponse("/sign-in" if access.any_accounts(settings) else "/", status_code=303)
    _end_cookie(response)
    return response


# -- pairing a phone --------------------------------------------------------------------------------
@router.get("/pairing-needed", response_class=HTMLResponse, dependencies=[Public])
def pairing_needed(request: Request) -> HTMLResponse:
    detail = (
        "This device is not paired with Supple yet. On the computer that runs Supple, run "
        "“supple serve --lan” and scan the code it prints (or open the link it prints) on this device."
    )
    return render(request, "error.html", {"title": "Pair this device first", "detail": detail, "nav": ()}, status=401)


@router.get("/pair/{secret}", response_class=HTMLResponse, dependencies=[Public])
def pair_form(request: Request, secret: str) -> HTMLResponse:
    return _form_page(request, "pair.html", {"title": "Pair this device", "secret": secret, "problem": ""})


@router.post("/pair/{secret}", dependencies=[Public, Depends(check_csrf)])
def pair(request: Request, settings: SettingsDep, secret: str) -> Response:
    from supple.services.accounts import LinkRefused

    try:
        token, signed = access.accounts(settings).redeem_pairing(secret, label=_label(request))
    except LinkRefused as error:
        values = {"title": "Pair this device", "secret": secret, "problem": str(error)}
        return _form_page(request, "pair.html", values, status=410)
    if signed.user is None and access.any_accounts(settings):
        # Data no account owns, on a server with accounts: the one rule refuses such a session on
        # every request, so say so now instead of handing out a cookie that opens nothing.
        access.accounts(settings).end_session(token)
        detail = (
            "This server has accounts, and the data this link pairs belongs to none of them. "
            "Sign in on this device with your account instead."
        )
        return render(request, "error.html", {"title": "Sign in instead", "detail": detail, "nav": ()}, status=403)
    response = RedirectResponse("/", status_code=303)
    _set_session(request, response, token, days=max(1, (signed.expires_at - signed.created_at).days))
    return response


# -- invitations and open registration ---------------------------------------------------------------
def _join_values(title: str, action: str, problem: str = "", email: str = "", name: str = "") -> dict[str, Any]:
    return {"title": title, "action": action, "problem": problem, "email": email, "name": name}


@router.get("/invite/{secret}", response_class=HTMLResponse, dependencies=[Public])
def invite_form(request: Request, secret: str) -> HTMLResponse:
    return _form_page(request, "join.html", _join_values("Accept your invitation", f"/invite/{secret}"))


@router.post("/invite/{secret}", dependencies=[Public, Depends(check_csrf)])
async def accept_invite(request: Request, settings: SettingsDep, secret: str) -> Response:
    from supple.services.accounts import LinkRefused

    form = await request.form()
    fields = {key: str(form.get(key) or "").strip() for key in ("email", "name")}
    service = access.accounts(settings)
    try:
        user = service.accept_invitation(
            secret, email=fields["email"], password=str(form.get("password") or ""), name=fields["name"] or None
        )
    except (LinkRefused, InvalidInput) as error:
        values = _join_values("Accept your invitation", f"/invite/{secret}", str(error), **fields)
        return _form_page(request, "join.html", values, status=410 if isinstance(error, LinkRefused) else 422)
    return _signed_in_response(request, settings, user)


@router.get("/register", response_class=HTMLResponse, dependencies=[Public])
def register_form(request: Request, settings: SettingsDep) -> HTMLResponse:
    if not access.accounts(settings).registration_open():
        detail = "This server is open by invitation only: ask its admin for an invitation link."
        values = {"title": "Registration is closed", "detail": detail, "nav": ()}  # no pages to offer yet
        return render(request, "error.html", values, status=403)
    return _form_page(request, "join.html", _join_values("Make an account", "/register"))


@router.post("/register", dependencies=[Public, Depends(check_csrf)])
async def register(request: Request, settings: SettingsDep) -> Response:
    from supple.services.errors import NotAllowed

    form = await request.form()
    fields = {key: str(form.get(key) or "").strip() for key in ("email", "name")}
    service = access.accounts(settings)
    try:
        user = service.register(fields["email"], str(form.get("password") or ""), name=fields["name"] or None)
    except (InvalidInput, NotAllowed) as error:
        values = _join_values("Make an account", "/register", str(error), **fields)
        return _form_page(request, "join.html", values, status=403 if isinstance(error, NotAllowed) else 422)
    return _signed_in_response(request, settings, user)


def _signed_in_response(request: Request, settings: Any, user: Any) -> Response:
    secret, signed = access.accounts(settings).start_session(
        user=user, athlete=user.athlete or "", kind="browser", label=_label(request)
    )
    response = RedirectResponse(_landing(user, "/settings" if user.athlete else "/"), status_code=303)
    _set_session(request, response, secret, days=max(1, (signed.expires_at - signed.created_at).days))
    return response


# -- one's own devices ----------------------------------------------------------------------------
@router.get("/devices", response_class=HTMLResponse)
def devices(request: Request, settings: SettingsDep, who: SignedInDep) -> HTMLResponse:
    user_id = who.user.id if who.user is not None else None
    found = access.accounts(settings).list_sessions(user_id=user_id, athlete=who.athlete or "")
    current = who.session.session_id if who.session is not None else None
    return render(
        request,
        "devices.html",
        {
            "title": "Signed-in devices",
            "sessions": found,
            "current": current,
            "who": who,
            "accounts": access.any_accounts(settings),
            "revoked": request.query_params.get("revoked") == "1",
        },
    )


@router.post("/devices/{session_id}/revoke", dependencies=[Depends(check_csrf)])
def revoke_device(request: Request, settings: SettingsDep, who: SignedInDep, session_id: int) -> Response:
    from fastapi import HTTPException

    user_id = who.user.id if who.user is not None else None
    if not access.accounts(settings).revoke_session(session_id, user_id=user_id, athlete=who.athlete or ""):
        raise HTTPException(404, "There is no such device among yours.")
    return RedirectResponse("/devices?revoked=1", status_code=303)
