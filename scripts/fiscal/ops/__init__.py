"""Running the pipeline safely: per-document limits, atomic writes, progress, benchmarks."""
