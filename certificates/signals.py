from django.dispatch import Signal

# Sent after an admin or a sweep changes a certificate's status: kwargs certificate.
certificate_status_changed = Signal()
