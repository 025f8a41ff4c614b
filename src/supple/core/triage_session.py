"""The session a complaint's triage suggests: its first-line work first, then its source regions.

Pure: it turns the athlete's own request (date, budget, kit, history, levels, active complaints)
into the request for the complaint's focus session; ``core.composer`` then keeps every rule it
keeps anywhere else (budget, kit, melt straight before its mould, no exercise that involves a
position an active complaint avoids).
"""

from __future__ import annotations

from dataclasses import replace

from supple.core.session import ComposeRequest
from supple.core.triage import Complaint


def triage_request(complaint: Complaint, base: ComposeRequest) -> ComposeRequest:
    """``base`` turned into ``complaint``'s triage session request.

    A focus session: the complaint's first-line exercises first, in their order (each only if
    the kit allows it and no active complaint avoids what it involves), then a block for each
    region often behind the complaint that the budget still allows.
    """
    regions = tuple(dict.fromkeys((*complaint.first_line.regions, *complaint.source_regions)))
    return replace(
        base,
        kind="focus",
        regions=regions,
        complaints=base.complaints | {complaint.slug},
        avoids={**base.avoids, complaint.slug: complaint.avoids},
        first_line=complaint.first_line.exercises,
        all_regions=True,
    )
