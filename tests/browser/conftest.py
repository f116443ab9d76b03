"""Helpers for the browser tests: axe-core checks and a console watcher."""

from pathlib import Path

import pytest
from django.conf import settings

AXE_PATH = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def format_violations(violations):
    """One line per axe violation: rule, impact and the first few offending elements."""
    lines = []
    for violation in violations:
        targets = ", ".join(str(node["target"]) for node in violation["nodes"][:3])
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} -> {targets}")
    return "\n".join(lines)


@pytest.fixture
def axe():
    """Run axe-core on the page (WCAG 2.1 A and AA rules) and fail with a readable list."""
    if not AXE_PATH.exists():
        pytest.fail(f"{AXE_PATH} is missing: run `make install` (npm ci installs axe-core).")
    source = AXE_PATH.read_text(encoding="utf-8")

    def check(page):
        # Evaluated through the DevTools protocol, so the page's CSP does not need loosening for the test.
        page.evaluate(source)
        result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
        assert result["violations"] == [], format_violations(result["violations"])

    return check


@pytest.fixture
def console_errors(page):
    """Collect console errors (a CSP violation shows up here) for the test to assert on."""
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors
