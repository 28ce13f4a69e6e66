/**
 * The Python of every generated locustfile, with `__CAPLAB_HEADER__` and
 * `__CAPLAB_PLAN__` left for `renderLocustfile` to fill in. It runs on
 * Debian's python3-locust 2.12.1 (gevent), standalone or as a master and
 * its workers, and needs nothing but the standard library and Locust.
 *
 * How it drives load (see the README's "More load than one machine"):
 * - one CaplabUser per worker process runs the whole plan for that worker:
 *   scheduled requests k with k mod workers == index (burst, open, ramp:
 *   caplab's own seeded schedule, as data), and closed clients c with
 *   c mod workers == index, each a greenlet with its own keep-alive
 *   connection and think time;
 * - the master broadcasts one start time t0 to every worker (custom
 *   message `caplab_start`), so every worker's schedule has the same origin;
 *   latency is measured from each request's scheduled time; a group of
 *   phases after the first starts once every live worker has finished the
 *   groups before it (`caplab_group` to the master, `caplab_go` back);
 * - CaplabShape asks for one user per worker, and stops the test once every
 *   live worker has said `caplab_done`, or at the plan's hard limit;
 * - every request goes through Locust's request event, whose listener
 *   writes it as one JSON line to this worker's own file.
 */
export const LOCUSTFILE_SOURCE = String.raw`__CAPLAB_HEADER__
import locust, locust.runners
if not locust.__version__:
    # Debian's python3-locust 2.12.1 is built without setuptools_scm, so its
    # version is ''. A master then takes every worker's empty "client_ready"
    # for a pre-2.0 worker and rejects it. Both sides load this file before
    # building their runner, and the runner reads the module global when it
    # sends, so setting it here is enough.
    locust.__version__ = locust.runners.__version__ = "2.12.1"

import http.client
import json
import math
import os
import random
import socket
import time
import urllib.parse

import gevent
import gevent.pool
from gevent.event import AsyncResult, Event
from locust import LoadTestShape, User, constant, events, task
from locust.runners import MasterRunner, WorkerRunner

PLAN = json.loads(__CAPLAB_PLAN__)

# Wall seconds between the master's start message and t0, so every worker has it before t0.
LEAD_S = 0.5
# Wall seconds between the master releasing the next group of phases and its start.
GO_LEAD_S = 0.02
RECORDS_FORMAT = "caplab.locust-records/1"

_start = {}
_started = Event()
_claimed = []
_done = {}
_arrived = {}
_released = set()
_go = {}
_env = []


def _write_json(path, doc):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(doc, f)
    os.replace(tmp, path)


@events.init.add_listener
def _on_init(environment, **_kw):
    _env.append(environment)
    runner = environment.runner
    if isinstance(runner, WorkerRunner):
        runner.register_message("caplab_start", _on_start_message)
        runner.register_message("caplab_go", _on_go_message)
    if isinstance(runner, MasterRunner):
        runner.register_message("caplab_done", _on_done_message)
        runner.register_message("caplab_records", _on_records_message)
        runner.register_message("caplab_group", _on_group_message)


@events.test_start.add_listener
def _on_test_start(environment, **_kw):
    runner = environment.runner
    if isinstance(runner, WorkerRunner):
        return
    t0 = time.time() + LEAD_S
    collect = os.environ.get("CAPLAB_COLLECT_DIR") or None
    if isinstance(runner, MasterRunner):
        clients = sorted(runner.clients.ready + runner.clients.spawning + runner.clients.running,
                         key=lambda c: runner.get_worker_index(c.id))
        for i, client in enumerate(clients):
            runner.send_message("caplab_start", {"t0": t0, "index": i, "workers": len(clients),
                                                 "collect": collect is not None}, client_id=client.id)
        workers = len(clients)
    else:
        _start.update({"t0": t0, "index": 0, "workers": 1, "collect": False})
        _started.set()
        workers = 1
    start_file = os.environ.get("CAPLAB_START_FILE")
    if start_file:
        _write_json(start_file, {"t0": t0, "workers": workers, "locust": locust.__version__})


def _on_start_message(environment, msg, **_kw):
    _start.update(msg.data)
    _started.set()


def _release_groups(runner):
    # A group starts once every live worker has finished the groups before it (a dead one stops counting
    # once the master has missed its heartbeats), as caplab's own engine waits for every response.
    for group, nodes in sorted(_arrived.items()):
        if group not in _released and len(nodes) >= runner.worker_count:
            _released.add(group)
            runner.send_message("caplab_go", {"group": group, "start": time.time() + GO_LEAD_S})


def _on_group_message(environment, msg, **_kw):
    _arrived.setdefault(msg.data["group"], set()).add(msg.node_id)
    _release_groups(environment.runner)


def _on_go_message(environment, msg, **_kw):
    _go.setdefault(msg.data["group"], AsyncResult()).set(msg.data["start"])


def _group_start(environment, group, index):
    """Waits until every worker is done with the groups before this one; returns the group's start time."""
    runner = environment.runner
    if not isinstance(runner, WorkerRunner):
        return time.time()
    runner.send_message("caplab_group", {"group": group, "index": index})
    start = _go.setdefault(group, AsyncResult()).get()
    wait = start - time.time()
    if wait > 0:
        gevent.sleep(wait)
    return start


def _on_done_message(environment, msg, **_kw):
    _done[msg.node_id] = msg.data


def _on_records_message(environment, msg, **_kw):
    folder = os.environ.get("CAPLAB_COLLECT_DIR")
    if not folder:
        return
    with open(os.path.join(folder, "worker-%d.jsonl" % msg.data["index"]), "a") as f:
        f.write("".join(line + "\n" for line in msg.data["lines"]))


class _Records:
    """This worker's own file: a header line, one line per request, a trailer."""

    def __init__(self, path, header):
        self.path = path
        self.count = 0
        self.file = open(path, "w", buffering=1)
        self.file.write(json.dumps(header, separators=(",", ":")) + "\n")

    def add(self, record):
        self.count += 1
        self.file.write(json.dumps(record, separators=(",", ":")) + "\n")

    def close(self):
        self.file.write(json.dumps({"done": True, "records": self.count}, separators=(",", ":")) + "\n")
        self.file.close()


_records = []


@events.request.add_listener
def _on_request(request_type, name, response_time, response_length, exception, context, **_kw):
    record = (context or {}).get("caplab")
    if record is not None and _records:
        _records[0].add(record)


def _with_service_ms(path, ms):
    ms = round(min(PLAN["maxServiceMs"], max(0.0, ms)) * 100) / 100
    text = ("%.2f" % ms).rstrip("0").rstrip(".")
    return path + ("&" if "?" in path else "?") + "ms=" + text


def _draw_service(s, rng):
    d = s["dist"]
    if d == "constant":
        return s["value"]
    if d == "uniform":
        return s["min"] + rng.random() * (s["max"] - s["min"])
    if d == "exponential":
        return -s["mean"] * math.log(1 - rng.random())
    if d == "lognormal":
        return s["median"] * math.exp(s["sigma"] * rng.gauss(0.0, 1.0))
    if d == "empirical":
        v = s["values"]
        return v[min(len(v) - 1, int(rng.random() * len(v)))]
    raise ValueError("unknown service distribution " + d)


def _request_source(mix, rng):
    total = sum(r["weight"] for r in mix)

    def next_request():
        r = mix[0]
        if len(mix) > 1:
            u = rng.random() * total
            for r in mix:
                u -= r["weight"]
                if u < 0:
                    break
        path = _with_service_ms(r["path"], _draw_service(r["service"], rng)) if r["service"] else r["path"]
        return r, path

    return next_request


class _Target:
    def __init__(self, base):
        url = urllib.parse.urlsplit(base)
        self.https = url.scheme == "https"
        self.host = url.hostname
        self.port = url.port or (443 if self.https else 80)

    def connect(self, timeout):
        cls = http.client.HTTPSConnection if self.https else http.client.HTTPConnection
        return cls(self.host, self.port, timeout=timeout)


def _send(environment, conn, phase, request, path, scheduled, t0):
    """Sends one request on conn, fires Locust's request event; returns False if the connection must be dropped."""
    headers = dict(request["headers"])
    sent = time.time()
    headers["X-Request-Start"] = "t=%d" % int(sent * 1e6)
    status, error, length, reply = 0, None, 0, {}
    keep = True
    try:
        conn.request(request["method"], path, body=request["body"], headers=headers)
        res = conn.getresponse()
        body = res.read()
        status, length = res.status, len(body)
        reply = {k: res.getheader(h) for k, h in (("worker", "X-Caplab-Worker"), ("core", "X-Caplab-Core"),
                                                   ("queueMs", "X-Caplab-Queue-Ms"),
                                                   ("serviceMs", "X-Caplab-Service-Ms"),
                                                   ("connect", "X-Caplab-Upstream-Connect-Time"))}
        keep = not res.will_close
    except gevent.GreenletExit:
        error, keep = "timeout", False
    except socket.timeout:
        error, keep = "timeout", False
    except ConnectionRefusedError:
        error, keep = "ECONNREFUSED", False
    except ConnectionResetError:
        error, keep = "ECONNRESET", False
    except Exception as e:  # noqa: BLE001 - every failure is a record, never a crash
        error, keep = (type(e).__name__ + ": " + str(e))[:60], False
    end = time.time()
    record = {"phase": phase["name"], "method": request["method"], "path": path,
              "scheduledMs": round((scheduled - t0) * 1000, 3), "sentMs": round((sent - t0) * 1000, 3),
              "latencyMs": round(max(0.0, end - scheduled) * 1000, 3), "status": status, "error": error}
    record.update({k: v for k, v in reply.items() if v is not None})
    environment.events.request.fire(
        request_type=request["method"], name=phase["name"] + " " + path.split("?")[0],
        response_time=(end - scheduled) * 1000, response_length=length,
        exception=None if status and status < 400 else Exception(error or "HTTP %d" % status),
        context={"caplab": record}, response=None)
    return keep


def _not_sent(environment, phase, request, path, scheduled, t0):
    now = time.time()
    record = {"phase": phase["name"], "method": request["method"], "path": path,
              "scheduledMs": round((scheduled - t0) * 1000, 3), "sentMs": round((now - t0) * 1000, 3),
              "latencyMs": round(max(0.0, now - scheduled) * 1000, 3), "status": 0,
              "error": "not sent: phase deadline passed"}
    environment.events.request.fire(request_type=request["method"], name=phase["name"] + " " + path.split("?")[0],
                                    response_time=0, response_length=0, exception=Exception(record["error"]),
                                    context={"caplab": record}, response=None)


def _run_scheduled(environment, target, phase, start, t0, index, workers):
    """Burst, open and ramp: this worker's share of caplab's schedule, each request at its planned time."""
    deadline = start + phase["budgetS"]
    flights = gevent.pool.Group()

    def one(request, path, scheduled):
        conn = target.connect(PLAN["drainS"])
        try:
            _send(environment, conn, phase, request, path, scheduled, t0)
        finally:
            conn.close()

    for k in range(index, len(phase["schedule"]), workers):
        at, mix_index, path = phase["schedule"][k]
        request = phase["mix"][mix_index]
        scheduled = start + at
        wait = scheduled - time.time()
        if wait > 0:
            gevent.sleep(wait)
        if time.time() >= deadline:
            _not_sent(environment, phase, request, path, scheduled, t0)
            continue
        flights.spawn(one, request, path, scheduled)
    flights.join(timeout=max(0.0, deadline - time.time()))
    flights.kill(block=True)


def _run_closed(environment, target, phase, start, index, workers, t0):
    """A closed phase: this worker's clients, each sending, waiting for the answer, thinking, and again."""
    mine = len(range(index, phase["clients"], workers))
    if mine == 0:
        return
    amount = None
    if phase["amount"] is not None:
        # This worker's share of the amount, in proportion to its clients.
        before = sum(len(range(i, phase["clients"], workers)) for i in range(index))
        amount = (phase["amount"] * (before + mine)) // phase["clients"] - (phase["amount"] * before) // phase["clients"]
    rng = random.Random(phase["seed"] * 1000003 + index)
    next_request = _request_source(phase["mix"], rng)
    send_end = start + phase["durationS"]
    deadline = start + phase["budgetS"]
    state = {"started": 0}

    def more():
        if time.time() >= deadline:
            return False
        return state["started"] < amount if amount is not None else time.time() < send_end

    def client():
        conn = target.connect(PLAN["drainS"])
        try:
            while more():
                state["started"] += 1
                request, path = next_request()
                if not _send(environment, conn, phase, request, path, time.time(), t0):
                    conn.close()
                    conn = target.connect(PLAN["drainS"])
                if phase["thinkS"] > 0 and more():
                    gevent.sleep(phase["thinkS"])
        finally:
            conn.close()

    users = gevent.pool.Group()
    for _ in range(mine):
        users.spawn(client)
    users.join(timeout=max(0.0, deadline - time.time()))
    users.kill(block=True)


def _run_phase(environment, target, phase, start, t0, index, workers):
    if phase["kind"] == "scheduled":
        _run_scheduled(environment, target, phase, start, t0, index, workers)
    elif phase["kind"] == "closed":
        _run_closed(environment, target, phase, start, index, workers, t0)
    else:
        raise ValueError("unknown phase kind " + phase["kind"])


def run_plan(environment, host):
    _started.wait()
    t0, index, workers = _start["t0"], _start["index"], _start["workers"]
    path = os.environ.get("CAPLAB_RECORDS") or "caplab-records-%s-%d.jsonl" % (socket.gethostname(), os.getpid())
    records = _Records(path, {"format": RECORDS_FORMAT, "scenario": PLAN["scenario"], "seed": PLAN["seed"],
                              "timeScale": PLAN["timeScale"], "worker": index, "workers": workers, "t0": t0,
                              "pid": os.getpid(), "host": socket.gethostname(), "locust": locust.__version__})
    _records.append(records)
    target = _Target(host)
    wait = t0 - time.time()
    if wait > 0:
        gevent.sleep(wait)
    for g, group in enumerate(PLAN["groups"]):
        # The first group starts at t0 exactly; each later one once every worker's previous groups are over.
        start = t0 if g == 0 else _group_start(environment, g, index)
        flights = [gevent.spawn(_run_phase, environment, target, PLAN["phases"][i], start, t0, index, workers)
                   for i in group]
        gevent.joinall(flights, raise_error=True)
    records.close()
    _records.clear()
    runner = environment.runner
    if isinstance(runner, WorkerRunner):
        if _start.get("collect"):
            with open(records.path) as f:
                lines = [line.rstrip("\n") for line in f]
            for i in range(0, len(lines), 500):
                runner.send_message("caplab_records", {"index": index, "lines": lines[i:i + 500]})
        runner.send_message("caplab_done", {"index": index, "records": records.count})
    else:
        _done["local"] = {"index": 0, "records": records.count}


class CaplabUser(User):
    """One per worker process: runs this worker's share of the plan once, then idles until the test stops."""

    host = PLAN["host"]
    wait_time = constant(0)

    @task
    def plan(self):
        if _claimed:
            gevent.sleep(1)
            return
        _claimed.append(self)
        run_plan(self.environment, self.host)


class CaplabShape(LoadTestShape):
    """One user per worker; stops once every live worker has run its share, or at the plan's hard limit."""

    users = None

    def tick(self):
        runner = self.runner
        if self.get_run_time() > PLAN["hardLimitS"] + 2 * LEAD_S:
            return None
        if isinstance(runner, MasterRunner):
            if self.users is None:
                self.users = max(1, runner.worker_count)
            _release_groups(runner)
            if _done and len(_done) >= runner.worker_count:
                return None
        else:
            self.users = 1
            if _done:
                return None
        return (self.users, self.users)
`;
