from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core import jobs


def _database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return "down"
    return "ok"


def _queue_status() -> str:
    if not jobs.queue_enabled():
        return "ok"  # jobs run in-process: there is nothing that can be down
    try:
        jobs.get_queue().connection.ping()
    except Exception:
        return "down"
    return "ok"


@never_cache
@require_GET
def healthz(request):
    checks = {"database": _database_status(), "queue": _queue_status()}
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(checks, status=200 if healthy else 503)
