"""The command-line reference in Markdown, generated from the Typer app.

Run ``python -m supple.cli.reference`` (``make docs`` writes its output to docs/cli.md).
The text depends only on the code: commands come in the order they are registered, and
nothing depends on colours or the width of a terminal, so the same code always gives the
same page and a test can tell when docs/cli.md is out of date.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import typer.core
import typer.main

PROGRAM = "supple"
GENERATED_NOTE = (
    "<!-- Generated from the code by `python -m supple.cli.reference` (run `make docs`). "
    "Do not edit by hand: tests/test_docs.py fails when this page and the code disagree. -->"
)

# Words for the value an option takes, by the name of its parameter type.
_VALUE_WORDS = {
    "str": "TEXT",
    "text": "TEXT",
    "int": "INTEGER",
    "integer": "INTEGER",
    "int range": "INTEGER",
    "integer range": "INTEGER",
    "float": "NUMBER",
    "float range": "NUMBER",
    "boolean": "BOOLEAN",
    "path": "PATH",
    "file": "FILE",
}


# -- what the reference needs from the command objects (Click's, as Typer builds them) ----


class _ParamType(Protocol):
    @property
    def name(self) -> str: ...


class _Param(Protocol):
    @property
    def name(self) -> str | None: ...
    @property
    def opts(self) -> list[str]: ...
    @property
    def secondary_opts(self) -> list[str]: ...
    @property
    def required(self) -> bool: ...
    @property
    def nargs(self) -> int: ...
    @property
    def param_type_name(self) -> str: ...
    @property
    def type(self) -> _ParamType: ...


class _Command(Protocol):
    @property
    def name(self) -> str | None: ...
    @property
    def help(self) -> str | None: ...
    @property
    def hidden(self) -> bool: ...
    @property
    def params(self) -> Sequence[_Param]: ...


# -- a plain model of the reference ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ParamDoc:
    """One option or argument: its names, the value it takes, its help and default."""

    kind: str
    names: tuple[str, ...]
    value: str | None
    help: str
    required: bool
    default: str | None


@dataclass(frozen=True, slots=True)
class CommandDoc:
    """One command: its name, help text, usage line and parameters."""

    name: str
    help: str
    usage: str
    params: tuple[ParamDoc, ...]

    @property
    def summary(self) -> str:
        """The first sentence of the help text."""
        first = self.help.split("\n\n", 1)[0].replace("\n", " ").strip()
        sentence, dot, _ = first.partition(". ")
        return sentence + dot.strip() if dot else first


def _value(param: _Param) -> str | None:
    """The word for the value an option takes (TEXT, INTEGER ...); None for a flag."""
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return None
    metavar = getattr(param, "metavar", None)
    if isinstance(metavar, str) and metavar:
        return metavar
    choices = getattr(param.type, "choices", None)
    if isinstance(choices, Sequence) and not isinstance(choices, str) and choices:
        return "|".join(str(choice) for choice in choices)
    word = _VALUE_WORDS.get(param.type.name, param.type.name.upper().replace(" ", "_"))
    low, high = getattr(param.type, "min", None), getattr(param.type, "max", None)
    if low is not None and high is not None:
        word += f" ({low} to {high})"
    elif low is not None:
        word += f" (at least {low})"
    elif high is not None:
        word += f" (at most {high})"
    return word


def _default(param: _Param) -> str | None:
    if param.required or getattr(param, "is_flag", False):
        return None
    default: object = getattr(param, "default", None)
    if default is None or callable(default) or default == () or default == []:
        return None
    return str(default)


def describe_param(param: _Param) -> ParamDoc:
    kind = "argument" if param.param_type_name == "argument" else "option"
    if kind == "argument":
        names: tuple[str, ...] = (_argument_word(param),)
    else:
        names = tuple(param.opts) + tuple(param.secondary_opts)
    text = getattr(param, "help", None)
    return ParamDoc(
        kind=kind,
        names=names,
        value=_value(param) if kind == "option" else None,
        help=inspect.cleandoc(text) if isinstance(text, str) else "",
        required=param.required,
        default=_default(param),
    )


def _argument_word(param: _Param) -> str:
    metavar = getattr(param, "metavar", None)
    word = metavar if isinstance(metavar, str) and metavar else (param.name or "value").upper()
    return word + ("..." if param.nargs != 1 else "")


def describe_command(name: str, command: _Command) -> CommandDoc:
    params = tuple(describe_param(p) for p in command.params if not getattr(p, "hidden", False))
    pieces = [PROGRAM, name, "[OPTIONS]"]
    for param in params:
        if param.kind == "argument":
            pieces.append(param.names[0] if param.required else f"[{param.names[0]}]")
    return CommandDoc(name=name, help=_clean_help(command.help), usage=" ".join(pieces), params=params)


def _clean_help(text: str | None) -> str:
    """Docstring text without indentation and without Click's no-rewrap markers."""
    lines = [line for line in inspect.cleandoc(text or "").splitlines() if line.strip() != "\b"]
    return "\n".join(lines).strip()


def describe_app(app: typer.Typer) -> tuple[CommandDoc, tuple[CommandDoc, ...]]:
    """The root command (its help and global options) and every visible subcommand, in order."""
    root = typer.main.get_command(app)
    if not isinstance(root, typer.core.TyperGroup):
        raise TypeError("the Supple app is expected to be a group of commands")
    top = CommandDoc(
        name=PROGRAM,
        help=_clean_help(root.help),
        usage=f"{PROGRAM} [OPTIONS] COMMAND [ARGS]...",
        params=tuple(describe_param(p) for p in root.params if not getattr(p, "hidden", False)),
    )
    return top, tuple(_flatten(root.commands))


def _flatten(commands: Mapping[str, _Command], prefix: str = "") -> list[CommandDoc]:
    """Every visible command in order; a group (such as `assess`) is replaced by its subcommands."""
    found: list[CommandDoc] = []
    for name, command in commands.items():
        if command.hidden:
            continue
        subcommands: Mapping[str, _Command] | None = getattr(command, "commands", None)
        if subcommands:
            found += _flatten(subcommands, f"{prefix}{name} ")
        else:
            found.append(describe_command(prefix + name, command))
    return found


# -- Markdown -----------------------------------------------------------------------------


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _help_markdown(text: str) -> list[str]:
    """Help paragraphs as Markdown; an "Example:" paragraph becomes a shell code block."""
    out: list[str] = []
    for paragraph in text.split("\n\n"):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        if paragraph.startswith("Example:"):
            out += ["Example:", "", "```sh", " ".join(paragraph[len("Example:") :].split()), "```", ""]
        else:
            out += [" ".join(paragraph.split()), ""]
    return out


def _params_table(params: Sequence[ParamDoc]) -> list[str]:
    """Arguments first (if any), then options; every command also takes ``--help``."""
    out: list[str] = []
    arguments = [p for p in params if p.kind == "argument"]
    if arguments:
        out += ["Arguments:", "", "| Argument | Description |", "|---|---|"]
        out += [f"| `{a.names[0]}` | {_cell(_description(a))} |" for a in arguments]
        out.append("")
    out += ["Options:", "", "| Option | Value | Description |", "|---|---|---|"]
    for option in (p for p in params if p.kind == "option"):
        names = ", ".join(f"`{n}`" for n in option.names)
        value = f"`{option.value}`" if option.value else "(flag)"
        out.append(f"| {names} | {_cell(value)} | {_cell(_description(option))} |")
    out.append("| `--help` | (flag) | Show the help for this command and exit. |")
    return [*out, ""]


def _description(param: ParamDoc) -> str:
    notes = [param.help]
    if param.required:
        notes.append("Required.")
    if param.default is not None:
        notes.append(f"Default: `{param.default}`.")
    return " ".join(n for n in notes if n) or "-"


def render(app: typer.Typer) -> str:
    """The whole reference page as Markdown text, ending with a newline."""
    top, commands = describe_app(app)
    lines = ["# Command-line reference", "", GENERATED_NOTE, ""]
    lines += _help_markdown(top.help)
    lines += ["```text", top.usage, "```", ""]
    lines += _params_table(top.params)
    lines += ["## Commands", ""]
    lines += [f"- [`{PROGRAM} {c.name}`](#{PROGRAM}-{c.name.replace(' ', '-')}): {c.summary}" for c in commands]
    lines.append("")
    for command in commands:
        lines += [f"## `{PROGRAM} {command.name}`", ""]
        lines += _help_markdown(command.help)
        lines += ["Usage:", "", "```text", command.usage, "```", ""]
        lines += _params_table(command.params)
    return "\n".join(lines).rstrip("\n") + "\n"


def main() -> None:
    from supple.cli.app import app

    sys.stdout.write(render(app))


if __name__ == "__main__":
    main()
