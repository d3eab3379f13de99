"""Locust scenario for bench/scale/load.py (run it through load.py, which prepares the data file
and the server; alone it needs PEERCERT_LOAD_DATA and --host).

Two user classes, run one at a time:

- MixedUser: a trainee's and an employer's traffic together. Each locust user works as one
  signed-in trainee (a session made for it beforehand, so password hashing does not eat into
  the measured window) and switches to the next trainee once it has submitted a quiz:
      lesson page         GET a lesson this trainee may open (also records "last lesson")
      dashboard           GET /dashboard/
      quiz page           GET the module 1 quiz (standing, attempts)       } once per trainee,
      quiz start          POST start → 302 to the attempt                  } before its first
      attempt page        GET the attempt (parsed for its answer fields)   } autosave
      autosave            POST the attempt form to the JSON autosave endpoint
      submit              POST the form to submit (grading, requirement checks, jobs)
      verify page         GET /verify/<code>/, anonymous (5 % unknown codes: 404 expected)
      verify API          GET /api/v1/verify/<code>, anonymous (likewise)
- BareUser: GET /bench/bare/, anonymous: the same middleware and nothing else (the baseline).

No think time: every user sends its next request as soon as the last one is answered, so the
run measures capacity at 50 concurrent requests, not a browsing rhythm.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from urllib.parse import urlencode

from locust import FastHttpUser, constant, task

DATA = json.loads(open(os.environ["PEERCERT_LOAD_DATA"]).read())  # noqa: SIM115
ACCOUNTS = itertools.cycle(DATA["accounts"])  # gevent: one process, no locking needed
CODES = DATA["codes"]
UNKNOWN = DATA["unknown_codes"]
assert CODES and DATA["accounts"], "empty load data"

CHOICE = re.compile(r'<input type="(radio|checkbox)" name="(q-\d+)" value="(\d+)"')
TEXT = re.compile(r'<input type="text" id="q-\d+" name="(q-\d+)"')
ESSAY = re.compile(r'<textarea id="q-\d+" name="(q-\d+)"')
SELECT = re.compile(r'<select name="(q-\d+-\d+)"[^>]*>(.*?)</select>', re.S)
OPTION = re.compile(r'<option value="(\d+)"')


def answer_form(html: str) -> list[tuple[str, str, list[str]]]:
    """(field, kind, possible values) for every answer field of an attempt page."""
    fields: dict[str, tuple[str, list[str]]] = {}
    for kind, name, value in CHOICE.findall(html):
        fields.setdefault(name, (kind, []))[1].append(value)
    for name in TEXT.findall(html):
        fields[name] = ("text", ["minimum necessary", "not sure"])
    for name in ESSAY.findall(html):
        fields[name] = (
            "text",
            ["I would stay calm, ask directly about safety, use 988 and tell my supervisor."],
        )
    for name, options in SELECT.findall(html):
        fields[name] = ("select", OPTION.findall(options))
    return [(name, kind, values) for name, (kind, values) in fields.items() if values]


def answers(form) -> list[tuple[str, str]]:
    """What the attempt page's form would post after the trainee picked something."""
    data = []
    for name, kind, values in form:
        if kind == "checkbox":
            data.append((name, ""))  # the page's hidden "none chosen" field
            data += [(name, v) for v in random.sample(values, random.randint(1, len(values)))]
        else:
            data.append((name, random.choice(values)))
    return data


class MixedUser(FastHttpUser):
    wait_time = constant(0)

    def on_start(self):
        self.client.client.cookiejar = None  # cookies are set per request, per role
        self.next_account()

    def next_account(self):
        self.account = next(ACCOUNTS)
        self.cookie = f"sessionid={self.account['session']}; csrftoken={self.account['csrf']}"
        self.attempt = None
        self.form: list[tuple[str, str, list[str]]] = []

    def _get(self, path, name, *, cookie=True, ok=(200,)):
        headers = {"Cookie": self.cookie} if cookie else {}
        with self.client.get(
            path, name=name, headers=headers, catch_response=True, allow_redirects=False
        ) as response:
            if response.status_code in ok:
                response.success()
            else:
                response.failure(f"HTTP {response.status_code}")
            return response

    def _post(self, path, name, data, *, ok=(200,)):
        headers = {
            "Cookie": self.cookie,
            "X-CSRFToken": self.account["csrf"],
            "Content-Type": "application/x-www-form-urlencoded",
        }
        body = urlencode([("csrfmiddlewaretoken", self.account["csrf"]), *data])
        with self.client.post(
            path, name=name, data=body, headers=headers, catch_response=True, allow_redirects=False
        ) as response:
            if response.status_code in ok:
                response.success()
            else:
                response.failure(f"HTTP {response.status_code}")
            return response

    # --- signed-in trainee ---------------------------------------------------------------------

    @task(30)
    def lesson(self):
        self._get(random.choice(self.account["lessons"]), "lesson page")

    @task(10)
    def dashboard(self):
        self._get("/dashboard/", "dashboard")

    def begin_attempt(self) -> bool:
        self._get(DATA["quiz_url"], "quiz page")
        response = self._post(f"/assessments/{DATA['quiz_id']}/start/", "quiz start", [], ok=(302,))
        location = response.headers.get("Location", "") if response.status_code == 302 else ""
        match = re.search(r"/assessments/attempts/(\d+)/$", location)
        if not match:
            self.next_account()  # no attempt left for this trainee: take the next one
            return False
        self.attempt = match.group(1)
        page = self._get(f"/assessments/attempts/{self.attempt}/", "attempt page")
        self.form = answer_form(page.text or "")
        return bool(self.form)

    @task(20)
    def autosave(self):
        if self.attempt is None and not self.begin_attempt():
            return
        self._post(
            f"/assessments/attempts/{self.attempt}/autosave/", "autosave", answers(self.form)
        )

    @task(2)
    def submit(self):
        if self.attempt is None and not self.begin_attempt():
            return
        self._post(
            f"/assessments/attempts/{self.attempt}/submit/", "submit", answers(self.form), ok=(302,)
        )
        self.next_account()

    # --- anonymous verification ----------------------------------------------------------------

    def code(self) -> tuple[str, tuple[int, ...]]:
        if random.random() < 0.05:
            return random.choice(UNKNOWN), (404,)
        return random.choice(CODES), (200,)

    @task(15)
    def verify_page(self):
        code, ok = self.code()
        self._get(f"/verify/{code}/", "verify page", cookie=False, ok=ok)

    @task(15)
    def verify_api(self):
        code, ok = self.code()
        self._get(f"/api/v1/verify/{code}", "verify API", cookie=False, ok=ok)


class BareUser(FastHttpUser):
    wait_time = constant(0)

    def on_start(self):
        self.client.client.cookiejar = None

    @task
    def bare(self):
        with self.client.get("/bench/bare/", name="bare view", catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
