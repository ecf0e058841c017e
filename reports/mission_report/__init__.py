"""The mission report: findings, statistics and recommendations of one mission.

``gather`` reads the domains into the frozen value (``value``), ``render`` prints it.
"""
