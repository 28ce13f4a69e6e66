import { LOAD_SOURCE } from './locustfile-load-source.js';

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
 *
 * This file holds the header, the plan, the master–worker messages and the
 * records; locustfile-load-source.ts the requests, phases and user classes.
 */
const COORDINATION_SOURCE = String.raw`__CAPLAB_HEADER__
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


`;

/** The whole locustfile: the coordination above, then the requests and phases (locustfile-load-source.ts). */
export const LOCUSTFILE_SOURCE = COORDINATION_SOURCE + LOAD_SOURCE;
