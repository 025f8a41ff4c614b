"""The melt-and-mould composer: a pure, deterministic function from a request to a session.

A session is a list of blocks, one per region. Each block may open with a release (melt),
always has work in the new range (mould), and closes with strength (or, in a pre-run
primer, a dynamic drill). The composer first gives as many chosen regions as fit a minimal
block, then deepens the blocks (adds strength, the release, more sets) while the budget
allows. Nothing it does reads a clock, a file or a random source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from supple.core.conflicts import conflicts
from supple.core.exercises import Exercise
from supple.core.rules import Rules, Timing
from supple.core.session import Block, ComposeRequest, HistoryEntry, Item, Session
from supple.core.vocabulary import TARGET_REGIONS

# How each kind deepens its blocks once every chosen region has its minimum (a mould item;
# in a primer, mould and a prime drill). ("add", role) adds an item; ("full", role) raises
# sets one at a time up to the catalogue dose.
# A primer grows its moving work first; a release is added last, and only while releases and
# static holds stay within ``rules.primer.max_passive_share`` of it.
_UPGRADES: dict[str, tuple[tuple[str, str], ...]] = {
    "primer": (("full", "prime"), ("full", "mould"), ("add", "melt")),
    "daily": (("add", "strengthen"), ("add", "melt"), ("full", "mould"), ("full", "strengthen")),
    "recovery": (("add", "melt"), ("full", "mould"), ("add", "strengthen")),
    "focus": (("add", "melt"), ("add", "strengthen"), ("full", "mould"), ("full", "strengthen")),
}
_GENERAL = "(general)"
_ROLE_ORDER = {"melt": 0, "mould": 1, "strengthen": 2, "prime": 3}


class ExerciseIndex:
    """Exercises grouped by (role, region): the main region's exercises first, then by slug."""

    def __init__(self, exercises: Iterable[Exercise]) -> None:
        self.exercises: dict[str, Exercise] = {e.slug: e for e in exercises}
        groups: dict[tuple[str, str], list[Exercise]] = {}
        for exercise in sorted(self.exercises.values(), key=lambda e: e.slug):
            for region in exercise.regions:
                groups.setdefault((exercise.role, region), []).append(exercise)
        self._groups = {
            key: tuple(sorted(group, key=lambda e: e.main_region != key[1])) for key, group in groups.items()
        }

    def candidates(self, role: str, region: str) -> tuple[Exercise, ...]:
        return self._groups.get((role, region), ())


def item_seconds(
    *, sets: int, reps: int | None, hold_seconds: int | None, per_side: bool, seconds_per_rep: int, timing: Timing
) -> int:
    """Working time of one item: sets x sides x (hold or reps x tempo), side switches and rests."""
    work = hold_seconds if hold_seconds is not None else (reps or 0) * seconds_per_rep
    sides = 2 if per_side else 1
    return (
        sets * sides * work
        + sets * (sides - 1) * timing.side_switch_seconds
        + (sets - 1) * timing.rest_between_sets_seconds
    )


def session_seconds(items: Iterable[Item], timing: Timing) -> int:
    """Total time of a session: every item plus one transition (getting into position) each."""
    return sum(item.seconds + timing.transition_seconds for item in items)


def rank_regions(priorities: Sequence[str], history: Sequence[HistoryEntry], date: dt.date) -> tuple[str, ...]:
    """Order priority regions for ``date``: longest unworked first, ties rotating by the day."""
    if not priorities:
        return ()
    last: dict[str, dt.date] = {}
    for entry in history:
        if entry.date < date:
            for region in entry.regions:
                if region not in last or last[region] < entry.date:
                    last[region] = entry.date
    shift = date.toordinal() % len(priorities)
    rotated = list(priorities[shift:]) + list(priorities[:shift])
    return tuple(sorted(rotated, key=lambda r: last.get(r, dt.date.min)))


def resolve_focus(focus: Sequence[str], rules: Rules) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Replace symptom-only regions by their sources; return the regions and the reasons."""
    regions: list[str] = []
    notes: list[str] = []
    for region in focus:
        redirect = rules.redirects.get(region)
        targets = redirect.sources if redirect else (region,)
        if redirect:
            notes.append(redirect.reason)
        regions.extend(r for r in targets if r not in regions)
    return tuple(regions), tuple(notes)


@dataclass(slots=True)
class _Slot:
    exercise: Exercise
    level: int
    reps: int | None
    hold_seconds: int | None
    sets: int
    max_sets: int
    seconds: int = 0


@dataclass(slots=True)
class _Draft:
    region: str
    slots: list[_Slot] = field(default_factory=list)
    #: First-line work: kept in the order listed; what the composer adds goes after it (a
    #: release straight before its mould).
    fixed: bool = False


class _Composer:
    def __init__(self, request: ComposeRequest, index: ExerciseIndex, rules: Rules) -> None:
        self.request = request
        self.index = index
        self.rules = rules
        self.timing = rules.timing
        self.budget = request.minutes * 60
        self.used: set[str] = set()
        self.last_used = _last_used(request.history, request.date)
        #: The last day each exercise was done, this day included, for the rest a loaded tendon needs.
        self.last_done = _last_done(request.history, request.date)
        #: Exercises passed over because they were done too recently for their ``pace.rest_hours``.
        self.resting: dict[str, dt.date] = {}

    # -- choosing exercises -------------------------------------------------------------
    def allowed(self, exercise: Exercise, role: str) -> bool:
        request = self.request
        if exercise.slug in self.used or not exercise.usable_with(request.equipment):
            return False
        if conflicts(exercise.involves, request.avoids):
            return False
        if not self.rested(exercise):
            return False
        if role == "strengthen" and request.no_strength:
            return False
        return not (request.kind == "primer" and role == "mould" and not exercise.primer)

    def rested(self, exercise: Exercise) -> bool:
        """Whether ``exercise`` has had its rest since it was last done (days count as 24 hours each)."""
        rest = exercise.pace.rest_hours if exercise.pace is not None else 0
        last = self.last_done.get(exercise.slug)
        if rest <= 0 or last is None or (self.request.date - last).days * 24 >= rest:
            return True
        self.resting[exercise.slug] = last
        return False

    def choose(self, role: str, region: str) -> Exercise | None:
        pool = [e for e in self.index.candidates(role, region) if self.allowed(e, role)]
        if not pool:
            return None
        main = [e for e in pool if e.main_region == region] or pool
        if self.request.kind == "primer" and role == "mould":
            # Before a run, moving range work first: dynamic stretching helps, long static costs (Behm 2016).
            main = [e for e in main if not e.static] or main
        shift = (self.request.date.toordinal() + TARGET_REGIONS.index(region)) % len(main)
        rotated = main[shift:] + main[:shift]
        return min(rotated, key=lambda e: self.last_used.get(e.slug, dt.date.min))

    def slot(self, exercise: Exercise) -> _Slot:
        level = self.request.levels.get(exercise.slug, 1)
        rung = exercise.for_kit(self.request.equipment).level_for(level)  # no band: never the band rung
        dose = exercise.dose
        reps, hold = dose.reps, dose.hold_seconds
        if rung is not None:
            level = rung.level
            reps = rung.reps if rung.reps is not None and reps is not None else reps
            hold = rung.hold_seconds if rung.hold_seconds is not None and hold is not None else hold
        else:
            level = 1
        max_sets = dose.sets
        if self.request.kind == "primer":
            primer = self.rules.primer
            if exercise.role == "melt" and hold is not None:
                hold = min(hold, primer.melt_seconds_per_side)
            elif exercise.static and hold is not None:
                hold = min(hold, primer.max_static_hold_seconds)
                max_sets = min(max_sets, primer.max_static_sets)
        slot = _Slot(exercise, level, reps, hold, 1, max_sets)
        self.reseconds(slot)
        return slot

    def reseconds(self, slot: _Slot) -> None:
        dose = slot.exercise.dose
        slot.seconds = item_seconds(
            sets=slot.sets,
            reps=slot.reps,
            hold_seconds=slot.hold_seconds,
            per_side=dose.per_side,
            seconds_per_rep=dose.seconds_per_rep,
            timing=self.timing,
        )

    def cost(self, slots: Iterable[_Slot]) -> int:
        return sum(s.seconds + self.timing.transition_seconds for s in slots)

    # -- building -------------------------------------------------------------------------
    def minimal_options(self) -> list[tuple[str, ...]]:
        """The roles a block needs at least, in the order they are tried."""
        return [("mould", "prime"), ("prime",)] if self.request.kind == "primer" else [("mould",)]

    def suits(self, region: str) -> bool:
        """Whether anything allowed (kit, complaints) could make a minimal block for ``region``, time aside."""
        return any(all(self.choose(role, region) is not None for role in roles) for roles in self.minimal_options())

    def first_line(self) -> tuple[list[_Draft], int]:
        """The request's first-line exercises, in order, each while allowed and within the budget.

        Each goes to the block of the first of its regions that the request names (else of its
        main region), opened for it if need be. A release never goes alone: the mould for its
        region comes straight after it (the next first-line mould there if there is one), or the
        release is left out. A primer keeps its own shape, so first-line work is for the other
        kinds (a triage session is a focus one).
        """
        request = self.request
        drafts: list[_Draft] = []
        spent = 0
        if request.kind == "primer":
            return drafts, spent
        pending = [self.index.exercises[s] for s in dict.fromkeys(request.first_line) if s in self.index.exercises]
        while pending:
            exercise = pending.pop(0)
            if not self.allowed(exercise, exercise.role):
                continue
            region = next((r for r in exercise.regions if r in request.regions), exercise.main_region)
            draft = next((d for d in drafts if d.region == region), None)
            chosen = [exercise]
            at = len(draft.slots) if draft else 0
            if exercise.role == "melt":
                moulds = [n for n, s in enumerate(draft.slots) if s.exercise.role == "mould"] if draft else []
                if moulds:
                    at = moulds[0]  # straight before the block's mould
                else:
                    partner = self.partner(region, pending)
                    if partner is None:
                        continue
                    chosen.append(partner)
            slots = [self.slot(e) for e in chosen]
            if spent + self.cost(slots) > self.budget:
                continue
            if draft is None:
                draft = _Draft(region, fixed=True)
                drafts.append(draft)
            draft.slots[at:at] = slots
            self.used.update(e.slug for e in chosen)
            pending = [e for e in pending if e.slug not in self.used]
            spent += self.cost(slots)
        return drafts, spent

    def partner(self, region: str, pending: Sequence[Exercise]) -> Exercise | None:
        """The mould to follow a first-line release: the next first-line one for ``region``, else the usual choice."""
        listed = [e for e in pending if e.role == "mould" and region in e.regions and self.allowed(e, "mould")]
        return listed[0] if listed else self.choose("mould", region)

    def minimal_block(self, region: str, spent: int) -> _Draft | None:
        for roles in self.minimal_options():
            chosen = [self.choose(role, region) for role in roles]
            if any(e is None for e in chosen):
                continue
            slots = [self.slot(e) for e in chosen if e is not None]
            if len({s.exercise.slug for s in slots}) != len(slots):
                continue
            if spent + self.cost(slots) <= self.budget:
                return _Draft(region, slots)
        return None

    def compose(self) -> Session:
        request = self.request
        block_seconds = self.rules.block_seconds[request.kind]
        drafts, spent = self.first_line()
        wanted = len(drafts) + (len(request.regions) if request.all_regions else max(1, self.budget // block_seconds))
        skipped: list[str] = []
        unsuited: list[str] = []
        for region in request.regions:
            if len(drafts) >= wanted:
                break
            if any(d.region == region for d in drafts):
                continue
            draft = self.minimal_block(region, spent)
            if draft is None:
                (skipped if self.suits(region) else unsuited).append(region)
                continue
            drafts.append(draft)
            spent += self.cost(draft.slots)
            self.used.update(s.exercise.slug for s in draft.slots)
        if not drafts and request.kind == "primer":
            # A runner about to head out still needs a warm-up: when none of the chosen
            # regions has a usable drill (kit, complaints), take the first region that has.
            for region in TARGET_REGIONS:
                draft = None if region in request.regions else self.minimal_block(region, spent)
                if draft is not None:
                    drafts.append(draft)
                    spent += self.cost(draft.slots)
                    self.used.update(s.exercise.slug for s in draft.slots)
                    skipped.append(_GENERAL)
                    break
        # First-line work may be all strength: its blocks get work in range too, after it.
        spent = self.upgrade([d for d in drafts if d.fixed], "add", "mould", spent)
        for action, role in _UPGRADES[request.kind]:
            spent = self.upgrade(drafts, action, role, spent)
        return self.finish(drafts, spent, skipped, unsuited)

    def upgrade(self, drafts: list[_Draft], action: str, role: str, spent: int) -> int:
        if action == "add":
            for draft in drafts:
                if any(s.exercise.role == role for s in draft.slots):
                    continue
                if role == "melt" and not any(s.exercise.role == "mould" for s in draft.slots):
                    continue
                exercise = self.choose(role, draft.region)
                if exercise is None:
                    continue
                slot = self.slot(exercise)
                extra = self.cost([slot])
                if role == "melt" and not self.passive_ok(drafts, slot, spent + extra):
                    continue
                if spent + extra <= self.budget:
                    if draft.fixed:
                        moulds = [n for n, s in enumerate(draft.slots) if s.exercise.role == "mould"]
                        draft.slots.insert(moulds[0] if role == "melt" else len(draft.slots), slot)
                    else:
                        draft.slots.append(slot)
                        draft.slots.sort(key=lambda s: _ROLE_ORDER[s.exercise.role])
                    self.used.add(exercise.slug)
                    spent += extra
            return spent
        grew = True
        while grew:
            grew = False
            for draft in drafts:
                for slot in draft.slots:
                    if slot.exercise.role != role or slot.sets >= slot.max_sets:
                        continue
                    before = slot.seconds
                    slot.sets += 1
                    self.reseconds(slot)
                    if spent + slot.seconds - before <= self.budget:
                        spent += slot.seconds - before
                        grew = True
                    else:
                        slot.sets -= 1
                        slot.seconds = before
        return spent

    def passive_ok(self, drafts: list[_Draft], slot: _Slot, total: int) -> bool:
        """In a primer, whether adding ``slot`` keeps releases and static holds within their share."""
        if self.request.kind != "primer":
            return True
        passive = sum(s.seconds for d in drafts for s in d.slots if _passive(s.exercise)) + slot.seconds
        return passive <= self.rules.primer.max_passive_share * total

    def finish(self, drafts: list[_Draft], spent: int, skipped: list[str], unsuited: list[str]) -> Session:
        request = self.request
        if request.kind == "primer":
            removed = _active_first(drafts)
            if removed is not None:
                spent -= self.cost([removed])
        notes = list(request.notes)
        if not drafts and not skipped and unsuited:
            notes.append("Nothing in the catalogue suits your kit and complaints for: " + ", ".join(unsuited) + ".")
        elif not drafts:
            notes.append(f"{request.minutes} min is too short for a {request.kind} session; try a longer budget.")
        elif _GENERAL in skipped:
            notes.append("No pre-run drill suits the chosen regions today, so a general one is used instead.")
        elif request.all_regions and (skipped or unsuited):
            if unsuited:
                notes.append("Left out, as nothing suits your kit and complaints there: " + ", ".join(unsuited) + ".")
            if skipped:
                notes.append("No time left in the budget for: " + ", ".join(skipped) + ".")
        if self.resting:
            names = [
                f"{self.index.exercises[slug].name} (done {day.isoformat()}; it waits "
                f"{_pace_hours(self.index.exercises[slug])} hours between sessions)"
                for slug, day in sorted(self.resting.items())
            ]
            notes.append(
                "Resting today, as loaded tendon work needs time to recover: "
                + ", ".join(names)
                + ". Another exercise takes its place where one fits; otherwise it is left out."
            )
        blocks = tuple(
            Block(region=d.region, why=self.rules.region_why.get(d.region, ""), items=tuple(_item(s) for s in d.slots))
            for d in drafts
        )
        return Session(
            date=request.date,
            kind=request.kind,
            minutes=request.minutes,
            total_seconds=spent,
            blocks=blocks,
            notes=tuple(notes),
        )


def _passive(exercise: Exercise) -> bool:
    """A release or a static hold: the parts of a primer that do not warm the body up."""
    return exercise.role == "melt" or exercise.static


def _active_first(drafts: list[_Draft]) -> _Slot | None:
    """A primer opens with moving work and still ends with a drill; returns a release it took out.

    A block that starts with a moving item goes first. Failing that, the opening block loses
    its release (a primer never opens lying on a roller), and with more than one block its
    drill moves to its start (an opener) while the last block's drill still ends the primer.
    A primer of one block whose only range work is a hold keeps hold then drill: it ends
    moving, and the hold is within the primer's caps.
    """
    drafts.sort(key=lambda d: not d.slots or _passive(d.slots[0].exercise))
    if not drafts or not drafts[0].slots or not _passive(drafts[0].slots[0].exercise):
        return None
    slots = drafts[0].slots
    removed = slots.pop(0) if slots[0].exercise.role == "melt" and len(slots) > 1 else None
    if len(drafts) > 1 and _passive(slots[0].exercise):
        drills = [n for n, s in enumerate(slots) if s.exercise.role == "prime"]
        if drills:
            slots.insert(0, slots.pop(drills[0]))
    return removed


def _item(slot: _Slot) -> Item:
    exercise = slot.exercise
    return Item(
        exercise=exercise.slug,
        name=exercise.name,
        role=exercise.role,
        regions=exercise.regions,
        sets=slot.sets,
        reps=slot.reps,
        hold_seconds=slot.hold_seconds,
        per_side=exercise.dose.per_side,
        static=exercise.static,
        seconds=slot.seconds,
        level=slot.level,
        why=exercise.why,
    )


def _last_used(history: Sequence[HistoryEntry], date: dt.date) -> Mapping[str, dt.date]:
    last: dict[str, dt.date] = {}
    for entry in history:
        if entry.date < date:
            for slug in entry.exercises:
                if slug not in last or last[slug] < entry.date:
                    last[slug] = entry.date
    return last


def _pace_hours(exercise: Exercise) -> int:
    return exercise.pace.rest_hours if exercise.pace is not None else 0


def _last_done(history: Sequence[HistoryEntry], date: dt.date) -> Mapping[str, dt.date]:
    """The latest day on or before ``date`` each exercise was done (or planned)."""
    last: dict[str, dt.date] = {}
    for entry in history:
        if entry.date <= date:
            for slug in entry.exercises:
                if slug not in last or last[slug] < entry.date:
                    last[slug] = entry.date
    return last


def primer_capped(request: ComposeRequest, rules: Rules) -> ComposeRequest:
    """A primer asked for more than the primer cap (``rules.primer.max_minutes``) gets the cap, with a note."""
    cap = rules.primer.max_minutes
    if request.kind != "primer" or request.minutes <= cap:
        return request
    note = f"A primer is kept to {cap} min at most, so that the run starts fresh; use a daily session for more."
    return replace(request, minutes=cap, notes=(*request.notes, note))


def compose(request: ComposeRequest, index: ExerciseIndex, rules: Rules) -> Session:
    """Compose one session. Same request, same session: there is no hidden state."""
    return _Composer(primer_capped(request, rules), index, rules).compose()


def candidate_seconds(
    request: ComposeRequest, index: ExerciseIndex, rules: Rules, role: str, region: str
) -> tuple[int, ...]:
    """How long each item of ``role`` the composer could pick for ``region`` in ``request`` takes at one set.

    With its transition; empty when no item is allowed. The planner reserves the longest, so
    that whichever item the composer picks (by date, history, level, kit and complaints) fits.
    """
    composer = _Composer(primer_capped(request, rules), index, rules)
    pool = [e for e in index.candidates(role, region) if composer.allowed(e, role)]
    return tuple(sorted(composer.cost([composer.slot(e)]) for e in pool))
