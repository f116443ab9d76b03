"""A role's pathway as a PDF (pathways/pdf.py): what the printed pages say in English and Arabic, the download's
headers, that a second download is not rendered again, the link on the pathway page, and its query budget."""

import io
import re

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from pypdf import PdfReader

from core.models import HubSettings
from pathways.models import PathwayStep, Role
from tests.pathways.builders import build_pathways, make_levels
from tests.queries import PAGE_BUDGET, same_count_at_two_sizes

ARABIC_NAME = "مرشد المتطوعين"
ARABIC_STEP = "رحّب بالقادمين الجدد"


@pytest.fixture
def levels(db):
    return make_levels()


@pytest.fixture
def mentor(levels):
    """The Mentor pathway (three steps, each with a guide on the Hub and one elsewhere), named in Arabic, and the
    site settings' licence and attribution as a curator set them."""
    mentor = build_pathways(levels, 1, 3)[0]
    mentor.name_ar = ARABIC_NAME
    mentor.save()
    step = mentor.steps.order_by("sort_order").first()
    step.title_ar = ARABIC_STEP
    step.estimated_time_en = "About two hours"
    step.first_action_en = "Say hello on a newcomer's talk page."
    step.done_sign_en = "you have answered a question at the help desk."
    step.save()
    hub = HubSettings.current()
    hub.licence_name = "CC BY-SA 4.0 (test)"
    hub.licence_url = "https://creativecommons.org/licenses/by-sa/4.0/deed.test"
    hub.attribution_en = "Compiled by the test curators."
    hub.save()
    return mentor


def pdf_text(response):
    assert response.status_code == 200, response.status_code
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages), reader


def one_line(text):
    """Addresses break anywhere at the end of a line; read them as one."""
    return re.sub(r"\s+", "", text)


def test_english_pdf_has_the_steps_the_guides_addresses_and_the_licence(client, mentor):
    guide = mentor.steps.first().resources.get()
    text, reader = pdf_text(client.get("/en/pathways/mentor/pathway.pdf"))
    assert "Mentor" in text.splitlines()[:3]
    assert "Pathway from Emerging to Elevated" in text
    for number in (1, 2, 3):
        assert f"Step {number} of mentor" in text
    assert "Do the thing." in text
    # What a step asks first, how long it takes and how to tell it is done.
    assert "Estimated time: About two hours" in text
    assert "First action" in text and "Say hello on a newcomer's talk page." in text
    words = " ".join(text.split())
    assert "You may already have done this if you have answered a question at the help desk." in words
    assert "Welcome newcomers" in text and "Communication" in text
    flat = one_line(text)
    # A guide elsewhere, a guide of the Hub where it lives, and its page on the Hub: full addresses.
    assert "https://learn.wiki/course/mentor" in flat
    assert one_line(guide.external_url_en) in flat
    assert f"http://testserver/en/resources/{guide.slug}/" in flat
    # The live page, beside its QR code, and the licence and attribution from the site settings.
    assert "http://testserver/en/pathways/mentor/" in flat
    assert "Content is available under the CC BY-SA 4.0 (test) licence" in text
    assert "https://creativecommons.org/licenses/by-sa/4.0/deed.test" in flat
    assert "Compiled by the test curators." in text
    assert "Made on" in text
    links = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object()
    ]
    assert "https://learn.wiki/course/mentor" in links
    assert reader.metadata.title.startswith("Mentor")


def embedded_fonts(reader):
    return {str(font["/BaseFont"]) for page in reader.pages for font in page["/Resources"]["/Font"].values()}


def test_arabic_pdf_is_right_to_left_with_the_role_name_in_logical_order(client, mentor):
    text, reader = pdf_text(client.get("/ar/pathways/mentor/pathway.pdf"))
    lines = [line.strip() for line in text.splitlines()]
    # Shaped with an Arabic font and extracted in reading order: the line is the name as the role stores it.
    assert mentor.name_ar in lines
    # The step's number comes before its title, on the same line.
    assert any(line.endswith(ARABIC_STEP) for line in lines)
    # In the face pdf.css declares from Debian's Noto Naskh Arabic (a subset, embedded).
    assert any(font.endswith("+Hub-Arabic") for font in embedded_fonts(reader))
    # Steps not translated yet fall back to English, the guides' addresses and the licence are there.
    assert "Step 2 of mentor" in text
    flat = one_line(text)
    assert "https://learn.wiki/course/mentor" in flat
    assert "http://testserver/ar/pathways/mentor/" in flat
    assert "https://creativecommons.org/licenses/by-sa/4.0/deed.test" in flat
    assert "CC BY-SA 4.0 (test)" in text


def test_pdf_template_is_right_to_left_for_arabic_with_a_qr_code(client, mentor, monkeypatch):
    seen = {}

    class Capture:
        """Stands in for WeasyPrint's HTML to keep what it was given."""

        def __init__(self, string, **kwargs):
            seen["html"] = string

        def write_pdf(self):
            return b"%PDF-"

    monkeypatch.setattr("weasyprint.HTML", Capture)
    client.get("/ar/pathways/mentor/pathway.pdf")
    page = BeautifulSoup(seen["html"], "html.parser")
    assert page.html["dir"] == "rtl" and page.html["lang"] == "ar"
    # The QR code is inline SVG (nothing to fetch) and goes to the live page.
    assert page.select_one(".live svg path")
    assert page.select_one('.live a[href="http://testserver/ar/pathways/mentor/"]')
    # The attribution has no Arabic yet: its English keeps its own language and direction.
    attribution = page.find("p", string="Compiled by the test curators.")
    assert attribution["lang"] == "en" and attribution["dir"] == "ltr"
    styles = page.style.get_text()
    assert "@font-face" in styles and "NotoNaskhArabic-Regular.ttf" in styles and '"Hub Arabic"' in styles


def test_pdf_download_headers(client, mentor):
    response = client.get("/es/pathways/mentor/pathway.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    # A plain name for every client, the role's own name for those that read RFC 6266's ``filename*``.
    assert response["Content-Disposition"] == (
        "attachment; filename=\"pathway-mentor-es.pdf\"; filename*=UTF-8''Mentor-a%20%28es%29.pdf"
    )
    arabic = client.get("/ar/pathways/mentor/pathway.pdf")
    assert "filename*=UTF-8''%D9%85%D8%B1%D8%B4%D8%AF" in arabic["Content-Disposition"]
    # Cached for every anonymous visitor, revalidated by its tag.
    cache_control = response["Cache-Control"]
    assert "public" in cache_control and "s-maxage" in cache_control
    assert response["ETag"] and response["X-Page-Cache"] == "miss"
    assert client.get("/es/pathways/mentor/pathway.pdf", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_unknown_role_has_no_pdf(client, levels):
    assert client.get("/en/pathways/nobody/pathway.pdf").status_code == 404


def test_second_download_is_not_rendered_again(client, mentor, django_assert_num_queries):
    first = client.get("/fr/pathways/mentor/pathway.pdf")
    with django_assert_num_queries(0):
        second = client.get("/fr/pathways/mentor/pathway.pdf")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_pdf_is_kept_in_the_shared_cache_when_the_page_cache_is_off(
    client, mentor, settings, django_assert_num_queries
):
    # Signed-in visitors and app servers that do not share the page cache still find the rendered file.
    settings.PAGE_CACHE_ENABLED = False
    first = client.get("/fr/pathways/mentor/pathway.pdf")
    with django_assert_num_queries(0):
        second = client.get("/fr/pathways/mentor/pathway.pdf")
    assert second["X-Page-Cache"] == "pass"
    assert second.content == first.content


def test_pdf_is_made_again_when_the_pathway_changes(client, mentor):
    before = pdf_text(client.get("/en/pathways/mentor/pathway.pdf"))[0]
    assert "Step 1 of mentor" in before
    step = mentor.steps.order_by("sort_order").first()
    step.title_en = "Meet a newcomer"
    step.save()
    after = pdf_text(client.get("/en/pathways/mentor/pathway.pdf"))[0]
    assert "Meet a newcomer" in after and "Step 1 of mentor" not in after


LINK_TEXT = {"en": "Download as PDF", "es": "Descargar en PDF", "fr": "Télécharger en PDF", "ar": "تنزيل بصيغة PDF"}


@pytest.mark.parametrize("lang", settings.LANGUAGE_CODES)
def test_pathway_page_links_to_its_pdf(client, mentor, lang):
    response = client.get(f"/{lang}/pathways/mentor/")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    link = page.select_one(f'.pathways-actions a[href="/{lang}/pathways/mentor/pathway.pdf"]')
    assert link is not None and link.get_text(strip=True) == LINK_TEXT[lang]
    assert link.has_attr("download")


def test_pdf_query_count_does_not_grow_with_roles_and_steps(client, levels):
    build_pathways(levels, 2, 3)

    def grow():
        PathwayStep.objects.all().delete()
        Role.objects.all().delete()
        build_pathways(levels, 20, 6)

    same_count_at_two_sizes(client, "/ar/pathways/mentor/pathway.pdf", grow, budget=PAGE_BUDGET)
