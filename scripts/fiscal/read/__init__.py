"""Reading a source document: open it, read its cover, locate its tables and forms,
and interpret their cells into records."""
