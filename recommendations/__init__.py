"""Recommendations of mission reports and their follow-up across missions."""
