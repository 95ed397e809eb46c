"""Benchmarks and the synthetic records generator (``benchmarks.synth``); run from the repository root."""
