from .accounts import UserFactory
from .assessments import (
    AccommodationFactory,
    AssessmentPageFactory,
    PoolRuleFactory,
    QuestionCategoryFactory,
    QuestionFactory,
)
from .courses import (
    CourseIndexPageFactory,
    CoursePageFactory,
    EnrollmentFactory,
    HomePageFactory,
    LessonCompletionFactory,
    LessonPageFactory,
    ModuleDomainHoursFactory,
    ModulePageFactory,
    TrainingDomainFactory,
)

__all__ = [
    "AccommodationFactory",
    "AssessmentPageFactory",
    "PoolRuleFactory",
    "QuestionCategoryFactory",
    "QuestionFactory",
    "CourseIndexPageFactory",
    "CoursePageFactory",
    "EnrollmentFactory",
    "HomePageFactory",
    "LessonCompletionFactory",
    "LessonPageFactory",
    "ModuleDomainHoursFactory",
    "ModulePageFactory",
    "TrainingDomainFactory",
    "UserFactory",
]
