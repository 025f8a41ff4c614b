"""Triage of a complaint: red flags first, then the likely source regions and the reasoning.

Supple never diagnoses. Any red flag answered yes stops the plan and sends the runner to a
clinician, as fast as the most urgent flag's level says (``soon``, ``same-day`` or
``emergency``, KNOWLEDGE.md section 4); otherwise the work goes to the regions that are often
behind the complaint. All wording comes from ``catalogue/complaints`` and
``catalogue/red_flags.toml``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from supple.core.errors import InvalidInput
from supple.core.exercises import Source
from supple.core.vocabulary import FLAG_LEVELS, highest_level

_NO_LEVELS: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class RedFlag:
    slug: str
    #: A few words for the sign, used when repeating an answer back.
    name: str
    #: The yes/no question, in plain words.
    question: str
    #: How soon a yes needs a clinician: ``soon`` | ``same-day`` | ``emergency``.
    level: str
    source: str = ""


@dataclass(frozen=True, slots=True)
class LevelWords:
    """What Supple says for one level, wherever it speaks (CLI, web, API, report, handout)."""

    #: A few words for a badge or a table, e.g. "same day".
    label: str
    #: A short heading, e.g. "See a doctor today".
    heading: str
    #: The sentence of what to do, e.g. "See a doctor today, and do not run until you have been seen."
    advice: str


@dataclass(frozen=True, slots=True)
class TriageAdvice:
    """The fixed sentences of a triage answer, and the words of each level."""

    clear: str
    refer: str
    levels: Mapping[str, LevelWords]

    def words(self, level: str) -> LevelWords:
        return self.levels[level]


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
    red_flags: tuple[str, ...]
    first_line: FirstLine
    #: Red flags whose level this complaint raises, e.g. night pain with hip-front pain is ``same-day``.
    flag_levels: Mapping[str, str] = field(default_factory=lambda: _NO_LEVELS)
    #: What to add after a yes to one of these red flags, for this complaint.
    flag_notes: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    sources: tuple[Source, ...] = ()
    #: Positions and loads (``catalogue/positions.toml``) no exercise may involve while this is active.
    avoids: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Triage:
    complaint: str
    refer: bool
    #: The most urgent level among the red flags answered yes; None when there are none.
    level: str | None
    #: The red flags answered yes, in the order they were asked.
    red_flags: tuple[str, ...]
    #: The regions often behind the complaint.
    sources: tuple[str, ...]
    explanation: str
    #: The regions to work; empty when the runner is referred.
    focus_regions: tuple[str, ...]

    @property
    def urgent(self) -> bool:
        """True for ``same-day`` and ``emergency`` (kept for the JSON of earlier versions)."""
        return self.level is not None and self.level != FLAG_LEVELS[0]


def check_flags(answered: Iterable[str], flags: Mapping[str, RedFlag]) -> tuple[str, ...]:
    """The answered red-flag slugs, each once, in the order given; InvalidInput on an unknown one."""
    out: list[str] = []
    for slug in answered:
        if slug not in flags:
            raise InvalidInput("red flag", slug, "one of " + ", ".join(sorted(flags)) + ", or none")
        if slug not in out:
            out.append(slug)
    return tuple(out)


def check_answers(answered: Iterable[str], complaint: Complaint) -> tuple[str, ...]:
    """The answered red-flag slugs, each once, in the order given; each must be one ``complaint`` asks.

    A slug the complaint does not ask (a flag of another complaint, or no flag at all) is an
    InvalidInput naming it and the questions this complaint asks.
    """
    out: list[str] = []
    for slug in answered:
        if slug not in complaint.red_flags:
            expected = f"one of the red flags {complaint.slug} asks about: " + ", ".join(complaint.red_flags)
            raise InvalidInput("red flag", slug, expected + ", or none")
        if slug not in out:
            out.append(slug)
    return tuple(out)


def flag_level(flag: RedFlag, complaint: Complaint | None) -> str:
    """How soon a yes to ``flag`` needs a clinician, with ``complaint`` (the higher of the two levels)."""
    raised = complaint.flag_levels.get(flag.slug) if complaint is not None else None
    return flag.level if raised is None else highest_level((flag.level, raised))


def _lower_first(text: str) -> str:
    """'Weak hips' -> 'weak hips' for the middle of a sentence; 'IT band' stays as it is."""
    first = text.split(" ", 1)[0]
    return text if len(first) > 1 and first.isupper() else text[:1].lower() + text[1:]


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def triage(complaint: Complaint, answered: Iterable[str], flags: Mapping[str, RedFlag], advice: TriageAdvice) -> Triage:
    """Refer on any red flag answered yes, at the most urgent level among them; else point at the sources.

    The explanation of a referral says the level's advice once, first; then what was answered
    yes, any note the complaint adds, and why Supple suggests nothing more.
    """
    yes = check_answers(answered, complaint)
    if not yes:
        contributors = "; ".join(_lower_first(c.strip().rstrip(".")) for c in complaint.contributors)
        explanation = "\n\n".join(  # paragraphs: what it is often linked with, then what to do
            (
                _sentence(complaint.reasoning),
                f"Often linked with: {contributors}.",
                f"First-line work: {_sentence(complaint.first_line.advice)}",
                advice.clear,
            )
        )
        return Triage(
            complaint.slug, False, None, (), complaint.source_regions, explanation, complaint.first_line.regions
        )
    found = [flags[slug] for slug in yes]
    level = highest_level(flag_level(f, complaint) for f in found)
    parts = [advice.words(level).advice, "You said yes to: " + "; ".join(f.name for f in found) + "."]
    for note in dict.fromkeys(complaint.flag_notes[s] for s in yes if s in complaint.flag_notes):
        parts.append(_sentence(note))
    parts.append(advice.refer)
    return Triage(complaint.slug, True, level, yes, complaint.source_regions, " ".join(parts), ())
