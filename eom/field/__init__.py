"""Field reporting: polling places, checklist forms, submissions, incidents, statistics."""
