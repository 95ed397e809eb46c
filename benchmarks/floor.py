"""The floor: read and parse every .yml under a folder with libyaml, and do nothing else.

    python benchmarks/floor.py RECORDS_DIR
"""

import os
import sys

import yaml

count = 0
for folder, _, names in os.walk(sys.argv[1]):
    for name in names:
        if name.endswith(".yml"):
            with open(os.path.join(folder, name), "rb") as handle:
                yaml.load(handle.read().decode("utf-8"), Loader=yaml.CSafeLoader)
            count += 1
print(count)
