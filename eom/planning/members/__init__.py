"""Mission members: an observer's place in one mission, its role and its status."""
