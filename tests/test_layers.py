"""The rooms import only downstream: core at the ground, then extract → transform → expectations → warehouse,
flows above them, the CLI (perfgoals/) on top. An import against that flow fails here, naming the line."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ("core", "extract", "transform", "expectations", "warehouse", "flows", "perfgoals")


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, top-level package) of every import in ``path``, also those inside functions."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name.split(".")[0]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module.split(".")[0]))
    return found


def _against_the_flow(layer: str) -> list[str]:
    rank = LAYERS.index(layer)
    return [f"{path.relative_to(ROOT)}:{line} imports {package}"
            for path in sorted((ROOT / layer).rglob("*.py"))
            for line, package in _imports(path)
            if package in LAYERS and LAYERS.index(package) > rank]


@pytest.mark.parametrize("layer", LAYERS)
def test_no_import_against_the_flow(layer: str) -> None:
    assert _against_the_flow(layer) == []


def test_the_ground_imports_nothing_of_ours() -> None:
    ours = [f"{p.relative_to(ROOT)}:{line} imports {package}" for p in sorted((ROOT / "core").rglob("*.py"))
            for line, package in _imports(p) if package in LAYERS and package != "core"]
    assert ours == []


def test_the_walk_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from flows.run import run_ingest\n", encoding="utf-8")
    assert _imports(module) == [(2, "flows")]
