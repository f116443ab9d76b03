"""A real Varnish for the scale-out tests: Debian's varnishd on a free loopback port, running the Hub's own
deploy/varnish/default.vcl in front of the given app servers. Shared by the tests, not a test module."""

import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.servers import ROOT, free_port

VCL = ROOT / "deploy" / "varnish" / "default.vcl"

# The deployment's backends.vcl with the test's servers in it; the ACL is the shipped one (loopback's own
# address only), so a request from another loopback address (127.0.0.2) is a stranger.
BACKENDS = """
{backends}

sub vcl_init {{
    new app = directors.round_robin();
{members}
}}

acl purgers {{
    "127.0.0.1";
    "::1";
}}
"""

BACKEND = """
backend app{index} {{
    .host = "127.0.0.1";
    .port = "{port}";
    .probe = {{
        .url = "/healthz";
        .interval = 1s;
        .timeout = 2s;
        .window = 3;
        .threshold = 2;
    }}
}}
"""


def varnishd():
    """The path of varnishd; fails (never skips) with what to do when it is missing."""
    path = shutil.which("varnishd") or (Path("/usr/sbin/varnishd") if Path("/usr/sbin/varnishd").exists() else None)
    if path is None:
        raise AssertionError("varnishd is missing: run `bash scripts/ensure-varnish` (apt-get install varnish)")
    return str(path)


class Varnish:
    """One varnishd in the foreground, in front of ``ports`` (app servers on 127.0.0.1), at ``self.url``, on
    ``port`` (chosen beforehand when the app servers must know it)."""

    def __init__(self, workdir, ports, port=None):
        workdir = Path(workdir)
        workdir.mkdir(parents=True, exist_ok=True)
        (workdir / "backends.vcl").write_text(
            BACKENDS.format(
                backends="".join(BACKEND.format(index=index, port=port) for index, port in enumerate(ports, 1)),
                members="".join(f"    app.add_backend(app{index});\n" for index in range(1, len(ports) + 1)),
            ),
            encoding="utf-8",
        )
        self.port = port or free_port()
        self.host = f"127.0.0.1:{self.port}"
        self.url = f"http://{self.host}"
        # -F: in the foreground, so that stopping the process stops Varnish. -j none: no privilege separation,
        # so the work directory under the test's temporary path needs no permissions for Varnish's own users.
        # vcl_path: the test's backends.vcl, included by the shipped default.vcl.
        command = [varnishd(), "-F", "-j", "none", "-a", self.host, "-T", f"127.0.0.1:{free_port()}"]
        command += ["-n", str(workdir / "state"), "-f", str(VCL), "-p", f"vcl_path={workdir}", "-s", "malloc,64m"]
        self.process = subprocess.Popen(  # noqa: S603
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
        self._wait()

    def _wait(self, seconds=60):
        # Ready when a request through Varnish reaches a healthy app server (the probes have passed).
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"varnishd exited: {self.process.stdout.read().decode()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=5) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.3)
        raise AssertionError(f"Varnish on port {self.port} did not reach a healthy app server within {seconds} s")

    def stop(self):
        """Stop varnishd and wait for it."""
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=20)
