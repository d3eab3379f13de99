"""No 500 on user input: every form each demo role can reach from its pages, posted with junk
(empty, huge, negative, malformed dates, markup, NUL bytes, non-numbers where numbers go), gets a
page or a refusal, never a server error. The forms are found by following the site's own links,
so a new form is covered without a new test."""

import collections
import html
import random
import re
from html.parser import HTMLParser

import pytest
from django.db import transaction
from django.test import Client

pytestmark = pytest.mark.django_db

JUNK = [
    "",
    "-1",
    "0",
    "99999999999999999999",
    "abc",
    "<script>alert(1)</script>",
    "2026-13-45",
    "1e309",
    "NaN",
    "a\x00b",
    "x" * 5000,
    "../../etc/passwd",
    "' OR 1=1 --",
    "1.5",
    "☃ ünïcödé",
]
# Admin forms are Wagtail's (exercised by the admin tests); logout and delete change the world.
SKIP = re.compile(r"/admin/|logout|delete|\.(pdf|csv|json|jwt|pem)$|^/(media|static|documents)/")
ROLES = {
    None: [
        "/",
        "/verify/",
        "/verify/pdf/",
        "/accounts/signup/",
        "/accounts/login/",
        "/accounts/password/reset/",
    ],
    "trainee@example.org": ["/dashboard/", "/certification/", "/ce/", "/share/"],
    "certified@example.org": ["/dashboard/", "/certification/", "/ce/", "/share/"],
    "employer@example.org": ["/employer/"],
    "supervisor@example.org": ["/certification/supervision/review/"],
}


class FormFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms, self.current = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.current = {
                "action": attrs.get("action") or "",
                "method": (attrs.get("method") or "get").lower(),
                "fields": {},
            }
        elif (
            self.current is not None
            and tag in ("input", "select", "textarea")
            and attrs.get("name")
        ):
            self.current["fields"].setdefault(attrs["name"], attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form" and self.current is not None:
            self.forms.append(self.current)
            self.current = None


@pytest.fixture
def demo(seeded_demo):
    """The demo, as seed_demo builds it (tests/demo_snapshot.py)."""
    return seeded_demo


def pages_of(client, starts, limit=120) -> dict[str, str]:
    """The HTML pages reachable from `starts` by the site's links: URL → the page."""
    seen, queue = {}, collections.deque(starts)
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen or SKIP.search(url):
            continue
        response = client.get(url)
        if response.status_code in (301, 302) and response["Location"].startswith("/"):
            queue.append(response["Location"])
            continue
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        seen[url] = response.content.decode()
        queue.extend(html.unescape(href) for href in re.findall(r'href="(/[^"#]*)"', seen[url]))
    return seen


@pytest.mark.parametrize("email", list(ROLES), ids=lambda e: e or "anonymous")
def test_every_reachable_form_survives_junk(demo, email):
    from accounts.models import User

    client = Client()
    if email:
        client.force_login(User.objects.get(email=email))
    rng = random.Random(f"peercert-forms-{email}")
    posted, failures = 0, []
    # Each request once: a form on every page (the language switcher) or one without fields
    # (mark a lesson complete) gives the same action and body over and over, and as every post
    # is rolled back, the repeat meets the same data and gets the same answer. This was most of
    # the test's posts (certified@: 1144 posts, 83 of its 143 forms the language switcher's).
    sent = set()
    for url, page in pages_of(client, ROLES[email]).items():
        finder = FormFinder()
        finder.feed(page)
        for form in finder.forms:
            action = html.unescape(form["action"]) or url
            if form["method"] != "post" or SKIP.search(action):
                continue
            for trial in range(8):
                data = {
                    name: (value if trial == 0 else rng.choice(JUNK))
                    for name, value in form["fields"].items()
                    if name != "csrfmiddlewaretoken"
                }
                request = (action, tuple(sorted(data.items())))
                if request in sent:
                    continue
                sent.add(request)
                with transaction.atomic():
                    response = client.post(action, data)
                    transaction.set_rollback(True)
                posted += 1
                if response.status_code >= 500:
                    failures.append(f"{action} {response.status_code} {data}")
    assert posted >= 8, "no form found: the crawl is broken"
    assert not failures, "\n".join(failures[:20])
