# SPDX-License-Identifier: GPL-3.0-or-later
"""entente from Python: runs, sweeps and equilibria of alliance scenarios.

A thin layer (ctypes, standard library only) over the shared library
libentente.so. A run's files are written by the library exactly as
`entente run` writes them and read back, so the numbers are the program's::

    import entente
    r = entente.run("scenarios/nato_burden_sharing.yaml", seed=7, set={"allies.DEU.threat": 0.8})
    r.outcomes[1]["final_share"]          # lists of dicts ...
    r.as_frame("trace")                   # ... or pandas DataFrames, when pandas is installed

The library is looked for in $ENTENTE_LIB (a file), beside this package in a
source tree (build/), and then where the system finds libentente.so.0.
"""

from ._core import (EntenteError, Run, Sweep, library, run, solve, sweep,
                    version)

__all__ = ["EntenteError", "Run", "Sweep", "library", "run", "solve", "sweep", "version"]
