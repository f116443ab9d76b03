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


ADMIN_PASSWORD = "a-long-test-password-4-browsers"


def admin_log_in(page, base_url, username, language="en"):
    """Create a superuser whose admin is in ``language`` and log in through the admin's own form."""
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    user = get_user_model().objects.create_superuser(username, f"{username}@example.org", ADMIN_PASSWORD)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    page.goto(f"{base_url}/admin/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(ADMIN_PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{base_url}/admin/")


def axe_within(page, selector):
    """axe-core's WCAG checks on one part of an admin page (the rest is Wagtail's own)."""
    # Wagtail's messages fade in: checked mid-animation, a half-transparent message fails the contrast rule.
    page.wait_for_function("document.getAnimations().every((animation) => animation.playState !== 'running')")
    page.evaluate(AXE_PATH.read_text(encoding="utf-8"))
    result = page.evaluate(
        "([selector, tags]) => axe.run(document.querySelector(selector), {runOnly: {type: 'tag', values: tags}})",
        [selector, AXE_TAGS],
    )
    assert result["violations"] == [], format_violations(result["violations"])


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
