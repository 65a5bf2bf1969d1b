"""Real processes for tests: Celery workers and beat as subprocesses, and a redis-server of the
test's own that it can stop and start again (never the machine's shared Redis)."""

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path
from urllib.parse import quote

from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def wait_for(condition, timeout, what, workers=None):
    """Poll `condition` until it holds; fail with the processes' logs after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    logs = f"\nlogs:\n{workers.log_tail()}" if workers else ""
    raise AssertionError(f"timed out after {timeout} s waiting for {what}{logs}")


def database_url():
    """The test database, for a subprocess (rows must be committed: transaction=True)."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    credentials = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Workers:
    """Celery worker and beat subprocesses with `env`, logging to files under `logs`."""

    def __init__(self, env, logs):
        self.env, self.logs, self.running = env, logs, []

    def _spawn(self, name, arguments, ready):
        log = self.logs / f"{name}-{len(self.running)}.log"
        command = [str(ROOT / ".venv/bin/celery"), "-A", "config", *arguments]
        with log.open("w") as out:
            process = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.running.append(process)
        wait_for(lambda: ready in log.read_text() or process.poll() is not None, 60, f"the {name} to start")
        assert process.poll() is None, log.read_text()[-3000:]
        return process

    def start(self):
        return self._spawn(
            "worker",
            [
                "worker",
                "--pool=prefork",
                "--concurrency=1",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            "ready.",
        )

    def start_beat(self):
        schedule = self.logs / "celerybeat-schedule"
        return self._spawn("beat", ["beat", "--loglevel=INFO", f"--schedule={schedule}"], "beat: Starting")

    def kill(self, process, sig):
        """SIGKILL to the whole worker (parent and child); SIGTERM to the parent, a warm shutdown."""
        if sig == signal.SIGKILL:
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.send_signal(sig)
        process.wait(60)

    def log_tail(self):
        return "\n".join(f"== {log.name}\n{log.read_text()[-2500:]}" for log in sorted(self.logs.glob("*.log")))

    def stop_all(self):
        for process in self.running:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(30)


class RedisServer:
    """A redis-server on a free loopback port, without persistence: stopping it loses its data."""

    def __init__(self, directory):
        from tests.conftest import free_port, skip_or_fail

        if not shutil.which("redis-server"):
            skip_or_fail("redis-server is not installed")
        self.port, self.directory, self.process = free_port(), directory, None

    def url(self, db=0):
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self):
        import redis

        self.process = subprocess.Popen(
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            cwd=self.directory,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=1)

        def answers():
            try:
                return client.ping()
            except redis.exceptions.ConnectionError:
                return False

        wait_for(answers, 30, "redis-server to start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(30)
