#!/usr/bin/python3
"""serve_test.py — `riskgan serve` end to end on a random loopback port: every endpoint, the
error cases (each a JSON error with its status, the server serving on), the numbers of the CLI,
reloads under concurrent requests, metrics, the access log, the token, timeouts, many
connections, TLS, and the drain on SIGTERM.

Usage: serve_test.py RISKGAN DATA_DIR WORK_DIR   (standard library only)"""
import csv
import http.client
import io
import json
import os
import re
import resource
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time

RISKGAN, DATA, WORK = sys.argv[1], sys.argv[2], sys.argv[3]
CREDIT = os.path.join(DATA, "german_credit.csv")
TOKEN = "s3cret-token-of-test-0123456789"
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what, flush=True)


def run(*args, expect=0):
    done = subprocess.run([RISKGAN, *args], capture_output=True, text=True, cwd=WORK)
    if done.returncode != expect:
        raise SystemExit(f"riskgan {' '.join(args)} -> {done.returncode}: {done.stderr}")
    return done


class Server:
    """A riskgan serve process; its port read from its first line."""

    def __init__(self, *extra, models=None, tls=None):
        models = models or ["iso=iso.rdet", "card=card.rrisk", "pd=pd.rrisk", "syn=syn.rgan"]
        args = [RISKGAN, "serve", "--listen", "127.0.0.1:0", *sum((["--model", m] for m in models), []), *extra]
        self.log = open(os.path.join(WORK, f"serve-{time.time_ns()}.err"), "w+")
        self.process = subprocess.Popen(args, cwd=WORK, stderr=self.log)
        self.tls = tls
        for _ in range(600):
            self.log.seek(0)
            found = re.search(r"port (\d+)", self.log.read())
            if found:
                self.port = int(found.group(1))
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        self.log.seek(0)
        raise SystemExit("the server did not start: " + self.log.read())

    def connection(self, timeout=60):
        if self.tls:
            return http.client.HTTPSConnection("127.0.0.1", self.port, timeout=timeout, context=self.tls)
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def call(self, method, path, body=None, token=TOKEN, content_type="application/json", connection=None):
        c = connection or self.connection()
        headers = {"Content-Type": content_type} if body is not None else {}
        if token:
            headers["Authorization"] = "Bearer " + token
        if isinstance(body, (dict, list)):
            body = json.dumps(body)
        c.request(method, path, body=body, headers=headers)
        response = c.getresponse()
        data = response.read()
        if not connection:
            c.close()
        return response.status, data, response

    def json(self, method, path, body=None, **kw):
        status, data, _ = self.call(method, path, body, **kw)
        return status, json.loads(data)

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=60)


def credit_rows():
    with open(CREDIT) as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        del r["default"]
    return rows


def as_record(row, **extra):
    record = {k: (int(v) if re.fullmatch(r"-?\d+", v) else v) for k, v in row.items()}
    record.update(extra)
    return record


def prepare_models():
    run("detect", "fit", CREDIT, "--method", "iforest", "--exclude", "default", "-o", "iso.rdet")
    run("detect", "fit", CREDIT, "--method", "iforest", "--exclude", "default", "--seed", "7", "-o", "iso7.rdet")
    run("risk", "fit", CREDIT, "--target", "default", "--algo", "scorecard", "-o", "card.rrisk")
    run("risk", "fit", CREDIT, "--target", "default", "--algo", "xgboost", "-o", "pd.rrisk")
    run("fit", CREDIT, "--epochs", "1", "--batch-size", "100", "--quiet", "-o", "syn.rgan")
    rows = credit_rows()
    with open(os.path.join(WORK, "score.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows[:60])
    run("detect", "score", "iso.rdet", "score.csv", "--explain", "3", "-o", "iso_cli.csv")
    run("risk", "score", "card.rrisk", "score.csv", "--reasons", "3", "-o", "card_cli.csv")
    run("risk", "score", "pd.rrisk", "score.csv", "-o", "pd_cli.csv")
    return rows


def read_csv(name):
    with open(os.path.join(WORK, name)) as f:
        return list(csv.DictReader(f))


def same_numbers_as_the_cli(server, rows):
    iso = read_csv("iso_cli.csv")
    status, single = server.json("POST", "/v1/models/iso/score", as_record(rows[0], id="tx-0"))
    check(status == 200 and single["id"] == "tx-0", f"one record scored: {status} {single}")
    check(single["score"] == float(iso[0]["score"]), "one record: the CLI's score, to the last digit")
    check(single["alert"] == (iso[0]["flag"] == "1"), "one record: the CLI's flag")
    check([r["column"] for r in single["reasons"]] == [iso[0][f"reason_{k}"] for k in (1, 2, 3)],
          "one record: the CLI's reasons")
    status, batch = server.json("POST", "/v1/models/iso/score", [as_record(r, id=i) for i, r in enumerate(rows[:60])])
    check(status == 200 and [x["id"] for x in batch["results"]] == list(range(60)), "a batch keeps ids and order")
    check(all(x["score"] == float(c["score"]) for x, c in zip(batch["results"], iso)), "a batch: the CLI's scores")
    with open(os.path.join(WORK, "score.csv")) as f:
        status, data, _ = server.call("POST", "/v1/models/card/score", f.read(), content_type="text/csv")
    card, cli = json.loads(data)["results"], read_csv("card_cli.csv")
    check(status == 200 and len(card) == 60, f"a CSV batch to the scorecard: {status}")
    check(all(f"{x['probability']:.6f}" == c["probability"] and f"{x['points']:.1f}" == c["score"]
              for x, c in zip(card, cli)), "the scorecard: the CLI's probabilities and points")
    check(all(x["reasons"] == [c[f"reason_{k}"] for k in (1, 2, 3) if c[f"reason_{k}"]] for x, c in zip(card, cli)),
          "the scorecard: the CLI's reason codes")
    status, pd = server.json("POST", "/v1/models/pd/score", [as_record(r) for r in rows[:60]])
    check(all(f"{x['probability']:.6f}" == c["probability"] for x, c in zip(pd["results"], read_csv("pd_cli.csv"))),
          "XGBoost: the CLI's probabilities")


def assert_error(server, status_wanted, words, method, path, body=None, **kw):
    status, data, _ = server.call(method, path, body, **kw)
    try:
        error = json.loads(data)["error"]
        ok = status == status_wanted and error["status"] == status_wanted and words in error["message"]
    except (ValueError, KeyError):
        ok, error = False, data
    check(ok, f"{method} {path} {str(body)[:60]!r}: wanted {status_wanted} '{words}', got {status} {error}")
    check(server.call("GET", "/healthz")[0] == 200, "serving on after " + words)


def hostile_input(server, rows):
    record = as_record(rows[1])
    score = "/v1/models/iso/score"
    assert_error(server, 400, "not valid JSON", "POST", score, '{"age": 3,')
    assert_error(server, 400, "not valid JSON", "POST", score, '{"age": NaN}')
    missing = dict(record)
    del missing["age"]
    assert_error(server, 422, "field 'age' is missing", "POST", score, missing)
    assert_error(server, 422, "unknown field 'colour'", "POST", score, dict(record, colour="red"))
    assert_error(server, 422, "not true/false", "POST", score, dict(record, age=True))
    assert_error(server, 422, "not an object", "POST", score, dict(record, age={"years": 3}))
    assert_error(server, 422, "too large for a double", "POST", score, re.sub(r'"age": \d+', '"age": 1e999', json.dumps(record)))
    assert_error(server, 422, "age", "POST", score, dict(record, age="old"))
    assert_error(server, 413, "larger than", "POST", score, json.dumps([record] * 800))
    assert_error(server, 413, "the limit is 500", "POST", score, [record] * 501)
    assert_error(server, 415, "Content-Type text/plain", "POST", score, "{}", content_type="text/plain")
    assert_error(server, 404, "no model named 'nope'", "POST", "/v1/models/nope/score", record)
    assert_error(server, 404, "no such path", "GET", "/v2/anything")
    assert_error(server, 405, "use POST", "GET", score)
    assert_error(server, 400, "it does not score", "POST", "/v1/models/syn/score", record)
    assert_error(server, 400, "it does not sample", "POST", "/v1/models/iso/sample?n=3")
    assert_error(server, 400, "n: give the number of rows", "POST", "/v1/models/syn/sample?n=0")
    assert_error(server, 400, "n: give the number of rows", "POST", "/v1/models/syn/sample?n=99999999999")
    assert_error(server, 400, "where=", "POST", "/v1/models/syn/sample?n=3&where=nonsense")
    assert_error(server, 400, "housing", "POST", "/v1/models/syn/sample?n=3&where=housing%3Dcastle")
    assert_error(server, 401, "Bearer", "GET", "/v1/models", token=None)
    assert_error(server, 401, "Bearer", "GET", "/v1/models", token="wrong-token-wrong-token-wrong-00")
    status, data, response = server.call("GET", "/metrics", token=None)
    check(status == 401 and response.getheader("WWW-Authenticate") == "Bearer", "401 says how to authenticate")
    unseen = server.json("POST", score, dict(record, purpose="spaceship", age="NaN"))
    check(unseen[0] == 200 and unseen[1]["score"] > 0, "an unseen category and a missing value are scored")
    check(server.call("GET", "/healthz", token=None)[0] == 200, "/healthz needs no token")


def listing_and_sampling(server):
    status, listing = server.json("GET", "/v1/models")
    kinds = {m["name"]: m["kind"] for m in listing["models"]}
    check(kinds == {"iso": "detector", "card": "scorecard", "pd": "risk model", "syn": "synthesizer"}, str(kinds))
    iso = next(m for m in listing["models"] if m["name"] == "iso")
    check(len(iso["columns"]) == 20 and re.fullmatch(r"[0-9a-f]{16}", iso["version"]) and iso["threshold"] > 0,
          "a detector's columns, version and threshold")
    check({"name": "age", "type": "integer"} in iso["columns"], "columns carry their types")
    status, one = server.json("GET", "/v1/models/card")
    check(status == 200 and one["target"] == "default", "one model by name")
    status, data, response = server.call("POST", "/v1/models/syn/sample?n=70000&seed=5")
    run("sample", "syn.rgan", "-n", "70000", "--seed", "5", "--threads", "2", "-o", "cli_sample.csv")
    with open(os.path.join(WORK, "cli_sample.csv"), "rb") as f:
        check(status == 200 and data == f.read(), "a sample over HTTP (one thread a request) is the CLI's on 2 threads, byte for byte (two chunks)")
    check(response.getheader("Content-Type") == "text/csv", "a CSV sample says so")
    status, data, _ = server.call("POST", "/v1/models/syn/sample?n=25&seed=2&format=jsonl&where=housing%3Drent")
    lines = [json.loads(line) for line in data.decode().splitlines()]
    check(status == 200 and len(lines) == 25 and all(x["housing"] == "rent" for x in lines), "JSON lines with where")
    check(all(isinstance(x["age"], int) for x in lines), "JSON lines keep numbers as numbers")


def reload_under_load(server, rows):
    record = as_record(rows[2])
    stop, outcomes = threading.Event(), []

    def hammer():
        c = server.connection()
        while not stop.is_set():
            try:
                outcomes.append(server.call("POST", "/v1/models/iso/score", record, connection=c)[0])
            except (OSError, http.client.HTTPException) as e:
                outcomes.append(repr(e))
                c = server.connection()
    workers = [threading.Thread(target=hammer) for _ in range(4)]
    for w in workers:
        w.start()
    versions = set()
    for i in range(6):
        shutil.copy(os.path.join(WORK, "iso7.rdet" if i % 2 == 0 else "iso.rdet"), os.path.join(WORK, "iso.tmp"))
        os.replace(os.path.join(WORK, "iso.tmp"), os.path.join(WORK, "live.rdet"))
        if i % 3 == 2:
            server.process.send_signal(signal.SIGHUP)
            time.sleep(0.3)
        else:
            status, report = server.json("POST", "/v1/admin/reload")
            check(status == 200 and all(m["reloaded"] for m in report["models"]), f"reload: {report}")
        versions.add(server.json("GET", "/v1/models/iso")[1]["version"])
        time.sleep(0.2)
    stop.set()
    for w in workers:
        w.join()
    check(len(outcomes) > 100 and all(o == 200 for o in outcomes),
          f"no request lost during reloads: {len(outcomes)} requests, not 200: {[o for o in outcomes if o != 200][:5]}")
    check(len(versions) == 2, f"reloads switch versions: {versions}")
    with open(os.path.join(WORK, "live.rdet"), "wb") as f:
        f.write(b"RGDETEC\x1a this is not a detector")
    status, report = server.json("POST", "/v1/admin/reload")
    iso = next(m for m in report["models"] if m["name"] == "iso")
    check(status == 500 and not iso["reloaded"] and "kept as it was" in iso["error"], f"a failed reload: {iso}")
    check(server.json("POST", "/v1/models/iso/score", record)[0] == 200, "the old model serves after a failed reload")


def metrics(server, before):
    status, data, _ = server.call("GET", "/metrics")
    text = data.decode()

    def value(name):
        found = re.search("^" + re.escape(name) + r" (\d+(?:\.\d+)?)$", text, re.M)
        return float(found.group(1)) if found else 0.0
    check(status == 200 and "# TYPE riskgan_request_duration_seconds histogram" in text, "metrics in Prometheus text")
    ok = value('riskgan_requests_total{model="iso",code="200"}')
    check(ok >= before["iso_ok"] and ok == value('riskgan_request_duration_seconds_count{model="iso"}') -
          value('riskgan_requests_total{model="iso",code="400"}') - value('riskgan_requests_total{model="iso",code="422"}')
          - value('riskgan_requests_total{model="iso",code="413"}') - value('riskgan_requests_total{model="iso",code="415"}')
          - value('riskgan_requests_total{model="iso",code="405"}'), "request counts add up")
    check(value('riskgan_requests_total{model="iso",code="422"}') >= 6, "422s counted")
    check(value('riskgan_rows_scored_total{model="card"}') == 60, "rows scored counted (60 for the scorecard)")
    check(value('riskgan_rows_sampled_total{model="syn"}') == 70025, "rows sampled counted")
    check(value('riskgan_model_reloads_total{result="failed"}') == 1, "a failed reload counted")
    check(value('riskgan_model_reloads_total{result="ok"}') >= 4 * 4, "reloads counted")


def access_log():
    with open(os.path.join(WORK, "access.jsonl")) as f:
        lines = [json.loads(line) for line in f]
    check(len(lines) > 100 and {"time", "client", "method", "path", "status", "ms"} <= set(lines[0]), "access log lines")
    check(any(x["status"] == 422 and x.get("model") == "iso" for x in lines), "the access log holds errors by model")


def timeouts_and_connections(server):
    idle = socket.create_connection(("127.0.0.1", server.port))
    idle.sendall(b"POST /v1/models/iso/score HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")
    idle.settimeout(10)
    started = time.time()
    try:
        closed = idle.recv(1000) == b""
    except (ConnectionResetError, socket.timeout):
        closed = True
    check(closed and time.time() - started < 8, "a stalled body is closed after the timeout")
    idle.close()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 4096), hard))
    crowd = []
    for _ in range(1500):
        try:
            crowd.append(socket.create_connection(("127.0.0.1", server.port), timeout=2))
        except OSError:
            break
    time.sleep(0.5)
    check(len(crowd) >= 300, f"{len(crowd)} connections opened")
    for s in crowd:
        s.close()
    time.sleep(0.5)
    check(server.call("GET", "/healthz")[0] == 200, "serving after 1,500 connections at once (limit 300)")


def drain_on_sigterm(server):
    """A long sample in flight when SIGTERM comes: it ends whole, then the process exits 0."""
    c = server.connection()
    c.request("POST", "/v1/models/syn/sample?n=300000&seed=1", headers={"Authorization": "Bearer " + TOKEN})
    response = c.getresponse()
    first = response.read(1000)
    server.process.send_signal(signal.SIGTERM)
    time.sleep(0.3)
    try:
        socket.create_connection(("127.0.0.1", server.port), timeout=1).close()
        refused = False
    except OSError:
        refused = True
    rest = response.read()
    check(refused, "no new connection once draining")
    check((first + rest).count(b"\n") == 300001, "the request in flight finished whole")
    check(server.process.wait(timeout=60) == 0, "exit 0 after the drain")


def tls():
    if not shutil.which("openssl"):
        print("skip TLS: no openssl")
        return
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out",
                    "cert.pem", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   cwd=WORK, check=True, capture_output=True)
    context = ssl.create_default_context(cafile=os.path.join(WORK, "cert.pem"))
    server = Server("--tls-cert", "cert.pem", "--tls-key", "key.pem", models=["iso=iso.rdet"], tls=context)
    check(server.call("GET", "/healthz")[0] == 200, "HTTPS with the certificate")
    check(server.stop() == 0, "HTTPS server stops cleanly")


def usage_errors():
    check(run("serve", expect=2).stderr.count("--model") > 0, "serve without a model is a usage error")
    out = run("serve", "--model", "x=missing.rdet", "--listen", "127.0.0.1:0", expect=1).stderr
    check("missing.rdet" in out, f"a model that does not load is named: {out}")
    out = run("serve", "--model", "x=iso.rdet", "--model", "x=card.rrisk", expect=2).stderr
    check("given twice" in out, "a name given twice")
    out = run("serve", "--model", "x=iso.rdet", "--listen", "nowhere.invalid:80", expect=2).stderr
    check("--listen" in out, f"a bad address: {out}")


def main():
    os.makedirs(WORK, exist_ok=True)
    rows = prepare_models()
    shutil.copy(os.path.join(WORK, "iso.rdet"), os.path.join(WORK, "live.rdet"))
    with open(os.path.join(WORK, "token"), "w") as f:
        f.write(TOKEN + "\n")
    if os.path.exists(os.path.join(WORK, "access.jsonl")):
        os.remove(os.path.join(WORK, "access.jsonl"))
    usage_errors()
    server = Server("--token-file", "token", "--access-log", "access.jsonl", "--max-body", "300000", "--max-batch",
                    "500", "--timeout", "3", "--max-connections", "300",
                    models=["iso=live.rdet", "card=card.rrisk", "pd=pd.rrisk", "syn=syn.rgan"])
    try:
        same_numbers_as_the_cli(server, rows)
        hostile_input(server, rows)
        listing_and_sampling(server)
        reload_under_load(server, rows)
        metrics(server, {"iso_ok": 100})
        access_log()
        timeouts_and_connections(server)
        drain_on_sigterm(server)
    finally:
        if server.process.poll() is None:
            server.process.kill()
    for _ in range(3):  # more request threads widen any race between the drain and the threads
        drain_on_sigterm(Server("--threads", "8", "--token-file", "token", models=["syn=syn.rgan"]))
    tls()
    print(f"{len(failures)} failures")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
