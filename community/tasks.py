from celery import shared_task

from . import services


@shared_task(acks_late=True)
def send_notification_email(user_id):
    wait = services.email_due_notifications(user_id=user_id)
    if wait and not send_notification_email.app.conf.task_always_eager:
        # Folded into one e-mail once the 15 minutes since the last one have passed.
        send_notification_email.apply_async((user_id,), countdown=wait)


@shared_task(acks_late=True)
def sweep_notification_emails():
    """Catch what a lost task or a restart missed (run by beat every few minutes)."""
    for user_id in services.recipients_with_due_notifications():
        send_notification_email.delay(user_id)
