"""A 10,000-subscriber daily digest under faults: temporary refusals and a broker restart.

Run alone: `DATABASE_URL=postgres://postgres@127.0.0.1:5432/kindred .venv/bin/python bench/faults.py`
(needs PostgreSQL and redis-server; a database `kindred_faults_bench` on that server is created and
dropped, and the broker is a redis-server of the script's own, so nothing shared is touched).

1. migrate, seed 10,000 daily readers and one new article;
2. an aiosmtpd sink on loopback (2 ms per message) answers 451 to 100 of the addresses for the
   first REFUSE_SECONDS;
3. two Celery workers (concurrency 1) and beat with the production settings (claims, sweep, 4xx
   delays of 1, 5, 15, 60 minutes) send the run started by `send_digest --frequency daily`;
4. once 3,000 are sent the broker is stopped and started again empty 10 s later: every queued
   batch task is lost;
5. prints sent, lost, duplicates and the minutes until the run was done.
"""

import asyncio
import collections
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv/bin/python")
RECIPIENTS, REFUSED, RESTART_AFTER = 10_000, 100, 3_000
REFUSE_SECONDS = 120
DATABASE = "kindred_faults_bench"

SEED = f"""
from django.utils import timezone
from newsletter.models import Subscriber
from tests.newsletter.conftest import fresh_article
fresh_article(title="Something new to read")
Subscriber.objects.bulk_create(
    Subscriber(email=f"reader{{n}}@example.com", status="active", frequency="daily", confirmed_at=timezone.now())
    for n in range({RECIPIENTS})
)
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Sink:
    def __init__(self, refuse):
        self.received = collections.Counter()
        self.refuse, self.refusals = refuse, 0
        self.refuse_until = None
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse and (self.refuse_until is None or time.monotonic() < self.refuse_until):
            self.refusals += 1
            return "451 4.7.1 Greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(0.002)
        with self.lock:
            for address in envelope.rcpt_tos:
                self.received[address] += 1
        return "250 OK"


def redis_server(port, directory):
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=directory,
        stdout=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    return process


def main():
    from aiosmtpd.controller import Controller

    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        sys.exit("DATABASE_URL must name a PostgreSQL server")
    admin_url = urlunsplit(urlsplit(base)._replace(path="/postgres"))
    bench_url = urlunsplit(urlsplit(base)._replace(path=f"/{DATABASE}"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        conn.execute(f"CREATE DATABASE {DATABASE}")

    work = Path(tempfile.mkdtemp(prefix="kindred-faults-"))
    refuse = {f"reader{n}@example.com" for n in range(0, RECIPIENTS, RECIPIENTS // REFUSED)}
    sink = Sink(refuse)
    smtp_port, redis_port = free_port(), free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    broker = redis_server(redis_port, work)
    env = {
        name: value for name, value in os.environ.items() if not name.startswith(("CELERY_", "NEWSLETTER_", "EMAIL_"))
    }
    env.update(
        DATABASE_URL=bench_url,
        REDIS_URL=f"redis://127.0.0.1:{redis_port}/1",
        CELERY_BROKER_URL=f"redis://127.0.0.1:{redis_port}/0",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_port),
        VAR_DIR=str(work),
        LOG_LEVEL="WARNING",
    )
    processes = []
    try:
        subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        subprocess.run([PYTHON, "manage.py", "shell", "-c", SEED], cwd=ROOT, env=env, check=True)
        celery = [str(ROOT / ".venv/bin/celery"), "-A", "config"]
        for n in range(2):
            worker = [*celery, "worker", "--concurrency=1", f"--hostname=bench{n}@%h", "--without-gossip"]
            processes.append(
                subprocess.Popen(
                    [*worker, "--without-mingle", "--loglevel=WARNING"],
                    cwd=ROOT,
                    env=env,
                    stdout=(work / f"worker{n}.log").open("w"),
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
        processes.append(
            subprocess.Popen(
                [*celery, "beat", f"--schedule={work / 'beat-schedule'}", "--loglevel=WARNING"],
                cwd=ROOT,
                env=env,
                stdout=(work / "beat.log").open("w"),
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
        time.sleep(5)
        sink.refuse_until = time.monotonic() + REFUSE_SECONDS
        started = time.monotonic()
        subprocess.run([PYTHON, "manage.py", "send_digest", "--frequency", "daily"], cwd=ROOT, env=env, check=True)
        restarted = False
        with psycopg.connect(bench_url, autocommit=True) as db:
            while True:
                time.sleep(1)
                if not restarted and len(sink.received) >= RESTART_AFTER:
                    broker.send_signal(signal.SIGTERM)
                    broker.wait(30)
                    print(f"broker stopped at {len(sink.received)} sent; started again empty 10 s later")
                    time.sleep(10)
                    broker = redis_server(redis_port, work)
                    restarted = True
                row = db.execute("SELECT status FROM newsletter_digestrun").fetchone()
                if row and row[0] == "done":
                    break
                if time.monotonic() - started > 3600:
                    print("not finished after an hour")
                    break
            counts = dict(db.execute("SELECT status, count(*) FROM newsletter_delivery GROUP BY status").fetchall())
        minutes = (time.monotonic() - started) / 60
        unique = len(sink.received)
        total = sum(sink.received.values())
        print(
            f"recipients {RECIPIENTS}, refused with 451 for {REFUSE_SECONDS} s: {len(refuse)} "
            f"({sink.refusals} refusals)\n"
            f"sent {unique}, lost {RECIPIENTS - unique}, duplicates {total - unique}, "
            f"finished in {minutes:.1f} minutes; deliveries by status: {counts}"
        )
    finally:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(60)
        broker.terminate()
        controller.stop()
        shutil.rmtree(work, ignore_errors=True)
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


if __name__ == "__main__":
    main()
