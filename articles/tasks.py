from celery import shared_task

from . import services


@shared_task(acks_late=True, ignore_result=True)
def send_review_reminders():
    """Weekly (beat): remind reviewers and editors of articles due for medical review."""
    services.send_review_reminders()
