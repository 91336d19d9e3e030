"""Turn Chinese government budget and final-account disclosures into validated tables."""

__version__ = "0.1.0"
