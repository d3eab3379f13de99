"""The admin's Content-Security-Policy allows scripts from this site only, so no admin page may
carry an inline script: Wagtail's date pickers, chooser widgets and inline panels are started
from markers (cms/static/cms/js/admin-start.js). The browser test
(tests/browser/test_admin_csp_browser.py) proves they still work under the policy."""

import re

import pytest
from django.test import Client

from cms.middleware import ADMIN_CSP
from tests.factories import QuestionFactory, UserFactory

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:json|ld\+json)\")[^>]*>(.*?)</script>",
    re.S,
)


def directives(policy: str) -> dict[str, list[str]]:
    return {name: sources for name, *sources in (part.split() for part in policy.split(";"))}


def test_the_admin_policy_allows_no_inline_script_and_no_eval():
    policy = directives(ADMIN_CSP)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src-attr"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]


def test_admin_pages_carry_no_inline_script(course_tree):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(admin)
    question = QuestionFactory()
    lesson = course_tree.lessons[0][0]
    pages = [
        f"/admin/pages/{lesson.pk}/edit/",  # publishing schedule: date-time pickers
        f"/admin/pages/{course_tree.modules[0].pk}/",  # the listing's date filters
        f"/admin/snippets/assessments/question/edit/{question.pk}/",  # snippet choosers
        "/admin/snippets/certificates/programversion/add/",  # inline panels, page choosers
        "/admin/images/chooser/",
        "/admin/reports/site-history/",
    ]
    problems = []
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Security-Policy"] == ADMIN_CSP, url
        text = response.content.decode()
        if "application/json" in response["Content-Type"]:
            text = str(response.json())
        problems.extend(f"{url}: {m.group(0)[:120]}" for m in INLINE_SCRIPT.finditer(text))
    assert not problems, "\n".join(problems)
