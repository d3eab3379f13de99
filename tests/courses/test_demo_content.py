"""What a certification board's reviewer checks in the demo curriculum (demo/curriculum/*.json):
hours that add up and meet IC&RC's split, current facts stated the way the sources state them,
and practice knowledge checks that never give away a graded item. Reads the data only; no
database."""

import html
import json
import math
import re
from collections import Counter
from decimal import Decimal
from difflib import SequenceMatcher

import pytest
from django.conf import settings

from certificates.demo import ICRC_SPLIT
from courses.blocks import LessonStreamBlock
from courses.demo import load_modules

SAMHSA_DEFINITION = (
    "A process of change through which individuals improve their health and wellness, live a "
    "self-directed life, and strive to reach their full potential."
)


@pytest.fixture(scope="module")
def modules():
    return load_modules()


def strings(value):
    """Every string inside a JSON value (titles, HTML, options, questions…)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def plain(text: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text))).strip()


def sentences(module) -> list[str]:
    return [s for text in strings(module) for s in re.split(r"(?<=[.!?])\s+", plain(text))]


def knowledge_checks(modules):
    for number, module in enumerate(modules, start=1):
        for lesson in module["lessons"]:
            for block in lesson["body"]:
                if block["type"] == "knowledge_check":
                    yield number, lesson["slug"], block["value"]


def test_every_lesson_body_is_valid_stream_data(modules):
    stream = LessonStreamBlock()
    for module in modules:
        for lesson in module["lessons"]:
            stream.clean(stream.to_python(lesson["body"]))


def test_hours_add_up_and_meet_the_icrc_split(modules):
    totals = Counter()
    for module in modules:
        minutes = sum(lesson["estimated_minutes"] for lesson in module["lessons"])
        contact = Decimal(module["contact_hours"])
        assert contact == Decimal(minutes) / 60, module["slug"]
        assert sum(Decimal(h) for h in module["domain_hours"].values()) == contact, module["slug"]
        totals.update({name: Decimal(h) for name, h in module["domain_hours"].items()})
    for domain, floor in ICRC_SPLIT.items():
        assert totals[domain] >= floor, (domain, totals[domain], floor)


def test_every_samhsa_competency_is_taught(modules):
    taught = {number for module in modules for number in module["competencies"]}
    assert taught == set(range(1, 13))


def test_recovery_planning_is_taught_in_module_two(modules):
    module = modules[1]
    assert 5 in module["competencies"] and {2, 3, 10} <= set(module["competencies"])
    [lesson] = [x for x in module["lessons"] if x["slug"] == "supporting-recovery-planning"]
    kinds = {block["type"] for block in lesson["body"]}
    assert {"case_scenario", "reflection", "knowledge_check"} <= kinds
    assert lesson["estimated_minutes"] >= 60
    assert Decimal(module["domain_hours"]["Recovery/Wellness Support"]) >= Decimal("1.5")
    text = plain(" ".join(strings(lesson)))
    assert "The person owns and writes the plan; the peer supports it." in text
    assert "early warning signs" in text and "without shame" in text


def test_samhsa_recovery_definition_is_quoted_exactly(modules):
    texts = [plain(t) for module in modules for t in strings(module)]
    assert any(SAMHSA_DEFINITION in t for t in texts)
    # Any other quotation of it must be word for word too.
    for text in texts:
        for match in re.finditer(r"process of change through which[^\"”]*", text, re.I):
            assert match.group(0).rstrip(".").lower() in SAMHSA_DEFINITION.lower(), match.group(0)


def test_no_ordered_list_puts_breathing_support_before_the_reversal_medication(modules):
    medication = re.compile(r"naloxone|nalmefene|reversal medication", re.I)
    for module in modules:
        for text in strings(module):
            for ordered in re.findall(r"<ol>(.*?)</ol>", text, re.S):
                items = [plain(i) for i in re.findall(r"<li>(.*?)</li>", ordered, re.S)]
                breathing = [i for i, item in enumerate(items) if re.search(r"breath", item, re.I)]
                given = [i for i, item in enumerate(items) if medication.search(item)]
                if breathing and given:
                    assert min(given) <= min(breathing), items


def test_overdose_response_matches_the_current_samhsa_toolkit_in_both_modules(modules):
    module_1 = " ".join(sentences(modules[0]))
    module_4 = " ".join(sentences(modules[3]))
    for text in (module_1, module_4):
        assert re.search(
            r"call 911 and give (naloxone|a reversal medication).{0,80}without delay", text
        )
        assert "2–3 minutes" in text
        assert "nalmefene" in text
    assert "breathing, not by waking" in module_4
    assert "Overdose Prevention and Response Toolkit" in module_4
    assert "30 to 90 minutes" in module_4
    assert re.search(r"xylazine.{0,400}Give naloxone anyway", module_4, re.I | re.S)
    assert "wound" in module_4
    for objective in modules[3]["objectives"]:
        assert not ("overdose" in objective and "in order" in objective), objective
    # The superseded breathing-first sequence is only ever named as superseded.
    for sentence in sentences(modules[3]) + sentences(modules[0]):
        if "Five Essential Steps" in sentence:
            assert "superseded" in sentence or "older" in sentence, sentence


def test_policy_facts_are_stated_as_they_now_stand(modules):
    everything = [s for module in modules for s in sentences(module)]
    joined = " ".join(everything)
    # 42 CFR Part 2
    assert "must comply by" not in joined
    assert "compliance has been required since February 16, 2026" in joined
    part_2 = " ".join(sentences(modules[4]))
    assert "Office for Civil Rights (OCR)" in part_2 and "August 2025" in part_2
    assert "updated notice" in part_2
    # Harm reduction: the evidence, not the withdrawn framework; funding rules
    for sentence in everything:
        if "Harm Reduction Framework" in sentence:
            assert "withdr" in sentence, sentence
    assert "April 2026 SAMHSA letter" in joined
    assert "naloxone and nalmefene remain fundable" in joined
    # Language access
    language = " ".join(sentences(modules[2]))
    for fact in ("Title VI", "Section 1557", "Executive Order 14224", "Executive Order 13166"):
        assert fact in language
    assert "Those laws still bind." in language
    # Buprenorphine
    assert "Consolidated Appropriations Act, 2023, signed on 29 December 2022" in joined
    assert "MATE Act" in joined and "eight-hour training" in joined
    # Overdose figures that do not date the lesson
    assert "in each of 2021" not in joined and "Provisional" not in joined
    assert "about 27 percent" in joined
    # 988
    for sentence in everything:
        if "press 3" in sentence:
            assert "ended" in sentence and "July 17, 2025" in sentence, sentence
    assert "press 2" in " ".join(sentences(modules[3]))
    # Ethics code for NCPRSS holders
    ethics = " ".join(sentences(modules[5]))
    assert "NAADAC/NCC AP Peer Recovery Support Specialist Code of Ethics" in ethics
    assert not re.search(r"NAADAC's Code of Ethics applies[^.]*NCPRSS", ethics)


def _tokens(text: str) -> list[str]:
    stop = {"the", "and", "for", "with", "that", "this", "what", "which", "who", "you", "your"}
    return [
        w for w in re.findall(r"[a-z0-9]+", plain(text).lower()) if len(w) > 2 and w not in stop
    ]


def _bank_items():
    items = []
    for path in sorted((settings.BASE_DIR / "demo" / "bank").glob("*.json")):
        for item in json.loads(path.read_text(encoding="utf-8"))["questions"]:
            keys = [o["text"] for o in item.get("options", []) if o.get("correct")]
            keys += [" ".join(pair) for pair in item.get("pairs", [])]
            items.append((item["key"], item["text"], " ".join(keys)))
    return items


def test_knowledge_checks_never_duplicate_or_paraphrase_a_graded_item(modules):
    """Answers to knowledge checks are revealed in the page, so none may be a graded question
    in other words: neither a near-identical stem nor a high TF-IDF cosine over stem + key."""
    bank = _bank_items()
    assert bank, "the demo bank is empty"
    checks = [
        (
            f"module {n} / {slug}",
            check["question"],
            " ".join(o["text"] for o in check["options"] if o["correct"]),
        )
        for n, slug, check in knowledge_checks(modules)
    ]
    documents = [Counter(_tokens(f"{q} {k}")) for _, q, k in bank + checks]
    frequency = Counter(word for document in documents for word in document)

    def vector(counts):
        weights = {
            w: (1 + math.log(n)) * math.log(len(documents) / frequency[w])
            for w, n in counts.items()
        }
        norm = math.sqrt(sum(x * x for x in weights.values())) or 1.0
        return {w: x / norm for w, x in weights.items()}

    bank_vectors = [vector(d) for d in documents[: len(bank)]]
    # Each bank stem is the second sequence of its matcher (the one difflib indexes): indexed
    # once, not once per knowledge check.
    bank_stems = [SequenceMatcher(None, "", plain(q).lower()) for _, q, _ in bank]
    for (where, question, _key), counts in zip(checks, documents[len(bank) :], strict=True):
        mine = vector(counts)
        check_stem = plain(question).lower()
        for (bank_key, _, _), theirs, stem in zip(bank, bank_vectors, bank_stems, strict=True):
            cosine = sum(mine.get(w, 0.0) * x for w, x in theirs.items())
            assert cosine < 0.35, (where, bank_key, round(cosine, 2))
            stem.set_seq1(check_stem)
            # ratio() ≤ quick_ratio() ≤ real_quick_ratio(): below 0.6 on a bound, below on ratio.
            if stem.real_quick_ratio() >= 0.6 and stem.quick_ratio() >= 0.6:
                assert stem.ratio() < 0.6, (where, bank_key, round(stem.ratio(), 2))
