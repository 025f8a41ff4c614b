"""Placeholder: routes are added by the issue #4 work in progress."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
