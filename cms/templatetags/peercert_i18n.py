"""The language links every page carries (templates/base.html): hreflang alternates in <head>
and the switcher's choices, each the same page in another language."""

from django import template
from django.utils.translation import get_language, get_language_info

from cms.i18n import alternates

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """Each language's version of this page: code, URL, its own name ("Español"), whether it is
    the one shown. Empty when the page has one URL only (then it has no switcher either)."""
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
        for link in alternates(request)
    ]
