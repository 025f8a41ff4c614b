"""What a loaded catalogue is, apart from how it is read: the ``Catalogue`` and ``CatalogueError``.

Kept apart from the TOML loader so that a start-up that finds the compiled copy
(``catalogue.compiled``) loads neither the loader nor the TOML parser.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from supple.core.composer import ExerciseIndex
from supple.core.exercises import Exercise, Position
from supple.core.rules import Rules


class CatalogueError(ValueError):
    def __init__(self, file: Path | str, field: str, problem: str) -> None:
        self.file = str(file)
        self.field = field
        self.problem = problem
        super().__init__(f"{file}: {field}: {problem}")


@dataclass(frozen=True)
class Catalogue:
    exercises: Mapping[str, Exercise]
    rules: Rules
    region_names: Mapping[str, str]
    complaints: tuple[str, ...]
    #: Positions and loads exercises involve and complaints avoid, by slug.
    positions: Mapping[str, Position] = field(default_factory=dict)

    @cached_property
    def index(self) -> ExerciseIndex:
        return ExerciseIndex(self.exercises.values())
