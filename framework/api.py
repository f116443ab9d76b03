"""Framework endpoints of the JSON API (levels, skills, behaviors, activities)."""

from ninja import Router

router = Router(tags=["framework"])
