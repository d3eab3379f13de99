from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib.auth import views as auth_views
from django.templatetags.static import static as static_url
from django.urls import include, path, re_path
from django.utils.functional import lazy
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.documents import urls as wagtaildocs_urls

from assessments.admin_views import BankScopedSiteHistoryView
from cms import account, i18n
from cms.dashboard import dashboard
from cms.views import healthz
from courses.permissions import for_every_course_only
from credentials import urls as credentials_urls
from verification import urls as verification_urls

# A certificate's files (/verify/<code>/certificate.pdf, credential.json and .jwt) have one URL
# in every language; its pages (/verify/, /verify/pdf/, /verify/<code>/) have an /es/ twin.
# /verify/ is verification's, in one include; the credential files are credentials' views, and
# verification may not import its sibling, so the roof, which may import both, hands them over.
VERIFY_FILES = {"verify_pdf"}
verify_file_urls = [
    pattern for pattern in verification_urls.urlpatterns if pattern.name in VERIFY_FILES
] + credentials_urls.verify_urlpatterns
verify_page_urls = [
    pattern for pattern in verification_urls.urlpatterns if pattern.name not in VERIFY_FILES
]

wagtail_page_urls = [
    re_path(pattern.pattern.regex.pattern, i18n.serve_page, name="wagtail_serve")
    if pattern.name == "wagtail_serve"
    else pattern
    for pattern in wagtail_urls.urlpatterns
]

lazy_static = lazy(static_url, str)

# One URL whatever the language: health, the admin, files, the API, the issuer's keys, lists
# and profile, /.well-known/ and the wallet protocol.
urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Pages name the SVG icon, but a browser showing something that is not a page (a
    # credential's JSON, a PDF) still asks for /favicon.ico: send it to the same icon.
    path(
        "favicon.ico",
        # Resolved per request: the static files' manifest need not exist when URLs load.
        RedirectView.as_view(url=lazy_static("cms/img/favicon.svg"), permanent=True),
        name="favicon",
    ),
    # The language switcher on every page posts here (cms/i18n.py).
    path("i18n/setlang/", i18n.set_language, name="set_language"),
    # Wagtail's site history, scoped to the question bank each instructor may see: these
    # shadow the report's own two URLs, with the admin's access check.
    path(
        "admin/reports/site-history/",
        require_admin_access(BankScopedSiteHistoryView.as_view()),
        name="site_history",
    ),
    path(
        "admin/reports/site-history/results/",
        require_admin_access(BankScopedSiteHistoryView.as_view(results_only=True)),
        name="site_history_results",
    ),
    # Wagtail's page-types-usage report names the latest (draft) title of each type's last
    # edited page, in any course: for reviewers and superusers only.
    path(
        "admin/reports/page-types-usage/",
        require_admin_access(for_every_course_only(PageTypesUsageReportView.as_view())),
        name="page_types_usage",
    ),
    path(
        "admin/reports/page-types-usage/results/",
        require_admin_access(
            for_every_course_only(PageTypesUsageReportView.as_view(results_only=True))
        ),
        name="page_types_usage_results",
    ),
    # Wagtail's admin logout deletes the session cookie on any request, a GET included (a link
    # or an image on another site), without ending the session: Django's own takes its URL
    # (POST only, the session flushed), and Wagtail's sign-out button posts to it as before.
    path(
        "admin/logout/",
        auth_views.LogoutView.as_view(next_page="wagtailadmin_login"),
        name="wagtailadmin_logout",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("verify/", include(verify_file_urls)),
    path("", include("verification.api_urls")),
    path("", include("certificates.public_urls")),
    path("", include("credentials.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Site pages: English at the URLs they always had, Spanish under /es/ (CONTRACT.md). Add a
# person-facing page here; a file or machine endpoint above.
urlpatterns += i18n_patterns(
    path("accounts/", include("accounts.urls")),
    # The person's own page and their data reach into several apps, so the roof serves them;
    # accounts.urls has nothing under profile/.
    path("accounts/profile/", account.account, name="account"),
    path("accounts/profile/my-data.json", account.account_data, name="account_data"),
    path("dashboard/", dashboard, name="dashboard"),
    path("learn/", include("courses.urls")),
    path("assessments/", include("assessments.urls")),
    path("certification/", include("certificates.urls")),
    path("sessions/", include("cohorts.urls")),
    path("evaluations/", include("evaluations.urls")),
    path("ce/", include("continuing_education.urls")),
    path("apply/", include("applications.urls")),
    path("complaints/", include("discipline.urls")),
    path("programs/", include("outcomes.urls")),
    path("verify/", include(verify_page_urls)),
    path("", include("employers.urls")),
    # Wagtail's page serving catches everything else, so it stays last: its own patterns, with
    # the page view that keeps old /es/ links working (cms/i18n.py).
    path("", include(wagtail_page_urls)),
    prefix_default_language=False,
)
