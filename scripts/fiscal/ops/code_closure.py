"""The code a command runs: its entry module and every ``fiscal`` module it imports.

Two things need that set. ``dvc.yaml`` lists it as each stage's dependencies (a test holds
the lists to it), and the extract stage hashes it into the extractor's version, so that a
changed reading rule re-extracts every report while a changed site page re-extracts none.
"""

from __future__ import annotations

import ast
import hashlib
from importlib import metadata
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[2]
#: Libraries whose version changes what the extractor reads from a PDF.
READING_LIBRARIES = ("pdfplumber", "pdfminer.six", "pandas", "python-docx", "openpyxl")


def module_file(module: str) -> Path:
    """The source file of a ``fiscal`` module (a package's ``__init__.py``)."""
    path = SCRIPTS / Path(*module.split("."))
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


def imported_modules(path: Path, top_level_only: bool = False) -> set[str]:
    """The ``fiscal`` modules a file imports (``from fiscal.x import y`` may name a module y)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else ast.walk(tree)
    found = set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("fiscal"):
            found.add(node.module)
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                if module_file(candidate).exists():
                    found.add(candidate)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("fiscal")}
    return found


def closure(entry: str, command_line: bool = True) -> set[Path]:
    """Every source file the entry module runs, with the command line's own module
    (whose top-level imports every command pays) unless ``command_line`` is false;
    package markers hold no code."""
    files, pending = set(), [entry]
    if command_line:
        files.add(module_file("fiscal.cli"))
        pending += imported_modules(module_file("fiscal.cli"), top_level_only=True)
    seen: set[str] = set()
    while pending:
        module = pending.pop()
        if module in seen:
            continue
        seen.add(module)
        path = module_file(module)
        files.add(path)
        parts = module.split(".")
        pending += [".".join(parts[:i]) for i in range(2, len(parts))]  # parent packages
        pending += sorted(imported_modules(path))
    return {path for path in files if path.name != "__init__.py"}


def code_version(entry: str, *data_files: Path) -> str:
    """SHA-256 over the code ``entry`` runs, the given data files (the schema) and the
    versions of the reading libraries: equal exactly when the output can be equal."""
    digest = hashlib.sha256()
    for path in sorted(closure(entry, command_line=False)):
        digest.update(str(path.relative_to(SCRIPTS)).encode() + b"\0" + path.read_bytes())
    for path in data_files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for library in READING_LIBRARIES:
        digest.update(f"{library}=={metadata.version(library)}".encode())
    return digest.hexdigest()
