"""PMDesk benchmarks (`python -m benchmarks`): see benchmarks/README.md.

Kept empty on purpose: the child processes (`python -m benchmarks.startup_child` ...) import
this package first, and whatever it imported would count in their start-up and memory.
The list of benchmarks lives in benchmarks/__main__.py.
"""
