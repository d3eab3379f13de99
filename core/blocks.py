"""Blocks shared by every stream field on the site (bakerydemo base/blocks.py pattern)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "h3", "h4", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    size = blocks.ChoiceBlock(
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
        label=_("Level"),
    )

    class Meta:
        icon = "title"
        template = "components/blocks/heading_block.html"
        description = _("A section heading; it also appears in the lesson's outline.")
        preview_value = {"text": "The four dimensions of recovery", "size": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "components/blocks/paragraph_block.html"
        description = _("Body text with emphasis, lists and links.")
        preview_value = (
            "<p>Recovery is a process of change through which people improve their health and "
            "wellness, live a self-directed life, and strive to reach their full potential.</p>"
        )


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[
            ("info", _("Information")),
            ("caution", _("Caution")),
            ("crisis", _("Crisis resources")),
        ],
        default="info",
        label=_("Kind"),
    )
    title = blocks.CharBlock(max_length=120, label=_("Title"))
    body = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"))

    class Meta:
        icon = "warning"
        template = "components/blocks/callout_block.html"
        description = _("A highlighted box: information, a caution, or crisis resources.")
        preview_value = {
            "kind": "crisis",
            "title": "If someone is in danger",
            "body": "<p>Call or text 988, or call 911 if a life is at immediate risk.</p>",
        }


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        max_length=250,
        label=_("Alternative text"),
        help_text=_("Describe what the image shows for people using screen readers."),
    )
    caption = blocks.CharBlock(required=False, max_length=250, label=_("Caption"))

    class Meta:
        icon = "image"
        template = "components/blocks/image_block.html"
        description = _("An image with alternative text and an optional caption.")


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video URL"), help_text=_("A YouTube or Vimeo address."))
    transcript = blocks.RichTextBlock(
        required=False,
        features=RICH_TEXT_FEATURES,
        label=_("Transcript"),
        help_text=_("Needed for learners who cannot hear or play the video."),
    )

    class Meta:
        icon = "media"
        template = "components/blocks/video_block.html"
        description = _("An embedded video with its transcript.")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    description = blocks.CharBlock(required=False, max_length=250, label=_("Description"))

    class Meta:
        icon = "doc-full"
        template = "components/blocks/document_block.html"
        description = _("A downloadable handout or worksheet.")


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    callout = CalloutBlock()
    image = ImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
