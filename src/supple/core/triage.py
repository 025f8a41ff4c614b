"""Triage of a complaint: red flags first, then the likely source regions and the reasoning.

Supple never diagnoses. Any red flag answered yes stops the plan and sends the runner to a
clinician (urgently where the data says so); otherwise the work goes to the regions that are
often behind the complaint. All wording comes from ``catalogue/complaints`` and
``catalogue/red_flags.toml``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from supple.core.errors import InvalidInput
from supple.core.exercises import Source


@dataclass(frozen=True, slots=True)
class RedFlag:
    slug: str
    #: A few words for the sign, used when repeating an answer back.
    name: str
    #: The yes/no question, in plain words.
    question: str
    urgent: bool
    #: Non-empty only for a sign that needs emergency care: what to do, right now.
    emergency: str = ""
    #: "" or "u" (unverified: asked to be safe).
    mark: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class TriageAdvice:
    """The fixed sentences of a triage answer."""

    clear: str
    refer: str
    urgent: str
    unverified: str


@dataclass(frozen=True, slots=True)
class FirstLine:
    regions: tuple[str, ...]
    exercises: tuple[str, ...]
    advice: str
    mark: str = ""


@dataclass(frozen=True, slots=True)
class Complaint:
    slug: str
    name: str
    source_regions: tuple[str, ...]
    contributors: tuple[str, ...]
    reasoning: str
    switches_off: tuple[str, ...]
    red_flags: tuple[str, ...]
    first_line: FirstLine
    #: Red flags that make this complaint urgent even where the flag alone is not.
    urgent_red_flags: tuple[str, ...] = ()
    #: What to add after a yes to one of these red flags, for this complaint.
    flag_notes: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    sources: tuple[Source, ...] = ()
    #: Positions and loads (``catalogue/positions.toml``) no exercise may involve while this is active.
    avoids: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Triage:
    complaint: str
    refer: bool
    urgent: bool
    #: The red flags answered yes, in the order they were asked.
    red_flags: tuple[str, ...]
    #: The regions often behind the complaint.
    sources: tuple[str, ...]
    explanation: str
    #: The regions to work; empty when the runner is referred.
    focus_regions: tuple[str, ...]


def check_flags(answered: Iterable[str], flags: Mapping[str, RedFlag]) -> tuple[str, ...]:
    """The answered red-flag slugs, each once, in the order given; InvalidInput on an unknown one."""
    out: list[str] = []
    for slug in answered:
        if slug not in flags:
            raise InvalidInput("red flag", slug, "one of " + ", ".join(sorted(flags)) + ", or none")
        if slug not in out:
            out.append(slug)
    return tuple(out)


def _lower_first(text: str) -> str:
    """'Weak hips' -> 'weak hips' for the middle of a sentence; 'IT band' stays as it is."""
    first = text.split(" ", 1)[0]
    return text if len(first) > 1 and first.isupper() else text[:1].lower() + text[1:]


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def is_urgent(flag: RedFlag, complaint: Complaint) -> bool:
    """True when a yes to ``flag`` means getting seen soon: urgent or an emergency in itself, or for this complaint."""
    return flag.urgent or bool(flag.emergency) or flag.slug in complaint.urgent_red_flags


def triage(complaint: Complaint, answered: Iterable[str], flags: Mapping[str, RedFlag], advice: TriageAdvice) -> Triage:
    """Refer on any red flag answered yes (urgent where the data says); else point at the sources."""
    yes = check_flags(answered, flags)
    if not yes:
        contributors = "; ".join(_lower_first(c.strip().rstrip(".")) for c in complaint.contributors)
        explanation = " ".join(
            (
                _sentence(complaint.reasoning),
                f"Likely contributors: {contributors}.",
                f"First-line work: {_sentence(complaint.first_line.advice)}",
                advice.clear,
            )
        )
        return Triage(
            complaint.slug, False, False, (), complaint.source_regions, explanation, complaint.first_line.regions
        )
    found = [flags[slug] for slug in yes]
    urgent = any(is_urgent(f, complaint) for f in found)
    parts = [f.emergency for f in found if f.emergency]
    parts.append("You said yes to: " + "; ".join(f.name for f in found) + ".")
    for note in dict.fromkeys(complaint.flag_notes[s] for s in yes if s in complaint.flag_notes):
        parts.append(_sentence(note))
    parts.append(advice.refer)
    if urgent and not any(f.emergency for f in found):
        parts.append(advice.urgent)
    if any(f.mark == "u" for f in found):
        parts.append(advice.unverified)
    return Triage(complaint.slug, True, urgent, yes, complaint.source_regions, " ".join(parts), ())
