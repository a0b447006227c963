"""`make bench`: capexwatch's speed and scale, measured against floors in the same run.

Not a test suite: CI only checks that the harness runs (tests/test_bench_smoke.py).
"""
