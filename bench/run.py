"""Kindred throughput benchmark: seed a fresh site, serve it with gunicorn, load it with wrk.

Every page is compared with the "floor", a minimal Django project with the stock middleware and a
constant view (bench/floor_site.py), served by the same gunicorn setup, so the ratios say how much
of the possible throughput each page keeps, whatever the machine.
Results are printed and written to bench/results/latest.json. See bench/README.md.
"""

import argparse
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import digest as digest_bench  # bench/digest.py, beside this file

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RESULTS = ROOT / "bench" / "results" / "latest.json"
BENCH_DB = os.environ.get("BENCH_DB", "kindred_bench")  # another name for runs side by side
THREADS = 2
WARMUP_SECONDS = 2
FLOOR = "floor"
SIGNED_IN_NOTHING = "signed in, nothing"
SIGNED_IN_LAYOUT = "signed in, layout"


@dataclass
class Page:
    name: str
    path: str
    headers: tuple[str, ...] = ()  # extra wrk -H headers, e.g. "Cookie: sessionid=..."


def pages(article_slug, member, topic, expert):
    """What is measured. Append here; the first entry must be the floor."""
    signed_in = (f"Cookie: sessionid={member['session']}",)
    return [
        Page(FLOOR, "/bench/floor/"),
        Page("article page", f"/resources/{article_slug}/"),
        Page("home", "/"),
        Page("resources index", "/resources/"),
        Page("topic page", f"/resources/topics/{topic}/"),
        Page("expert page", f"/experts/{expert}/"),
        # What any signed-in page costs before it shows anything (bench/signed_in_site.py): no target.
        Page(SIGNED_IN_NOTHING, "/bench/signed-in/nothing/", signed_in),
        Page(SIGNED_IN_LAYOUT, "/bench/signed-in/layout/", signed_in),
        Page("signed-in feed", "/activities/", signed_in),
        Page("question page", f"/questions/{member['question']}/", signed_in),
        # The one search box, as a member (articles and community content), over 10,000 updates and
        # 1,000 articles at the default scale: a query matching a few of each, then ranking's worst
        # cases, a query matching every synthetic article (they share one demo body) and one
        # matching every synthetic update.
        Page("search", f"/search/?q={SEARCH}", signed_in),
        Page("search, all articles", f"/search/?q={SEARCH_ALL_ARTICLES}", signed_in),
        Page("search, all updates", f"/search/?q={SEARCH_ALL_UPDATES}", signed_in),
    ]


SEARCH = "tired"
SEARCH_ALL_ARTICLES = "biopsy+results"
SEARCH_ALL_UPDATES = "river+walk"


# (page name, minimum ratio of its requests/s to the floor's)
TARGETS = [
    ("article page", 0.5),
    ("home", 0.5),
    ("resources index", 0.5),
    ("topic page", 0.5),
    ("expert page", 0.5),
    ("signed-in feed", 0.1),
    ("question page", 0.1),
    ("search", 0.05),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scale", type=int, default=10, help="seed_demo --scale (N x 100 synthetic articles, N x 1,000 updates)"
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds of measurement per page")
    parser.add_argument("--connections", type=int, default=16, help="wrk concurrent connections")
    parser.add_argument("--quick", action="store_true", help="smoke run: --scale 1 --duration 3")
    args = parser.parse_args()
    if args.quick:
        args.scale, args.duration = 1, 3
    if not shutil.which("wrk"):
        print("wrk is not installed: run `apt-get install -y wrk` (Debian/Ubuntu) and try again.", file=sys.stderr)
        sys.exit(2)

    with tempfile.TemporaryDirectory(prefix="kindred-bench-") as tmp:
        env = bench_env(Path(tmp))
        database = env.get("DATABASE_URL")
        if database:
            recreate_database(os.environ["DATABASE_URL"], drop_only=False)
        server = None
        try:
            manage(env, "migrate", "--noinput")
            manage(env, "seed_demo", "--scale", str(args.scale))
            if database:
                vacuum_analyze(env["DATABASE_URL"])
            slug, topic, expert = first_demo_article(env)
            member = signed_in_member(env)
            server, base = start_gunicorn(env, Path(tmp))
            floor_server, floor_base = start_gunicorn(env, Path(tmp), app="floor_site:application", cwd=ROOT / "bench")
            bare_server, bare_base = start_gunicorn(
                env, Path(tmp), app="signed_in_site:application", cwd=ROOT / "bench"
            )
            try:
                floor_page, *measured = pages(slug, member, topic, expert)
                rows = [measure(floor_base + floor_page.path, floor_page, args)]
                for page in measured:
                    # The floor again, just before the page: this machine's speed drifts by a sixth
                    # within minutes, and a ratio must compare the two under the same conditions.
                    beside = parse_wrk(wrk(floor_base + floor_page.path, floor_page, args.duration, args.connections))
                    served_by = bare_base if page.name in (SIGNED_IN_NOTHING, SIGNED_IN_LAYOUT) else base
                    row = measure(served_by + page.path, page, args)
                    rows.append({**row, "floor_requests_per_s": beside["requests_per_s"]})
            finally:
                stop(floor_server)
                stop(bare_server)
            digest = digest_bench.measure(env)  # digest sending beside its SMTP floor, same site
        finally:
            if server:
                stop(server)
            if database:
                recreate_database(os.environ["DATABASE_URL"], drop_only=True)

    for row in rows:
        row.setdefault("floor_requests_per_s", rows[0]["requests_per_s"])
        row["ratio"] = round(row["requests_per_s"] / (row["floor_requests_per_s"] or 1), 3)
    by_name = {row["page"]: row for row in rows}
    targets = [
        {
            "page": name,
            "min_ratio": minimum,
            "ratio": by_name[name]["ratio"],
            "pass": by_name[name]["ok"] and by_name[name]["ratio"] >= minimum,
        }
        for name, minimum in TARGETS
    ]
    report = {
        "finished_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {
            "nproc": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "database": urlsplit(env["DATABASE_URL"]).scheme if database else "sqlite",
            "cache": "redis" if env.get("REDIS_URL") else "locmem",
            "wrk": wrk_version(),
        },
        "options": {
            "scale": args.scale,
            "duration_s": args.duration,
            "connections": args.connections,
            "threads": THREADS,
            "gunicorn_workers": 2,
        },
        "pages": rows,
        "targets": targets,
        "digest": digest,
    }
    print_report(report)
    digest_bench.print_report(digest)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nWritten to {RESULTS.relative_to(ROOT)}")
    failed = not all(row["ok"] for row in rows) or not all(target["pass"] for target in targets + digest["targets"])
    sys.exit(1 if failed else 0)


def bench_env(tmp):
    env = dict(os.environ, VAR_DIR=str(tmp), DEBUG="0", LOG_LEVEL="ERROR")
    for name in ("MEDIA_ROOT", "SECURE_HTTPS"):  # keep uploads in the temp dir, serve plain HTTP
        env.pop(name, None)
    if env.get("DATABASE_URL"):
        env["DATABASE_URL"] = urlsplit(env["DATABASE_URL"])._replace(path="/" + BENCH_DB).geturl()
    return env


def recreate_database(url, drop_only):
    """Drop (and unless drop_only, create) the bench database, connecting to the configured one."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{BENCH_DB}"')


def vacuum_analyze(url):
    """What autovacuum does soon after a bulk load, done now so every run starts alike: statistics
    for the planner, GIN pending lists merged into their indexes."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def manage(env, *args):
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def first_demo_article(env):
    """The slugs of a demo article, of its first topic and of its author."""
    code = (
        "from articles.models import Article; "
        "a = Article.objects.published().exclude(slug__startswith='synthetic-').order_by('pk')[0]; "
        "print(a.slug, a.topics.order_by('pk')[0].slug, a.author.slug)"
    )
    return manage(env, "shell", "-c", code).strip().splitlines()[-1].split()


def signed_in_member(env):
    """A session for a demo member (the feed then shows 20 updates with comments and hugs), and the
    most answered question."""
    code = (
        "from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY; "
        "from django.contrib.sessions.backends.db import SessionStore; "
        "from accounts.models import User; from community.models import Question; "
        "u = User.objects.get(email='maria@kindred.example'); s = SessionStore(); "
        "s[SESSION_KEY] = str(u.pk); s[BACKEND_SESSION_KEY] = 'django.contrib.auth.backends.ModelBackend'; "
        "s[HASH_SESSION_KEY] = u.get_session_auth_hash(); s.save(); "
        "q = Question.objects.order_by('-answer_count', 'pk').first(); "
        "print(s.session_key, q.pk)"
    )
    session, question = manage(env, "shell", "-c", code).strip().splitlines()[-1].split()
    return {"session": session, "question": question}


def start_gunicorn(env, tmp, app="config.wsgi:application", cwd=ROOT):
    """Our site, or the floor project, with the same gunicorn settings."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    log = tmp / f"gunicorn-{port}.log"
    command = [BIN / "gunicorn", app, "--workers", "2", "--bind", f"127.0.0.1:{port}"]
    with log.open("w") as out:
        server = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    ready = "/bench/floor/" if app.startswith("floor_site") else "/healthz"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            break
        try:
            with urllib.request.urlopen(base + ready, timeout=2) as response:
                if response.status == 200:
                    return server, base
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    server.kill()
    sys.exit(f"gunicorn did not answer {ready} with 200:\n{log.read_text()[-3000:]}")


def stop(server):
    server.terminate()
    try:
        server.wait(10)
    except subprocess.TimeoutExpired:
        server.kill()


def wrk(url, page, seconds, connections):
    command = ["wrk", f"-t{THREADS}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for header in page.headers:
        command += ["-H", header]
    result = subprocess.run([*command, url], capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"wrk failed on {url}:\n{result.stdout}{result.stderr}")
    return result.stdout


def measure(url, page, args):
    print(f"{page.name}: {url} ...", flush=True)
    status, size = probe(url, page)
    wrk(url, page, WARMUP_SECONDS, args.connections)
    result = parse_wrk(wrk(url, page, args.duration, args.connections))
    # wrk counts redirects as success: a signed-in page that sends us to log in must not pass.
    result["ok"] = result["ok"] and status == 200
    return {"page": page.name, "path": page.path, "status": status, "bytes": size, **result}


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def probe(url, page):
    """One request first: its status and size, so the table shows what was measured."""
    request = urllib.request.Request(url, headers=dict(header.split(": ", 1) for header in page.headers))
    try:
        with urllib.request.build_opener(NoRedirects).open(request, timeout=10) as response:
            return response.status, len(response.read())
    except urllib.error.HTTPError as error:
        return error.code, 0


UNITS_MS = {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}


def parse_wrk(output):
    def search(pattern):
        match = re.search(pattern, output, re.MULTILINE)
        return match.groups() if match else None

    def latency(percent):
        value, unit = search(rf"^\s*{percent}%\s+([\d.]+)(us|ms|s|m)\s*$")
        return round(float(value) * UNITS_MS[unit], 3)

    socket_errors = search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)") or ()
    non_2xx = int((search(r"Non-2xx or 3xx responses: (\d+)") or ("0",))[0])
    errors = sum(int(n) for n in socket_errors)
    return {
        "requests_per_s": float(search(r"^Requests/sec:\s+([\d.]+)")[0]),
        "requests": int(search(r"(\d+) requests in")[0]),
        "p50_ms": latency(50),
        "p99_ms": latency(99),
        "non_2xx_3xx": non_2xx,
        "socket_errors": errors,
        "ok": non_2xx == 0 and errors == 0,
    }


def wrk_version():
    result = subprocess.run(["wrk", "--version"], capture_output=True, text=True)
    return (result.stdout + result.stderr).split(" Copyright")[0].strip()


def print_report(report):
    machine = report["machine"]
    print(
        f"\n{machine['database']} + {machine['cache']} cache, {machine['nproc']} CPUs, Python {machine['python']}; "
        f"scale {report['options']['scale']}, {report['options']['duration_s']} s per page, "
        f"{report['options']['connections']} connections\n"
    )
    print(f"{'page':<20} {'requests/s':>11} {'p50 ms':>8} {'p99 ms':>8} {'floor beside':>13} {'x floor':>8}  status")
    for row in report["pages"]:
        status = "ok" if row["ok"] else f"FAIL ({row['non_2xx_3xx']} non-2xx/3xx, {row['socket_errors']} socket errors)"
        print(
            f"{row['page']:<20} {row['requests_per_s']:>11.1f} {row['p50_ms']:>8.2f} {row['p99_ms']:>8.2f} "
            f"{row['floor_requests_per_s']:>13.1f} {row['ratio']:>8.2f}  {status}"
        )
    print()
    for target in report["targets"]:
        verdict = "PASS" if target["pass"] else "FAIL"
        print(f"target: {target['page']} >= {target['min_ratio']}x floor: {verdict} ({target['ratio']:.2f})")


if __name__ == "__main__":
    main()
