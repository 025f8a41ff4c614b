"""Screening-test pictures: each test drawn in the position it is done in, as SVG text."""

from __future__ import annotations

from supple.illustrate import assessment_svg
from supple.services.assess import find_test
from supple.services.context import Context


def illustration(ctx: Context, *, slug: str) -> str:
    """The test's picture: its position (or a standing figure), its props and its main region lit up.

    An unknown ``slug`` raises InvalidInput naming the known tests.
    """
    return assessment_svg(find_test(ctx, slug=slug))
