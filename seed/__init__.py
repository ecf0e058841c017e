"""The demo data set and its loader, which goes through the domain services."""
