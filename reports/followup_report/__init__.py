"""The follow-up of one country's recommendations, mission after mission.

``gather`` reads the recommendation domain into the frozen value (``value``), ``render``
prints it.
"""
