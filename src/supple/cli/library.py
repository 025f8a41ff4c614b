"""`supple exercises` and `supple explain`."""

from __future__ import annotations

import typer

from supple.cli.common import JSON_OPTION, console, guarded, print_json, settings, write_svg


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
        settings=settings(), region=region.lower() if region else None, role=role.lower() if role else None
    )
    if as_json:
        config = settings()
        print_json([shapes.exercise_dict(e, library.left_out(settings=config, exercise=e)) for e in found])
        return
    from rich.table import Table

    table = Table("slug", "role", "regions", "equipment", "primer", box=None)
    table.columns[0].no_wrap = True
    for e in found:
        table.add_row(
            e.slug, e.role, ", ".join(e.regions), ", ".join(sorted(e.equipment)) or "-", "yes" if e.primer else ""
        )
    console().print(table)


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
) -> None:
    """Show one exercise in full: cues, why it helps, cautions, ladder and sources.

    Example: supple explain elevated-hamstring-stretch

    Example: supple explain roll-glutes --svg roll-glutes.svg
    """
    from supple.services import library, shapes

    if svg is not None:
        write_svg(library.illustration(settings=settings(), slug=slug), svg)
        return
    config = settings()
    found = library.exercise(settings=config, slug=slug)
    left_out = library.left_out(settings=config, exercise=found)
    if as_json:
        print_json(shapes.exercise_dict(found, left_out))
        return
    out = console()
    equipment = ", ".join(sorted(found.equipment)) or "none"
    out.print(f"[bold]{found.name}[/bold]  ({found.role}; {', '.join(found.regions)}; equipment: {equipment})")
    out.print(found.rationale)
    for title, lines in (("Set-up", found.cues.setup), ("Movement", found.cues.movement), ("Avoid", found.cues.avoid)):
        out.print(f"\n[bold]{title}[/bold]")
        for line in lines:
            out.print(f"  • {line}")
    if found.cautions:
        out.print("\n[bold]Cautions[/bold]")
        for line in found.cautions:
            out.print(f"  • {line}")
    if left_out:
        out.print("\n[bold]Left out for[/bold] (while the complaint is active)")
        for entry in left_out:
            out.print(f"  • {entry.complaint}: it involves {'; '.join(entry.words)}", markup=False)
    if found.ladder:
        out.print("\n[bold]Progression ladder[/bold]")
        for rung in found.ladder:
            extra = sorted(rung.equipment - found.equipment)
            needs = f"; needs {', '.join(extra)}" if extra else ""
            target = f"{rung.variable}: {rung.target:g} {rung.unit}{needs}"
            out.print(f"  {rung.level}. {rung.label} ({target})", markup=False)
    out.print("\n[bold]Sources[/bold]")
    for source in found.sources:
        out.print(f"  • {source.cite}: {source.about}")
