"""StreamField blocks of a resource page's body: text, images, embeds, quotes, steps and calls to action."""

from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock as WagtailEmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    """A section heading; the page title is the only h1, so h2 or h3."""

    text = blocks.CharBlock(label=_("text"), max_length=255)
    level = blocks.ChoiceBlock(label=_("level"), choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))], default="h2")

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"
        preview_value = {"text": "Before your first edit", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    """Rich text limited to what a guide needs: emphasis, links and lists."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = "blocks/paragraph_block.html"
        preview_value = "<p>Wikipedia is written by volunteers. <b>Anyone</b> can improve it.</p>"


class ImageBlock(blocks.StructBlock):
    """An image with alternative text (required unless the image is only decoration) and a caption."""

    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        required=False,
        max_length=255,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    decorative = blocks.BooleanBlock(
        label=_("decorative only"), required=False, help_text=_("Tick when the image adds nothing to the text.")
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"
        preview_value = {"alt_text": "Volunteers at an edit-a-thon", "caption": "An edit-a-thon in Lima."}

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not (value.get("alt_text") or "").strip():
            raise StructBlockValidationError(
                block_errors={"alt_text": ValidationError(_("Describe the image, or mark it as decorative only."))}
            )
        return value


class OfflineEmbedBlock(WagtailEmbedBlock):
    """Wagtail's embed URL, accepted without fetching it first: the Hub also runs on closed networks,
    where the oEmbed provider cannot be reached, and the template then shows a link instead."""

    def clean(self, value):
        # Skip WagtailEmbedBlock.clean (it fetches the embed); URLBlock's own checks still run.
        return super(WagtailEmbedBlock, self).clean(value)


class EmbedBlock(blocks.StructBlock):
    """A video or other embed, with the title that names its frame for screen readers."""

    url = OfflineEmbedBlock(label=_("URL"), help_text=_("A YouTube, Vimeo or Wikimedia Commons link."))
    title = blocks.CharBlock(
        label=_("title"), max_length=255, help_text=_("What the video is, e.g. 'How to add a citation'.")
    )

    class Meta:
        icon = "media"
        label = _("Video or embed")
        template = "blocks/embed_block.html"
        preview_value = {
            "url": "https://commons.wikimedia.org/wiki/File:Editing_Wikipedia_with_VisualEditor.webm",
            "title": "Editing Wikipedia with VisualEditor",
        }

    def get_context(self, value, parent_context=None):
        """The embed's HTML, or empty when it cannot be fetched (the template falls back to a link)."""
        context = super().get_context(value, parent_context=parent_context)
        embed = value.get("url")
        html = embed.html if embed else ""
        if html and "<iframe" in html and "title=" not in html:
            # Providers' players rarely name their frame; the block's title does.
            html = html.replace("<iframe", format_html('<iframe title="{}"', value.get("title", "")), 1)
        context["embed_html"] = mark_safe(html)  # noqa: S308 - the provider's HTML, as Wagtail itself renders it
        return context


class QuoteBlock(blocks.StructBlock):
    """A quotation and who said it."""

    quote = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False, max_length=255)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"
        preview_value = {"quote": "Be bold in updating pages.", "attribution": "Wikipedia guideline"}


class StepBlock(blocks.StructBlock):
    """One step of a how-to."""

    title = blocks.CharBlock(label=_("title"), max_length=255)
    text = blocks.RichTextBlock(label=_("text"), features=RICH_TEXT_FEATURES, required=False)

    class Meta:
        icon = "arrow-right"
        label = _("Step")


class StepsBlock(blocks.StructBlock):
    """An ordered list of steps, each with a title and text."""

    steps = blocks.ListBlock(StepBlock(), label=_("steps"))

    class Meta:
        icon = "list-ol"
        label = _("Steps")
        template = "blocks/steps_block.html"
        preview_value = {
            "steps": [
                {"title": "Create an account", "text": "<p>Choose a username.</p>"},
                {"title": "Make your first edit", "text": "<p>Fix a typo.</p>"},
            ]
        }

    def clean(self, value):
        value = super().clean(value)
        if not value.get("steps"):
            raise StructBlockValidationError(block_errors={"steps": ValidationError(_("Add at least one step."))})
        return value


class CallToActionBlock(blocks.StructBlock):
    """A button-like link to a page of the Hub or to another site (one of the two)."""

    label = blocks.CharBlock(label=_("label"), max_length=100)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("URL"), required=False)

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = "blocks/call_to_action_block.html"
        preview_value = {"label": "Join the Teahouse", "url": "https://en.wikipedia.org/wiki/Wikipedia:Teahouse"}

    def clean(self, value):
        value = super().clean(value)
        has_page, has_url = bool(value.get("page")), bool(value.get("url"))
        if has_page == has_url:
            message = (
                _("Choose a page or enter a URL, not both.")
                if has_page
                else _("Choose a page or enter a URL for the link.")
            )
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(message), "url": ValidationError(message)}
            )
        return value


class ResourceBodyBlock(blocks.StreamBlock):
    """The body of a resource page."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    embed = EmbedBlock()
    quote = QuoteBlock()
    steps = StepsBlock()
    call_to_action = CallToActionBlock()
