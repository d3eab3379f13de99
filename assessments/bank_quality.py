"""How much a question bank can be passed without knowing the content: pure functions.

Item-writing guidelines (Haladyna, Downing & Rodriguez 2002; the NBME item-writing guide) name
the cues test-wise candidates use: the key is the longest, most qualified option; distractors
carry absolute words ("never", "only") that make them easy to rule out; "all/none of the above";
the key repeats a word of the stem that no distractor has. This module measures those cues on
plain item dicts (the bank's import format), per category and overall, against thresholds it
states, and reports coverage of the exam blueprint's domains and SAMHSA's twelve competencies.
`manage.py bank_report` and the admin's "Bank quality" page print it; a test holds the demo
bank to it.

The cues are words, so they are listed per language: a Spanish bank (the Spanish versions of the
items, assessments/translation.py) is measured with Spanish absolute words ("siempre", "nunca",
"solo"…) and "todas/ninguna de las anteriores", against the same thresholds.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

ABSOLUTE_WORDS = re.compile(
    r"\b(always|never|only|must|all|none|every|everyone|nobody|completely|entirely|"
    r"absolutely|guarantee[sd]?|impossible|certainly)\b",
    re.IGNORECASE,
)
ALL_NONE_OF_THE_ABOVE = re.compile(r"\b(all|none) of the above\b", re.IGNORECASE)
# "sólo" is the older spelling of "solo"; "debe" is "must".
SPANISH_ABSOLUTE_WORDS = re.compile(
    r"\b(siempre|nunca|s[oó]lo|solamente|debe|todos|todas|ninguno|ninguna|completamente|"
    r"totalmente|absolutamente|garantiza|imposible|ciertamente)\b",
    re.IGNORECASE,
)
SPANISH_ALL_NONE_OF_THE_ABOVE = re.compile(
    r"\b(tod[oa]s\s+(de\s+)?(las|los)\s+(opciones\s+)?anteriores|"
    r"ningun[oa]\s+de\s+(las|los)\s+(opciones\s+)?anteriores)\b",
    re.IGNORECASE,
)
CUE_WORDS = {
    "en": (ABSOLUTE_WORDS, ALL_NONE_OF_THE_ABOVE),
    "es": (SPANISH_ABSOLUTE_WORDS, SPANISH_ALL_NONE_OF_THE_ABOVE),
}
_WORD = re.compile(r"[^\W\d_]{6,}")

# The thresholds the report holds a bank to (stated on the report itself).
KEY_LONGEST_FACTOR = 1.2  # key longest in at most 1.2 × its fair share (1 / options) of items
LENGTH_RATIO_RANGE = (0.85, 1.15)  # mean key length / mean distractor length
ABSOLUTE_RATE_MAX = 0.06  # share of keys, and of distractors, holding an absolute word
ABSOLUTE_GAP_MAX = 0.04  # and the two shares differ by at most this
APPLICATION_MIN = 0.60  # scenario items ("what does the peer do next")
COMPETENCY_MIN_ITEMS = 8  # items per SAMHSA competency, bank-wide
COMPETENCIES = range(1, 13)
MIN_SINGLE_ITEMS_FOR_LENGTH_CHECKS = 10  # too few single-answer items say nothing about cues


@dataclass
class CueMetrics:
    items: int = 0
    single_items: int = 0
    key_longest: int = 0
    fair_share: float = 0.0  # expected key-longest items if length told nothing
    length_ratios: list[float] = field(default_factory=list)
    keys: int = 0
    distractors: int = 0
    absolute_keys: int = 0
    absolute_distractors: int = 0
    all_none_of_the_above: int = 0
    clang_items: int = 0
    application: int = 0

    @property
    def key_longest_rate(self) -> float:
        return self.key_longest / self.single_items if self.single_items else 0.0

    @property
    def fair_share_rate(self) -> float:
        return self.fair_share / self.single_items if self.single_items else 0.0

    @property
    def length_ratio(self) -> float:
        return sum(self.length_ratios) / len(self.length_ratios) if self.length_ratios else 1.0

    @property
    def absolute_key_rate(self) -> float:
        return self.absolute_keys / self.keys if self.keys else 0.0

    @property
    def absolute_distractor_rate(self) -> float:
        return self.absolute_distractors / self.distractors if self.distractors else 0.0

    @property
    def application_rate(self) -> float:
        return self.application / self.items if self.items else 0.0

    def problems(self) -> list[str]:
        found = []
        if self.single_items >= MIN_SINGLE_ITEMS_FOR_LENGTH_CHECKS:
            limit = KEY_LONGEST_FACTOR * self.fair_share_rate
            if self.key_longest_rate > limit:
                found.append(
                    f"the key is the longest option in {self.key_longest_rate:.0%} of "
                    f"single-answer items (limit {limit:.0%})"
                )
            low, high = LENGTH_RATIO_RANGE
            if not low <= self.length_ratio <= high:
                found.append(
                    f"keys are {self.length_ratio:.2f}× as long as distractors "
                    f"(allowed {low}–{high})"
                )
        if self.absolute_key_rate > ABSOLUTE_RATE_MAX:
            found.append(f"absolute words in {self.absolute_key_rate:.0%} of keys")
        if self.absolute_distractor_rate > ABSOLUTE_RATE_MAX:
            found.append(f"absolute words in {self.absolute_distractor_rate:.0%} of distractors")
        if abs(self.absolute_key_rate - self.absolute_distractor_rate) > ABSOLUTE_GAP_MAX:
            found.append("absolute words tell keys from distractors")
        if self.all_none_of_the_above:
            found.append(f'{self.all_none_of_the_above} "all/none of the above" option(s)')
        if self.clang_items:
            found.append(f"{self.clang_items} key(s) repeat a stem word no distractor has")
        if self.items and self.application_rate < APPLICATION_MIN:
            found.append(
                f"application items are {self.application_rate:.0%} (at least "
                f"{APPLICATION_MIN:.0%})"
            )
        return found


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text or "")}


def add_item(metrics: CueMetrics, item: Mapping, *, language: str = "en") -> None:
    absolute_words, all_none_of_the_above = CUE_WORDS.get(language, CUE_WORDS["en"])
    metrics.items += 1
    if item.get("cognitive_level") == "application":
        metrics.application += 1
    options = item.get("options") or []
    for option in options:
        if all_none_of_the_above.search(option.get("text", "")):
            metrics.all_none_of_the_above += 1
    if item.get("type") != "single" or len(options) < 2:
        return
    keys = [o for o in options if o.get("correct")]
    distractors = [o for o in options if not o.get("correct")]
    if len(keys) != 1 or not distractors:
        return
    key = keys[0]["text"]
    metrics.single_items += 1
    lengths = [len(o["text"]) for o in distractors]
    if len(key) >= max(lengths):
        metrics.key_longest += 1
    metrics.fair_share += 1 / len(options)
    metrics.length_ratios.append(len(key) / (sum(lengths) / len(lengths)))
    metrics.keys += 1
    metrics.distractors += len(distractors)
    metrics.absolute_keys += bool(absolute_words.search(key))
    metrics.absolute_distractors += sum(bool(absolute_words.search(o["text"])) for o in distractors)
    distractor_words = set().union(*(_words(o["text"]) for o in distractors))
    if (_words(item.get("text", "")) & _words(key)) - distractor_words:
        metrics.clang_items += 1


@dataclass
class BankReport:
    overall: CueMetrics
    by_category: dict[str, CueMetrics]
    domains: Counter
    competencies: Counter
    difficulty: Counter
    blueprint: dict[str, float]  # domain → weight share of the exam, when one was given
    never_drawn: list[str] = field(default_factory=list)
    flagged: list[str] = field(default_factory=list)
    language: str = "en"
    # Live items with no version in this language (readers see them in English).
    untranslated: list[str] = field(default_factory=list)

    @property
    def rows(self) -> list[tuple[str, CueMetrics]]:
        return [("overall", self.overall), *sorted(self.by_category.items())]

    def coverage_problems(self) -> list[str]:
        found = []
        thin = [n for n in COMPETENCIES if self.competencies.get(n, 0) < COMPETENCY_MIN_ITEMS]
        if thin:
            found.append(
                "SAMHSA competencies with fewer than "
                f"{COMPETENCY_MIN_ITEMS} items: {', '.join(map(str, thin))}"
            )
        missing = [d for d in self.blueprint if not self.domains.get(d)]
        if missing:
            found.append(f"blueprint domains with no items: {', '.join(missing)}")
        return found

    def problems(self) -> list[str]:
        found = [f"overall: {p}" for p in self.overall.problems()]
        for name, metrics in sorted(self.by_category.items()):
            found += [f"{name}: {p}" for p in metrics.problems()]
        return found + self.coverage_problems()

    def lines(self) -> list[str]:
        """The report as text, thresholds included (what `manage.py bank_report` prints)."""
        out = [
            f"Items: {self.overall.items} ({self.overall.single_items} single-answer)"
            + (f", language {self.language}" if self.language != "en" else ""),
            "Thresholds: key longest ≤ "
            f"{KEY_LONGEST_FACTOR}× fair share; key/distractor length "
            f"{LENGTH_RATIO_RANGE[0]}–{LENGTH_RATIO_RANGE[1]}; absolute words ≤ "
            f"{ABSOLUTE_RATE_MAX:.0%} of keys and of distractors (gap ≤ {ABSOLUTE_GAP_MAX:.0%}); "
            f'no "all/none of the above"; application ≥ {APPLICATION_MIN:.0%}; every SAMHSA '
            f"competency ≥ {COMPETENCY_MIN_ITEMS} items.",
        ]
        for name, m in self.rows:
            out.append(
                f"{name}: {m.items} items; key longest {m.key_longest_rate:.0%} "
                f"(fair {m.fair_share_rate:.0%}); length ratio {m.length_ratio:.2f}; absolute "
                f"words keys {m.absolute_key_rate:.0%} / distractors "
                f"{m.absolute_distractor_rate:.0%}; application {m.application_rate:.0%}"
            )
        total = sum(self.domains.values()) or 1
        for domain, count in sorted(self.domains.items()):
            weight = self.blueprint.get(domain)
            target = f" (blueprint {weight:.0%})" if weight is not None else ""
            out.append(f"domain {domain}: {count} items, {count / total:.0%}{target}")
        out.append(
            "competencies: "
            + ", ".join(f"{n}: {self.competencies.get(n, 0)}" for n in COMPETENCIES)
        )
        out.append(
            "difficulty: " + ", ".join(f"{k} {v}" for k, v in sorted(self.difficulty.items()))
        )
        if self.language != "en":
            out.append(
                f"untranslated: {len(self.untranslated)} items have no {self.language} version "
                "and are shown in English"
                + (f" ({', '.join(self.untranslated[:20])})" if self.untranslated else "")
            )
        if self.never_drawn:
            out.append(f"never drawn: {len(self.never_drawn)} ({', '.join(self.never_drawn[:20])})")
        if self.flagged:
            out.append(f"flagged by their statistics: {', '.join(self.flagged)}")
        problems = self.problems()
        out += [f"PROBLEM {p}" for p in problems] or [
            "No problems: the bank meets every threshold."
        ]
        return out


def bank_report(
    items: Iterable[Mapping],
    *,
    blueprint: Mapping[str, float] | None = None,
    never_drawn: Sequence[str] = (),
    flagged: Sequence[str] = (),
    language: str = "en",
    untranslated: Sequence[str] = (),
) -> BankReport:
    overall = CueMetrics()
    by_category: dict[str, CueMetrics] = {}
    domains: Counter = Counter()
    competencies: Counter = Counter()
    difficulty: Counter = Counter()
    for item in items:
        add_item(overall, item, language=language)
        add_item(
            by_category.setdefault(item.get("category") or "—", CueMetrics()),
            item,
            language=language,
        )
        if item.get("domain"):
            domains[item["domain"]] += 1
        if item.get("competency"):
            competencies[int(item["competency"])] += 1
        difficulty[item.get("difficulty") or "—"] += 1
    weights = dict(blueprint or {})
    total_weight = sum(weights.values()) or 1
    return BankReport(
        overall=overall,
        by_category=by_category,
        domains=domains,
        competencies=competencies,
        difficulty=difficulty,
        blueprint={d: w / total_weight for d, w in weights.items()},
        never_drawn=list(never_drawn),
        flagged=list(flagged),
        language=language,
        untranslated=list(untranslated),
    )
