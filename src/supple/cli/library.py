"""`supple exercises` and `supple explain`."""

from __future__ import annotations

import typer

from supple.cli import layout
from supple.cli.common import JSON_OPTION, console, guarded, open_context, print_json, write_svg
from supple.cli.outputs import FORCE_OPTION


@guarded
def exercises(
    region: str | None = typer.Option(None, "--region", help="Only exercises that work this region."),
    role: str | None = typer.Option(None, "--role", help="Only this role: melt, mould, strengthen or prime."),
    as_json: bool = JSON_OPTION,
) -> None:
    """List the exercise catalogue.

    Example: supple exercises --region glutes --role strengthen
    """
    from supple.services import library, shapes

    found = library.exercises(
        ctx=open_context(), region=region.lower() if region else None, role=role.lower() if role else None
    )
    if as_json:
        ctx = open_context()
        print_json([shapes.exercise_dict(e, library.left_out(ctx, exercise=e)) for e in found])
        return
    out = console()
    columns = layout.width(out)
    for e in found:
        for line in layout.wrap(e.name, columns, first=f"{e.slug}  ", rest="   "):
            out.print(line, markup=False)
        kit = ", ".join(sorted(e.equipment)) or "no kit"
        details = [e.role, ", ".join(e.regions), kit] + (["primer"] if e.primer else [])
        for line in layout.names(details, columns, first="   ", sep=" · "):
            out.print(line, markup=False)


@guarded
def explain(
    slug: str = typer.Argument(..., metavar="SLUG", help="Exercise slug, as listed by `supple exercises`."),
    as_json: bool = JSON_OPTION,
    svg: str | None = typer.Option(
        None,
        "--svg",
        metavar="FILE",
        help="Instead of the text, write the exercise's picture as SVG to FILE ('-' for standard output).",
    ),
    force: bool = FORCE_OPTION,
) -> None:
    """Show one exercise in full: cues, why it helps, cautions, ladder and sources.

    Example: supple explain elevated-hamstring-stretch

    Example: supple explain roll-glutes --svg roll-glutes.svg
    """
    from supple.services import library, shapes

    if svg is not None:
        write_svg(library.illustration(open_context(), slug=slug), svg, force=force)
        return
    ctx = open_context()
    found = library.exercise(ctx, slug=slug)
    left_out = library.left_out(ctx, exercise=found)
    if as_json:
        print_json(shapes.exercise_dict(found, left_out))
        return
    out = console()
    columns = layout.width(out)

    def lines(texts: list[str]) -> None:
        for line in texts:
            out.print(line, markup=False)

    def heading(title: str, note: str = "") -> None:
        out.print(f"\n[bold]{title}[/bold]{note}")

    equipment = ", ".join(sorted(found.equipment)) or "none"
    head = layout.wrap(f"({found.role}; {', '.join(found.regions)}; equipment: {equipment})", columns, rest="  ")
    out.print(f"[bold]{found.name}[/bold]")
    lines(head)
    lines(layout.wrap(found.rationale, columns))
    for title, cues in (("Set-up", found.cues.setup), ("Movement", found.cues.movement), ("Avoid", found.cues.avoid)):
        heading(title)
        for cue in cues:
            lines(layout.bullet(cue, columns))
    if found.cautions:
        heading("Cautions")
        for caution in found.cautions:
            lines(layout.bullet(caution, columns))
    if left_out:
        heading("Left out for", " (while the complaint is active)")
        for entry in left_out:
            lines(layout.bullet(f"{entry.complaint}: it involves {'; '.join(entry.words)}", columns))
    if found.ladder:
        heading("Progression ladder")
        rungs = []
        for rung in found.ladder:
            extra = sorted(rung.equipment - found.equipment)
            needs = f"; needs {', '.join(extra)}" if extra else ""
            rungs.append(f"{rung.label} ({rung.variable}: {layout.keep(f'{rung.target:g} {rung.unit}')}{needs})")
        lines(layout.numbered(rungs, columns))
    heading("Sources")
    for source in found.sources:
        lines(layout.bullet(f"{source.cite}: {source.about}", columns))
