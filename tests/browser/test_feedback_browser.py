"""Readers' feedback in a real browser (issue #13 point 6): with JavaScript off, "Did this help?" and
"Report a problem" on a guide and on a pathway step store the feedback and bring the reader back with thanks;
the pages with the forms have no accessibility violations."""

import re

import pytest

from pathways.models import Feedback, Role
from resources.models import ResourcePage

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_report_a_broken_link_on_a_guide_without_javascript(live_resources, browser, axe, lang):
    guide = ResourcePage.objects.live().order_by("pk").first()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_resources.url}/{lang}/resources/{guide.slug}/")
    form = page.locator(".hub-feedback")
    form.locator("details summary").click()
    form.locator('input[name="reason"][value="broken-link"]').check()
    form.locator('textarea[name="text"]').fill("The guide's address answers 404.")
    form.locator(".hub-feedback__report button[type=submit]").click()
    page.wait_for_url(re.compile(r"\?feedback=sent"))
    assert page.locator(".hub-feedback__thanks").is_visible()
    stored = Feedback.objects.get()
    assert (stored.resource_id, stored.language, stored.reason) == (guide.pk, lang, "broken-link")
    assert stored.text == "The guide's address answers 404."
    context.close()


def test_yes_on_a_pathway_step_without_javascript_and_axe_on_both_pages(live_resources, browser, page, axe):
    role = Role.objects.order_by("position").first()
    step = role.steps.order_by("sort_order").first()
    context = browser.new_context(java_script_enabled=False)
    nojs = context.new_page()
    nojs.goto(f"{live_resources.url}/es/pathways/{role.slug}/")
    nojs.locator(f"#step-{step.pk} .hub-feedback__vote button[value=helped]").click()
    nojs.wait_for_url(re.compile(rf"\?feedback={step.pk}#step-{step.pk}$"))
    assert nojs.locator(f"#step-{step.pk} .hub-feedback__thanks").is_visible()
    assert Feedback.objects.filter(step=step, kind="helped", language="es").count() == 1
    context.close()
    # With JavaScript, as most readers come: the pages and the thanks pass axe-core.
    page.goto(f"{live_resources.url}/ar/pathways/{role.slug}/?feedback={step.pk}")
    page.locator(f"#step-{step.pk} details summary").click()
    axe(page)
    guide = ResourcePage.objects.live().order_by("pk").first()
    page.goto(f"{live_resources.url}/ar/resources/{guide.slug}/?feedback=sent")
    page.locator(".hub-feedback details summary").click()
    axe(page)
