from django.dispatch import Signal

# Sent after a trainee completes a lesson: kwargs trainee, lesson.
lesson_completed = Signal()
