"""The package's imports point one way (docs/architecture.md): no cycles, no layer reaching up."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "docforge"

# What each layer may import from docforge, besides itself. Layers not named here
# (publish, cli, convert, bench, eval) orchestrate and may import anything.
ALLOWED: dict[str, set[str]] = {
    "text": set(),
    "model": {"text"},
    "errors": set(),
    "files": set(),
    "extract": {"model", "text", "errors"},
    "normalize": {"model", "text", "errors"},
    "check": {"model", "text"},
    "render": {"model", "text"},
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every docforge module this file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("docforge")}
        elif (
            isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("docforge")
        ):
            found.add(node.module)
    return found


def _graph() -> dict[str, set[str]]:
    return {_module_name(path): _imports(path) for path in PACKAGE.rglob("*.py")}


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_layers_import_only_what_they_may() -> None:
    wrong = []
    for module, imports in sorted(_graph().items()):
        layer = _layer(module)
        if layer not in ALLOWED:
            continue
        for target in sorted(imports):
            target_layer = _layer(target)
            if (
                target_layer != layer
                and target_layer not in ALLOWED[layer]
                and target != "docforge"
            ):
                wrong.append(f"{module} imports {target}")
    assert not wrong, "imports against the layering rules:\n" + "\n".join(wrong)


def _resolve(target: str, modules: set[str]) -> str | None:
    while target and target not in modules:
        target = target.rpartition(".")[0]
    return target or None


def test_no_import_cycles() -> None:
    graph = _graph()
    modules = set(graph)
    edges = {
        m: {
            t
            for imp in imps
            if (t := _resolve(imp, modules)) and t != m and not m.startswith(t + ".")
        }
        for m, imps in graph.items()
    }
    # A package's __init__ re-exporting its own modules is no cycle between layers.
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        stack.append(module)
        for target in sorted(edges.get(module, ())):
            if state.get(target) == 1:
                return stack[stack.index(target) :] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        stack.pop()
        state[module] = 2
        return None

    for module in sorted(modules):
        if module not in state and (cycle := visit(module)):
            raise AssertionError("import cycle: " + " → ".join(cycle))
