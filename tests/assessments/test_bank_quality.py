"""The bank-quality report, and the demo bank held to its thresholds.

A certificate is worth what its exam measures: a candidate who picks the longest option and
rules out absolute statements must not pass. These tests fail when the demo bank (demo/bank/)
slips back into the cues the report measures, or when a lesson's practice question gives away a
graded item.
"""

import difflib
import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from assessments.bank_quality import bank_report

ROOT = Path(__file__).resolve().parents[2]
BANK = sorted((ROOT / "demo" / "bank").glob("*.json"))
CURRICULUM = sorted((ROOT / "demo" / "curriculum").glob("*.json"))


def demo_items() -> list[dict]:
    return [item for path in BANK for item in json.loads(path.read_text())["questions"]]


def single(key, stem, key_text, *distractors, level="recall", **extra):
    return {
        "key": key,
        "category": extra.pop("category", "C"),
        "type": "single",
        "text": stem,
        "cognitive_level": level,
        "options": [{"text": key_text, "correct": True}]
        + [{"text": d, "correct": False} for d in distractors],
        **extra,
    }


def test_a_bank_whose_key_is_the_longest_option_is_reported():
    items = [
        single(
            f"q{n}",
            "What should a peer do when someone describes a plan to end their life?",
            "Stay with the person, ask directly about safety and connect them to 988 together.",
            "Change the subject.",
            "Never talk about it.",
            "Only call a friend.",
        )
        for n in range(12)
    ]
    problems = bank_report(items).problems()
    assert any("longest option in 100%" in p for p in problems)
    assert any("as long as distractors" in p for p in problems)
    assert any("absolute words in 67% of distractors" in p for p in problems)
    assert any("application items are 0%" in p for p in problems)


def test_all_or_none_of_the_above_is_reported():
    item = single("q", "Which fits?", "Option A", "Option B", "All of the above")
    assert any("all/none of the above" in p for p in bank_report([item]).problems())


def test_a_key_repeating_a_stem_word_no_distractor_has_is_reported():
    item = single(
        "q",
        "Which describes naloxone?",
        "Naloxone reverses opioids",
        "A stimulant drug",
        "A sleeping tablet",
        "A vitamin supplement",
    )
    assert bank_report([item]).overall.clang_items == 1


def test_the_demo_bank_meets_every_threshold_the_report_states():
    report = bank_report(demo_items())
    assert report.problems() == []


def test_the_demo_bank_is_large_mostly_application_and_covers_every_competency():
    items = demo_items()
    report = bank_report(items)
    assert len(items) >= 300
    assert report.overall.application_rate >= 0.6
    assert all(report.competencies[n] >= 8 for n in range(1, 13))
    assert set(report.difficulty) >= {"easy", "medium", "hard"}


def test_final_exam_pools_share_no_category_or_key_with_the_practice_pools():
    practice = [
        i
        for p in BANK
        if p.stem.startswith("module")
        for i in json.loads(p.read_text())["questions"]
    ]
    final = [
        i
        for p in BANK
        if p.stem.startswith("final")
        for i in json.loads(p.read_text())["questions"]
    ]
    assert final and practice
    assert not {i["category"] for i in practice} & {i["category"] for i in final}
    assert all(i["type"] == "single" and len(i["options"]) == 4 for i in final)


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z]+", text.lower()))


def _knowledge_checks() -> list[dict]:
    checks = []
    for path in CURRICULUM:
        for lesson in json.loads(path.read_text())["lessons"]:
            for block in lesson["body"]:
                if block["type"] == "knowledge_check":
                    checks.append(block["value"])
    return checks


def test_no_lesson_knowledge_check_duplicates_or_paraphrases_a_graded_item():
    """Knowledge checks are practice whose answer sits in the page: a graded item that asks the
    same thing with the same key would be answered by reading the HTML."""
    checks = _knowledge_checks()
    assert checks
    items = demo_items()
    # Each item's stem and keys are the second sequence of their matchers (difflib indexes the
    # second one): indexed once, not once per knowledge check; the ratios are the same.
    stems, keys = [], []
    for item in items:
        stems.append(difflib.SequenceMatcher(None, "", _words(item["text"])))
        keys.append(
            [
                difflib.SequenceMatcher(None, "", _words(o["text"]))
                for o in item.get("options", [])
                if o.get("correct")
            ]
        )
    for check in checks:
        check_stem = _words(check["question"])
        check_key = _words(next(o["text"] for o in check["options"] if o["correct"]))
        for item, stem, item_keys in zip(items, stems, keys, strict=True):
            stem.set_seq1(check_stem)
            # ratio() ≤ quick_ratio() ≤ real_quick_ratio(): a stem whose bound is at most 0.5
            # passes both checks below whatever its exact ratio and its key's.
            if stem.real_quick_ratio() <= 0.5 or stem.quick_ratio() <= 0.5:
                continue
            stem_similarity = stem.ratio()
            key_similarity = 0
            for key in item_keys:
                key.set_seq1(check_key)
                key_similarity = max(key_similarity, key.ratio())
            assert stem_similarity < 0.75, (item["key"], check["question"])
            assert not (stem_similarity > 0.5 and key_similarity > 0.6), (
                item["key"],
                check["question"],
            )


@pytest.mark.django_db
def test_bank_report_command_reads_files_and_states_its_thresholds(capsys):
    call_command("bank_report", *map(str, BANK), "--strict")
    out = capsys.readouterr().out
    assert "Thresholds:" in out
    assert "No problems: the bank meets every threshold." in out
