"""Keeps the design honest: public API, dependency direction, one importer per library,
and a light ``paceplan --help``."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import paceplan

SRC = Path(paceplan.__file__).parent

# Each third-party library may be imported by these modules only (paths relative to SRC).
OWNERS: dict[str, set[str]] = {
    "fit_tool": {"writers/fit.py"},
    "garmin_fit_sdk": {"readers/fit.py"},
    "icalendar": {"writers/ics.py"},
    "gpxpy": {"compare/gpx.py"},
    "click": {"cli"},
    "yaml": {"readers/plan.py"},
    "garminconnect": {"connect"},
}

# Lower layers may not import higher ones. Layer of a module = first matching prefix.
LAYERS: list[tuple[str, int]] = [
    ("_version.py", 0), ("errors.py", 0), ("atomic.py", 1), ("input_file.py", 1), ("source.py", 0), ("units.py", 1), ("model.py", 2),
    ("labels.py", 3), ("intervals_syntax.py", 3), ("paces", 3), ("passes", 4), ("naming.py", 4), ("schedule.py", 4),
    ("templates.py", 4), ("readers", 5), ("writers", 5), ("compare", 6), ("devices.py", 6),
    ("connect", 6), ("compiled.py", 7), ("outputs.py", 7), ("output_dir.py", 1), ("roster", 7), ("build.py", 7), ("__init__.py", 8), ("__main__.py", 9), ("cli", 9),
]


def _layer(rel: str) -> int:
    for prefix, layer in LAYERS:
        if rel == prefix or rel.startswith(prefix.rstrip(".py") + "/") or rel.startswith(prefix):
            return layer
    raise AssertionError(f"{rel} has no layer in tests/test_architecture.py: add it")


def _modules() -> list[tuple[str, ast.Module]]:
    out = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        out.append((rel, ast.parse(path.read_text(encoding="utf-8"))))
    return out


def _imports(rel: str, tree: ast.Module) -> list[str]:
    """Absolute dotted names this module imports (relative imports resolved)."""
    pkg = ["paceplan", *rel.split("/")[:-1]]
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg[: len(pkg) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
                if node.module is None:
                    names.extend(f"{mod}.{a.name}" for a in node.names)
                else:
                    names.append(mod)
            elif node.module:
                names.append(node.module)
    return names


def test_public_api_is_sorted_and_importable() -> None:
    names = paceplan.__all__
    assert names == sorted(names), "keep __all__ sorted"
    assert len(set(names)) == len(names)
    for name in names:
        assert hasattr(paceplan, name), name
    public = {n for n in vars(paceplan) if not n.startswith("_") and n not in {"annotations", "Any"}}
    submodules = {n for n in public if type(getattr(paceplan, n)).__name__ == "module"}
    assert public - submodules <= set(names), f"exported but not in __all__: {public - submodules - set(names)}"


def test_third_party_libraries_have_one_importer() -> None:
    for rel, tree in _modules():
        for name in _imports(rel, tree):
            top = name.split(".")[0]
            if top in OWNERS:
                owners = OWNERS[top]
                assert any(rel == o or rel.startswith(o + "/") for o in owners), (
                    f"{rel} imports {top}; only {sorted(owners)} may")


def test_dependency_direction() -> None:
    for rel, tree in _modules():
        mine = _layer(rel)
        for name in _imports(rel, tree):
            if not name.startswith("paceplan."):
                continue
            target = name.removeprefix("paceplan.").replace(".", "/")
            candidates = [target + ".py", target + "/__init__.py"]
            parts = target.split("/")
            # "from paceplan.x import y" may name a module y inside package x, or an attribute of x.
            candidates += ["/".join(parts[:-1]) + ".py", "/".join(parts[:-1]) + "/__init__.py"]
            found = next((c for c in candidates if (SRC / c).exists()), None)
            if found is None or found == rel:
                continue
            if rel.split("/")[0] == found.split("/")[0] and "/" in rel:
                continue  # inside one package, modules may use each other
            assert _layer(found) <= mine, f"{rel} (layer {mine}) imports {found} (layer {_layer(found)})"


def test_readers_and_writers_do_not_import_each_other() -> None:
    for rel, tree in _modules():
        if not rel.startswith("readers/"):
            continue
        for name in _imports(rel, tree):
            allowed = ("paceplan.writers.notation",)
            assert not name.startswith("paceplan.writers") or name.startswith(allowed), f"{rel} imports {name}"
    for rel, tree in _modules():
        if not rel.startswith("writers/"):
            continue
        for name in _imports(rel, tree):
            assert not name.startswith("paceplan.readers"), f"{rel} imports {name}"


def test_help_does_not_load_heavy_libraries() -> None:
    code = (
        "import sys\n"
        "from paceplan.cli import main\n"
        "try:\n    main(['--help'], prog_name='paceplan')\nexcept SystemExit:\n    pass\n"
        "heavy = sorted(m for m in ('fit_tool', 'icalendar', 'gpxpy', 'garmin_fit_sdk', 'yaml') if m in sys.modules)\n"
        "print('LOADED', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "LOADED []" in out.stdout, out.stdout
    assert "Usage: paceplan" in out.stdout


def test_docstring_examples_run() -> None:
    import doctest

    import paceplan.paces

    for module in (paceplan, paceplan.paces):
        result = doctest.testmod(module)
        assert result.failed == 0 and result.attempted > 0, module.__name__


def test_import_paceplan_is_light() -> None:
    code = ("import sys, paceplan\n"
            "print(sorted(m for m in ('fit_tool', 'icalendar', 'gpxpy', 'garmin_fit_sdk', 'yaml', 'click')"
            " if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_exported_names_do_not_shadow_submodules() -> None:
    # Importing paceplan.X sets the attribute X on the package, which would silently replace an
    # exported function of the same name.
    for name in paceplan.__all__:
        assert not (SRC / f"{name}.py").exists() and not (SRC / name).is_dir(), name
