"""The triage table: every complaint, every red-flag question it asks in order, and the level of a yes.

Written out by hand from KNOWLEDGE.md section 4, so that a change to the data files that moves a
flag's level (or drops a question) fails the tests on every surface that uses this table.
"""

from __future__ import annotations

EMERGENCY, SAME_DAY, SOON = "emergency", "same-day", "soon"

#: What each level says first, wherever Supple speaks.
HEADINGS = {
    EMERGENCY: "Get emergency care now",
    SAME_DAY: "See a doctor today",
    SOON: "See a physio or doctor within days",
}
#: The short labels of the badges on the web Today page.
LABELS = {EMERGENCY: "emergency", SAME_DAY: "same day", SOON: "within days"}

_KNEE = (
    ("cannot-bear-weight", SAME_DAY),
    ("hot-swollen-joint-fever", SAME_DAY),
    ("sudden-start", SOON),
    ("swelling", SOON),
    ("locking-giving-way", SOON),
    ("night-pain", SOON),
    ("limp", SOON),
)

#: complaint -> its red flags in the order asked, each with the level a yes gets for that complaint.
TABLE: dict[str, tuple[tuple[str, str], ...]] = {
    "outer-knee": _KNEE,
    "kneecap": _KNEE,
    "below-kneecap": _KNEE,
    "achilles": (
        ("achilles-rupture-signs", SAME_DAY),
        ("calf-swelling-redness", SAME_DAY),
        ("calf-with-chest-symptoms", EMERGENCY),
        ("cannot-bear-weight", SAME_DAY),
        ("achilles-after-drug", SAME_DAY),
        ("sudden-start", SOON),
        ("swelling", SOON),
        ("night-pain", SOON),
    ),
    "heel": (
        ("calf-swelling-redness", SAME_DAY),
        ("calf-with-chest-symptoms", EMERGENCY),
        ("cannot-bear-weight", SAME_DAY),
        ("sudden-start", SOON),
        ("heel-squeeze", SOON),
        ("pain-on-hop", SOON),
        ("focal-bone-tenderness", SOON),
        ("night-pain", SOON),
        ("numbness", SOON),
        ("swelling", SOON),
        ("low-energy-bone-pain", SOON),
    ),
    "shin": (
        ("calf-swelling-redness", SAME_DAY),
        ("calf-with-chest-symptoms", EMERGENCY),
        ("acute-compartment", EMERGENCY),
        ("sudden-start", SOON),
        ("focal-bone-tenderness", SOON),
        ("pain-on-hop", SOON),
        ("night-pain", SOON),
        ("pain-building-during-run", SOON),
        ("exertional-compartment", SOON),
        ("previous-bone-stress", SOON),
        ("low-energy-bone-pain", SOON),
        ("numbness", SOON),
    ),
    "sit-bone": (
        ("hamstring-pop-bruising", SAME_DAY),
        ("sudden-start", SOON),
        ("numbness", SOON),
        ("night-pain", SOON),
        ("limp", SOON),
    ),
    "low-back": (
        ("saddle-numbness", EMERGENCY),
        ("legs-weakening", EMERGENCY),
        ("sudden-start", SOON),
        ("fever-weight-loss-cancer", SOON),
        ("back-pain-age", SOON),
        ("steroids-osteoporosis", SOON),
        ("constant-pain", SOON),
        ("thoracic-pain", SOON),
        ("numbness", SOON),
        ("night-pain", SOON),
    ),
    "hip-front": (
        ("hot-swollen-joint-fever", SAME_DAY),
        # With hip-front pain these three may be femoral neck bone stress: same day (KNOWLEDGE.md section 4).
        ("night-pain", SAME_DAY),
        ("pain-on-hop", SAME_DAY),
        ("limp", SAME_DAY),
        ("sudden-start", SOON),
        ("previous-bone-stress", SOON),
        ("pain-building-during-run", SOON),
        ("low-energy-bone-pain", SOON),
    ),
    "calf": (
        ("calf-swelling-redness", SAME_DAY),
        ("calf-with-chest-symptoms", EMERGENCY),
        ("acute-compartment", EMERGENCY),
        ("achilles-rupture-signs", SAME_DAY),
        ("sudden-start", SOON),
        ("exertional-compartment", SOON),
        ("numbness", SOON),
        ("night-pain", SOON),
    ),
    "side-of-hip": (
        ("hot-swollen-joint-fever", SAME_DAY),
        ("sudden-start", SOON),
        ("night-pain", SOON),
        ("focal-bone-tenderness", SOON),
        ("pain-on-hop", SOON),
        ("limp", SOON),
    ),
    "top-of-foot": (
        ("cannot-bear-weight", SAME_DAY),
        ("sudden-start", SOON),
        ("focal-bone-tenderness", SOON),
        ("pain-on-hop", SOON),
        ("swelling", SOON),
        ("night-pain", SOON),
        ("previous-bone-stress", SOON),
        ("low-energy-bone-pain", SOON),
        ("numbness", SOON),
    ),
}

#: Every (complaint, flag, level) row of the table.
ROWS: list[tuple[str, str, str]] = [(c, flag, level) for c, flags in TABLE.items() for flag, level in flags]
ORDER = (SOON, SAME_DAY, EMERGENCY)


def highest(complaint: str) -> str:
    """The level of a yes to every question ``complaint`` asks."""
    return max((level for _, level in TABLE[complaint]), key=ORDER.index)
