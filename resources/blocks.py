"""StreamField blocks of a resource page's body (filled in by the resources work)."""

from wagtail import blocks


class ResourceBodyBlock(blocks.StreamBlock):
    """The body of a resource page."""

    paragraph = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"])
