"""What test modules share: helpers, harnesses and example worlds, never tests.

Test modules import from here (and from ``tests.factories``), never from one another;
the benchmarks in ``bench`` may import from here too, nothing here imports ``bench``."""
