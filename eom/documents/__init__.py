"""Mission documents: statements, reports, their sections, versions and deliveries."""
