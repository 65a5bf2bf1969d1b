from celery import shared_task
from django.conf import settings

from . import mail


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None, ignore_result=True)
def send_outgoing_email(self, email_id):
    result = mail.deliver_outgoing_email(email_id=email_id)
    if result == mail.RETRY and not self.request.is_eager and self.request.retries < settings.MAIL_MAX_ATTEMPTS:
        countdown = mail.retry_delay(self.request.retries + 1).total_seconds()
        raise self.retry(countdown=countdown)


@shared_task(acks_late=True, ignore_result=True)
def sweep_outgoing_email():
    """Send what was recorded but never sent: the broker was down, a worker died, a retry is due."""
    for email_id in mail.due_outgoing_emails():
        send_outgoing_email.delay(email_id)
