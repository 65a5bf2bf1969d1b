"""Digest sending throughput and memory, beside its floor, in the same run.

Called by run.py on the freshly seeded bench site (or run alone: `python bench/digest.py`):

1. an aiosmtpd SMTP sink on 127.0.0.1 counts what arrives (in this process, a thread);
2. `seed`: 1,000 daily and 10,000 weekly reader subscribers and one new article;
3. one worker sends the daily digest (1,000) and then, a fresh worker, the weekly one (10,000),
   the way beat starts them: prepare, fan out in batches over one SMTP connection each, record
   every delivery. With REDIS_URL it is a real Celery worker (prefork, concurrency 1, a queue of
   its own) and the figure is its pool process's peak memory (VmHWM); without, one process runs
   the tasks in-process (`worker`, ru_maxrss). Messages/s run from start to the run's end;
4. `floor`: Django's SMTP backend sending 10,000 pre-rendered copies of a real digest over one
   connection: the most this machine, this sink and Django's backend can do.

Targets: digest >= 0.5x the floor's messages/s; the worker's memory the same for 1,000 and
10,000 recipients (within 10%).
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SMALL, LARGE = 1_000, 10_000
MIN_RATIO = 0.5
MEMORY_TOLERANCE = 0.10


class CountingSink:
    def __init__(self):
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += len(envelope.rcpt_tos)
        return "250 OK"


def start_sink():
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sink = CountingSink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    return sink, controller, port


def child(env, *args):
    result = subprocess.run(
        [sys.executable, str(Path(__file__)), *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        sys.exit(f"bench/digest.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def measure(env):
    """Run the digest benchmark against the site in `env`; returns the report's "digest" part."""
    sink, controller, port = start_sink()
    env = dict(env, EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(port), LOG_LEVEL="ERROR")
    # With Redis: a real Celery worker (prefork, concurrency 1) on a queue of its own; without:
    # one process running the tasks in-process, as `make run` does.
    send = celery_worker_send if env.get("REDIS_URL") else eager_send
    try:
        print("digest: seeding 1,000 + 10,000 subscribers ...", flush=True)
        child(env, "seed")
        print(f"digest: sending to 1,000 ({send.__doc__}) ...", flush=True)
        small = send(env, "daily")
        print("digest: sending to 10,000 ...", flush=True)
        before = sink.count
        large = send(env, "weekly")
        large["received"] = sink.count - before
        print("digest: floor, 10,000 pre-rendered messages over one connection ...", flush=True)
        before = sink.count
        floor = child(env, "floor", "--count", str(LARGE))
        floor["received"] = sink.count - before
    finally:
        controller.stop()
    ratio = round(large["messages_per_s"] / floor["messages_per_s"], 3) if floor["messages_per_s"] else 0
    memory_growth = (large["max_rss_mb"] - small["max_rss_mb"]) / small["max_rss_mb"]
    return {
        "small": small,
        "large": large,
        "floor": floor,
        "ratio": ratio,
        "memory_growth": round(memory_growth, 3),
        "targets": [
            {"what": f"digest >= {MIN_RATIO}x floor", "value": ratio, "pass": ratio >= MIN_RATIO},
            {
                "what": "worker memory 10,000 vs 1,000 within 10%",
                "value": f"{small['max_rss_mb']} MB vs {large['max_rss_mb']} MB",
                "pass": memory_growth <= MEMORY_TOLERANCE
                and large["sent"] == large["total"] >= LARGE
                and large["received"] == large["sent"]
                and small["sent"] == small["total"] >= SMALL,
            },
        ],
    }


def eager_send(env, frequency):
    """one process, tasks in-process"""
    env = dict(env, CELERY_TASK_ALWAYS_EAGER="1", CELERY_BROKER_URL="memory://")
    result = child(env, "worker", "--frequency", frequency)
    result["worker"] = "in-process"
    return result


def celery_worker_send(env, frequency):
    """a Celery worker, prefork, concurrency 1"""
    import signal

    queue = f"kindred-bench-digest-{os.getpid()}"
    env = dict(env, CELERY_TASK_ALWAYS_EAGER="0", CELERY_BROKER_URL=env["REDIS_URL"], CELERY_TASK_DEFAULT_QUEUE=queue)
    command = [
        str(Path(sys.executable).parent / "celery"),
        *("-A", "config", "worker", "--pool=prefork", "--concurrency=1", "--loglevel=INFO"),
        *("--without-gossip", "--without-mingle", "--without-heartbeat"),
    ]
    with tempfile.NamedTemporaryFile("w+", suffix=".log") as log:
        worker = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 60
            while "ready." not in Path(log.name).read_text():
                if worker.poll() is not None or time.monotonic() > deadline:
                    sys.exit(f"the Celery worker did not start:\n{Path(log.name).read_text()[-3000:]}")
                time.sleep(0.2)
            result = child(env, "start", "--frequency", frequency)
            # The pool's child process did the work: its peak resident memory.
            children = Path(f"/proc/{worker.pid}/task/{worker.pid}/children").read_text().split()
            result["max_rss_mb"] = max(peak_rss_of(pid) for pid in children)
            result["worker"] = "celery prefork, concurrency 1"
        finally:
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(30)
            except subprocess.TimeoutExpired:
                worker.kill()
    return result


def peak_rss_of(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def print_report(digest):
    print(f"\ndigest sent by: {digest['large'].get('worker', '?')}")
    print(f"{'digest':<28} {'messages':>9} {'seconds':>8} {'msgs/s':>9} {'peak RSS MB':>12}")
    for name, row in (("digest to 1,000", digest["small"]), ("digest to 10,000", digest["large"])):
        print(
            f"{name:<28} {row['sent']:>9} {row['seconds']:>8.2f} {row['messages_per_s']:>9.1f} "
            f"{row['max_rss_mb']:>12.1f}"
        )
    floor = digest["floor"]
    print(
        f"{'floor (Django SMTP backend)':<28} {floor['sent']:>9} {floor['seconds']:>8.2f} "
        f"{floor['messages_per_s']:>9.1f} {floor['max_rss_mb']:>12.1f}"
    )
    print()
    for target in digest["targets"]:
        print(f"target: {target['what']}: {'PASS' if target['pass'] else 'FAIL'} ({target['value']})")


# The child processes: each sets Django up on the bench site's settings.


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def peak_rss_mb():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def seed():
    from django.utils import timezone

    from articles.models import Article, Expert
    from newsletter.models import Subscriber

    author, reviewer = Expert.objects.all()[:2]
    now = timezone.now()
    Article.objects.create(
        title="What's new in treatment this month",
        slug=f"bench-digest-{int(time.time())}",
        lead="A short summary for the digest benchmark.",
        body="Words.\n\n## A section\n\nMore words.",
        author=author,
        reviewer=reviewer,
        status=Article.Status.PUBLISHED,
        published_at=now - timezone.timedelta(minutes=5),
        reviewed_at=now,
    )
    for count, frequency in ((SMALL, "daily"), (LARGE, "weekly")):
        Subscriber.objects.bulk_create(
            (
                Subscriber(
                    email=f"bench-{frequency}-{n}@example.com",
                    status=Subscriber.Status.ACTIVE,
                    frequency=frequency,
                    confirmed_at=now,
                )
                for n in range(count)
            ),
            batch_size=2000,
        )
    return {"ok": True}


def worker(frequency):
    from newsletter.models import Delivery
    from newsletter.services import start_digest_run

    started = time.perf_counter()
    run, _ = start_digest_run(frequency=frequency, period=f"bench-{time.time_ns() % 10**12}")
    seconds = time.perf_counter() - started
    sent = Delivery.objects.filter(run=run, status=Delivery.Status.SENT).count()
    run.refresh_from_db()
    return {
        "sent": sent,
        "total": run.total,
        "seconds": round(seconds, 3),
        "messages_per_s": round(sent / seconds, 1),
        "max_rss_mb": peak_rss_mb(),
    }


def start(frequency):
    """Start the run (its tasks go to the worker through the broker) and wait until it is done."""
    from newsletter.models import Delivery, DigestRun
    from newsletter.services import start_digest_run

    started = time.perf_counter()
    run, _ = start_digest_run(frequency=frequency, period=f"bench-{time.time_ns() % 10**12}")
    deadline = time.monotonic() + 900
    while not DigestRun.objects.filter(pk=run.pk, status=DigestRun.Status.DONE).exists():
        if time.monotonic() > deadline:
            raise SystemExit("the digest run did not finish in 15 minutes")
        time.sleep(0.1)  # light polling: the worker shares the database and the CPUs
    seconds = time.perf_counter() - started
    sent = Delivery.objects.filter(run=run, status=Delivery.Status.SENT).count()
    run.refresh_from_db()
    return {"sent": sent, "total": run.total, "seconds": round(seconds, 3), "messages_per_s": round(sent / seconds, 1)}


def floor(count):
    from django.core.mail import get_connection
    from django.utils import timezone

    from newsletter import digest, emails
    from newsletter.models import DigestRun

    run = DigestRun(frequency="weekly", period="floor", until=timezone.now())
    recipient = digest.Recipient(
        delivery_id=1,
        subscriber_id=1,
        email="x@example.com",
        user_id=None,
        name="",
        since=run.until - timezone.timedelta(days=7),
    )
    sections = digest.compose([recipient], until=run.until)[1]
    template = emails.DigestRenderer(frequency=run.frequency).message(recipient=recipient, sections=sections)
    messages = []
    for n in range(count):
        message = emails.EmailMultiAlternatives(
            subject=template.subject,
            body=template.body,
            to=[f"floor-{n}@example.com"],
            headers=template.extra_headers,
        )
        message.alternatives = template.alternatives
        messages.append(message)
    connection = get_connection()
    started = time.perf_counter()
    connection.open()
    sent = connection.send_messages(messages)
    connection.close()
    seconds = time.perf_counter() - started
    return {
        "sent": sent,
        "seconds": round(seconds, 3),
        "messages_per_s": round(sent / seconds, 1),
        "max_rss_mb": peak_rss_mb(),
    }


def standalone():
    """Fresh SQLite (or DATABASE_URL's server, database kindred_bench) with the demo content."""
    sys.path.insert(0, str(ROOT / "bench"))
    import run as bench

    with tempfile.TemporaryDirectory(prefix="kindred-bench-digest-") as tmp:
        env = bench.bench_env(Path(tmp))
        if env.get("DATABASE_URL"):
            bench.recreate_database(os.environ["DATABASE_URL"], drop_only=False)
        try:
            bench.manage(env, "migrate", "--noinput")
            bench.manage(env, "seed_demo")
            result = measure(env)
        finally:
            if env.get("DATABASE_URL"):
                bench.recreate_database(os.environ["DATABASE_URL"], drop_only=True)
    print_report(result)
    sys.exit(0 if all(target["pass"] for target in result["targets"]) else 1)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("part", nargs="?", choices=["seed", "worker", "start", "floor"])
    parser.add_argument("--frequency", default="daily")
    parser.add_argument("--count", type=int, default=LARGE)
    args = parser.parse_args()
    if args.part is None:
        standalone()
    else:
        setup_django()
        parts = {
            "seed": seed,
            "worker": lambda: worker(args.frequency),
            "start": lambda: start(args.frequency),
            "floor": lambda: floor(args.count),
        }
        result = parts[args.part]()
        print(json.dumps(result))
