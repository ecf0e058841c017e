"""Donor funding: donors, budgets, exchange rates, money movements and their figures."""
