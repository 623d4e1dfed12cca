"""Benchmarks for ijbdocs: a synthetic corpus generator and a script that measures builds."""
