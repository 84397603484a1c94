"""Estimates Pi by throwing random darts at the unit square: pi.py [slices] [--fail].

Prints "Pi is roughly 3.14..." and exits 0. With --fail every task raises on purpose, so the
job and the driver fail with a non-zero exit (for failure tests).
"""

import random
import sys
from operator import add

from pyspark.sql import SparkSession

SAMPLES_PER_SLICE = 100_000


def parse_args(argv):
    slices, fail = 2, False
    for arg in argv:
        if arg == "--fail":
            fail = True
        elif arg.isdigit() and int(arg) >= 1:
            slices = int(arg)
        else:
            sys.exit(f'pi.py: unexpected argument "{arg}"; usage: pi.py [slices] [--fail]')
    return slices, fail


def count_inside(_slice, fail):
    if fail:
        raise RuntimeError("pi.py --fail: failing on purpose")
    rnd = random.Random()
    inside = 0
    for _ in range(SAMPLES_PER_SLICE):
        x, y = rnd.random() * 2 - 1, rnd.random() * 2 - 1
        if x * x + y * y <= 1:
            inside += 1
    return inside


def main(argv):
    slices, fail = parse_args(argv)
    # The application name comes from spark-submit (--name, else the file name).
    spark = SparkSession.builder.getOrCreate()
    try:
        inside = (
            spark.sparkContext.parallelize(range(slices), slices)
            .map(lambda s: count_inside(s, fail))
            .reduce(add)
        )
        print(f"Pi is roughly {4.0 * inside / (slices * SAMPLES_PER_SLICE)}")
    finally:
        spark.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
