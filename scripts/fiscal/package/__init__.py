"""From checked records to the tidy resources of the data package, and its validation."""
