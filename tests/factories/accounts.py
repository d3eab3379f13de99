import factory
from django.contrib.auth.hashers import make_password

from accounts.models import User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = "correct-horse-battery"  # noqa: S105 (every test user's)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        return super()._build(model_class, *args, **_hashed(kwargs))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Hashed before the insert, so the user is written once (set_password after creation
        # cost a second save per user).
        return super()._create(model_class, *args, **_hashed(kwargs))

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*extracted)


def _hashed(kwargs: dict) -> dict:
    """`password` as set_password would store it (None: an unusable password)."""
    return {**kwargs, "password": make_password(kwargs.get("password"))}
