"""A donor's funding statement for a period.

``gather`` reads the funding domain into the frozen value (``value``), ``render`` prints it.
"""
