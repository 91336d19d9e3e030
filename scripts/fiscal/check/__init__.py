"""Checking what was read: the accounting identities of the tables and of the performance forms."""
