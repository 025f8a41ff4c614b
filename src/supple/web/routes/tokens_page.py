"""Personal API tokens, for a signed-in person: list, make (shown once), revoke.

GET  /tokens                  the tokens of the account signed in
POST /tokens                  a new token (name, read-only or not); its secret is shown once
POST /tokens/{token_id}/revoke   stops one of one's own tokens at once
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from supple.services.errors import InvalidInput
from supple.web import access
from supple.web.access import SignedInDep, Visitor
from supple.web.deps import SettingsDep
from supple.web.pages import check_csrf, render

router = APIRouter()


def _email(who: Visitor) -> str:
    if who.user is None:
        detail = "API tokens belong to accounts; this server has none yet (see `supple users add`)."
        raise HTTPException(404, detail)
    return who.user.email


def _page(request: Request, settings: SettingsDep, who: Visitor, **extra: object) -> HTMLResponse:
    found = access.accounts(settings).list_tokens(_email(who))
    page = {"title": "API tokens", "tokens": found, "secret": "", "problem": "", "revoked": False} | extra
    return render(request, "tokens.html", page, status=422 if extra.get("problem") else 200)


@router.get("/tokens", response_class=HTMLResponse)
def tokens(request: Request, settings: SettingsDep, who: SignedInDep) -> HTMLResponse:
    return _page(request, settings, who, revoked=request.query_params.get("revoked") == "1")


@router.post("/tokens", dependencies=[Depends(check_csrf)])
async def make_token(request: Request, settings: SettingsDep, who: SignedInDep) -> HTMLResponse:
    form = await request.form()
    name = str(form.get("name") or "").strip()
    try:
        secret, _ = access.accounts(settings).create_token(
            _email(who), name=name, read_only=form.get("read_only") == "yes"
        )
    except InvalidInput as error:
        return _page(request, settings, who, problem=str(error))
    return _page(request, settings, who, secret=secret)


@router.post("/tokens/{token_id}/revoke", dependencies=[Depends(check_csrf)])
def revoke(settings: SettingsDep, who: SignedInDep, token_id: int) -> Response:
    service = access.accounts(settings)
    if token_id not in {t.id for t in service.list_tokens(_email(who))}:
        raise HTTPException(404, "There is no such token among yours.")  # another's: as if it did not exist
    service.revoke_token(token_id)
    return RedirectResponse("/tokens?revoked=1", status_code=303)
