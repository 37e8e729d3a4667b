# SPDX-License-Identifier: GPL-3.0-or-later
"""The ctypes binding and the result objects (see __init__.py)."""

import csv
import ctypes
import ctypes.util
import json
import os
import shutil
import subprocess
import tempfile
import time

__all__ = ["EntenteError", "Run", "Sweep", "library", "run", "solve", "sweep", "version"]


class EntenteError(Exception):
    """A scenario or sweep file with errors (the message holds every
    FILE:LINE:COL: error: ... line, as the program prints them), a bad
    parameter change, or a failed write. `messages` lists the lines."""

    def __init__(self, message):
        message = message.rstrip("\n")
        super().__init__(message)
        self.messages = [line for line in message.splitlines() if line]


_lib = None
ENT_RUN_TRACE = 1
ENT_EINPUT = 8          # ent_status (status.h): the input has errors
ENT_RUN_EVENTS = 2


def _candidates():
    env = os.environ.get("ENTENTE_LIB")
    if env:
        yield env
        return
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(os.path.dirname(here)))   # engine/python/entente -> top
    yield os.path.join(root, "build", "libentente.so")
    yield "libentente.so.0"
    found = ctypes.util.find_library("entente")
    if found:
        yield found


def library():
    """The loaded libentente (a ctypes.CDLL), loaded on first use."""
    global _lib
    if _lib is not None:
        return _lib
    errors = []
    for path in _candidates():
        if os.sep in path and not os.path.exists(path):
            errors.append(path + ": no such file")
            continue
        try:
            lib = ctypes.CDLL(path)
            break
        except OSError as e:
            errors.append(str(e))
    else:
        raise EntenteError("cannot load libentente (set ENTENTE_LIB to its path): " + "; ".join(errors))
    c_p, c_char_p, c_size_t, c_int = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int
    u64 = ctypes.c_uint64
    sig = {
        "ent_version": (c_char_p, []),
        "ent_diags_new": (c_p, [c_char_p]),
        "ent_diags_free": (None, [c_p]),
        "ent_diags_format": (c_p, [c_p]),
        "ent_free": (None, [c_p]),
        "ent_scenario_load": (c_p, [c_char_p, c_p]),
        "ent_scenario_free": (None, [c_p]),
        "ent_scenario_set": (c_int, [c_p, c_char_p, c_char_p, c_char_p, c_size_t]),
        "ent_scenario_set_many": (c_int, [c_p, c_size_t, ctypes.POINTER(c_char_p), ctypes.POINTER(c_char_p),
                                          ctypes.POINTER(c_size_t), c_char_p, c_size_t]),
        "ent_scenario_seed": (u64, [c_p]),
        "ent_scenario_set_seed": (None, [c_p, u64]),
        "ent_scenario_set_rounds": (c_int, [c_p, c_int]),
        "ent_run_alloc": (c_p, [c_p, ctypes.c_uint]),
        "ent_run_free": (None, [c_p]),
        "ent_run_exec": (c_int, [c_p, u64, u64, u64]),
        "ent_run_save": (c_int, [c_p, c_char_p, u64, ctypes.c_double,
                                 ctypes.POINTER(c_char_p), c_size_t]),
        "ent_sweep_file": (c_int, [c_char_p, c_char_p, u64, u64, c_int, u64, c_int, ctypes.c_uint,
                                   c_p, c_p]),
        "ent_last_error": (c_char_p, []),
    }
    for name, (res, args) in sig.items():
        f = getattr(lib, name)
        f.restype = res
        f.argtypes = args
    _lib = lib
    return lib


def version():
    """The library's version."""
    return library().ent_version().decode()


def _b(s):
    return os.fsencode(s) if not isinstance(s, bytes) else s


def _diag_text(lib, d):
    p = lib.ent_diags_format(d)
    if not p:
        return "out of memory"
    try:
        return ctypes.string_at(p).decode("utf-8", "replace")
    finally:
        lib.ent_free(p)


def _value(text):
    """A CSV field as a number where it is one; NA is None."""
    if text == "NA":
        return None
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text


def _read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return [{k: _value(v) for k, v in row.items()} for row in csv.DictReader(f)]


def _frame(rows):
    try:
        import pandas
    except ImportError:
        raise ImportError("as_frame=True needs pandas, which is not installed "
                          "(Debian: apt-get install python3-pandas); "
                          "without it the results are lists of dicts") from None
    return pandas.DataFrame.from_records(rows)


def _assignments(set):
    """{path: value} or ["PATH=VALUE", ...] as a list of "PATH=VALUE"."""
    if set is None:
        return []
    if isinstance(set, dict):
        out = []
        for k, v in set.items():
            if isinstance(v, bool):
                v = "true" if v else "false"
            out.append("%s=%s" % (k, v))   # str(): plain text for numpy numbers too
        return out
    if isinstance(set, str):
        return [set]
    return list(set)


class _Result:
    _tables = ()

    def as_frame(self, table):
        """One of the tables as a pandas DataFrame (pandas must be installed)."""
        if table not in self._tables:
            raise ValueError("no table %r (tables: %s)" % (table, ", ".join(self._tables)))
        return _frame(getattr(self, "_" + table))

    def __getattr__(self, name):
        if name in type(self)._tables:
            rows = self.__dict__["_" + name]
            return _frame(rows) if self.__dict__["_as_frame"] else rows
        raise AttributeError(name)


class Run(_Result):
    """One run: .trace (a row per round and agent), .outcomes (a row per
    agent), .events (a row per event), lists of dicts (DataFrames with
    as_frame=True), and .manifest (dict: seed, every resolved parameter ...).
    .folder is where the files are, when kept (out=...)."""

    _tables = ("trace", "outcomes", "events")

    def __init__(self, folder, as_frame, keep):
        self._as_frame = as_frame
        self._trace = _read_csv(os.path.join(folder, "trace.csv"))
        self._outcomes = _read_csv(os.path.join(folder, "outcomes.csv"))
        self._events = _read_csv(os.path.join(folder, "events.csv"))
        with open(os.path.join(folder, "manifest.json"), encoding="utf-8") as f:
            self.manifest = json.load(f)
        self.folder = folder if keep else None

    def __repr__(self):
        return "<entente.Run %s: seed %s, %s rounds, %d agents>" % (
            self.manifest["scenario"]["name"], self.manifest["seed"],
            self.manifest["rounds_played"], len(self._outcomes))


class Sweep(_Result):
    """A sweep: .summary (a row per point and outcome), .runs (a row per run;
    empty if the sweep wrote none), .manifest; DataFrames with as_frame=True."""

    _tables = ("summary", "runs")

    def __init__(self, folder, as_frame, keep):
        self._as_frame = as_frame
        self._summary = _read_csv(os.path.join(folder, "summary.csv"))
        runs = os.path.join(folder, "runs.csv")
        self._runs = _read_csv(runs) if os.path.exists(runs) else []
        with open(os.path.join(folder, "manifest.json"), encoding="utf-8") as f:
            self.manifest = json.load(f)
        self.folder = folder if keep else None

    def __repr__(self):
        return "<entente.Sweep: %d summary rows, %d runs>" % (len(self._summary), len(self._runs))


def _check_frame(as_frame):
    if as_frame:
        _frame([])      # refuse now, clearly, when pandas is missing


def run(path, seed=None, rounds=None, set=None, as_frame=False, out=None):
    """Run scenario `path` once, as `entente run PATH [--seed SEED] [--rounds
    ROUNDS] [--set PATH=VALUE]...` does. `set` is {path: value} or a list of
    "PATH=VALUE". The files are written to a temporary folder and read back
    (or to `out`, which is then replaced as a whole and kept).
    Raises EntenteError with the FILE:LINE:COL messages of a bad scenario."""
    _check_frame(as_frame)
    lib = library()
    sets = _assignments(set)
    d = lib.ent_diags_new(_b(path))
    if not d:
        raise MemoryError()
    s = r = None
    tmp = None
    try:
        s = lib.ent_scenario_load(_b(path), d)
        if not s:
            raise EntenteError(_diag_text(lib, d))
        err = ctypes.create_string_buffer(1024)
        paths, values = [], []
        for a in sets:
            p, eq, v = a.partition("=")
            if not eq or not p:
                raise EntenteError("--set expects PATH=VALUE, got '%s'" % a)
            paths.append(_b(p))
            values.append(_b(v))
        # all at once, as --set: the strategies chosen by name go first
        n = len(paths)
        arr = ctypes.c_char_p * n
        if n and lib.ent_scenario_set_many(s, n, arr(*paths), arr(*values),
                                           None, err, len(err)):
            raise EntenteError("--set: " + err.value.decode("utf-8", "replace"))
        if seed is not None:
            lib.ent_scenario_set_seed(s, int(seed))
        if rounds is not None and lib.ent_scenario_set_rounds(s, int(rounds)):
            raise EntenteError("rounds must be a whole number from 1 to 100000, got %r" % (rounds,))
        use_seed = lib.ent_scenario_seed(s)
        r = lib.ent_run_alloc(s, ENT_RUN_TRACE | ENT_RUN_EVENTS)
        if not r:
            raise MemoryError()
        t0 = time.monotonic()
        lib.ent_run_exec(r, use_seed, 0, 0)
        wall = time.monotonic() - t0
        if out is None:
            tmp = tempfile.mkdtemp(prefix="entente-run-")
            folder = os.path.join(tmp, "run")
        else:
            folder = os.fspath(out)
        arr = (ctypes.c_char_p * max(1, len(sets)))(*[_b(a) for a in sets])
        if lib.ent_run_save(r, _b(folder), use_seed, wall, arr, len(sets)):
            raise EntenteError(lib.ent_last_error().decode("utf-8", "replace"))
        return Run(folder, as_frame, out is not None)
    finally:
        if r:
            lib.ent_run_free(r)
        if s:
            lib.ent_scenario_free(s)
        lib.ent_diags_free(d)
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


def sweep(path, points=None, replicates=None, seed=None, rounds=None, threads=None,
          as_frame=False, out=None):
    """Run the sweep of `path` (a scenario with a `sweep:` section, or a sweep
    file) as `entente sweep PATH --quiet` does, with the options given;
    returns a Sweep. Files go to a temporary folder, or to `out` (kept)."""
    _check_frame(as_frame)
    lib = library()
    d = lib.ent_diags_new(_b(path))
    sd = lib.ent_diags_new(_b(path))
    tmp = None
    try:
        if out is None:
            tmp = tempfile.mkdtemp(prefix="entente-sweep-")
            folder = os.path.join(tmp, "sweep")
        else:
            folder = os.fspath(out)
        rc = lib.ent_sweep_file(_b(path), _b(folder), int(points or 0), int(replicates or 0),
                                1 if seed is not None else 0, int(seed or 0), int(rounds or 0),
                                int(threads or 0), d, sd)
        if rc == ENT_EINPUT:
            raise EntenteError(_diag_text(lib, d) + _diag_text(lib, sd))
        if rc != 0:
            raise EntenteError(lib.ent_last_error().decode("utf-8", "replace"))
        return Sweep(folder, as_frame, out is not None)
    finally:
        lib.ent_diags_free(d)
        lib.ent_diags_free(sd)
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


def _program():
    env = os.environ.get("ENTENTE")
    if env:
        return env
    lib = library()
    beside = os.path.join(os.path.dirname(os.path.realpath(lib._name)), "entente")
    if os.path.isfile(beside) and os.access(beside, os.X_OK):
        return beside
    found = shutil.which("entente")
    if not found:
        raise EntenteError("solve needs the entente program (set ENTENTE to its path)")
    return found


def solve(path, as_frame=False):
    """Closed-form equilibria of `path` (a scenario or a classic game file),
    as `entente solve PATH --format csv` prints them: a list of dicts (a
    DataFrame with as_frame=True). The solvers live in the program, not yet
    in the library: this runs the `entente` program ($ENTENTE, the one
    beside the library, or on PATH)."""
    _check_frame(as_frame)
    p = subprocess.run([_program(), "solve", os.fspath(path), "--format", "csv"],
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise EntenteError(p.stderr)
    rows = [{k: _value(v) for k, v in row.items()} for row in csv.DictReader(p.stdout.splitlines())]
    return _frame(rows) if as_frame else rows
