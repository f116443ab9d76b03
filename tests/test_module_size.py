"""No Python module of ours grows past 500 lines (migrations aside): past that size a module holds more than one
job, and the next change cannot see what it touches (docs/architecture.md, "Where each kind of code goes")."""

from pathlib import Path

from django.conf import settings

LIMIT = 500
SKIPPED_DIRS = {".venv", "node_modules", "migrations", "build", ".git", "__pycache__"}


def our_modules(root):
    for path in sorted(root.rglob("*.py")):
        parts = set(path.relative_to(root).parts[:-1])
        if not parts & SKIPPED_DIRS and not any(part.startswith(".") for part in parts):
            yield path


def test_no_module_is_over_the_limit():
    root = Path(settings.BASE_DIR)
    too_long = {}
    for path in our_modules(root):
        with path.open(encoding="utf-8") as handle:
            lines = sum(1 for _ in handle)
        if lines > LIMIT:
            too_long[str(path.relative_to(root))] = lines
    assert too_long == {}, f"modules over {LIMIT} lines (split them by job): {too_long}"


def test_the_walk_sees_the_apps_and_skips_migrations():
    root = Path(settings.BASE_DIR)
    seen = {str(path.relative_to(root)) for path in our_modules(root)}
    assert "pathways/assessment.py" in seen
    assert "tests/test_module_size.py" in seen
    assert not any("/migrations/" in name for name in seen)
