"""Fixtures of the embed tests."""

import pytest

from tests.embeds.content import build_world


@pytest.fixture
def world(home_page):
    """One object of each embeddable kind, by kind (``build_world``)."""
    return build_world()
