from .accounts import UserFactory
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
