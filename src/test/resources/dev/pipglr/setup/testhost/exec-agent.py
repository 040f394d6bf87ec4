# Runs commands inside a test host for the tests, one request per line on stdin, one answer per line on stdout.
# Started once per session with `podman exec -i --user root HOST python3 -c SOURCE` (ExecAgent.java): each
# command then costs a fork here instead of a podman CLI, conmon, runc exec and a cleanup podman on the host.
# A command runs as `podman exec --user USER` would run it: the container's environment with the user's HOME
# and the request's variables on top, the user's groups, working directory /, a session of its own.
#
# request: {"user": "alice", "env": {...}, "argv": [...], "stdin": base64, "timeout": seconds}
# answer:  {"exit": N, "stdout": base64, "stderr": base64, "timedOut": bool}
import base64
import json
import os
import pwd
import signal
import subprocess
import sys


def as_user(entry):
    def drop():
        os.setgid(entry.pw_gid)
        os.initgroups(entry.pw_name, entry.pw_gid)
        os.setuid(entry.pw_uid)
    return drop


def run(request):
    entry = pwd.getpwnam(request["user"])
    env = dict(os.environ)
    env["HOME"] = entry.pw_dir
    env.update(request.get("env", {}))
    stdin = base64.b64decode(request.get("stdin", ""))
    try:
        process = subprocess.Popen(
            request["argv"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
            cwd="/", preexec_fn=None if entry.pw_uid == 0 else as_user(entry), start_new_session=True)
    except FileNotFoundError:
        return {"exit": 127, "stdout": "", "timedOut": False, "stderr": base64.b64encode(
            ("%s: executable file not found in $PATH: No such file or directory\n" % request["argv"][0]).encode()
        ).decode()}
    except PermissionError:
        return {"exit": 126, "stdout": "", "timedOut": False, "stderr": base64.b64encode(
            ("%s: permission denied\n" % request["argv"][0]).encode()).decode()}
    timed_out = False
    try:
        out, err = process.communicate(stdin, timeout=request.get("timeout", 60))
    except subprocess.TimeoutExpired:
        timed_out = True
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, err = process.communicate()
    return {"exit": process.returncode, "timedOut": timed_out,
            "stdout": base64.b64encode(out).decode(), "stderr": base64.b64encode(err).decode()}


for line in sys.stdin:
    try:
        answer = run(json.loads(line))
    except Exception as e:  # the session stays usable; the test sees why
        answer = {"exit": 125, "stdout": "", "timedOut": False,
                  "stderr": base64.b64encode(("exec agent: %r\n" % e).encode()).decode()}
    sys.stdout.write(json.dumps(answer) + "\n")
    sys.stdout.flush()
