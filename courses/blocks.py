"""Lesson blocks: the shared base set plus the teaching blocks only lessons use."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError

from core.blocks import RICH_TEXT_FEATURES, BaseStreamBlock


class CaseScenarioBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=150, label=_("Title"))
    scenario = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("Scenario"),
        help_text=_("Fictional people only. Never describe a real client."),
    )
    discussion_questions = blocks.ListBlock(
        blocks.CharBlock(max_length=300), label=_("Discussion questions"), min_num=1
    )

    class Meta:
        icon = "group"
        template = "components/blocks/case_scenario_block.html"
        description = _("A fictional case study with questions to think through.")
        preview_value = {
            "title": "Dana's first week back at work",
            "scenario": "<p>Dana, who is in recovery from alcohol use disorder, tells you she "
            "is anxious about the staff party on Friday.</p>",
            "discussion_questions": ["What open question could you ask Dana first?"],
        }


class ReflectionBlock(blocks.StructBlock):
    prompt = blocks.TextBlock(label=_("Prompt"))

    class Meta:
        icon = "edit"
        template = "components/blocks/reflection_block.html"
        description = _("A question for private reflection; answers are not stored.")
        preview_value = {"prompt": "Which of the ten guiding principles speaks to you most?"}


class KnowledgeCheckOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=300, label=_("Option"))
    correct = blocks.BooleanBlock(required=False, label=_("Correct"))


class KnowledgeCheckBlock(blocks.StructBlock):
    """Ungraded practice: the answer is revealed in the browser, so it must never be reused
    as an assessment question (graded questions live in the question bank)."""

    question = blocks.TextBlock(label=_("Question"))
    options = blocks.ListBlock(KnowledgeCheckOptionBlock(), min_num=2, max_num=6)
    explanation = blocks.TextBlock(label=_("Explanation"))

    class Meta:
        icon = "help"
        template = "components/blocks/knowledge_check_block.html"
        description = _("An ungraded practice question with instant feedback.")
        preview_value = {
            "question": "Which number connects someone to the Suicide & Crisis Lifeline?",
            "options": [{"text": "988", "correct": True}, {"text": "411", "correct": False}],
            "explanation": "988 is reachable by call, text or chat.",
        }

    def clean(self, value):
        result = super().clean(value)
        if not any(option["correct"] for option in result["options"]):
            raise StructBlockValidationError(
                block_errors={"options": ValidationError(_("Mark at least one option correct."))}
            )
        return result


class LessonStreamBlock(BaseStreamBlock):
    case_scenario = CaseScenarioBlock()
    reflection = ReflectionBlock()
    knowledge_check = KnowledgeCheckBlock()
