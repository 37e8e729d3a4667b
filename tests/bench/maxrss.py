# SPDX-License-Identifier: GPL-3.0-or-later
# Run a command and print its peak resident memory in kB (the largest
# ru_maxrss of the children waited for, from getrusage(RUSAGE_CHILDREN)) and
# its CPU seconds (user + system), as "KB CPU". The command's own output is
# left as it is; its exit status is this script's.
# usage: python3 tests/bench/maxrss.py COMMAND ARG...
import resource
import subprocess
import sys

rc = subprocess.call(sys.argv[1:])
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%d %.3f" % (u.ru_maxrss, u.ru_utime + u.ru_stime))
sys.exit(rc)
