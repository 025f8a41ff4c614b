"""The shape of the code: imports point one way, core stays pure, modules stay small."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parents[1] / "src" / "supple"

# What each layer may import from supple (besides itself). Nothing imports cli or web.
ALLOWED = {
    "core": set(),
    "catalogue": {"core"},
    "importers": {"core"},
    "store": {"core"},
    "jobs": {"core", "store"},
    "illustrate": {"core"},
    "charts": {"core"},
    "report": {"core", "charts", "illustrate"},
    "services": {"core", "catalogue", "importers", "store", "jobs", "config", "illustrate", "charts", "report"},
    "cli": {"services", "config", "core", "catalogue", "store"},
    "web": {"services", "config"},
    "config": {"core"},
}
# cli may name core/catalogue/store only for types and error classes, never to do work:
CLI_NAMES_FROM_LOWER = {"Step", "item_steps", "Item", "ItemResult", "Session", "Stop"}
PURE_FORBIDDEN = {
    "os",
    "sqlite3",
    "sqlalchemy",
    "pathlib",
    "time",
    "random",
    "typer",
    "rich",
    "io",
    "socket",
    "subprocess",
}


def _modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def _layer(path: Path) -> str:
    parts = path.relative_to(SRC).parts
    return parts[0].removesuffix(".py")


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    tree = ast.parse(path.read_text())
    found: list[tuple[str, list[str]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((alias.name, []) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, [alias.name for alias in node.names]))
    return found


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_imports_point_one_way(path: Path) -> None:
    layer = _layer(path)
    if layer in ("__init__", "__main__"):
        return
    allowed = ALLOWED[layer] | {layer}
    for module, names in _imports(path):
        if not module.startswith("supple.") and module != "supple":
            continue
        target = module.split(".")[1] if "." in module else "__init__"
        if target == "__init__":
            continue
        assert target in allowed, f"{path.name}: {layer} must not import {module}"
        if layer == "cli" and target in ("core", "catalogue", "store"):
            assert set(names) <= CLI_NAMES_FROM_LOWER, f"{path.name}: cli uses {names} from {module}; go via services"


@pytest.mark.parametrize("path", sorted((SRC / "core").glob("*.py")), ids=lambda p: p.name)
def test_core_is_pure(path: Path) -> None:
    for module, _ in _imports(path):
        assert module.split(".")[0] not in PURE_FORBIDDEN, f"core/{path.name} imports {module}"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_modules_stay_small_and_plainly_named(path: Path) -> None:
    assert len(path.read_text().splitlines()) <= 500, f"{path} is over 500 lines: split it"
    assert path.stem not in ("utils", "helpers", "manager", "misc"), path


def test_nothing_heavy_is_imported_by_the_cli_start_up() -> None:
    import subprocess
    import sys

    code = (
        "import sys; import supple.cli.app; "
        "print(','.join(m for m in ('sqlalchemy', 'alembic', 'rich', 'pydantic', 'psycopg') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "", f"imported at start-up: {done.stdout.strip()}"


BELOW_SKINS = ("core", "catalogue", "importers", "store", "jobs", "illustrate", "charts", "report", "services")


def _below_skins() -> list[Path]:
    return [path for path in _modules() if _layer(path) in BELOW_SKINS]


@pytest.mark.parametrize("path", _below_skins(), ids=lambda p: str(p.relative_to(SRC)))
def test_nothing_below_the_skins_reads_the_athlete_from_settings_or_the_environment(path: Path) -> None:
    """The athlete comes in the context a skin built; settings name the database, never whose data it is."""
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            assert node.attr != "from_env", f"{path.name}:{node.lineno} builds settings from the environment"
            if node.attr == "athlete" and isinstance(node.value, ast.Name):
                named = node.value.id
                assert "settings" not in named.lower(), f"{path.name}:{node.lineno} reads the athlete from settings"
                assert named not in ("config", "Settings"), f"{path.name}:{node.lineno} reads the athlete from settings"
            if node.attr in ("environ", "getenv") and isinstance(node.value, ast.Name):
                assert node.value.id != "os", f"{path.name}:{node.lineno} reads the environment"
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            assert "SUPPLE_ATHLETE" not in node.value, f"{path.name}:{node.lineno} names SUPPLE_ATHLETE"


def test_every_service_takes_the_context_first() -> None:
    """A public service function that touches an athlete's data takes ``ctx: Context`` as its first argument."""
    offenders = []
    for path in sorted((SRC / "services").glob("*.py")):
        for node in ast.parse(path.read_text()).body:
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
                continue
            names = [a.arg for a in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs)]
            if "ctx" in names and names[0] != "ctx":
                offenders.append(f"{path.name}:{node.name}")
            if "settings" in names and path.name not in ("calendar.py", "server.py", "accounts.py"):
                offenders.append(f"{path.name}:{node.name} takes settings")
    assert not offenders, offenders


@pytest.mark.parametrize("args", [["today", "--json"], ["today", "--json", "--kind", "daily"]])
def test_supple_today_loads_only_what_today_uses(tmp_path: Path, args: list[str]) -> None:
    """Commands are registered lazily: `supple today` imports no other command's module, no web, no
    database library (the quick SQLite path) and no accounts; plain `today --json` not even Typer."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPLE_")}
    env |= {"SUPPLE_DATA_DIR": str(tmp_path / "data"), "SUPPLE_CACHE_DIR": str(tmp_path / "cache")}
    code = (
        f"import atexit, runpy, sys; sys.argv = {['supple', *args]!r}; "
        "atexit.register(lambda: sys.stderr.write('\\n'.join(sorted(sys.modules)))); "
        "runpy.run_module('supple', run_name='__main__')"
    )
    command = [sys.executable, "-c", code]
    subprocess.run(command, env=env, capture_output=True, check=True)  # the first run makes the database
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    loaded = set(done.stderr.split())
    assert "supple.services.routines" in loaded, "the walk sees the modules"
    plain = args == ["today", "--json"]
    assert ("supple.cli.routine" in loaded) is not plain, "a plain `today --json` skips Typer, other options not"
    unwanted = {
        "sqlalchemy", "alembic", "psycopg", "fastapi", "uvicorn", "weasyprint", "argon2", "rich",
        "supple.cli.report", "supple.cli.player", "supple.cli.users", "supple.cli.data", "supple.cli.serve",
        "supple.services.accounts", "supple.web",
    }  # fmt: skip
    if plain:
        # ... nor, with the compiled catalogue the first run kept, the TOML loader
        unwanted |= {"typer", "click", "supple.cli.common", "supple.cli.routine", "supple.catalogue.loader", "tomllib"}
    assert not unwanted & loaded, sorted(unwanted & loaded)
