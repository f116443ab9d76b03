"""The body blocks of resource pages: their cross-field checks (called directly) and their templates."""

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import get_template
from wagtail.blocks.struct_block import StructBlockValidationError

from resources.blocks import (
    CallToActionBlock,
    EmbedBlock,
    HeadingBlock,
    ImageBlock,
    ParagraphBlock,
    QuoteBlock,
    ResourceBodyBlock,
    StepsBlock,
)
from resources.factories import ImageFactory

ALL_BLOCKS = [HeadingBlock, ParagraphBlock, ImageBlock, EmbedBlock, QuoteBlock, StepsBlock, CallToActionBlock]


def clean(block, data):
    """Run the block's clean() on a value built as the admin form would."""
    return block.clean(block.to_python(data))


@pytest.mark.parametrize("block_class", ALL_BLOCKS)
def test_every_block_declares_icon_template_label_and_preview(block_class):
    block = block_class()
    assert block.meta.icon
    assert block.meta.label
    assert block.meta.preview_value is not None
    get_template(block.meta.template)


def test_body_offers_every_block():
    assert set(ResourceBodyBlock().child_blocks) == {
        "heading",
        "paragraph",
        "image",
        "embed",
        "quote",
        "steps",
        "call_to_action",
    }


@pytest.mark.parametrize("block_class", [HeadingBlock, ParagraphBlock, QuoteBlock, StepsBlock, CallToActionBlock])
def test_preview_values_render(block_class, db):
    block = block_class()
    html = block.render(block.to_python(block.meta.preview_value))
    assert html.strip()


def test_heading_renders_the_chosen_level():
    block = HeadingBlock()
    assert "<h3" in block.render(block.to_python({"text": "Sub", "level": "h3"}))
    assert "<h2" in block.render(block.to_python({"text": "Main", "level": "h2"}))


def test_heading_requires_text():
    with pytest.raises(ValidationError):
        clean(HeadingBlock(), {"text": "", "level": "h2"})


def test_paragraph_is_limited_to_emphasis_links_and_lists():
    assert ParagraphBlock().features == ["bold", "italic", "link", "ol", "ul"]


@pytest.mark.django_db
def test_image_without_alt_text_is_refused():
    image = ImageFactory()
    with pytest.raises(StructBlockValidationError) as error:
        clean(ImageBlock(), {"image": image.pk, "alt_text": "  ", "decorative": False, "caption": ""})
    assert "alt_text" in error.value.block_errors


@pytest.mark.django_db
def test_decorative_image_needs_no_alt_text_and_renders_empty_alt():
    image = ImageFactory()
    block = ImageBlock()
    value = clean(block, {"image": image.pk, "alt_text": "", "decorative": True, "caption": ""})
    assert 'alt=""' in block.render(value)


@pytest.mark.django_db
def test_image_with_alt_text_renders_it_and_the_caption():
    image = ImageFactory()
    block = ImageBlock()
    value = clean(block, {"image": image.pk, "alt_text": "Editors at work", "decorative": False, "caption": "Lima"})
    html = block.render(value)
    assert 'alt="Editors at work"' in html
    assert "<figcaption>Lima</figcaption>" in html


def test_embed_requires_a_title():
    with pytest.raises(ValidationError):
        clean(EmbedBlock(), {"url": "https://www.youtube.com/watch?v=abc", "title": ""})


def test_embed_is_accepted_without_reaching_the_provider():
    # The offline finder (conftest) fails every fetch; Wagtail's own EmbedBlock would refuse the URL.
    value = clean(EmbedBlock(), {"url": "https://www.youtube.com/watch?v=abc", "title": "How to cite"})
    assert value["url"].url == "https://www.youtube.com/watch?v=abc"


def test_embed_refuses_what_is_not_a_url():
    with pytest.raises(ValidationError):
        clean(EmbedBlock(), {"url": "not a link", "title": "How to cite"})


@pytest.mark.django_db
def test_embed_that_cannot_be_fetched_renders_as_a_link_card():
    block = EmbedBlock()
    html = block.render(block.to_python({"url": "https://www.youtube.com/watch?v=abc", "title": "How to cite"}))
    assert "<iframe" not in html
    assert '<a class="cdx-card__text__title" href="https://www.youtube.com/watch?v=abc">How to cite</a>' in html


@pytest.mark.django_db
def test_fetched_embed_shows_the_player_named_by_its_title(settings):
    settings.WAGTAILEMBEDS_FINDERS = [{"class": "tests.resources.conftest.FakeVideoFinder"}]
    block = EmbedBlock()
    html = block.render(block.to_python({"url": "https://video.example/1", "title": "How to cite"}))
    assert '<iframe title="How to cite" src="https://player.example/1"' in html
    assert 'href="https://video.example/1"' in html


def test_quote_requires_the_quote_not_the_attribution():
    with pytest.raises(ValidationError):
        clean(QuoteBlock(), {"quote": "", "attribution": "Someone"})
    assert clean(QuoteBlock(), {"quote": "Be bold.", "attribution": ""})["quote"] == "Be bold."


def test_steps_need_at_least_one_step():
    with pytest.raises(StructBlockValidationError) as error:
        clean(StepsBlock(), {"steps": []})
    assert "steps" in error.value.block_errors


def test_steps_render_as_an_ordered_list():
    block = StepsBlock()
    value = clean(
        block, {"steps": [{"title": "Sign up", "text": "<p>Pick a name.</p>"}, {"title": "Edit", "text": ""}]}
    )
    html = block.render(value)
    assert html.count("<li") == 2
    assert "<ol" in html


def test_call_to_action_needs_a_page_or_a_url():
    with pytest.raises(StructBlockValidationError) as error:
        clean(CallToActionBlock(), {"label": "Go", "page": None, "url": ""})
    assert set(error.value.block_errors) == {"page", "url"}


@pytest.mark.django_db
def test_call_to_action_refuses_both_a_page_and_a_url(home_page):
    with pytest.raises(StructBlockValidationError):
        clean(CallToActionBlock(), {"label": "Go", "page": home_page.pk, "url": "https://example.org/"})


@pytest.mark.django_db
def test_call_to_action_to_a_page_links_to_it(home_page):
    block = CallToActionBlock()
    value = clean(block, {"label": "Home", "page": home_page.pk, "url": ""})
    assert f'href="{home_page.url}"' in block.render(value)


def test_call_to_action_to_a_url_links_to_it():
    block = CallToActionBlock()
    value = clean(block, {"label": "Teahouse", "page": None, "url": "https://en.wikipedia.org/wiki/WP:TH"})
    assert 'href="https://en.wikipedia.org/wiki/WP:TH"' in block.render(value)
