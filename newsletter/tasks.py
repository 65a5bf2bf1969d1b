"""Digest tasks: they take ids, call a service, and are safe to run twice (state is in the database)."""

from celery import shared_task

from . import services

TASK_OPTIONS = {"acks_late": True, "reject_on_worker_lost": True, "ignore_result": True}


@shared_task(**TASK_OPTIONS)
def start_digest(frequency):
    """Beat's entry point: this period's run, created once."""
    services.start_digest_run(frequency=frequency)


@shared_task(bind=True, max_retries=5, **TASK_OPTIONS)
def prepare_digest_run(self, run_id):
    try:
        batches = services.prepare_digest_run(run_id=run_id)
    except Exception as exc:
        raise self.retry(exc=exc, countdown=30 * 2**self.request.retries) from exc
    for _ in range(batches):
        send_digest_batch.delay(run_id)


@shared_task(bind=True, max_retries=8, **TASK_OPTIONS)
def send_digest_batch(self, run_id):
    """One batch over one SMTP connection. A redelivered task (same id) resumes its own claim.

    Recipients refused for now (4xx) wait in the database, not in a delayed task: the sweep hands
    them to a new batch when they are due.
    """
    worker = self.request.id or "eager"
    try:
        services.send_digest_batch(run_id=run_id, worker=worker)
    except OSError as exc:  # SMTP server down or the connection dropped: the batch was released
        if self.request.is_eager:
            raise
        raise self.retry(exc=exc, countdown=min(30 * 2**self.request.retries, 1800)) from exc


@shared_task(**TASK_OPTIONS)
def sweep_digest_runs():
    """Start runs beat missed (the broker was down at their minute), and resume quiet ones (a lost
    task, a dead worker, refused rows now due): new batch tasks."""
    for frequency in services.missed_digests():
        services.start_digest_run(frequency=frequency)
    for run_id, what in services.stalled_digest_runs():
        if what == "prepare":
            prepare_digest_run.delay(run_id)
        else:
            for _ in range(what):
                send_digest_batch.delay(run_id)
