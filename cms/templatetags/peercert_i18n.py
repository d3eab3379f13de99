"""The language links every page carries (templates/base.html): hreflang alternates in <head>
and the switcher's choices, each the same page in another language."""

from django import template
from django.utils.translation import get_language, get_language_info

from cms.i18n import alternates
from courses.translation import language_of, url_in_language

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """Each language's version of this page: code, URL, its own name ("Español"), whether it is
    the one shown. Empty when the page has one URL only (then it has no switcher either). A
    Wagtail page's other version is its translation (cms/i18n.py)."""
    request = context.get("request")
    if request is None:
        return []
    current = get_language()
    return [
        {
            **link,
            "absolute_url": request.build_absolute_uri(link["url"]),
            "name_local": get_language_info(link["code"])["name_local"],
            "current": link["code"] == current,
        }
        for link in alternates(request, context.get("page"))
    ]


@register.simple_tag(takes_context=True)
def reader_pageurl(context, page) -> str:
    """A page's URL for this reader: in their language's tree, or under their language's
    prefix when the page has no translation (the English quiz of a Spanish module)."""
    if page is None:
        return ""
    return url_in_language(page, request=context.get("request")) or ""


@register.filter
def page_language(page) -> str:
    """The language a page's own text is written in (its locale's)."""
    return language_of(page) if page is not None else ""
