#!/usr/bin/env python3
"""Median re-lint latency of `artlint server` after a one-character edit.

Usage: bench/server_latency.py ARTLINT_BINARY [ROUNDS]

Builds a ~200 KB article from ../shared/eval/articles/page/*.txt (real scraped
pages, joined by blank lines, in name order: deterministic), opens it, then
ROUNDS times (default 50) inserts one character in a paragraph near the middle
and measures from sending `didChange` to receiving its `publishDiagnostics`
(end to end: framing, JSON, the incremental lint, the conversion of every
finding, this client's JSON parsing). Prints the median and the 90th
percentile in milliseconds, and the median of the server's own lint time
(`ARTLINT_LOG=debug` lines on its stderr).
"""

import glob
import json
import os
import re
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PAGES = os.path.join(HERE, "..", "..", "shared", "eval", "articles", "page", "*.txt")
TARGET_BYTES = 200_000


def article():
    files = sorted(glob.glob(PAGES))
    if not files:
        return None
    text, i = "", 0
    while len(text.encode()) < TARGET_BYTES:
        with open(files[i % len(files)], encoding="utf-8") as f:
            text += f.read().strip() + "\n\n"
        i += 1
    return text


class Client:
    def __init__(self, binary):
        self.proc = subprocess.Popen(
            [binary, "server"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, env=dict(os.environ, ARTLINT_LOG="debug"))
        self.next_id = 0

    def send(self, message):
        body = json.dumps(dict(jsonrpc="2.0", **message)).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def receive(self):
        length = None
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise SystemExit("the server closed its output")
            line = line.strip()
            if not line:
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(self.proc.stdout.read(length))

    def request(self, method, params):
        self.next_id += 1
        self.send(dict(id=self.next_id, method=method, params=params))
        while True:
            message = self.receive()
            if message.get("id") == self.next_id and "method" not in message:
                return message

    def published(self, version):
        while True:
            message = self.receive()
            if (message.get("method") == "textDocument/publishDiagnostics"
                    and message["params"].get("version") == version):
                return message["params"]["diagnostics"]


def session(binary, text, rounds):
    """One server session: open `text`, make `rounds` one-character edits.
    Returns the findings at opening, the latencies (ms), the server's own
    lint times (ms) and the server's CPU time (s, every thread)."""
    client = Client(binary)
    client.request("initialize", dict(processId=None, rootUri=None, capabilities={}))
    client.send(dict(method="initialized", params={}))
    uri = "file:///bench/article.txt"
    client.send(dict(method="textDocument/didOpen", params=dict(textDocument=dict(
        uri=uri, languageId="plaintext", version=1, text=text))))
    found = client.published(1)
    # A position inside a paragraph near the middle (ASCII line start).
    lines = text.split("\n")
    line = next(i for i in range(len(lines) // 2, len(lines)) if len(lines[i]) > 20)
    times = []
    for version in range(2, rounds + 2):
        at = dict(line=line, character=0)
        change = dict(range=dict(start=at, end=at), text="x") if version % 2 == 0 else \
            dict(range=dict(start=at, end=dict(line=line, character=1)), text="")
        start = time.perf_counter()
        client.send(dict(method="textDocument/didChange", params=dict(
            textDocument=dict(uri=uri, version=version), contentChanges=[change])))
        client.published(version)
        times.append((time.perf_counter() - start) * 1000)
    client.request("shutdown", None)
    client.send(dict(method="exit"))
    log = client.proc.stderr.read().decode()
    _, _, usage = os.wait4(client.proc.pid, 0)
    # The server's own figure: the lint, without framing, JSON and this client.
    linted = [float(m) for m in re.findall(r"\) in ([0-9.]+) ms: 1 of", log)]
    return found, times, linted, usage.ru_utime + usage.ru_stime


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    binary, rounds = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 50
    text = article()
    if text is None:
        print("skipped: ../shared/eval/articles/page is not beside the repository")
        return
    _, _, _, base_cpu = session(binary, text, 0)
    found, times, linted, cpu = session(binary, text, rounds)
    times.sort()
    print(f"{len(text.encode()) / 1000:.0f} KB article, {len(found)} findings, {rounds} one-character edits:")
    print(f"re-lint latency median {statistics.median(times):.1f} ms, "
          f"p90 {times[int(len(times) * 0.9) - 1]:.1f} ms (didChange sent to publishDiagnostics read)")
    if linted:
        print(f"server-side lint median {statistics.median(linted):.1f} ms "
              f"({len(linted)} lints that re-linted one paragraph)")
    # CPU time does not grow when other processes compete for the cores.
    print(f"server CPU time per edit {(cpu - base_cpu) / rounds * 1000:.1f} ms "
          f"(all threads; open and start-up subtracted), load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
