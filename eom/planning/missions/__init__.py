"""Missions: their electoral process, lifecycle, agreements and timeline."""
