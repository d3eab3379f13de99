"""CE categories in the reader's language, for templates that hold a category's English name
(rules, checklists and transcripts carry names): ``{{ name|ce_category_label }}``."""

from django import template

from continuing_education.models import category_label

register = template.Library()


@register.filter
def ce_category_label(name) -> str:
    """A CE category's English name in the reader's language (unchanged when none)."""
    return category_label(name)
