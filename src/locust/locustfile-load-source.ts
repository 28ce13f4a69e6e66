/**
 * The second half of the locustfile's Python (see locustfile-source.ts):
 * drawing a request and its service time, sending it at its scheduled time
 * or as a closed client, running each phase, and the CaplabUser and
 * CaplabShape classes Locust starts. It relies on the names the first half
 * defines (PLAN, the records, the group messages).
 */
export const LOAD_SOURCE = String.raw`def _with_service_ms(path, ms):
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
