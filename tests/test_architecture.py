"""The folder tree is the architecture: imports only go down the layers, no tab imports
another tab, there are no import cycles, and no module grows past ~400 lines."""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# higher number = higher layer; a module may import only from layers below it, or from its
# own package (never from a sibling tab)
LAYERS = {"app": 6, "explorer": 5, "neuron": 5, "network": 5, "plots": 4, "widgets": 3,
          "compute": 2}
MAX_LINES = 420


def _modules():
    for path in sorted((ROOT / "gui").rglob("*.py")):
        yield path, ".".join(path.relative_to(ROOT).with_suffix("").parts)


def _imports(path):
    """Every gui.* module named by an import in the file, at any depth (lazy ones too)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("gui"):
                out.add(node.module)
                out.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("gui"))
        elif isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{path}: relative import; write gui.<package>.<module>")
    return out


def _package(module):
    parts = module.split(".")
    return parts[1] if len(parts) > 2 else None


def test_imports_only_go_down():
    known = {m for _, m in _modules()}
    wrong = []
    for path, module in _modules():
        own = _package(module)
        if own is None:
            continue
        for target in _imports(path):
            if target not in known and target.rsplit(".", 1)[0] in known:
                target = target.rsplit(".", 1)[0]       # from gui.x.y import name
            other = _package(target) if target in known else None
            if other is None or other == own:
                continue
            if LAYERS[other] >= LAYERS[own]:
                wrong.append(f"{module} -> {target}")
    assert not wrong, wrong


def test_no_import_cycles():
    known = {m for _, m in _modules()}
    graph = {}
    for path, module in _modules():
        deps = set()
        for target in _imports(path):
            if target not in known and target.rsplit(".", 1)[0] in known:
                target = target.rsplit(".", 1)[0]
            if target in known and target != module and not target.endswith("__init__"):
                deps.add(target)
        graph[module] = deps
    state, cycle = {}, []

    def visit(m, stack):
        state[m] = 1
        for d in graph.get(m, ()):
            if state.get(d) == 1:
                cycle.append(stack[stack.index(d):] + [d] if d in stack else [m, d])
            elif d not in state:
                visit(d, stack + [d])
        state[m] = 2

    for m in graph:
        if m not in state:
            visit(m, [m])
    assert not cycle, cycle


def test_every_gui_module_lives_in_a_package_and_stays_small():
    flat = [p.name for p in (ROOT / "gui").glob("*.py") if p.name != "__init__.py"]
    assert not flat, f"gui/ holds only packages: {flat}"
    long = {str(p.relative_to(ROOT)): n for p, _ in _modules()
            if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert not long, long


def test_tests_mirror_the_tree():
    packages = {p.name for p in (ROOT / "gui").iterdir() if (p / "__init__.py").exists()}
    test_dirs = {p.name for p in (ROOT / "tests" / "gui").iterdir() if p.is_dir()
                 and (p / "__init__.py").exists()}
    assert packages <= test_dirs, packages - test_dirs
