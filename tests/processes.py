"""Real processes for tests: Celery workers and beat as subprocesses, a redis-server of the
test's own that it can stop and start again (never the machine's shared Redis), and a migrated
SQLite database for tests that run the site's commands on a database of their own."""

import fcntl
import os
import shutil
import signal
import subprocess
import sys
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

    WORKER = (
        "worker",
        "--pool=prefork",
        "--concurrency=1",
        "--loglevel=INFO",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
    )

    def _launch(self, name, arguments):
        """Start the process; `_started` waits until its log says it is `ready`."""
        log = self.logs / f"{name}-{len(self.running)}.log"
        command = [str(ROOT / ".venv/bin/celery"), "-A", "config", *arguments]
        with log.open("w") as out:
            process = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.running.append(process)
        process.log = log
        return process

    def _started(self, process, name, ready):
        log = process.log
        wait_for(lambda: ready in log.read_text() or process.poll() is not None, 60, f"the {name} to start")
        assert process.poll() is None, log.read_text()[-3000:]
        return process

    def _beat_arguments(self):
        return ["beat", "--loglevel=INFO", f"--schedule={self.logs / 'celerybeat-schedule'}"]

    def start(self):
        return self._started(self._launch("worker", self.WORKER), "worker", "ready.")

    def start_beat(self):
        return self._started(self._launch("beat", self._beat_arguments()), "beat", "beat: Starting")

    def start_worker_and_beat(self):
        """Both at once: each spends a second or two starting Django, which need not wait on the other."""
        worker, beat = self._launch("worker", self.WORKER), self._launch("beat", self._beat_arguments())
        return self._started(worker, "worker", "ready."), self._started(beat, "beat", "beat: Starting")

    def ran(self, task_id):
        """True once a worker's log says the task with this id finished without an error."""
        return any(f"[{task_id}] succeeded" in log.read_text() for log in self.logs.glob("worker-*.log"))

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

    def cache_settings(self, db=1):
        """CACHES for a test whose cache is this server, as production's (config/settings.py)."""
        return {
            "default": {
                "BACKEND": "config.cache.FailOpenRedisCache",
                "LOCATION": self.url(db),
                "KEY_PREFIX": "kindred",
                "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
            }
        }

    def start(self, *options):
        """Start it (again, on the same port), with any more of redis-server's `options`."""
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
                *options,
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
        # A later test given the same port must start without this server's outage or watch.
        forget_clients_of(self.url(""))


def forget_clients_of(prefix):
    """Drop this process's outage and watch of every cache location starting with `prefix`."""
    from config import cache as cache_backend

    for clients in (cache_backend.OUTAGES, cache_backend.WATCHES):
        for location in [location for location in clients if location.startswith(prefix)]:
            client = clients.pop(location)
            if isinstance(client, cache_backend.Watch):
                client.drop()


class HeldLink:
    """A TCP relay on a free loopback port to `port`, whose answers can be held up (`hold()`), as a
    link gone silent holds them, and let through again (`release()`)."""

    def __init__(self, port):
        import socket
        import threading

        self.target, self.open = port, threading.Event()
        self.open.set()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        import socket
        import threading

        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:  # closed
                return
            try:
                server = socket.create_connection(("127.0.0.1", self.target))
            except OSError:  # the server is gone: so is this connection
                client.close()
                continue
            threading.Thread(target=self.relay, args=(client, server, None), daemon=True).start()
            threading.Thread(target=self.relay, args=(server, client, self.open), daemon=True).start()

    @staticmethod
    def relay(source, destination, gate):
        try:
            while data := source.recv(65536):
                if gate is not None:
                    gate.wait()
                destination.sendall(data)
        except OSError:
            pass
        finally:
            destination.close()

    def hold(self):
        self.open.clear()

    def release(self):
        self.open.set()

    def close(self):
        self.release()
        self.listener.close()


def migrated_sqlite(tmp_path_factory):
    """A SQLite database with every migration applied, made by `manage.py migrate` once per run of
    the suite and shared by its parallel processes (pytest-xdist): migrating takes several seconds
    of CPU, which tests that only need a migrated database of their own need not spend each time.
    They copy it; nothing may write to this one."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # each xdist process has a directory of its own in this run's
    database = root / "migrated.sqlite3"
    with (root / "migrated.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another process may be making it: wait for it
        if not database.exists():
            building = root / "migrating.sqlite3"
            unset = {"DEBUG", "SECURE_HTTPS", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
            env = {name: value for name, value in os.environ.items() if name not in unset}
            env.update(
                DJANGO_SETTINGS_MODULE="config.settings",
                VAR_DIR=str(root / "migrated-var"),
                DATABASE_URL=f"sqlite:///{building}",
                REDIS_URL="",
            )
            result = subprocess.run(
                [sys.executable, "manage.py", "migrate", "--noinput"],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
            )
            assert result.returncode == 0, result.stdout + result.stderr
            building.rename(database)
    return database
