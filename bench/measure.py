"""Run a command and print its CPU seconds and peak RSS as JSON: `make bench`'s meter.

    python bench/measure.py COMMAND...

The command is forked from this small process, not from the bench: on Linux a child's peak
RSS (``ru_maxrss``) starts at its parent's resident size at the fork, so measured from the
bench (which holds the corpora it built) every peak would read at least the bench's size.
"""

import json
import os
import sys
import time

started = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
print(json.dumps({"code": os.waitstatus_to_exitcode(status), "cpu": usage.ru_utime + usage.ru_stime,
                  "rss_mib": usage.ru_maxrss / 1024, "wall": time.perf_counter() - started}))
