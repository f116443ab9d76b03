"""The layers contract (pyproject.toml, docs/architecture.md) holds on the tree, and `lint-imports` fails the build
when a lower app imports a higher one."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["core", "framework", "resources", "pathways", "opportunities", "embeds", "hub"]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(cwd):
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture
def tree_copy(tmp_path):
    """The project's packages and its pyproject.toml, copied (Python files only)."""
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("*.pyc", "__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_tree_keeps_the_layers():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "KEPT" in result.stdout


@pytest.mark.parametrize(
    ("module", "planted"),
    [
        ("core/i18n.py", "from hub import models as _upward  # noqa"),
        ("framework/models.py", "from resources.models import ResourcePage as _upward  # noqa"),
        ("pathways/views.py", "import embeds as _upward  # noqa"),
        ("pathways/views.py", "import opportunities as _upward  # noqa"),
        ("opportunities/views.py", "import embeds as _upward  # noqa"),
    ],
)
def test_an_upward_import_breaks_the_contract(tree_copy, module, planted):
    path = tree_copy / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{planted}\n", encoding="utf-8")
    result = lint_imports(tree_copy)
    assert result.returncode == 1, result.stdout
    assert "BROKEN" in result.stdout
    lower, upper = module.split("/")[0], planted.split()[1].split(".")[0]
    assert f"{lower} is not allowed to import {upper}" in result.stdout
